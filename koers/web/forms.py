"""What every staff form shares: the NL Design System classes, date fields, service errors.

Forms only parse input; the services decide what is allowed. Each page area keeps its own forms
(koers.web.today.forms, koers.web.youths.*).
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone

_CLASSES = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.RadioSelect, "utrecht-radio-button utrecht-radio-button--html-input"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.HiddenInput, ""),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


class KoersForm(forms.Form):
    """Gives every widget the NL Design System (Utrecht) classes, and runs the services' checks of
    single fields with the form's own, so a refused form shows every error in one round.

    `service_checks` maps a field to the service's check of that value (it raises ValidationError).
    The service runs the same check again when it writes: the rule stays in the service, the form
    only brings its message forward (otherwise the age limit shows only after the e-mail is fixed).
    """

    service_checks: dict[str, Callable] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_class, css in _CLASSES:
                if isinstance(field.widget, widget_class):
                    if css:
                        field.widget.attrs.setdefault("class", css)
                    break

    def _clean_fields(self):
        super()._clean_fields()
        for name, check in self.service_checks.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            try:
                check(value)
            except ValidationError as error:
                self.add_error(name, error.messages)


def date_field(label, *, required: bool = True, today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=timezone.localdate if today else None,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class IdsField(forms.MultipleChoiceField):
    """Ticked rows by id. The choices only draw the boxes: which ids may be chosen is the
    service's rule (the method version of now, consent on the contact's date), so a form never
    refuses with Django's "invalid choice" what the API accepts, and the service's message shows
    at the field."""

    def to_python(self, value):
        return [int(item) for item in super().to_python(value) if str(item).isdigit() and int(item) > 0]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


def attach_service_errors(form: forms.Form, error: ValidationError, aliases: dict | None = None) -> None:
    """Show a service's ValidationError on the form: at the field it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, texts in error.message_dict.items():
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, texts)


def button_write(request, write: Callable[[], object], *, success: str, location: str) -> HttpResponseRedirect:
    """A one-button write (tick off, resolve, revoke): run it, say how it went, go back. A refusal
    of the service is shown as an error message on the page the user returns to."""
    try:
        write()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(location)

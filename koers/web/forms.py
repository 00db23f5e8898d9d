"""Small forms for the staff pages. They only parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Role, User
from koers.agenda.labels import DUE_KIND_CHOICES
from koers.contacts.models import AgreementOwner, Channel, Participant, Purpose
from koers.contacts.services import AGREEMENTS_MAX
from koers.method.models import WorkingElement
from koers.trajectories.models import (
    ClosingReason,
    Destination,
    MilestoneKind,
    Phase,
    Route,
    Source,
    TargetGroup,
)
from koers.web.selectors import SCOPE_ORGANISATION, SCOPE_TEAM, consultants_of

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
    """Gives every widget the NL Design System (Utrecht) classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_class, css in _CLASSES:
                if isinstance(field.widget, widget_class):
                    if css:
                        field.widget.attrs.setdefault("class", css)
                    break


def date_field(label, *, required: bool = True, today: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        initial=timezone.localdate if today else None,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def attach_service_errors(form: forms.Form, error: ValidationError, aliases: dict | None = None) -> None:
    """Show a service's ValidationError on the form: at the field it names, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        name = (aliases or {}).get(name, name)
        form.add_error(name if name in form.fields else None, messages)


# Vandaag


class TodayFilterForm(KoersForm):
    view = forms.ChoiceField(
        choices=[("agenda", _("Te doen")), ("caseload", _("Caseload"))],
        required=False,
        widget=forms.HiddenInput,
    )
    phase = forms.ChoiceField(label=_("Fase"), required=False)
    kind = forms.ChoiceField(label=_("Soort"), required=False)
    period = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        choices=[("soon", _("Te laat en de komende 14 dagen")), ("all", _("Alles"))],
    )
    consultant = forms.ChoiceField(label=_("Van wie"), required=False)

    def __init__(self, *args, user: User, consultants: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Alle fasen")), *Phase.choices]
        self.fields["kind"].choices = [("", _("Alle soorten")), *DUE_KIND_CHOICES]
        if user.role == Role.TEAM_LEAD:
            scopes = [(SCOPE_TEAM, _("Heel het team"))] if user.team_id else []
            scopes.append((SCOPE_ORGANISATION, _("Hele organisatie")))
            self.fields["consultant"].choices = [*scopes, *((str(pk), name) for pk, name in consultants)]
        else:
            del self.fields["consultant"]


# The contact form


class ContactForm(KoersForm):
    date = date_field(_("Datum"), today=True)
    channel = forms.ChoiceField(
        label=_("Hoe was het contact?"),
        choices=Channel.choices,
        initial=Channel.OFFICE,
        widget=forms.RadioSelect,
    )
    purpose = forms.ChoiceField(label=_("Doel"), choices=Purpose.choices, initial=Purpose.STATUS_CHECK)
    participants = forms.MultipleChoiceField(
        label=_("Wie waren erbij?"),
        choices=Participant.choices,
        initial=[Participant.YOUTH],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies wie erbij waren.")},
    )
    interventions = forms.MultipleChoiceField(
        label=_("Wat heeft u gedaan?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evaluation_question_asked = forms.BooleanField(
        label=_("Ik heb gevraagd wat de jongere aan het gesprek had"),
        required=False,
    )
    notes = forms.CharField(
        label=_("Notities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Schrijf alleen op wat nodig is voor de begeleiding."),
    )

    def __init__(self, *args, elements: list[WorkingElement], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interventions"].choices = [(e.code, e.name) for e in elements]
        self._themes = {e.code: e.theme for e in elements}

    def intervention_groups(self) -> list[tuple[str, list]]:
        """The intervention checkboxes per working-element theme, in the taxonomy's order."""
        groups: dict[int, tuple[str, list]] = {}
        for checkbox in self["interventions"]:
            theme = self._themes[checkbox.data["value"]]
            groups.setdefault(theme.pk, (theme.name, []))[1].append(checkbox)
        return list(groups.values())


class AgreementForm(KoersForm):
    owner = forms.ChoiceField(label=_("Voor wie"), choices=AgreementOwner.choices, initial=AgreementOwner.YOUTH)
    description = forms.CharField(label=_("Afspraak"), max_length=300, required=False)
    due_on = date_field(_("Uiterlijk op"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("description") or "").strip() and cleaned.get("due_on"):
            self.add_error("description", _("Beschrijf de afspraak, of maak de datum leeg."))
        return cleaned

    @property
    def is_filled(self) -> bool:
        return bool(self.is_bound and self.cleaned_data.get("description", "").strip())


# Three empty rows on the page; the service's limit (AGREEMENTS_MAX) holds for pages and API alike.
AgreementFormSet = forms.formset_factory(AgreementForm, extra=3, max_num=AGREEMENTS_MAX, validate_max=True)
AGREEMENTS_PREFIX = "agreements"


# Milestones and trajectories

EXTRA_FIELDS = {
    MilestoneKind.REGISTRATION: ("source", _("Hoe kwam de melding binnen?"), Source.choices),
    MilestoneKind.PLAN_CONVERSATION: ("route", _("Route"), Route.choices),
    MilestoneKind.OUTFLOW: ("destination", _("Uitstroom naar"), Destination.choices),
    MilestoneKind.CLOSED: ("reason", _("Reden van afsluiten"), ClosingReason.choices),
}


class MilestoneForm(KoersForm):
    date = date_field(_("Datum"), today=True)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind in EXTRA_FIELDS:
            name, label, choices = EXTRA_FIELDS[kind]
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
            )
            self.order_fields(["date", name, "note"])

    @property
    def extra_values(self) -> dict[str, str]:
        if self.kind in EXTRA_FIELDS:
            name = EXTRA_FIELDS[self.kind][0]
            return {name: self.cleaned_data[name]}
        return {}


class WithdrawForm(KoersForm):
    note = forms.CharField(
        label=_("Waarom trekt u dit in?"),
        max_length=300,
        error_messages={"required": _("Schrijf kort op waarom u dit intrekt.")},
    )


class TrajectoryForm(KoersForm):
    registered_on = date_field(_("Datum van de melding"), today=True)
    source = forms.ChoiceField(label=_("Hoe kwam de melding binnen?"), choices=Source.choices)


class AppointmentForm(KoersForm):
    date = date_field(_("Datum"))
    time = forms.TimeField(
        label=_("Tijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    channel = forms.ChoiceField(label=_("Hoe"), choices=Channel.choices, initial=Channel.OFFICE)
    description = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class HandOverForm(KoersForm):
    consultant = ConsultantChoiceField(
        label=_("Nieuwe consulent"),
        queryset=User.objects.none(),
        empty_label=_("Kies een consulent"),
    )

    def __init__(self, *args, organisation_id: int, current_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultant"].queryset = (
            User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
            .exclude(pk=current_id)
            .order_by("first_name", "last_name", "username")
        )


# Registering a new youth


class YouthNewForm(KoersForm):
    first_name = forms.CharField(
        label=_("Voornaam"), max_length=100, error_messages={"required": _("Vul de voornaam in.")}
    )
    last_name = forms.CharField(
        label=_("Achternaam"), max_length=150, error_messages={"required": _("Vul de achternaam in.")}
    )
    birth_date = date_field(_("Geboortedatum"))
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)
    has_start_qualification = forms.TypedChoiceField(
        label=_("Heeft de jongere een startkwalificatie?"),
        help_text=_("Dat is een diploma van havo, vwo, of mbo niveau 2 of hoger."),
        choices=[("yes", _("Ja")), ("no", _("Nee"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepkenmerken"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consultant = forms.TypedChoiceField(label=_("Consulent"), coerce=int)
    registered_on = date_field(_("Datum van de melding"), today=True)
    source = forms.ChoiceField(
        label=_("Hoe kwam de melding binnen?"),
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de melding binnenkwam.")},
    )

    confirm_duplicate = forms.BooleanField(
        label=_("Dit is een andere jongere met dezelfde naam en geboortedatum. Toch aanmelden."),
        required=False,
    )

    YOUTH_FIELDS = (
        "first_name",
        "last_name",
        "birth_date",
        "email",
        "phone",
        "has_start_qualification",
        "target_groups",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].error_messages["required"] = _("Vul de geboortedatum in.")
        self.organisation_id = user.organisation_id
        choices = consultants_of(organisation_id=user.organisation_id)
        if user.role == Role.CONSULTANT:
            self.fields["consultant"].initial = user.pk
        else:
            choices = [("", _("Kies een consulent")), *choices]
        self.fields["consultant"].choices = choices
        self.fields["consultant"].error_messages.update(
            required=_("Kies de consulent die de jongere gaat begeleiden."),
            invalid_choice=_("Kies een consulent van uw eigen organisatie."),
        )

    def clean_consultant(self) -> User:
        """Only an active consultant of the user's own organisation, also when the id is forged."""
        consultant = User.objects.filter(
            pk=self.cleaned_data["consultant"],
            organisation_id=self.organisation_id,
            role=Role.CONSULTANT,
            is_active=True,
        ).first()
        if consultant is None:
            raise ValidationError(_("Kies een consulent van uw eigen organisatie."))
        return consultant

    # Set by the view when the service found a youth with the same name and birth date.
    duplicate_youth_id: int | None = None

    @property
    def youth_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.YOUTH_FIELDS}

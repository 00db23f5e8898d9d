"""Jongere aanmelden: register a new youth with the first trajectory's registration."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from koers.accounts.models import Role, User
from koers.accounts.selectors import active_consultants, consultants_of
from koers.audit.models import AccessChannel
from koers.trajectories.access import duplicate_shown, require_youth_worker, visible_youths
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import Source, TargetGroup
from koers.trajectories.services import DuplicateYouth, check_age, youth_register
from koers.trajectories.text import name_field
from koers.web.forms import KoersForm, attach_service_errors, date_field
from koers.web.once import submit_once


class YouthNewForm(KoersForm):
    first_name = forms.CharField(
        label=gettext_lazy("Voornaam"), max_length=100, error_messages={"required": gettext_lazy("Vul de voornaam in.")}
    )
    last_name = forms.CharField(
        label=gettext_lazy("Achternaam"),
        max_length=150,
        error_messages={"required": gettext_lazy("Vul de achternaam in.")},
    )
    birth_date = date_field(gettext_lazy("Geboortedatum"))
    email = forms.EmailField(label=gettext_lazy("E-mailadres"), required=False)
    phone = forms.CharField(label=gettext_lazy("Telefoonnummer"), max_length=20, required=False)
    has_start_qualification = forms.TypedChoiceField(
        label=gettext_lazy("Heeft de jongere een startkwalificatie?"),
        help_text=gettext_lazy("Dat is een diploma van havo, vwo, of mbo niveau 2 of hoger."),
        choices=[("yes", gettext_lazy("Ja")), ("no", gettext_lazy("Nee"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies ja of nee.")},
    )
    target_groups = forms.MultipleChoiceField(
        label=gettext_lazy("Doelgroepkenmerken"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consultant = forms.TypedChoiceField(label=gettext_lazy("Consulent"), coerce=int)
    registered_on = date_field(gettext_lazy("Datum van de melding"), today=True)
    source = forms.ChoiceField(
        label=gettext_lazy("Hoe kwam de melding binnen?"),
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies hoe de melding binnenkwam.")},
    )

    confirm_duplicate = forms.BooleanField(
        label=gettext_lazy("Dit is een andere jongere met dezelfde naam en geboortedatum. Toch aanmelden."),
        required=False,
    )

    service_checks = {
        "birth_date": lambda day: check_age(day, timezone.localdate()),
        "registered_on": lambda day: check_past_event("registered_on", day),
        "first_name": lambda text: name_field("first_name", text, max_length=100),
        "last_name": lambda text: name_field("last_name", text, max_length=150),
    }

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
        self.fields["birth_date"].error_messages["required"] = gettext_lazy("Vul de geboortedatum in.")
        self.organisation_id = user.organisation_id
        choices = consultants_of(organisation_id=user.organisation_id)
        if user.role == Role.CONSULTANT:
            self.fields["consultant"].initial = user.pk
        else:
            choices = [("", gettext_lazy("Kies een consulent")), *choices]
        self.fields["consultant"].choices = choices
        self.fields["consultant"].error_messages.update(
            required=gettext_lazy("Kies de consulent die de jongere gaat begeleiden."),
            invalid_choice=gettext_lazy("Kies een consulent van uw eigen organisatie."),
        )

    def clean_consultant(self) -> User:
        """Only an active consultant of the user's own organisation, also when the id is forged."""
        consultant = (
            active_consultants(organisation_id=self.organisation_id).filter(pk=self.cleaned_data["consultant"]).first()
        )
        if consultant is None:
            raise ValidationError(gettext_lazy("Kies een consulent van uw eigen organisatie."))
        return consultant

    # Set by the view when the service found a youth with the same name and birth date.
    duplicate_youth_id: int | None = None

    @property
    def youth_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.YOUTH_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def youth_new_view(request):
    user = request.user
    require_youth_worker(user)
    form = YouthNewForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write() -> str:
            youth = youth_register(
                actor=user,
                consultant=data["consultant"],
                registered_on=data["registered_on"],
                source=data["source"],
                channel=AccessChannel.WEB,
                confirm_duplicate=data["confirm_duplicate"],
                **form.youth_fields,
            )
            if visible_youths(user).filter(pk=youth.pk).exists():
                return reverse("youth_file", args=[youth.pk])
            return reverse("today")  # registered for a consultant of another team: not our file

        try:
            return submit_once(request, write=write, success=_("Jongere aangemeld"))
        except DuplicateYouth as duplicate:
            duplicate_shown(user, duplicate.youth_id, channel=AccessChannel.WEB)
            form.duplicate_youth_id = duplicate.youth_id
            attach_service_errors(form, duplicate)
        except ValidationError as error:
            attach_service_errors(form, error, aliases={"date": "registered_on"})
    return render(request, "web/youths/new.html", {"nav": "today", "form": form})

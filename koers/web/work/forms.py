"""The forms of the employer and vacancy pages: they parse; the services in koers.work decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.contacts.models import Channel
from koers.web.forms import KoersForm, date_field
from koers.work.models import VacancyKind
from koers.work.sectors import sector_choices


def _sector_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Kies een sector")), *sector_choices()],
        error_messages={"required": _("Kies een sector.")},
    )


class EmployerForm(KoersForm):
    name = forms.CharField(label=_("Naam"), max_length=150, error_messages={"required": _("Vul de naam in.")})
    sector = _sector_field()
    contact_person = forms.CharField(label=_("Contactpersoon"), max_length=150, required=False)
    contact_phone = forms.CharField(label=_("Telefoonnummer"), max_length=20, required=False)
    contact_email = forms.EmailField(
        label=_("E-mailadres"), required=False, error_messages={"invalid": _("Vul een geldig e-mailadres in.")}
    )
    socially_committed = forms.BooleanField(
        label=_("Maatschappelijk betrokken: wil jongeren met een afstand tot werk een kans geven"), required=False
    )
    notes = forms.CharField(label=_("Notities"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class VacancyForm(KoersForm):
    employer = forms.TypedChoiceField(
        label=_("Werkgever"), coerce=int, error_messages={"required": _("Kies een werkgever.")}
    )
    title = forms.CharField(label=_("Titel"), max_length=200, error_messages={"required": _("Vul de titel in.")})
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=VacancyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort.")},
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"),
        error_messages={
            "required": _("Vul het aantal uren per week in."),
            "invalid": _("Vul een heel getal in, zoals 16."),
        },
    )
    place = forms.CharField(label=_("Plaats"), max_length=100, error_messages={"required": _("Vul de plaats in.")})
    sector = _sector_field()
    starts_on = date_field(_("Start"), required=False)
    closes_on = date_field(_("Sluitingsdatum"), required=False)
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", _("Kies een werkgever")), *employers]
        self.fields["employer"].error_messages["invalid_choice"] = _("Kies een werkgever uit de lijst.")


class ImportForm(KoersForm):
    file = forms.FileField(
        label=_("Bestand (CSV of JSON)"),
        help_text=_("Kolommen: werkgever, titel, uren, plaats, sector, soort, start, sluitingsdatum, omschrijving."),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )


class EmployerContactForm(KoersForm):
    date = date_field(_("Datum"), today=True)
    channel = forms.ChoiceField(label=_("Kanaal"), choices=Channel.choices, initial=Channel.PHONE)
    person = forms.CharField(label=_("Met wie"), max_length=150, required=False)
    notes = forms.CharField(
        label=_("Wat is besproken?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort wat er besproken is.")},
    )

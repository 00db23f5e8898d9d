"""Section: work and vacancies (folded). What the youth is looking for (their own wishes from the
portal), the vacancies they are interested in, those that match, the tips, and the introductions
to employers with their outcome. The consultant tips a vacancy and records an introduction here.

Queries: the wishes, the interested vacancies, the matching ones (none without wishes), the tips,
the introductions (and their working elements when there are any). The tip and introduction
forms (the open vacancies, the employers) load when their panel opens."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.trajectories.access import youth_for
from koers.trajectories.dates import check_past_event
from koers.web.forms import KoersForm, button_write, date_field
from koers.web.youths.file import section_post
from koers.web.youths.sections import file_url
from koers.work.access import employer_for, vacancy_for
from koers.work.models import Introduction, IntroductionOutcome, StartSupport, VacancyKind
from koers.work.sectors import short_name
from koers.work.selectors import (
    employer_choices,
    interested_vacancies,
    introductions_of,
    matching_vacancies,
    tips_of,
    vacancies_of,
    wishes_of,
    work_interest_of,
)
from koers.work.services import introduction_outcome_record, introduction_record, vacancy_tip

MATCHES_SHOWN = 10

# The working elements of the theme "Duurzame relaties met werkgevers" (EMPLOYER_ELEMENTS of the service).
ELEMENT_CHOICES = [
    ("employers_encourage_meetings", gettext_lazy("Ontmoetingen stimuleren")),
    ("employers_contact_point", gettext_lazy("Aanspreekpunt zijn voor werkgevers")),
    ("employers_socially_committed", gettext_lazy("Maatschappelijk betrokken werkgevers benaderen")),
]


def _vacancy_label(vacancy) -> str:
    return f"{vacancy.title} — {vacancy.employer.name}, {vacancy.place} ({vacancy.get_kind_display()})"


class TipForm(KoersForm):
    vacancy = forms.TypedChoiceField(
        label=gettext_lazy("Vacature"), coerce=int, error_messages={"required": gettext_lazy("Kies een vacature.")}
    )
    note = forms.CharField(
        label=gettext_lazy("Waarom past deze vacature bij de jongere?"),
        help_text=gettext_lazy("De jongere leest dit in het bericht."),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, vacancies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].choices = [
            ("", gettext_lazy("Kies een vacature")),
            *[(v.pk, _vacancy_label(v)) for v in vacancies],
        ]
        self.fields["vacancy"].error_messages["invalid_choice"] = gettext_lazy("Kies een open vacature uit de lijst.")


class IntroductionForm(KoersForm):
    employer = forms.TypedChoiceField(
        label=gettext_lazy("Werkgever"), coerce=int, error_messages={"required": gettext_lazy("Kies de werkgever.")}
    )
    vacancy = forms.TypedChoiceField(label=gettext_lazy("Vacature"), coerce=int, required=False, empty_value=None)
    date = date_field(gettext_lazy("Datum van de kennismaking"), today=True)
    elements = forms.MultipleChoiceField(
        label=gettext_lazy("Werkzame elementen: duurzame relaties met werkgevers"),
        help_text=gettext_lazy(
            "Niets gekozen: ontmoetingen stimuleren, en bij een maatschappelijk betrokken werkgever ook dat."
        ),
        choices=ELEMENT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=gettext_lazy("Notitie"), max_length=500, required=False)

    service_checks = {"date": lambda day: check_past_event("date", day)}

    def __init__(self, *args, employers=(), vacancies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", gettext_lazy("Kies een werkgever")), *employers]
        self.fields["vacancy"].choices = [
            ("", gettext_lazy("Geen vacature")),
            *[(v.pk, _vacancy_label(v)) for v in vacancies],
        ]


class OutcomeForm(KoersForm):
    outcome = forms.ChoiceField(label=gettext_lazy("Uitkomst"), choices=IntroductionOutcome.choices)
    on = date_field(gettext_lazy("Op"), today=True)


def _wishes_in_words(interest) -> dict | None:
    if interest is None:
        return None
    kinds = dict(VacancyKind.choices)
    support = dict(StartSupport.choices)
    return {
        "sectors": [short_name(code) for code in interest.sectors],
        "hours": (interest.hours_min, interest.hours_max),
        "places": interest.places,
        "kinds": [str(kinds.get(code, code)) for code in interest.kinds],
        "support": [str(support.get(code, code)) for code in interest.support],
        "support_note": interest.support_note,
    }


def context(file) -> dict:
    youth = file.youth
    interest = work_interest_of(youth)
    matched = matching_vacancies(youth.organisation_id, wishes_of(interest), file.today, limit=MATCHES_SHOWN)
    result = {
        "wishes": _wishes_in_words(interest),
        "interested": interested_vacancies(youth),
        "matched": matched,
        "tips": tips_of(youth),
        "introductions": introductions_of(youth),
        "tip_form": None,
        "introduction_form": None,
        "outcome_choices": IntroductionOutcome.choices,
        "can_change": file.can_change,
    }
    # The two forms load when their panel opens (`tip_fragment`, `introduction_fragment`), or with
    # the page when asked (?open=tip) or sent back with errors.
    if file.can_change and ("tip" in file.forms or file.is_open("tip")):
        result["tip_form"] = file.form("tip", lambda: _tip_form(file))
    if file.can_change and ("introduction" in file.forms or file.is_open("introduction")):
        result["introduction_form"] = file.form("introduction", lambda: _introduction_form(file))
    return result


def _tip_form(file) -> TipForm:
    return TipForm(prefix="tip", vacancies=vacancies_of(file.youth.organisation_id, file.today))


def _introduction_form(file) -> IntroductionForm:
    organisation_id = file.youth.organisation_id
    return IntroductionForm(
        prefix="introduction",
        employers=employer_choices(organisation_id),
        vacancies=vacancies_of(organisation_id, file.today),
    )


def tip_fragment(request, file):
    if not file.can_change:
        raise Http404
    context = {"file": file, "youth": file.youth, "form": _tip_form(file)}
    return render(request, "web/youths/forms/work_tip.html", context)


def introduction_fragment(request, file):
    if not file.can_change:
        raise Http404
    context = {"file": file, "youth": file.youth, "form": _introduction_form(file)}
    return render(request, "web/youths/forms/work_introduction.html", context)


def _youth(request, youth_id: int):
    return youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="work")


@login_required
@require_POST
def tip_view(request, youth_id: int):
    youth = _youth(request, youth_id)
    form = TipForm(request.POST, prefix="tip", vacancies=vacancies_of(youth.organisation_id, timezone.localdate()))

    def write() -> str:
        vacancy = vacancy_for(request.user, form.cleaned_data["vacancy"])
        vacancy_tip(actor=request.user, youth=youth, vacancy=vacancy, note=form.cleaned_data["note"])
        return file_url(youth.pk, "work")

    return section_post(request, youth, forms={"tip": form}, write=write, success=_("Vacature getipt"))


@login_required
@require_POST
def introduction_view(request, youth_id: int):
    youth = _youth(request, youth_id)
    form = IntroductionForm(
        request.POST,
        prefix="introduction",
        employers=employer_choices(youth.organisation_id),
        vacancies=vacancies_of(youth.organisation_id, timezone.localdate()),
    )

    def write() -> str:
        data = form.cleaned_data
        introduction_record(
            actor=request.user,
            youth=youth,
            employer=employer_for(request.user, data["employer"]),
            vacancy=vacancy_for(request.user, data["vacancy"]) if data["vacancy"] else None,
            date=data["date"],
            element_codes=data["elements"],
            note=data["note"],
        )
        return file_url(youth.pk, "work")

    return section_post(request, youth, forms={"introduction": form}, write=write, success=_("Kennismaking vastgelegd"))


@login_required
@require_POST
def outcome_view(request, youth_id: int, introduction_id: int):
    youth = _youth(request, youth_id)
    introduction = get_object_or_404(Introduction, pk=introduction_id, youth=youth)
    form = OutcomeForm(request.POST)

    def write():
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        introduction_outcome_record(actor=request.user, introduction=introduction, **form.cleaned_data)

    return button_write(request, write, success=_("Uitkomst vastgelegd"), location=file_url(youth.pk, "work"))

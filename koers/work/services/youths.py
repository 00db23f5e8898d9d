"""Writes about a youth and work: their interests (portal), "Ik heb interesse" (portal), a tip
from the consultant, an introduction to an employer and its outcome (file). Each write that
someone else must notice goes through the secure conversation (koers.messaging), which takes
care of the youth's content-free notification mail."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.db.inserts import insert_if_absent
from koers.lib.vacancy_match import HOURS_LIMIT, is_open
from koers.messaging.models import MessageKind
from koers.messaging.services import message_send
from koers.method.models import WorkingElement
from koers.trajectories.dates import check_past_event
from koers.trajectories.models import Phase, Youth
from koers.trajectories.selectors import current_trajectory
from koers.trajectories.text import text_field
from koers.work.models import (
    Employer,
    Introduction,
    IntroductionOutcome,
    IntroductionOutcomeChange,
    StartSupport,
    Vacancy,
    VacancyInterest,
    VacancyKind,
    VacancyTip,
    WorkInterest,
)
from koers.work.sectors import by_code

# The working elements of the theme "Duurzame relaties met werkgevers" (koers/method/data/
# working_elements.json) an introduction is coded with.
EMPLOYER_ELEMENTS = ("employers_encourage_meetings", "employers_contact_point", "employers_socially_committed")
MAX_PLACES = 10


def default_elements(employer: Employer) -> list[str]:
    """An introduction stimulates a meeting; with a socially committed employer it is also
    approaching one (the consultant may tick others)."""
    codes = ["employers_encourage_meetings"]
    if employer.socially_committed:
        codes.append("employers_socially_committed")
    return codes


@transaction.atomic
def work_interest_save(
    *,
    youth: Youth,
    sectors: Sequence[str] = (),
    hours_min: int | None = None,
    hours_max: int | None = None,
    places: Sequence[str] = (),
    kinds: Sequence[str] = (),
    support: Sequence[str] = (),
    support_note: str = "",
) -> WorkInterest:
    """The youth's wishes, one row per youth (a second save changes it)."""
    errors = {}
    if set(sectors) - set(by_code()):
        errors["sectors"] = _("Kies sectoren uit de lijst.")
    if set(kinds) - set(VacancyKind.values):
        errors["kinds"] = _("Kies uit de soorten werk in de lijst.")
    if set(support) - set(StartSupport.values):
        errors["support"] = _("Kies uit de lijst wat je nodig hebt.")
    for name, hours in (("hours_min", hours_min), ("hours_max", hours_max)):
        if hours is not None and not 1 <= hours <= HOURS_LIMIT:
            errors[name] = _("Kies een aantal uren van 1 tot en met %(max)s.") % {"max": HOURS_LIMIT}
    if hours_min is not None and hours_max is not None and hours_min > hours_max and "hours_max" not in errors:
        errors["hours_max"] = _("Het hoogste aantal uren moet meer zijn dan het laagste.")
    cleaned_places = list(dict.fromkeys(text_field("places", p, max_length=100) for p in places if p.strip()))
    if len(cleaned_places) > MAX_PLACES:
        errors["places"] = _("Kies hoogstens %(max)s plaatsen.") % {"max": MAX_PLACES}
    if errors:
        raise ValidationError(errors)
    Youth.objects.select_for_update().filter(pk=youth.pk).first()
    values = {
        "sectors": sorted(set(sectors)),
        "hours_min": hours_min,
        "hours_max": hours_max,
        "places": cleaned_places,
        "kinds": [k for k in VacancyKind.values if k in kinds],
        "support": [s for s in StartSupport.values if s in support],
        "support_note": text_field("support_note", support_note, max_length=300),
    }
    interest, _created = WorkInterest.objects.update_or_create(
        youth=youth, defaults={"organisation_id": youth.organisation_id, **values}
    )
    return interest


def _check_vacancy_for(youth: Youth, vacancy: Vacancy) -> None:
    if vacancy.organisation_id != youth.organisation_id:
        raise ValidationError({"vacancy": _("Deze vacature hoort niet bij de organisatie van de jongere.")})
    if not is_open(vacancy.closes_on, timezone.localdate()):
        raise ValidationError({"vacancy": _("Deze vacature is gesloten.")})


def _vacancy_words(vacancy: Vacancy) -> dict:
    return {"title": vacancy.title, "employer": vacancy.employer.name, "place": vacancy.place}


@transaction.atomic
def vacancy_interest_record(*, youth: Youth, vacancy: Vacancy) -> tuple[VacancyInterest, bool]:
    """The youth is interested: one row and one message to the consultant per vacancy, however
    often the button is pressed. Returns the row and whether it is new."""
    _check_vacancy_for(youth, vacancy)
    interest = VacancyInterest(
        organisation_id=youth.organisation_id, youth=youth, vacancy=vacancy, created_at=timezone.now()
    )
    if not insert_if_absent(interest):
        return VacancyInterest.objects.get(youth=youth, vacancy=vacancy), False
    message_send(
        youth=youth,
        from_youth=True,
        kind=MessageKind.OPTION_INTEREST,
        body=_("Ik heb interesse in de vacature %(title)s bij %(employer)s in %(place)s.") % _vacancy_words(vacancy),
        client_key=f"vacancy-interest:{vacancy.pk}",
    )
    return interest, True


@transaction.atomic
def vacancy_tip(*, actor: User, youth: Youth, vacancy: Vacancy, note: str = "") -> VacancyTip:
    """The consultant tips a vacancy: it shows in the youth's portal with a message (the youth gets
    the usual content-free mail about a new message). Needs the youth's portal access."""
    _check_vacancy_for(youth, vacancy)
    note = text_field("note", note, max_length=300)
    tip = VacancyTip(
        organisation_id=youth.organisation_id,
        youth=youth,
        vacancy=vacancy,
        note=note,
        tipped_by=actor,
        created_at=timezone.now(),
    )
    if not insert_if_absent(tip):
        raise ValidationError({"vacancy": _("U hebt deze vacature al getipt aan deze jongere.")})
    body = _("Ik heb een vacature voor je: %(title)s bij %(employer)s in %(place)s. Je vindt hem bij Werk.") % (
        _vacancy_words(vacancy)
    )
    message_send(
        youth=youth,
        from_youth=False,
        author=actor,
        body=f"{body} {note}".strip(),
        client_key=f"vacancy-tip:{vacancy.pk}",
    )
    return tip


@transaction.atomic
def introduction_record(
    *,
    actor: User,
    youth: Youth,
    employer: Employer,
    date: dt.date,
    vacancy: Vacancy | None = None,
    element_codes: Sequence[str] = (),
    note: str = "",
) -> Introduction:
    """The consultant introduced the youth to the employer (no letter needed), on the current
    trajectory, coded with working elements of lasting employer relations."""
    if employer.organisation_id != youth.organisation_id:
        raise ValidationError({"employer": _("Kies een werkgever van uw eigen organisatie.")})
    if vacancy is not None and vacancy.employer_id != employer.pk:
        raise ValidationError({"vacancy": _("Deze vacature is niet van deze werkgever. Kies een andere vacature.")})
    check_past_event("date", date)
    trajectory = current_trajectory(youth)
    if trajectory is None or trajectory.phase == Phase.CLOSED:
        raise ValidationError(_("De jongere heeft geen open traject. Begin eerst een traject."))
    codes = list(dict.fromkeys(element_codes)) or default_elements(employer)
    if set(codes) - set(EMPLOYER_ELEMENTS):
        raise ValidationError({"elements": _("Kies werkzame elementen over relaties met werkgevers.")})
    introduction = Introduction.objects.create(
        organisation_id=youth.organisation_id,
        youth=youth,
        trajectory=trajectory,
        employer=employer,
        vacancy=vacancy,
        date=date,
        note=text_field("note", note, max_length=500, multiline=True),
        recorded_by=actor,
    )
    introduction.working_elements.set(WorkingElement.objects.filter(code__in=codes))
    IntroductionOutcomeChange.objects.create(
        introduction=introduction, outcome=IntroductionOutcome.INTRODUCED, on=date, recorded_by=actor
    )
    return introduction


@transaction.atomic
def introduction_outcome_record(*, actor: User, introduction: Introduction, outcome: str, on: dt.date) -> Introduction:
    """What came of it, later: a row in its history, and the current outcome for counting."""
    if outcome not in IntroductionOutcome.values:
        raise ValidationError({"outcome": _("Kies een uitkomst uit de lijst.")})
    check_past_event("on", on)
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    if on < introduction.date:
        raise ValidationError({"on": _("Deze datum ligt vóór de kennismaking. Kies een latere datum.")})
    IntroductionOutcomeChange.objects.create(introduction=introduction, outcome=outcome, on=on, recorded_by=actor)
    introduction.outcome = outcome
    introduction.save(update_fields=["outcome"])
    return introduction

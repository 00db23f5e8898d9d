"""Werk in the portal: the youth records what work they look for, sees the open vacancies of their
own organisation that fit with the reason in plain words, and "Ik heb interesse" reaches the
consultant once. A youth never sees another organisation's vacancies or another youth's tips.
Volunteering shows beside the daily step."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.messaging.models import Message, MessageKind
from koers.plans.services import daily_step_choose
from koers.work.models import Vacancy, VacancyInterest, VacancyKind, WorkInterest
from koers.work.services import vacancy_tip, work_interest_save
from tests.portal.conftest import page_text, portal_client
from tests.work import conftest as work
from tests.work.conftest import make_vacancy

# The employers and vacancies of tests/work/conftest.py, as fixtures here too.
employer, vacancy, volunteering = work.employer, work.vacancy, work.volunteering
outsider_employer, outsider_vacancy = work.outsider_employer, work.outsider_vacancy


def test_the_youth_records_wishes_and_sees_why_a_vacancy_fits(youth_client, invited, vacancy):
    response = youth_client.post(
        reverse("portal_work_wishes"),
        {"sectors": ["Q"], "hours_min": "12", "hours_max": "20", "kinds": ["paid"], "support": ["job_coach"]},
    )
    assert response.status_code == 302
    wishes = WorkInterest.objects.get(youth=invited)
    assert (wishes.sectors, wishes.hours_min, wishes.hours_max, wishes.support) == (["Q"], 12, 20, ["job_coach"])
    page = page_text(youth_client.get(reverse("portal_work")))
    assert "Helpende in de thuiszorg" in page
    assert "past bij je interesse: Zorg en welzijn" in page
    assert "16 uur, jij wilt 12–20 uur" in page


def test_wrong_hours_are_refused_with_a_message_that_says_what_to_do(youth_client, invited):
    page = page_text(youth_client.post(reverse("portal_work_wishes"), {"hours_min": "30", "hours_max": "10"}))
    assert "Het hoogste aantal uren moet meer zijn dan het laagste." in page
    assert not WorkInterest.objects.exists()


def test_without_wishes_the_page_asks_what_the_youth_looks_for(youth_client, vacancy):
    page = page_text(youth_client.get(reverse("portal_work")))
    assert "Vertel eerst wat voor werk je zoekt" in page and "Helpende in de thuiszorg" not in page


def test_closed_and_other_organisations_vacancies_are_never_shown(
    youth_client, invited, consultant, employer, outsider_vacancy
):
    closed = make_vacancy(consultant, employer, "Gesloten baan")
    Vacancy.objects.filter(pk=closed.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))  # time passed
    work_interest_save(youth=invited, places=["Sneek", "Leeuwarden"])
    page = page_text(youth_client.get(reverse("portal_work")))
    assert "Gesloten baan" not in page and "Bakker in Fryslân" not in page
    assert youth_client.get(reverse("portal_vacancy", args=[outsider_vacancy.pk])).status_code == 404
    assert youth_client.post(reverse("portal_vacancy_interest", args=[outsider_vacancy.pk])).status_code == 404
    assert not VacancyInterest.objects.exists()


def test_interest_reaches_the_consultant_once_however_often_it_is_pressed(youth_client, invited, vacancy):
    for _ in range(2):
        response = youth_client.post(reverse("portal_vacancy_interest", args=[vacancy.pk]))
        assert response.status_code == 302
    assert VacancyInterest.objects.filter(youth=invited, vacancy=vacancy).count() == 1
    messages = Message.objects.filter(youth=invited, from_youth=True, kind=MessageKind.OPTION_INTEREST)
    assert [m.body for m in messages] == [
        "Ik heb interesse in de vacature Helpende in de thuiszorg bij Zorggroep De Linde in Leeuwarden."
    ]
    work_interest_save(youth=invited, sectors=["Q"])
    assert "Je consulent weet dat je interesse hebt." in page_text(youth_client.get(reverse("portal_work")))


def test_a_youth_sees_only_their_own_tips(consultant, invited, youth_b, vacancy):
    vacancy_tip(actor=consultant, youth=youth_b, vacancy=vacancy, note="Alleen voor Bram")
    page = page_text(portal_client(invited).get(reverse("portal_work")))
    assert "Tips van je consulent" not in page and "Alleen voor Bram" not in page
    assert "Alleen voor Bram" in page_text(portal_client(youth_b).get(reverse("portal_work")))


def test_the_daily_step_suggests_open_volunteering_of_the_organisation(consultant, youth_client, invited, volunteering):
    daily_step_choose(actor=consultant, youth=invited, active=True)
    page = page_text(youth_client.get(reverse("portal_home")))
    assert "Zin in vrijwilligerswerk?" in page and "Vrijwilliger in het buurthuis" in page
    detail = page_text(youth_client.get(reverse("portal_vacancy", args=[volunteering.pk])))
    assert "Ik heb interesse" in detail


def test_the_daily_step_suggests_at_most_three(consultant, youth_client, invited, employer):
    for i in range(6):
        make_vacancy(consultant, employer, f"Vrijwilliger {i}", kind=VacancyKind.VOLUNTEERING, closes_in=None)
    daily_step_choose(actor=consultant, youth=invited, active=True)
    page = page_text(youth_client.get(reverse("portal_home")))
    assert sum(f"Vrijwilliger {i}<" in page for i in range(6)) == 3


def _count(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


def test_the_work_page_runs_the_same_queries_for_few_and_many_vacancies_and_tips(consultant, invited, employer):
    work_interest_save(youth=invited, sectors=["Q"])
    client = portal_client(invited)
    first = make_vacancy(consultant, employer, "Baan 0")
    vacancy_tip(actor=consultant, youth=invited, vacancy=first)
    few = _count(client, reverse("portal_work"))
    for i in range(1, 40):
        vacancy = make_vacancy(consultant, employer, f"Baan {i}", closes_in=10 + i)
        if i % 3 == 0:
            vacancy_tip(actor=consultant, youth=invited, vacancy=vacancy)
    many = _count(client, reverse("portal_work"))
    assert few == many <= 12
    assert _count(client, reverse("portal_work_wishes")) <= 12


def test_the_home_page_with_volunteering_stays_fixed(consultant, invited, employer):
    daily_step_choose(actor=consultant, youth=invited, active=True)
    client = portal_client(invited)
    make_vacancy(consultant, employer, "Vrijwilliger 0", kind=VacancyKind.VOLUNTEERING, closes_in=None)
    few = _count(client, reverse("portal_home"))
    for i in range(1, 30):
        make_vacancy(consultant, employer, f"Vrijwilliger {i}", kind=VacancyKind.VOLUNTEERING, closes_in=None)
    assert _count(client, reverse("portal_home")) == few

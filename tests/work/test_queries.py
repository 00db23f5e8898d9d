"""The Werk pages and the youth file's work section run a fixed number of queries, whatever the
number of vacancies, employers, contacts, tips or introductions (two sizes each)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.contacts.models import Channel
from koers.work.models import Employer
from koers.work.services import (
    employer_contact_record,
    employer_save,
    introduction_record,
    vacancy_interest_record,
    vacancy_tip,
    work_interest_save,
)
from tests.conftest import days_ago
from tests.work.conftest import make_vacancy

PAGE_MAX = 12


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def grow(consultant, youth, n: int, start: int) -> None:
    """n more employers, each with a vacancy, a contact and an introduction of the youth; the youth
    is interested in and tipped each vacancy."""
    for i in range(start, start + n):
        employer = employer_save(actor=consultant, name=f"Werkgever {i}", sector="Q")
        vacancy = make_vacancy(consultant, employer, f"Vacature {i}", closes_in=10 + i)
        employer_contact_record(
            actor=consultant, employer=employer, date=days_ago(1), channel=Channel.PHONE, notes=f"Gesprek {i}"
        )
        vacancy_interest_record(youth=youth, vacancy=vacancy)
        vacancy_tip(actor=consultant, youth=youth, vacancy=vacancy)
        introduction_record(
            actor=consultant, youth=youth, employer=employer, vacancy=vacancy, date=dt.date(2026, 3, 10)
        )
        # and the first employer's page gets longer too
        main = Employer.objects.order_by("pk").first()
        employer_contact_record(
            actor=consultant, employer=main, date=days_ago(2), channel=Channel.MAIL, notes=f"Mail {i}"
        )
        introduction_record(actor=consultant, youth=youth, employer=main, date=dt.date(2026, 3, 11))
        make_vacancy(consultant, main, f"Extra vacature {i}")


def test_the_pages_do_not_grow_with_the_data(consultant, as_user, invited, trajectory):
    work_interest_save(youth=invited, sectors=["Q"])
    client = as_user(consultant)
    grow(consultant, invited, 2, 0)
    urls = [
        reverse("work_vacancies"),
        reverse("work_employers"),
        reverse("youth_section", args=[invited.pk, "work"]),
        reverse("work_vacancy_new"),
    ]
    employer_url = reverse("work_employer", args=[Employer.objects.order_by("pk").first().pk])
    few = [count(client, url) for url in [*urls, employer_url]]
    grow(consultant, invited, 25, 2)
    many = [count(client, url) for url in [*urls, employer_url]]
    assert few == many
    assert max(many) <= PAGE_MAX + 8  # the youth file's section shares the file's base reads

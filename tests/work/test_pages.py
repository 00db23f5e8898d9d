"""The staff pages of Werk (employers, vacancies, import): consultants and team leads of the
organisation may use them; an administrator or researcher gets 403; another organisation's
employer or vacancy is "not found"."""

import pytest
from django.urls import reverse

from koers.work.models import Employer, EmployerContact, Vacancy
from tests.conftest import ALLOWED, FORBIDDEN, NOT_FOUND

PERSONAS = {
    "consultant": ALLOWED,
    "team_lead": ALLOWED,
    "admin": FORBIDDEN,
    "researcher": FORBIDDEN,
    "outsider": NOT_FOUND,  # for this organisation's employer and vacancy; their own lists are theirs
}


def pages(employer, vacancy) -> dict[str, tuple[str, bool]]:
    """url name → (url, whether it names one of this organisation's rows)."""
    return {
        "work_employers": (reverse("work_employers"), False),
        "work_employer_new": (reverse("work_employer_new"), False),
        "work_employer": (reverse("work_employer", args=[employer.pk]), True),
        "work_employer_edit": (reverse("work_employer_edit", args=[employer.pk]), True),
        "work_vacancies": (reverse("work_vacancies"), False),
        "work_vacancy_new": (reverse("work_vacancy_new"), False),
        "work_vacancy_edit": (reverse("work_vacancy_edit", args=[vacancy.pk]), True),
        "work_vacancies_import": (reverse("work_vacancies_import"), False),
    }


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_who_may_open_each_page(request, persona, as_user, employer, vacancy):
    user = request.getfixturevalue(persona)
    client = as_user(user)
    for name, (url, names_a_row) in pages(employer, vacancy).items():
        status = client.get(url).status_code
        expected = PERSONAS[persona]
        if expected == NOT_FOUND and not names_a_row:
            expected = ALLOWED  # the outsider's own (empty) lists and forms
        assert status == (200 if expected == ALLOWED else expected), (name, status)


def test_the_outsider_sees_none_of_this_organisations_employers_or_vacancies(outsider, as_user, employer, vacancy):
    client = as_user(outsider)
    assert employer.name not in client.get(reverse("work_employers")).content.decode()
    assert vacancy.title not in client.get(reverse("work_vacancies")).content.decode()
    assert client.post(reverse("work_employer_contact", args=[employer.pk]), {}).status_code == 404


def test_a_consultant_adds_an_employer_and_a_vacancy_through_the_pages(consultant, as_user):
    client = as_user(consultant)
    response = client.post(
        reverse("work_employer_new"), {"name": "Bouwbedrijf Van der Meer", "sector": "F", "socially_committed": "on"}
    )
    employer = Employer.objects.get(name="Bouwbedrijf Van der Meer")
    assert response.status_code == 302 and response["Location"] == reverse("work_employer", args=[employer.pk])
    assert employer.socially_committed and employer.organisation_id == consultant.organisation_id
    response = client.post(
        reverse("work_vacancy_new"),
        {
            "employer": employer.pk,
            "title": "Leerling timmerman",
            "kind": "paid",
            "hours_per_week": "32",
            "place": "Heerenveen",
            "sector": "F",
        },
    )
    assert response.status_code == 302
    assert Vacancy.objects.get(title="Leerling timmerman").employer == employer
    assert "Leerling timmerman" in client.get(reverse("work_vacancies")).content.decode()


def test_a_refused_vacancy_says_per_field_what_to_do(consultant, as_user, employer):
    response = as_user(consultant).post(
        reverse("work_vacancy_new"),
        {
            "employer": employer.pk,
            "title": "Stage",
            "kind": "paid",
            "hours_per_week": "99",
            "place": "Sneek",
            "sector": "Q",
            "closes_on": "2020-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Vacancy.objects.exists()
    assert "een heel getal van 1 tot en met 60" in page
    assert "De sluitingsdatum is al voorbij" in page


def test_a_second_employer_with_the_same_name_is_refused(consultant, as_user, employer):
    response = as_user(consultant).post(reverse("work_employer_new"), {"name": "zorggroep de linde", "sector": "Q"})
    assert "Er is al een werkgever met deze naam" in response.content.decode()
    assert Employer.objects.count() == 1


def test_the_team_logs_an_employer_contact_and_the_list_shows_the_last_contact(
    consultant, colleague, as_user, employer
):
    response = as_user(consultant).post(
        reverse("work_employer_contact", args=[employer.pk]),
        {
            "contact-date": "2026-03-02",
            "contact-channel": "phone",
            "contact-person": "Marieke",
            "contact-notes": "Twee stageplekken vrij",
        },
    )
    assert response.status_code == 302
    contact = EmployerContact.objects.get()
    assert contact.recorded_by == consultant and contact.notes == "Twee stageplekken vrij"
    page = as_user(colleague).get(reverse("work_employer", args=[employer.pk])).content.decode()
    assert "Twee stageplekken vrij" in page
    assert "2 maart" in as_user(colleague).get(reverse("work_employers")).content.decode()


def test_an_employer_contact_without_what_was_said_is_refused(consultant, as_user, employer):
    response = as_user(consultant).post(
        reverse("work_employer_contact", args=[employer.pk]), {"contact-date": "2026-03-02", "contact-channel": "phone"}
    )
    assert "Schrijf kort wat er besproken is." in response.content.decode()
    assert not EmployerContact.objects.exists()

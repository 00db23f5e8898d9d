"""The youth file's folded section "Werk en vacatures": who may open it, tipping a vacancy (it
shows in the portal with a message and the usual content-free mail), and an introduction to an
employer coded with the working elements of lasting employer relations, with its outcome later."""

import pytest
from django.urls import reverse

from koers.audit.models import AccessLogEntry
from koers.messaging.models import Message
from koers.notifications.models import PendingNotification
from koers.work.models import Introduction, VacancyTip
from koers.work.services import work_interest_save
from tests.conftest import ALLOWED, FORBIDDEN, YOUTH_ACCESS
from tests.portal.conftest import portal_client

ACCESS = {**YOUTH_ACCESS, "researcher": FORBIDDEN}


def section_url(youth) -> str:
    return reverse("youth_section", args=[youth.pk, "work"])


@pytest.mark.parametrize("persona", list(ACCESS))
def test_who_may_open_the_section(request, persona, as_user, trajectory, youth, vacancy):
    work_interest_save(youth=youth, sectors=["Q"])
    user = request.getfixturevalue(persona)
    response = as_user(user).get(section_url(youth))
    expected = ACCESS[persona]
    assert response.status_code == (200 if expected == ALLOWED else expected)
    if expected == ALLOWED:
        assert "Helpende in de thuiszorg" in response.content.decode()  # it matches the wishes
        assert AccessLogEntry.objects.filter(user=user, youth_id=youth.pk, subject="work").exists()


def test_the_file_shows_the_section_folded(consultant, as_user, trajectory, youth):
    page = as_user(consultant).get(reverse("youth_file", args=[youth.pk])).content.decode()
    assert "Toon werk en vacatures" in page and "Wat de jongere zoekt" not in page


def test_a_tip_appears_in_the_portal_with_a_message_and_a_mail_waiting(
    consultant, as_user, invited, trajectory, vacancy
):
    response = as_user(consultant).post(
        reverse("work_tip", args=[invited.pk]), {"tip-vacancy": vacancy.pk, "tip-note": "Past bij je rust."}
    )
    assert response.status_code == 302
    message = Message.objects.get(youth=invited, from_youth=False)
    assert "Helpende in de thuiszorg" in message.body and "Past bij je rust." in message.body
    assert PendingNotification.objects.filter(youth=invited).exists()
    page = portal_client(invited).get(reverse("portal_work")).content.decode()
    assert "Tips van je consulent" in page and "Helpende in de thuiszorg" in page and "Past bij je rust." in page


def test_a_tip_needs_the_youths_portal_access(consultant, as_user, youth, trajectory, vacancy):
    response = as_user(consultant).post(reverse("work_tip", args=[youth.pk]), {"tip-vacancy": vacancy.pk})
    assert "Nodig de jongere eerst uit" in response.content.decode()
    assert not VacancyTip.objects.exists()


def test_the_same_vacancy_is_tipped_once(consultant, as_user, invited, trajectory, vacancy):
    client = as_user(consultant)
    client.post(reverse("work_tip", args=[invited.pk]), {"tip-vacancy": vacancy.pk})
    again = client.post(reverse("work_tip", args=[invited.pk]), {"tip-vacancy": vacancy.pk})
    assert "al getipt" in again.content.decode()
    assert VacancyTip.objects.count() == 1 and Message.objects.filter(from_youth=False).count() == 1


def test_another_organisations_vacancy_cannot_be_tipped(consultant, as_user, invited, trajectory, outsider_vacancy):
    response = as_user(consultant).post(reverse("work_tip", args=[invited.pk]), {"tip-vacancy": outsider_vacancy.pk})
    assert "Kies een open vacature uit de lijst." in response.content.decode()
    assert not VacancyTip.objects.exists()


def test_an_introduction_is_coded_with_employer_relations_and_gets_its_outcome_later(
    consultant, as_user, youth, trajectory, employer, vacancy
):
    client = as_user(consultant)
    response = client.post(
        reverse("work_introduction", args=[youth.pk]),
        {"introduction-employer": employer.pk, "introduction-vacancy": vacancy.pk, "introduction-date": "2026-03-10"},
    )
    assert response.status_code == 302
    introduction = Introduction.objects.get()
    # Nothing ticked: stimulating a meeting, and (a socially committed employer) approaching one.
    assert sorted(e.code for e in introduction.working_elements.all()) == [
        "employers_encourage_meetings",
        "employers_socially_committed",
    ]
    client.post(
        reverse("work_introduction_outcome", args=[youth.pk, introduction.pk]), {"outcome": "hired", "on": "2026-03-20"}
    )
    introduction.refresh_from_db()
    assert introduction.outcome == "hired"
    assert list(introduction.outcomes.values_list("outcome", flat=True)) == ["introduced", "hired"]
    page = client.get(section_url(youth)).content.decode()
    assert "aangenomen" in page and "Ontmoetingen stimuleren" in page


def test_an_outcome_before_the_introduction_is_refused(consultant, as_user, youth, trajectory, employer):
    client = as_user(consultant)
    client.post(
        reverse("work_introduction", args=[youth.pk]),
        {"introduction-employer": employer.pk, "introduction-date": "2026-03-10"},
    )
    introduction = Introduction.objects.get()
    client.post(
        reverse("work_introduction_outcome", args=[youth.pk, introduction.pk]), {"outcome": "hired", "on": "2026-03-01"}
    )
    introduction.refresh_from_db()
    assert introduction.outcome == "introduced"


def test_an_outsider_cannot_write_in_the_section(outsider, as_user, youth, trajectory, employer):
    response = as_user(outsider).post(
        reverse("work_introduction", args=[youth.pk]),
        {"introduction-employer": employer.pk, "introduction-date": "2026-03-10"},
    )
    assert response.status_code == 404 and not Introduction.objects.exists()


def test_the_employer_page_names_only_youths_the_user_may_open(
    consultant, other_team_consultant, as_user, youth, trajectory, employer
):
    as_user(consultant).post(
        reverse("work_introduction", args=[youth.pk]),
        {"introduction-employer": employer.pk, "introduction-date": "2026-03-10"},
    )
    assert youth.full_name in as_user(consultant).get(reverse("work_employer", args=[employer.pk])).content.decode()
    assert AccessLogEntry.objects.filter(user=consultant, youth_id=youth.pk, subject="employer_page").exists()
    other = as_user(other_team_consultant).get(reverse("work_employer", args=[employer.pk])).content.decode()
    assert youth.full_name not in other


@pytest.mark.parametrize("persona", list(ACCESS))
def test_the_tip_and_introduction_forms_load_when_opened_for_who_may_change_the_file(
    request, persona, as_user, trajectory, youth, vacancy
):
    client = as_user(request.getfixturevalue(persona))
    for name, text in (("tip", "Helpende in de thuiszorg"), ("introduction", "Zorggroep De Linde")):
        response = client.get(reverse("youth_form", args=[youth.pk, name]))
        expected = ACCESS[persona]
        assert response.status_code == (200 if expected == ALLOWED else expected), name
        if expected == ALLOWED:
            assert text in response.content.decode()

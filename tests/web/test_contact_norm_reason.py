"""The youth file says why the contact norm is overdue: which contacts did not count, and what was agreed."""

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from koers.contacts.services import contact_record
from koers.trajectories.models import MilestoneKind, Youth
from koers.trajectories.services import milestone_record
from tests.conftest import days_ago


@pytest.fixture
def norm_started(trajectory, consultant):
    """First conversation 60 days ago: with the default 30 days, the norm is overdue without contacts."""
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(60))
    return trajectory


def _contact(trajectory, consultant, days: int, channel: str) -> None:
    contact_record(actor=consultant, trajectory=trajectory, date=days_ago(days), channel=channel)


def _norm_row(client, youth) -> str:
    page = client.get(reverse("youth_file", args=[youth.pk])).content.decode()
    start = page.index(">Contactnorm<")
    return page[start : page.index("</tr>", start)]


def _dutch(days: int) -> str:
    return date_format(days_ago(days), "j F Y")


def test_with_a_face_to_face_norm_phone_and_messages_do_not_count(norm_started, consultant, as_user):
    Youth.objects.filter(pk=norm_started.youth_id).update(face_to_face_norm=True)
    _contact(norm_started, consultant, 45, "office")
    _contact(norm_started, consultant, 20, "message")
    _contact(norm_started, consultant, 10, "phone")
    row = _norm_row(as_user(consultant), norm_started.youth)
    assert "te laat" in row
    assert f"Laatste contact dat meetelt: {_dutch(45)}." in row
    assert "Daarna alleen: telefoon en bericht." in row
    assert "Afgesproken is persoonlijk contact (op kantoor, huisbezoek of wandelend)." in row


def test_with_the_usual_norm_only_messages_do_not_count(norm_started, consultant, as_user):
    _contact(norm_started, consultant, 40, "phone")
    _contact(norm_started, consultant, 5, "message")
    row = _norm_row(as_user(consultant), norm_started.youth)
    assert f"Laatste contact dat meetelt: {_dutch(40)}. Daarna alleen: bericht. " in row
    assert "Afgesproken is een gesprek (persoonlijk, telefoon of beeldbellen)." in row


def test_without_any_contact_it_says_so(norm_started, consultant, as_user):
    row = _norm_row(as_user(consultant), norm_started.youth)
    assert "Nog geen contact dat meetelt." in row


def test_no_reason_while_the_norm_is_not_overdue(norm_started, consultant, as_user):
    _contact(norm_started, consultant, 5, "office")
    _contact(norm_started, consultant, 2, "message")
    row = _norm_row(as_user(consultant), norm_started.youth)
    assert "te laat" not in row and "meetelt" not in row

"""Appointments: plan one, mark it held / no-show / cancelled; a no-show puts a follow-up on the agenda."""

import datetime as dt
import re

from django.urls import reverse

from koers.agenda.models import DueItem
from koers.contacts.models import Appointment, AppointmentStatusChange
from koers.contacts.services import appointment_create
from koers.lib.workdays import add_working_days
from tests.conftest import days_ago


def test_plan_an_appointment(started, consultant, as_user):
    response = as_user(consultant).post(
        reverse("appointment_create", args=[started.pk]),
        {
            "appointment-date": str(days_ago(-3)),
            "appointment-time": "14:15",
            "appointment-channel": "video",
            "appointment-description": "Plan bespreken",
        },
        follow=True,
    )
    assert "Gesprek gepland" in response.content.decode()
    appointment = Appointment.objects.get()
    assert (appointment.date, appointment.time, appointment.channel) == (days_ago(-3), dt.time(14, 15), "video")
    assert appointment.created_by == consultant


def test_missing_date_shows_the_form_open_with_the_error(started, consultant, as_user):
    response = as_user(consultant).post(
        reverse("appointment_create", args=[started.pk]),
        {"appointment-channel": "office", "appointment-description": "Zonder datum"},
    )
    assert response.status_code == 200
    assert response.context["appointment_form"].errors  # the panel is open with its form
    assert response.context["appointment_form"].errors["date"]
    assert 'value="Zonder datum"' in response.content.decode()


def test_date_before_registration_is_refused_by_the_service(started, consultant, as_user):
    response = as_user(consultant).post(
        reverse("appointment_create", args=[started.pk]),
        {"appointment-date": "2026-01-01", "appointment-channel": "office"},
    )
    assert response.status_code == 200
    assert "vóór de melding" in response.content.decode()


def test_no_show_creates_a_follow_up(started, consultant, as_user):
    appointment = appointment_create(actor=consultant, trajectory=started, date=days_ago(1))
    response = as_user(consultant).post(
        reverse("appointment_status", args=[started.pk, appointment.pk]), {"status": "no_show"}, follow=True
    )
    assert "niet verschenen" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == "no_show"
    assert AppointmentStatusChange.objects.filter(appointment=appointment, status="no_show").exists()
    item = DueItem.objects.get(trajectory=started, kind="no_show_follow_up")
    assert item.due == add_working_days(days_ago(1), 2)


def test_held_and_cancelled(started, consultant, as_user):
    for status in ("held", "cancelled"):
        appointment = appointment_create(actor=consultant, trajectory=started, date=days_ago(0))
        as_user(consultant).post(reverse("appointment_status", args=[started.pk, appointment.pk]), {"status": status})
        appointment.refresh_from_db()
        assert appointment.status == status


def test_invalid_status_is_a_message(started, consultant, as_user):
    appointment = appointment_create(actor=consultant, trajectory=started, date=days_ago(0))
    response = as_user(consultant).post(
        reverse("appointment_status", args=[started.pk, appointment.pk]), {"status": "party"}, follow=True
    )
    assert "Kies een van" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == "planned"


def test_a_future_appointment_offers_only_cancelling(started, consultant, as_user):
    ahead = appointment_create(actor=consultant, trajectory=started, date=days_ago(-2))
    today = appointment_create(actor=consultant, trajectory=started, date=days_ago(0))
    opened = {"open": "appointments"}  # the section is folded until opened
    html = as_user(consultant).get(reverse("youth_file", args=[started.youth_id]), opened).content.decode()

    def buttons(appointment):
        item = re.search(rf'id="appointment-{appointment.pk}">(.*?)</li>', html, re.S).group(1)
        return re.findall(r'<button type="submit" name="status" value="(\w+)"[^>]*>([^<]+)</button>', item)

    assert buttons(ahead) == [("cancelled", "Afzeggen")]
    assert [value for value, _label in buttons(today)] == ["held", "no_show", "cancelled"]

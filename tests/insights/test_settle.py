"""The worker's summary tables never pass a contact by: a contact whose transaction commits after
one with a higher id was counted is still counted (koers.insights.services.practice.settled)."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from koers.contacts.models import Contact
from koers.insights.models import CountKind, PracticeCount
from koers.insights.services import practice_counts_fill
from tests.insights.test_practice import _contact, _youth


def _counted_contacts() -> int:
    return sum(PracticeCount.objects.filter(kind=CountKind.CONTACT).values_list("count", flat=True))


def test_a_contact_is_counted_once_it_has_settled(consultant, settings):
    settings.KOERS_FILL_SETTLE_SECONDS = 60
    _youth_, trajectory = _youth(consultant)
    _contact(consultant, trajectory, 3)
    assert practice_counts_fill() == 0  # recorded a moment ago: a lower id may still be committing
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert practice_counts_fill() == 1
    assert _counted_contacts() == 1


@pytest.mark.django_db(transaction=True)
def test_a_contact_that_commits_late_is_not_passed_by(consultant, settings):
    settings.KOERS_FILL_SETTLE_SECONDS = 60
    _y1, slow_trajectory = _youth(consultant, "Noor")
    _y2, quick_trajectory = _youth(consultant, "Sem")
    inserted, release = threading.Event(), threading.Event()

    def slow_write():
        try:
            with transaction.atomic():
                _contact(consultant, slow_trajectory, 2)  # takes the lower id
                inserted.set()
                release.wait(30)
        finally:
            connection.close()

    writer = threading.Thread(target=slow_write)
    writer.start()
    assert inserted.wait(30)
    quick = _contact(consultant, quick_trajectory, 1)  # a higher id, committed first
    # The worker's round while the lower id is still open: it sees only the quick contact, and
    # counting it would move past the slow one for good.
    counted_before_commit = practice_counts_fill()
    release.set()
    writer.join(30)
    slow = Contact.objects.get(trajectory=slow_trajectory)
    assert slow.pk < quick.pk
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        practice_counts_fill()
    # The quick one waited for the settle time: both are counted, each once.
    assert counted_before_commit == 0
    assert _counted_contacts() == 2

"""Two team leads taking the same referral on at once make one youth (the referral row is locked)."""

import pytest
from django.core.exceptions import ValidationError

from koers.intake.services import referral_take_on
from koers.trajectories.models import Youth
from tests.concurrency import at_once
from tests.intake.conftest import refer

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 10


def test_simultaneous_take_ons_make_one_youth(partner_user, team_lead, consultant):
    for number in range(3):
        referral = refer(partner_user, first_name=f"Race{number}")
        results = at_once(
            THREADS,
            lambda _i, pk=referral.pk: referral_take_on(actor=team_lead, referral_id=pk, consultant=consultant),
        )
        assert sum(isinstance(r, Youth) for r in results) == 1
        assert sum(isinstance(r, ValidationError) for r in results) == THREADS - 1
        assert Youth.objects.filter(first_name=f"Race{number}").count() == 1

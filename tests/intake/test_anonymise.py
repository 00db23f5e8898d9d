"""Self-registrations and call-back requests nobody took on lose their personal data after the set
number of days; the reference and history stay; chain partners' referrals and taken-on ones are
never touched; two runs at once anonymise each row once."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from koers.intake.models import Referral, ReferralStatus, ReferralStatusChange
from koers.intake.services import referral_take_on
from koers.intake.services.anonymise import intake_anonymise
from koers.intake.services.public import callback_request_submit, self_registration_submit
from koers.jobs.schedules import JOBS
from koers.trajectories.models import Youth
from tests.concurrency import at_once
from tests.conftest import signed_in_client
from tests.intake.conftest import age_exactly, refer


def _register(org, **overrides):
    fields = {
        "organisation_id": org.pk,
        "first_name": "Noor",
        "last_name": "Bakker",
        "birth_date": age_exactly(19),
        "phone": "0611122233",
        "email": "noor@example.org",
        "needs": ["debt"],
        "reason": "Ik zoek werk.",
    }
    fields.update(overrides)
    return self_registration_submit(**fields)


def _later(days: float):
    return time_machine.travel(timezone.now() + dt.timedelta(days=days), tick=False)


@pytest.mark.django_db
def test_an_open_registration_is_anonymised_after_the_set_days_and_not_before(org, settings):
    settings.KOERS_INTAKE_ANONYMISE_AFTER_DAYS = 10
    referral = _register(org)
    callback = callback_request_submit(
        organisation_id=org.pk, first_name="Daan", phone="0699", callback_when="ochtend", reason="Vragen"
    )
    with _later(9.9):
        assert intake_anonymise() == 0
    referral.refresh_from_db()
    assert referral.first_name == "Noor"

    with _later(10.1):
        assert intake_anonymise() == 2
        assert intake_anonymise() == 0  # idempotent
    for row in (referral, callback):
        reference = row.reference
        row.refresh_from_db()
        assert row.reference == reference and row.status == ReferralStatus.ANONYMISED
        assert "Noor" not in (row.first_name, row.last_name) and "Daan" != row.first_name
        assert (row.birth_date, row.phone, row.email, row.reason, row.needs, row.callback_when) == (
            None,
            "",
            "",
            "",
            [],
            "",
        )
        statuses = list(row.status_changes.values_list("status", flat=True))
        assert statuses == ["received", "anonymised"]
    assert ReferralStatusChange.objects.filter(status=ReferralStatus.ANONYMISED).count() == 2


@pytest.mark.django_db
def test_taken_on_refused_and_partner_referrals_are_never_anonymised(org, team_lead, consultant, partner_user):
    taken = _register(org, first_name="Eva")
    referral_take_on(actor=team_lead, referral_id=taken.pk, consultant=consultant)
    partner = refer(partner_user)
    with _later(400):
        assert intake_anonymise() == 0
    taken.refresh_from_db()
    partner.refresh_from_db()
    assert taken.first_name == "Eva" and taken.status == ReferralStatus.TAKEN_ON
    assert partner.first_name == "Sanne" and partner.status == ReferralStatus.RECEIVED


@pytest.mark.django_db
def test_an_anonymised_item_shows_as_such_and_cannot_be_taken_on(org, team_lead, consultant):
    referral = _register(org)
    with _later(31):
        call_command("intake_anonymise", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(ValidationError, match="geanonimiseerd"):
        referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    lead = signed_in_client(team_lead)
    assert referral.reference not in lead.get("/instroom/").text.split("Onlangs besloten")[0]
    item = lead.get(f"/instroom/{referral.pk}/").text
    assert "geanonimiseerd" in item and "Noor" not in item and "Niet op tijd behandeld" in item


@pytest.mark.django_db
def test_the_worker_runs_the_anonymisation(org):
    assert "koers.intake.services.anonymise.intake_anonymise" in [job.func for job in JOBS]
    referral = _register(org)
    with _later(31):
        call_command("worker", "--once")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ANONYMISED


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_anonymise_each_row_once(org):
    referrals = [_register(org, first_name=f"Race{number}", email="") for number in range(30)]
    with _later(31):
        results = at_once(6, lambda _i: intake_anonymise())
    assert all(isinstance(result, int) for result in results), results
    assert sum(results) == 30
    assert ReferralStatusChange.objects.filter(status=ReferralStatus.ANONYMISED).count() == 30
    assert not Referral.objects.filter(pk__in=[r.pk for r in referrals], first_name__startswith="Race").exists()


@pytest.mark.django_db(transaction=True)
def test_a_take_on_racing_the_anonymisation_ends_in_one_of_the_two(org, team_lead, consultant):
    for number in range(3):
        referral = _register(org, first_name=f"Wedren{number}", email="")
        with _later(31):
            results = at_once(
                2,
                lambda i, pk=referral.pk: (
                    intake_anonymise()
                    if i == 0
                    else referral_take_on(actor=team_lead, referral_id=pk, consultant=consultant)
                ),
            )
        referral.refresh_from_db()
        made = Youth.objects.filter(first_name=f"Wedren{number}").exists()
        if referral.status == ReferralStatus.TAKEN_ON:
            assert made and referral.first_name == f"Wedren{number}"
        else:
            assert referral.status == ReferralStatus.ANONYMISED and not made
            assert isinstance(results[1], ValidationError)
        assert referral.status_changes.count() == 2

"""Taking a referral on makes the youth, trajectory and invitation item and tells the partner;
refusing records why and tells the partner; a possible duplicate is shown first."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from koers.agenda.models import DueItem
from koers.intake.models import ReferralStatus, ReferralStatusChange
from koers.intake.services import referral_refuse, referral_take_on
from koers.lib.due_rules import DueKind
from koers.outbox.models import OutgoingMail
from koers.trajectories.models import Milestone, MilestoneKind, Source, Youth
from koers.trajectories.services import DuplicateYouth
from tests.intake.conftest import refer


def test_taking_on_makes_the_youth_trajectory_and_invitation_item(referral, team_lead, consultant):
    youth = referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    assert (youth.first_name, youth.last_name, youth.phone) == ("Sanne", "de Vries", "0612345678")
    assert youth.consultant == consultant
    trajectory = youth.trajectories.get()
    registration = Milestone.objects.get(trajectory=trajectory, kind=MilestoneKind.REGISTRATION)
    assert registration.source == Source.REFERRAL
    item = DueItem.objects.get(trajectory=trajectory, kind=DueKind.INVITATION)
    assert item.consultant == consultant
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.TAKEN_ON and referral.youth == youth
    assert list(referral.status_changes.values_list("status", flat=True)) == ["received", "taken_on"]


def test_the_partner_hears_of_the_decision_in_a_mail_without_content(referral, team_lead, consultant, partner_user):
    referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    sent = OutgoingMail.objects.get(kind="referral_decided")
    assert sent.to == partner_user.email
    assert "Sanne" not in sent.body and "Vries" not in sent.body and "Sanne" not in sent.subject


def test_refusing_records_the_reason_for_the_partner(referral, team_lead):
    referral_refuse(actor=team_lead, referral_id=referral.pk, reason="Woont niet in onze gemeente.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NOT_TAKEN_ON
    assert referral.refusal_reason == "Woont niet in onze gemeente."
    change = ReferralStatusChange.objects.filter(referral=referral).last()
    assert change.reason == "Woont niet in onze gemeente." and change.by == team_lead
    assert OutgoingMail.objects.filter(kind="referral_decided").count() == 1
    assert not Youth.objects.exists()


def test_refusing_needs_a_reason(referral, team_lead):
    with pytest.raises(ValidationError) as caught:
        referral_refuse(actor=team_lead, referral_id=referral.pk, reason="  ")
    assert "refusal_reason" in caught.value.message_dict


def test_a_decided_referral_cannot_be_decided_again(referral, team_lead, consultant):
    referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    with pytest.raises(ValidationError):
        referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    with pytest.raises(ValidationError):
        referral_refuse(actor=team_lead, referral_id=referral.pk, reason="Toch niet.")
    assert Youth.objects.count() == 1


def test_a_youth_with_the_same_name_and_birth_date_is_shown_first(youth, partner_user, team_lead, consultant):
    referral = refer(partner_user, first_name=youth.first_name, last_name=youth.last_name, birth_date=youth.birth_date)
    with pytest.raises(DuplicateYouth) as caught:
        referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    assert caught.value.youth_id == youth.pk
    referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant, confirm_duplicate=True)
    assert Youth.objects.count() == 2


def test_a_youth_with_the_same_email_is_a_possible_duplicate(youth, partner_user, team_lead, consultant):
    youth.email = "sanne@example.nl"
    youth.save(update_fields=["email"])
    referral = refer(partner_user, email="Sanne@example.nl")
    with pytest.raises(DuplicateYouth):
        referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)


@pytest.mark.parametrize("persona", ["consultant", "admin", "partner_user"])
def test_only_a_team_lead_decides(referral, persona, request, consultant):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        referral_take_on(actor=actor, referral_id=referral.pk, consultant=consultant)


def test_a_team_lead_of_another_organisation_finds_nothing(referral, outsider, consultant):
    with pytest.raises(ValidationError):
        referral_refuse(actor=outsider, referral_id=referral.pk, reason="Niet van ons.")
    assert mail.outbox == []

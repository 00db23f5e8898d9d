"""Consent for research: per purpose, recorded with who and when, one open consent at a time,
revocable; a command records it until the youth file has a place for it."""

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from koers.audit.models import AccessAction, AccessChannel, AccessLogEntry
from koers.trajectories.models import ResearchConsent, ResearchPurpose
from koers.trajectories.selectors import consenting_youth_ids, research_consents_of
from koers.trajectories.services import research_consent_record, research_consent_revoke
from tests.conftest import days_ago


def consenting_today(youth) -> bool:
    return youth.pk in set(
        consenting_youth_ids(organisation_id=youth.organisation_id, on=days_ago(0)).values_list("youth_id", flat=True)
    )


def test_consent_is_recorded_with_who_and_when_and_counts_from_its_day(consultant, youth):
    consent = research_consent_record(actor=consultant, youth=youth, given_on=days_ago(0))
    assert (consent.purpose, consent.recorded_by, consent.organisation_id) == (
        ResearchPurpose.RESEARCH,
        consultant,
        youth.organisation_id,
    )
    assert consenting_today(youth)
    assert not consent.valid_on(days_ago(1))


def test_a_second_open_consent_for_the_same_purpose_is_refused(consultant, youth):
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(3))
    with pytest.raises(Exception, match="al toestemming"):
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(0))
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
        ResearchConsent.objects.create(
            organisation_id=youth.organisation_id,
            youth=youth,
            purpose=ResearchPurpose.RESEARCH,
            given_on=days_ago(0),
            recorded_by=consultant,
        )


def test_revoking_ends_the_consent_on_its_day_and_keeps_the_history(consultant, colleague, youth):
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(5))
    revoked = research_consent_revoke(actor=colleague, youth=youth, on=days_ago(0))
    assert (revoked.revoked_on, revoked.revoked_by) == (days_ago(0), colleague)
    assert revoked.revoked_at is not None
    assert not consenting_today(youth)
    assert revoked.valid_on(days_ago(1))

    with pytest.raises(Exception, match="vóór de intrekking"):
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(1))
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(0))  # given again: a new row
    assert consenting_today(youth)
    assert [c.revoked_on for c in research_consents_of(youth.pk)] == [None, days_ago(0)]


@pytest.mark.parametrize(
    ("given", "revoked", "message"),
    [
        (None, 0, "geen toestemming om in te trekken"),
        (2, 3, "vóór de datum van de toestemming"),
        (2, -1, "in de toekomst"),
    ],
)
def test_a_wrong_revocation_is_refused(given, revoked, message, consultant, youth):
    if given is not None:
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(given))
    with pytest.raises(Exception, match=message):
        research_consent_revoke(actor=consultant, youth=youth, on=days_ago(revoked))


def test_consent_in_the_future_or_for_an_unknown_purpose_is_refused(consultant, youth):
    with pytest.raises(Exception, match="in de toekomst"):
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(-1))
    with pytest.raises(Exception, match="Kies waarvoor"):
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(0), purpose="marketing")


def test_the_command_gives_and_revokes_and_logs_it(consultant, youth, capsys):
    call_command("research_consent", "--youth", str(youth.pk), "--by", consultant.username, "--give")
    assert consenting_today(youth)
    assert "geldt" in capsys.readouterr().out

    call_command("research_consent", "--youth", str(youth.pk), "--by", consultant.username, "--revoke")
    assert not consenting_today(youth)
    assert "ingetrokken op" in capsys.readouterr().out
    entries = AccessLogEntry.objects.filter(youth_id=youth.pk, subject="research_consent")
    assert {(e.user_id, e.action, e.channel) for e in entries} == {
        (consultant.pk, AccessAction.CHANGE, AccessChannel.COMMAND)
    }


@pytest.mark.parametrize("persona", ["other_team_consultant", "admin", "outsider"])
def test_the_command_refuses_someone_who_may_not_open_the_file(persona, request, youth):
    actor = request.getfixturevalue(persona)
    with pytest.raises(CommandError):
        call_command("research_consent", "--youth", str(youth.pk), "--by", actor.username, "--give")
    assert not ResearchConsent.objects.exists()


def test_the_command_refuses_a_researcher(org, youth):
    from koers.accounts.models import Role
    from tests.conftest import make_user

    researcher = make_user("onderzoeker", org, Role.RESEARCHER)
    with pytest.raises(CommandError, match="werkt niet met dossiers"):
        call_command("research_consent", "--youth", str(youth.pk), "--by", researcher.username, "--give")

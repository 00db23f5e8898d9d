"""`koers demo`: consistent, deterministic demo data, written in bulk."""

import base64
import datetime as dt
import json
import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import Organisation, Role, User
from koers.agenda.facts import facts_for
from koers.agenda.models import DueItem
from koers.agenda.services import due_item_rows, open_now
from koers.contacts.models import Agreement, Appointment, Contact
from koers.demo import generator
from koers.lib.due_rules import DUE_KINDS, SUBSTANTIVE_CHANNELS
from koers.messaging.letters import letter_for
from koers.trajectories import flow
from koers.trajectories.models import (
    ConsultantAssignment,
    Milestone,
    MilestoneKind,
    Phase,
    Trajectory,
    Youth,
)

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> str:
    stdout = StringIO()
    call_command("demo", *args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


@pytest.fixture
def demo():
    return run_demo("--organisations", "2", "--youths", "30", "--seed", "1")


def test_every_organisation_has_a_team_lead_consultants_and_an_administrator(demo):
    organisations = list(Organisation.objects.order_by("id"))
    assert [o.name for o in organisations] == ["Gemeente Leeuwarden", "Gemeente De Fryske Marren"]
    for number, organisation in enumerate(organisations, start=1):
        users = {u.username: u for u in User.objects.filter(organisation=organisation)}
        assert users[f"teamleider{number}"].role == Role.TEAM_LEAD
        assert users[f"consulent{number}a"].role == Role.CONSULTANT
        assert users[f"consulent{number}b"].role == Role.CONSULTANT
        admin = users[f"beheer{number}"]
        assert admin.role == Role.FUNCTIONAL_ADMIN and admin.is_staff
        researcher = users[f"onderzoeker{number}"]
        assert researcher.role == Role.RESEARCHER and not researcher.is_staff and researcher.team_id is None
        assert 1 <= organisation.teams.count() <= 2
        assert users[f"consulent{number}a"].check_password(generator.DEMO_PASSWORD)
        for user in users.values():
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            assert device.key == generator.TOTP_KEY_HEX
    assert len(set(User.objects.values_list("password", flat=True))) == 1  # one shared password
    # Youths are looked after by consultants of their own organisation.
    assert (
        not Youth.objects.exclude(consultant__isnull=True).exclude(consultant__organisation=F("organisation")).exists()
    )


def test_every_organisations_letters_name_its_phone_number_and_address(demo):
    for organisation in Organisation.objects.all():
        assert organisation.phone and organisation.address
        youth = Youth.objects.filter(organisation=organisation).exclude(consultant__isnull=True).first()
        template = organisation.letter_templates.get(key="invitation_conversation")

        letter = letter_for(
            template, youth=youth, author=youth.consultant, date="dinsdag 14 april", time="10:00", place="op kantoor"
        )

        assert f"Bel me op {organisation.phone} of stuur me een bericht." in letter.body
        assert f"We zien elkaar hier: {organisation.address}." in letter.body
        assert "…" not in letter.body


def test_the_shared_totp_key_is_the_published_base32_secret():
    assert base64.b32encode(bytes.fromhex(generator.TOTP_KEY_HEX)).decode() == generator.TOTP_SECRET_BASE32


def test_all_phases_occur_in_every_organisation(demo):
    for organisation in Organisation.objects.all():
        phases = set(Trajectory.objects.filter(organisation=organisation).values_list("phase", flat=True))
        assert phases == set(Phase.values)


def test_milestones_follow_the_flow_chart_and_give_the_stored_phase(demo):
    today = timezone.localdate()
    for trajectory in Trajectory.objects.prefetch_related("milestones"):
        milestones = flow.effective(trajectory.milestones.all())
        flow.check_sequence(milestones)
        assert flow.phase_of(milestones) == trajectory.phase
        assert all(m.date <= today for m in milestones)


def test_conversations_have_five_to_eight_interventions(demo):
    contacts = Contact.objects.annotate(n=Count("interventions"))
    substantive = [c.n for c in contacts if c.channel in SUBSTANTIVE_CHANNELS]
    assert substantive and all(5 <= n <= 8 for n in substantive)
    assert all(c.n <= 2 for c in contacts if c.channel not in SUBSTANTIVE_CHANNELS)
    assert {c.channel for c in contacts} >= {"office", "phone", "message"}


def test_conversations_tick_steps_of_the_method_with_their_elements(demo):
    from koers.method.models import MethodVersion

    conversations = Contact.objects.filter(channel__in=["office", "home_visit", "walk", "phone", "video"])
    with_steps = conversations.filter(steps__isnull=False).distinct()
    assert with_steps.count() > conversations.count() * 0.8  # nearly every conversation
    assert not Contact.objects.filter(channel="message", steps__isnull=False).exists()
    for contact in with_steps.prefetch_related("steps__working_elements", "interventions")[:50]:
        current = MethodVersion.objects.filter(organisation_id=contact.organisation_id).order_by("-number").first()
        assert all(step.version_id == current.pk for step in contact.steps.all())
        step_codes = {e.code for step in contact.steps.all() for e in step.working_elements.all()}
        assert step_codes <= {e.code for e in contact.interventions.all()}


def test_some_youths_have_barriers_that_bring_toolbox_suggestions(demo):
    from koers.contacts.selectors import toolbox_for
    from koers.trajectories.models import Barrier

    barriers = Barrier.objects.filter(resolved_on__isnull=True).select_related("youth")
    assert barriers.exists()
    assert all(b.organisation_id == b.youth.organisation_id for b in barriers)
    assert toolbox_for(barriers.first().youth).suggestions


def test_most_youths_consented_to_research_so_the_export_has_data(demo):
    from koers.lib.small_numbers import THRESHOLD
    from koers.research.selectors import consenting_count
    from koers.trajectories.models import ResearchConsent

    today = timezone.localdate()
    consenting = {o.pk: consenting_count(organisation_id=o.pk, on=today) for o in Organisation.objects.all()}
    assert all(count >= THRESHOLD for count in consenting.values())  # /onderzoek/ can download
    assert 0.4 <= sum(consenting.values()) / Youth.objects.count() <= 0.8  # about 60 %
    firsts = dict(
        Milestone.objects.filter(kind="first_conversation")
        .values_list("trajectory__youth_id", "date")
        .order_by("-date")
    )
    for consent in ResearchConsent.objects.select_related("youth", "recorded_by"):
        assert consent.organisation_id == consent.youth.organisation_id == consent.recorded_by.organisation_id
        assert consent.given_on <= firsts[consent.youth_id] <= today  # asked at the (first) first conversation
        assert consent.revoked_on is None or consent.given_on <= consent.revoked_on <= today


def test_contacts_lie_between_registration_and_today(demo):
    today = timezone.localdate()
    registered = dict(Milestone.objects.filter(kind="registration").values_list("trajectory_id", "date"))
    for contact in Contact.objects.all():
        assert registered[contact.trajectory_id] <= contact.date <= today


def test_stored_agenda_equals_what_the_rules_compute_from_the_database(demo):
    trajectories = list(Trajectory.objects.select_related("youth"))
    facts = facts_for(trajectories)

    def key(row):
        return (row.trajectory_id, row.youth_id, row.consultant_id, row.kind, row.due, row.starts, row.ref)

    expected = Counter(key(row) for t in trajectories for row in due_item_rows(t, open_now(facts[t.pk]), {}))
    assert Counter(key(row) for row in DueItem.objects.all()) == expected
    assert expected
    # What each item is about is stored with it, as agenda_refresh would.
    for item in DueItem.objects.filter(kind="agreement")[:50]:
        assert item.about == Agreement.objects.get(pk=item.ref.partition(":")[2]).description


def test_the_agenda_has_overdue_and_upcoming_items(demo):
    today = timezone.localdate()
    assert DueItem.objects.filter(due__lt=today).exists()
    assert DueItem.objects.filter(due__gte=today).exists()
    kinds = set(DueItem.objects.values_list("kind", flat=True))
    assert kinds <= set(DUE_KINDS)
    assert {"contact_norm", "agreement", "second_conversation", "aftercare_check_in"} <= kinds


def test_appointments_are_planned_held_and_missed(demo):
    today = timezone.localdate()
    statuses = set(Appointment.objects.values_list("status", flat=True))
    assert {"planned", "held", "no_show"} <= statuses
    assert Appointment.objects.filter(status="planned", date__gt=today).exists()
    assert not Appointment.objects.filter(status__in=["held", "no_show"], date__gt=today).exists()


def test_hand_overs_are_recorded_as_assignments(demo):
    handovers = ConsultantAssignment.objects.filter(previous_consultant__isnull=False)
    assert handovers.exists()
    for youth in Youth.objects.exclude(consultant__isnull=True).prefetch_related("assignments"):
        assert list(youth.assignments.all())[-1].consultant_id == youth.consultant_id


def test_youths_are_18_to_27_today(demo):
    today = timezone.localdate()
    for birth in Youth.objects.values_list("birth_date", flat=True):
        age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        assert 18 <= age <= 27


class _Rollback(Exception):
    def __init__(self, names):
        self.names = names


def _names_for_seed(seed: int) -> list[tuple[str, str]]:
    try:
        with transaction.atomic():
            run_demo("--organisations", "2", "--youths", "10", "--seed", str(seed))
            raise _Rollback(list(Youth.objects.order_by("id").values_list("first_name", "last_name")))
    except _Rollback as rolled_back:
        return rolled_back.names


def test_the_same_seed_gives_the_same_youths():
    first = _names_for_seed(7)
    assert len(first) == 2 * (10 + 3)  # with the destruction list's three in each organisation
    assert _names_for_seed(7) == first
    assert _names_for_seed(8) != first


def test_json_output_lists_the_users_with_their_roles():
    payload = json.loads(run_demo("--organisations", "2", "--youths", "5", "--json"))
    organisations = payload["organisations"]
    assert [o["name"] for o in organisations] == ["Gemeente Leeuwarden", "Gemeente De Fryske Marren"]
    users = {u["username"]: u["role"] for o in organisations for u in o["users"]}
    assert users == {
        "teamleider1": "team_lead",
        "consulent1a": "consultant",
        "consulent1b": "consultant",
        "beheer1": "functional_admin",
        "onderzoeker1": "researcher",
        "teamleider2": "team_lead",
        "consulent2a": "consultant",
        "consulent2b": "consultant",
        "beheer2": "functional_admin",
        "onderzoeker2": "researcher",
        # Chain partners' staff (koers.intake): they refer youths and see only their own referrals.
        **{f"{partner}{n}": "chain_partner" for partner in ("rmc", "school", "wijkteam") for n in (1, 2)},
    }
    assert payload["password"] == generator.DEMO_PASSWORD
    assert payload["totp_secret"] == generator.TOTP_SECRET_BASE32


def test_human_output_tells_how_to_sign_in(demo):
    assert "teamleider1" in demo and "Gemeente De Fryske Marren" in demo
    assert generator.DEMO_PASSWORD in demo
    assert generator.TOTP_SECRET_BASE32 in demo
    assert "otp_code" in demo


def test_the_front_door_is_ready_to_try(demo, client):
    from koers.intake.models import IntakeSource, Referral

    for organisation in Organisation.objects.all():
        address = f"/aanmelden/{organisation.pk}/"
        assert address in demo  # printed with the sign-in details
        page = client.get(address).text
        assert organisation.phone in page and organisation.opening_hours in page
        sources = set(Referral.objects.filter(organisation=organisation).values_list("source", flat=True))
        assert sources == {IntakeSource.PARTNER, IntakeSource.SELF, IntakeSource.CALLBACK}


def test_if_empty_creates_nothing_the_second_time(demo):
    counts = (Organisation.objects.count(), User.objects.count(), Youth.objects.count())
    output = run_demo("--organisations", "3", "--youths", "5", "--if-empty", "--json")
    assert (Organisation.objects.count(), User.objects.count(), Youth.objects.count()) == counts
    usernames = [u["username"] for o in json.loads(output)["organisations"] for u in o["users"]]
    assert "teamleider1" in usernames and "beheer2" in usernames


def test_a_second_run_adds_organisations_beside_the_first(demo):
    output = json.loads(run_demo("--organisations", "1", "--youths", "5", "--seed", "2", "--json"))
    assert output["created"] is True
    names = [o["name"] for o in output["organisations"]]
    assert names == ["Gemeente Leeuwarden", "Gemeente De Fryske Marren", "Dienst Noardwest Fryslân"]
    assert [u["username"] for u in output["organisations"][2]["users"]][:1] == ["teamleider3"]
    # 30 and 5 youths with a story, and in each organisation 3 on the demo's destruction list.
    assert Youth.objects.count() == 2 * (30 + 3) + (5 + 3)


def test_many_consultants_get_stable_usernames():
    assert [generator.letters(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
    ]
    assert generator.consultant_count(30) == 2
    assert generator.consultant_count(400) == 10


def test_warns_outside_the_demo_environment(settings):
    settings.DEBUG = False
    stderr = StringIO()
    call_command("demo", "--organisations", "1", "--youths", "1", stdout=StringIO(), stderr=stderr)
    assert "nooit in een omgeving met echte gegevens" in stderr.getvalue()


def test_otp_code_prints_the_demo_users_current_code(demo, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.DEBUG = False
    out = StringIO()
    call_command("otp_code", "consulent1a", stdout=out)
    device = TOTPDevice.objects.get(user__username="consulent1a")
    assert device.verify_token(out.getvalue().strip())


def test_otp_code_refuses_real_users(consultant, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="demogebruikers"):
        call_command("otp_code", "consulent", stdout=StringIO())


def test_histories_have_a_realistic_spread():
    """Like real files: most trajectories that reached follow-up have 10-40 contacts, each
    organisation has one long file of hundreds of contacts, some youths came back for a second or
    third trajectory, and closed trajectories went through aftercare."""
    run_demo("--organisations", "1", "--youths", "300", "--seed", "3")
    counts = Trajectory.objects.annotate(n=Count("contacts"))
    reached_follow_up = list(
        counts.filter(phase__in=[Phase.FOLLOW_UP, Phase.AFTERCARE, Phase.CLOSED]).values_list("n", flat=True)
    )
    typical = [n for n in reached_follow_up if 10 <= n <= 40]
    assert len(typical) > len(reached_follow_up) / 2
    longest = Contact.objects.values("trajectory__youth").annotate(n=Count("id")).order_by("-n").first()
    assert longest["n"] >= 200
    assert Youth.objects.annotate(t=Count("trajectories")).filter(t__gte=2).count() >= 300 // 20
    assert Trajectory.objects.filter(phase=Phase.CLOSED, milestones__kind=MilestoneKind.OUTFLOW).exists()


def test_months_ago_keeps_the_day_and_clamps_it_to_the_month():
    from koers.demo.timeline import months_ago

    assert months_ago(dt.date(2026, 12, 7), 0) == dt.date(2026, 12, 7)
    assert months_ago(dt.date(2026, 12, 7), 3) == dt.date(2026, 9, 7)
    assert months_ago(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert months_ago(dt.date(2028, 5, 30), 3) == dt.date(2028, 2, 29)


@pytest.mark.parametrize("today", [dt.date(2026, 12, 7), dt.date(2026, 1, 31), dt.date(2027, 3, 1)])
@pytest.mark.parametrize("phase", ["registration", "invited", "search_period", "follow_up", "aftercare", "closed"])
def test_no_demo_story_has_a_date_after_today(today, phase):
    """The bench found a youth in aftercare registered three days from now (months_ago returned
    the 28th of the month for any day before the 28th): no step of a story lies in the future."""
    from koers.demo.timeline import Timeline

    for seed in range(400):
        d = Timeline(random.Random(seed), today).dates(phase)
        for step in (d.R, d.I, d.F, d.P, d.U, *d.X, d.H):
            assert step is None or step <= today, (seed, d)


def test_every_organisation_has_a_destruction_list_to_review(demo):
    from koers.retention.models import DestructionList, DestructionStatus

    for organisation in Organisation.objects.all():
        proposed = DestructionList.objects.get(organisation=organisation)
        assert proposed.status == DestructionStatus.PROPOSED
        assert proposed.items.filter(line="8.4.1").count() >= 3

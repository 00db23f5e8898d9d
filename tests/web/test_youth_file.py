"""The youth file: details, flow chart, agenda, the timeline and which forms it offers."""

import datetime as dt
import re

from django.urls import reverse

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Contact
from koers.contacts.selectors import HISTORY_PAGE_SIZE
from koers.contacts.services import NewAgreement, appointment_create, contact_record
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record, milestone_withdraw, trajectory_create
from tests.conftest import days_ago
from tests.web.conftest import youth_with_history


def get_file(client, youth_id, **params):
    response = client.get(reverse("youth_file", args=[youth_id]), params)
    assert response.status_code == 200
    return response


def test_shows_details_with_sensitive_markers(trajectory, youth, consultant, as_user, today):
    youth.target_groups = ["autism"]
    youth.save(update_fields=["target_groups"])
    body = get_file(as_user(consultant), youth.pk).content.decode()
    assert "Sanne de Vries" in body
    born = youth.birth_date  # 15 June, 22 years before this year (tests/conftest.py)
    assert f"15 juni {born.year}" in body
    age = today.year - born.year - ((today.month, today.day) < (6, 15))
    assert f"({age} jaar)" in body
    assert "sanne@example.org" in body and "0612345678" in body
    assert "Startkwalificatie" in body
    assert "gevoelig" in body and "Autisme" in body
    assert "elke 30 dagen (standaard)" in body
    assert "Consulent Test" in body


def test_writes_a_view_entry(trajectory, youth, consultant, as_user):
    get_file(as_user(consultant), youth.pk)
    entry = AccessLogEntry.objects.get(user=consultant, action="view")
    assert (entry.youth_id, entry.channel) == (youth.pk, "web")


def test_flow_chart_marks_the_current_phase(started, consultant, as_user):
    body = get_file(as_user(consultant), started.youth_id).content.decode()
    current = re.findall(
        r'<li class="koers-flow__step[^"]*"[^>]*aria-current="step"[^>]*>\s*.*?\n\s*.*?</li>', body, re.S
    )
    assert len(current) == 1
    assert "1e gesprek en zoekperiode" in current[0]
    assert body.count('aria-current="step"') == 1


def test_offers_only_the_next_milestones(trajectory, youth, consultant, as_user):
    def offered():
        response = get_file(as_user(consultant), youth.pk)
        return [form.kind for form in response.context["milestone_forms"]]

    assert offered() == ["invitation", "first_conversation", "closed"]
    milestone_record(actor=consultant, trajectory=trajectory, kind="invitation", date=days_ago(30))
    assert offered() == ["first_conversation", "closed"]
    milestone_record(actor=consultant, trajectory=trajectory, kind="first_conversation", date=days_ago(25))
    assert offered() == ["plan_conversation", "outflow", "closed"]
    milestone_record(actor=consultant, trajectory=trajectory, kind="plan_conversation", date=days_ago(2), route="work")
    assert offered() == ["outflow", "closed"]
    milestone_record(actor=consultant, trajectory=trajectory, kind="outflow", date=days_ago(1), destination="work")
    assert offered() == ["aftercare_extension", "closed"]
    milestone_record(actor=consultant, trajectory=trajectory, kind="closed", date=days_ago(0), reason="completed")
    response = get_file(as_user(consultant), youth.pk)
    assert response.context["milestone_forms"] == []
    assert "trajectory_form" in response.context  # a new trajectory can start


def test_no_trajectory_offers_to_start_one(youth, consultant, as_user):
    response = get_file(as_user(consultant), youth.pk)
    body = response.content.decode()
    assert "Traject starten" in body
    assert "contact_form" not in response.context


def test_timeline_has_milestones_and_contacts_newest_first(started, consultant, as_user):
    contact_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(10),
        channel="walk",
        purpose="agreements",
        participants=["youth", "parent"],
        intervention_codes=["trust_personal_attention", "skills_job_application"],
        agreements=[NewAgreement(owner="youth", description="Drie vacatures zoeken", due_on=days_ago(-4))],
        notes="Liep goed.",
    )
    response = get_file(as_user(consultant), started.youth_id, open="history")
    timeline = response.context["history"].entries
    assert [e.date for e in timeline] == sorted((e.date for e in timeline), reverse=True)
    assert timeline[0].contact is not None
    body = response.content.decode()
    for text in [
        "wandelend gesprek",
        "afspraken bespreken",
        "jongere, ouder",
        "Persoonlijke aandacht",
        "Sollicitatievaardigheden",
        "Drie vacatures zoeken",
        "Liep goed.",
        "Mijlpaal: 1e gesprek",
        "Mijlpaal: Melding",
    ]:
        assert text in body, text


def test_corrections_and_withdrawals_are_visible(started, consultant, as_user):
    first = started.milestones.get(kind=MilestoneKind.FIRST_CONVERSATION)
    correction = milestone_record(
        actor=consultant,
        trajectory=started,
        kind=MilestoneKind.FIRST_CONVERSATION,
        date=days_ago(18),
        replaces=first,
    )
    milestone_withdraw(actor=consultant, milestone=correction, note="Was een vergissing")
    response = get_file(as_user(consultant), started.youth_id, open="history")
    entries = sorted((e.milestone.role, e.milestone.void) for e in response.context["history"].entries if e.milestone)
    # registration; first conversation (corrected); its correction (withdrawn); the withdrawal
    assert entries == [("", ""), ("", "replaced"), ("correction", "withdrawn"), ("withdrawal", "")]
    body = response.content.decode()
    assert "gecorrigeerd, telt niet meer" in body
    assert "ingetrokken, telt niet meer" in body
    assert "Ingetrokken: 1e gesprek" in body and "Was een vergissing" in body
    assert "koers-timeline__item--void" in body


def test_agenda_marks_overdue_items(trajectory, consultant, as_user):
    milestone_record(actor=consultant, trajectory=trajectory, kind="first_conversation", date=days_ago(40))
    response = get_file(as_user(consultant), trajectory.youth_id)
    entries = {e.kind: e for e in response.context["due_entries"]}
    assert entries["second_conversation"].overdue
    assert entries["second_conversation"].due == days_ago(12)
    assert "te laat" in response.content.decode()


def test_appointments_with_status_buttons(started, consultant, as_user):
    # Today's: held or not is known now (a future one offers only "Afzeggen", test_appointments).
    appointment_create(
        actor=consultant, trajectory=started, date=days_ago(0), time=dt.time(10, 30), description="Gesprek over cv"
    )
    body = get_file(as_user(consultant), started.youth_id, open="appointments").content.decode()
    assert "Gesprek over cv" in body and "10:30" in body
    for label in ["Gehouden", "Niet verschenen", "Afgezegd"]:
        assert label in body


def test_an_earlier_trajectory_can_be_viewed_read_only(trajectory, youth, consultant, as_user):
    milestone_record(actor=consultant, trajectory=trajectory, kind="closed", date=days_ago(0), reason="moved")
    newer = trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(0), source="self")
    current = get_file(as_user(consultant), youth.pk)
    assert current.context["file"].trajectory == newer
    older = get_file(as_user(consultant), youth.pk, traject=trajectory.pk)
    assert older.context["file"].trajectory == trajectory
    assert "U bekijkt een eerder traject" in older.content.decode()
    assert "contact_form" not in older.context


def test_hand_over_form_only_for_own_consultant_and_team_lead(started, consultant, colleague, team_lead, as_user):
    assert get_file(as_user(consultant), started.youth_id).context["may_hand_over"]
    assert get_file(as_user(team_lead), started.youth_id).context["may_hand_over"]
    assert not get_file(as_user(colleague), started.youth_id).context["may_hand_over"]
    assert as_user(colleague).get(f"/jongeren/{started.youth_id}/formulier/hand_over/").status_code == 403


def test_unknown_youth_is_a_friendly_404(consultant, as_user):
    response = as_user(consultant).get(reverse("youth_file", args=[999999]))
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_page_sends_no_inline_script_or_style(started, consultant, as_user):
    response = get_file(as_user(consultant), started.youth_id)
    body = response.content.decode()
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", body, flags=re.S)
    assert scripts and all(not code.strip() for code in scripts)  # only files from our own origin
    assert all(src.startswith("/static/") for src in re.findall(r'<script[^>]*src="([^"]+)"', body))
    assert "style=" not in body and "<style" not in body
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_odd_trajectory_parameters_show_the_current_trajectory(trajectory, youth, consultant, as_user):
    client = as_user(consultant)
    for value in ["²", "9" * 5000, "-1", "abc"]:
        response = client.get(reverse("youth_file", args=[youth.pk]), {"traject": value})
        assert response.status_code == 200, value


def test_history_shows_the_recent_part_and_older_pages_one_by_one(consultant, as_user):
    youth, _ = youth_with_history(consultant, 7, contacts=2 * HISTORY_PAGE_SIZE + 3)
    client = as_user(consultant)
    first = get_file(client, youth.pk, open="history")
    history = first.context["history"]
    contact_ids = [e.contact.pk for e in history.entries if e.contact]
    assert len(contact_ids) == HISTORY_PAGE_SIZE
    assert "Toon eerdere" in first.content.decode()
    assert "Mijlpaal: Melding" not in first.content.decode()  # older than the recent part

    seen = list(contact_ids)
    cursor = history.older
    pages = 1
    while cursor:
        page = client.get(reverse("youth_history", args=[youth.pk]), {"eerder": cursor}, HTTP_HX_REQUEST="true")
        assert page.status_code == 200
        seen += [e.contact.pk for e in page.context["history"].entries if e.contact]
        cursor = page.context["history"].older
        pages += 1
    assert pages == 3
    assert "Mijlpaal: Melding" in page.content.decode()  # the oldest page ends with the registration
    assert "Toon eerdere" not in page.content.decode()
    all_ids = list(
        Contact.objects.filter(trajectory__youth=youth).order_by("-date", "-pk").values_list("pk", flat=True)
    )
    assert seen == all_ids  # every contact once, newest first
    assert AccessLogEntry.objects.filter(user=consultant, youth_id=youth.pk, subject="history").count() == 2


def test_older_history_without_javascript_opens_the_file_at_that_page(consultant, as_user):
    youth, _ = youth_with_history(consultant, 8, contacts=HISTORY_PAGE_SIZE + 2)
    client = as_user(consultant)
    opened = get_file(client, youth.pk, open="history").content.decode()
    # Without JavaScript "Toon eerdere" is a plain link: follow it as the browser would.
    link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>Toon eerdere</a>', opened).group(1).replace("&amp;", "&")
    older = client.get(link)
    assert older.status_code == 200
    assert "history" in older.context, f"{link} opens the file without the history (folded)"
    assert len([e for e in older.context["history"].entries if e.contact]) == 2
    assert "Naar de nieuwste" in older.content.decode()


def test_a_broken_cursor_shows_the_newest_page(consultant, as_user):
    youth, _ = youth_with_history(consultant, 9, contacts=3)
    response = get_file(as_user(consultant), youth.pk, open="history", eerder="gisteren.<script>")
    assert response.status_code == 200
    assert len([e for e in response.context["history"].entries if e.contact]) == 3


def test_on_a_phone_details_appointments_and_agreements_come_before_the_history(started, consultant, as_user):
    """The page's order is the phone's order (one column): the phone number before the history."""
    html = get_file(as_user(consultant), started.youth_id).content.decode()
    order = [
        html.index(f'id="{section}"') for section in ("contact", "details", "appointments", "agreements", "history")
    ]
    assert order == sorted(order)

"""Vandaag: open due items (overdue first), filters, the team lead's selector, the caseload tab."""

import datetime as dt

import pytest
from django.urls import reverse

from koers.accounts.models import Role
from koers.agenda.labels import DUE_KIND_LABELS
from koers.agenda.models import DueItem
from koers.agenda.selectors import PAGE_SIZE, SOON_DAYS
from koers.audit.models import AccessLogEntry
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record, trajectory_create, youth_create
from tests.conftest import born_years_ago, days_ago, make_user
from tests.web.conftest import youth_with_history


def rows(response):
    return response.context["page"].object_list


def test_lists_the_consultants_items_overdue_first(started, consultant, as_user, today):
    other, _ = youth_with_history(consultant, 1)  # first conversation 50 days ago: items overdue
    response = as_user(consultant).get(reverse("today"))
    assert response.status_code == 200
    items = rows(response)
    dues = [row.due for row in items]
    assert dues == sorted(dues)
    assert items[0].overdue and items[0].youth_id == other.pk
    assert any(not row.overdue for row in items)
    body = response.content.decode()
    assert "te laat" in body
    assert f'href="{reverse("youth_file", args=[started.youth_id])}"' in body
    assert "2e gesprek" in body and "Contactnorm" in body


def test_second_conversation_shows_with_its_date(started, consultant, as_user):
    first = days_ago(20)
    items = [row for row in rows(as_user(consultant).get(reverse("today"))) if row.kind == "second_conversation"]
    assert len(items) == 1
    assert items[0].due == first + dt.timedelta(days=28)
    assert items[0].kind_label == "2e gesprek"
    assert items[0].youth_name == "Sanne de Vries"


def test_period_soon_hides_items_further_away(trajectory, consultant, as_user):
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(1))
    soon = rows(as_user(consultant).get(reverse("today")))
    assert not any(row.kind == "second_conversation" for row in soon)  # due in 27 days
    everything = rows(as_user(consultant).get(reverse("today"), {"period": "all"}))
    assert any(row.kind == "second_conversation" for row in everything)


def test_filters_by_kind_and_phase(started, consultant, as_user):
    youth_with_history(consultant, 1)
    by_kind = rows(as_user(consultant).get(reverse("today"), {"kind": "contact_norm", "period": "all"}))
    assert by_kind and {row.kind for row in by_kind} == {"contact_norm"}
    none = rows(as_user(consultant).get(reverse("today"), {"phase": "aftercare", "period": "all"}))
    assert none == []
    search = rows(as_user(consultant).get(reverse("today"), {"phase": "search_period", "period": "all"}))
    assert len(search) == DueItem.objects.filter(consultant=consultant).count()


def test_invalid_filter_values_fall_back_to_defaults(started, consultant, as_user):
    response = as_user(consultant).get(reverse("today"), {"kind": "nonsense", "phase": "x", "period": "y"})
    assert response.status_code == 200
    assert any(row.kind == "second_conversation" for row in rows(response))


def test_team_lead_chooses_whose_items(started, consultant, colleague, other_team_consultant, team_lead, as_user):
    youth_with_history(colleague, 1)
    youth_with_history(other_team_consultant, 2)
    client = as_user(team_lead)
    team = {row.consultant_name for row in rows(client.get(reverse("today"), {"period": "all"}))}
    assert team == {"Consulent Test", "Collega Test"}
    organisation = client.get(reverse("today"), {"period": "all", "consultant": "org"})
    assert {row.consultant_name for row in rows(organisation)} == {"Consulent Test", "Collega Test", "Zuid Test"}
    assert "Heel het team" in organisation.content.decode()
    one = client.get(reverse("today"), {"period": "all", "consultant": colleague.pk})
    assert {row.consultant_name for row in rows(one)} == {"Collega Test"}
    assert one.context["show_consultant"] is False


def test_team_lead_without_team_sees_the_organisation(started, org, as_user):
    lead = make_user("hoofd", org, Role.TEAM_LEAD)
    response = as_user(lead).get(reverse("today"), {"period": "all"})
    assert rows(response)
    assert "Heel het team" not in response.content.decode()


def test_caseload_tab(started, consultant, as_user):
    youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Zonder",
        last_name="Traject",
        birth_date=born_years_ago(21, month=2, day=2),
    )
    response = as_user(consultant).get(reverse("today"), {"view": "caseload"})
    listed = {row.youth_name: row for row in rows(response)}
    assert set(listed) == {"Sanne de Vries", "Zonder Traject"}
    assert listed["Sanne de Vries"].phase_label == "Zoekperiode"
    assert listed["Zonder Traject"].phase_label == "Geen traject"
    assert listed["Sanne de Vries"].next_due == days_ago(20) + dt.timedelta(days=28)
    body = response.content.decode()
    assert 'aria-current="page">Caseload' in body
    assert "<caption" in body and 'scope="col"' in body and 'scope="row"' in body


def test_caseload_sorts_on_the_surname_without_tussenvoegsel(consultant, as_user):
    for first, last in [("Jan", "van Dijk"), ("Piet", "Bakker"), ("Eva", "de Boer"), ("Anna", "Zwart")]:
        youth_create(
            actor=consultant,
            consultant=consultant,
            first_name=first,
            last_name=last,
            birth_date=born_years_ago(22, month=5, day=1),
        )
    response = as_user(consultant).get(reverse("today"), {"view": "caseload"})
    assert [row.youth_name for row in rows(response)] == ["Piet Bakker", "Eva de Boer", "Jan van Dijk", "Anna Zwart"]


def test_caseload_filters_by_phase(started, consultant, as_user):
    other = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Nieuw",
        last_name="Aangemeld",
        birth_date=born_years_ago(21, month=2, day=2),
    )
    trajectory_create(actor=consultant, youth=other, registered_on=days_ago(3), source="self")
    response = as_user(consultant).get(reverse("today"), {"view": "caseload", "phase": "registration"})
    assert [row.youth_name for row in rows(response)] == ["Nieuw Aangemeld"]


def agreement_items(trajectory, consultant, *, due, count: int) -> None:
    """`count` open agreement items on the agenda, all due on `due`."""
    DueItem.objects.bulk_create(
        DueItem(
            organisation_id=trajectory.organisation_id,
            trajectory=trajectory,
            youth_id=trajectory.youth_id,
            consultant=consultant,
            kind="agreement",
            due=due,
            starts=dt.date.today(),
            ref=f"agreement:{i}",
        )
        for i in range(count)
    )


def test_rows_are_paginated(started, consultant, as_user, today):
    agreement_items(started, consultant, due=today, count=PAGE_SIZE + 5)
    total = DueItem.objects.filter(consultant=consultant).count()
    first = as_user(consultant).get(reverse("today"), {"period": "all"})
    assert len(rows(first)) == PAGE_SIZE
    assert 'rel="next"' in first.content.decode()
    second = as_user(consultant).get(reverse("today"), {"period": "all", "page": 2})
    assert len(rows(second)) == total - PAGE_SIZE
    assert as_user(consultant).get(reverse("today"), {"page": "999"}).status_code == 200


def test_page_count_and_caption_follow_the_period(started, consultant, as_user, today):
    far = today + dt.timedelta(days=SOON_DAYS + 30)
    agreement_items(started, consultant, due=far, count=PAGE_SIZE + 1)
    soon = DueItem.objects.filter(consultant=consultant, due__lte=today + dt.timedelta(days=SOON_DAYS)).count()
    everything = DueItem.objects.filter(consultant=consultant).count()
    client = as_user(consultant)

    near = client.get(reverse("today"))
    assert near.context["page"].paginator.num_pages == 1
    assert f"Te doen: {soon} actiepunten" in near.content.decode()

    all_ = client.get(reverse("today"), {"period": "all"})
    assert all_.context["page"].paginator.num_pages == 2
    assert f"Te doen: {everything} actiepunten" in all_.content.decode()
    assert all_.context["counts"].overdue == near.context["counts"].overdue


def test_writes_one_view_entry_per_youth_shown(started, consultant, as_user):
    other, _ = youth_with_history(consultant, 1)
    as_user(consultant).get(reverse("today"))
    entries = AccessLogEntry.objects.filter(user=consultant, action="view", subject="today")
    assert sorted(entries.values_list("youth_id", flat=True)) == sorted([started.youth_id, other.pk])
    assert {e.channel for e in entries} == {"web"}


def test_nothing_due_is_said_kindly(consultant, as_user):
    response = as_user(consultant).get(reverse("today"))
    assert "Er staat niets open" in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_every_due_kind_has_a_dutch_label():
    from koers.lib.due_rules import DUE_KINDS

    assert set(DUE_KIND_LABELS) == set(DUE_KINDS)


@pytest.mark.parametrize("persona", ["consultant", "team_lead"])
def test_page_has_landmarks_and_labels(started, as_user, persona, request):
    body = as_user(request.getfixturevalue(persona)).get(reverse("today")).content.decode()
    assert "<main" in body and "<header" in body and 'aria-label="Hoofdmenu"' in body
    assert '<label class="utrecht-form-label" for="id_phase">' in body
    assert "<h1" in body


def test_an_unknown_filter_value_falls_back_without_error_texts(consultant, as_user):
    response = as_user(consultant).get("/?kind=onbekend&phase=x")
    assert response.status_code == 200
    page = response.content.decode()
    assert "geldige keuze" not in page.lower() and "valid choice" not in page.lower()


def test_count_tiles_are_links_that_filter_the_list(started, consultant, as_user, today):
    youth_with_history(consultant, 1)  # items overdue
    agreement_items(started, consultant, due=today, count=2)
    client = as_user(consultant)
    page = client.get(reverse("today"))
    counts = page.context["counts"]
    body = page.content.decode()
    for period in ("overdue", "today", "coming"):
        assert f'href="?period={period}"' in body
    overdue = rows(client.get(reverse("today"), {"period": "overdue"}))
    assert overdue and all(row.overdue for row in overdue) and len(overdue) == counts.overdue
    due_today = rows(client.get(reverse("today"), {"period": "today"}))
    assert [row.due for row in due_today] == [today] * counts.today
    coming = rows(client.get(reverse("today"), {"period": "coming"}))
    assert all(row.due > today for row in coming) and len(coming) == counts.soon


def test_vandaag_says_what_an_agreement_and_a_missed_conversation_are_about(started, consultant, as_user, today):
    from koers.contacts.models import AgreementOwner, AppointmentStatus, Channel
    from koers.contacts.services import NewAgreement, appointment_create, appointment_set_status, contact_record

    contact_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(5),
        channel=Channel.PHONE,
        agreements=[NewAgreement(owner=AgreementOwner.YOUTH, description="Cv sturen naar de bakkerij", due_on=today)],
    )
    missed = appointment_create(actor=consultant, trajectory=started, date=days_ago(1))
    appointment_set_status(actor=consultant, appointment=missed, status=AppointmentStatus.NO_SHOW)
    response = as_user(consultant).get(reverse("today"))
    details = {row.kind: row.detail for row in rows(response)}
    assert details["agreement"] == "Cv sturen naar de bakkerij"
    assert details["no_show_follow_up"].startswith("gesprek van ")
    body = response.content.decode()
    assert '<span class="koers-detail">Cv sturen naar de bakkerij</span>' in body
    assert "afspraak van" not in body

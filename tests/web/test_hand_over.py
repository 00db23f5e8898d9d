"""Warm hand-over to another consultant of the organisation."""

from django.urls import reverse

from koers.accounts.models import Role
from koers.agenda.models import DueItem
from koers.lib.workdays import add_working_days
from koers.trajectories.models import ConsultantAssignment
from tests.conftest import make_user

WARM = {"handover-note": "Loopt goed bij de bakker; bel op dinsdag.", "handover-youth_informed": "on"}


def test_hand_over_gives_the_new_consultant_an_introduction(started, consultant, other_team_consultant, as_user, today):
    response = as_user(consultant).post(
        reverse("hand_over", args=[started.youth_id]),
        {"handover-consultant": other_team_consultant.pk, **WARM},
        follow=True,
    )
    assert "Overgedragen aan Zuid Test" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("today")  # the file now belongs to another team
    assignment = ConsultantAssignment.objects.get(previous_consultant=consultant)
    assert assignment.consultant == other_team_consultant and assignment.recorded_by == consultant
    item = DueItem.objects.get(trajectory=started, kind="handover_introduction")
    assert item.consultant == other_team_consultant
    assert item.due == add_working_days(today, 10)
    # the new consultant sees it on Vandaag; the old one no longer opens the file (other team).
    # All periods: ten working days can be more than the 14 days Vandaag shows by default (over
    # Easter, Whitsun or Christmas).
    rows = as_user(other_team_consultant).get(reverse("today"), {"period": "all"}).context["page"].object_list
    assert "handover_introduction" in {row.kind for row in rows}
    assert as_user(consultant).get(reverse("youth_file", args=[started.youth_id])).status_code == 404


def test_only_consultants_of_the_organisation_can_be_chosen(started, consultant, team_lead, outsider, org, as_user):
    admin = make_user("beheer2", org, Role.FUNCTIONAL_ADMIN)
    for candidate in (outsider, team_lead, admin, consultant):
        response = as_user(consultant).post(
            reverse("hand_over", args=[started.youth_id]), {"handover-consultant": candidate.pk, **WARM}
        )
        assert response.status_code == 200
        assert response.context["hand_over_form"].errors["consultant"]
        assert '<details class="koers-details-card" open' in response.content.decode()
    assert not ConsultantAssignment.objects.filter(previous_consultant__isnull=False).exists()


def test_hand_over_within_the_team_returns_to_the_file(started, consultant, colleague, as_user):
    response = as_user(consultant).post(
        reverse("hand_over", args=[started.youth_id]), {"handover-consultant": colleague.pk, **WARM}
    )
    assert response["Location"] == reverse("youth_file", args=[started.youth_id])


def test_a_warm_hand_over_needs_a_note_and_the_youth_told(started, consultant, colleague, as_user):
    response = as_user(consultant).post(
        reverse("hand_over", args=[started.youth_id]), {"handover-consultant": colleague.pk}
    )
    body = response.content.decode()
    assert "Schrijf voor de nieuwe consulent op wat die moet weten." in body
    assert "Vertel de jongere eerst wie de nieuwe consulent wordt." in body  # both at once
    started.youth.refresh_from_db()
    assert started.youth.consultant == consultant


def test_the_new_consultant_reads_the_hand_over_note_in_the_file(started, consultant, colleague, as_user):
    as_user(consultant).post(
        reverse("hand_over", args=[started.youth_id]), {"handover-consultant": colleague.pk, **WARM}
    )
    page = as_user(colleague).get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert "Loopt goed bij de bakker; bel op dinsdag." in page
    assert "De jongere is ingelicht." in page
    today_page = as_user(colleague).get(reverse("today")).content.decode()
    assert "Kennismaking nieuwe consulent" in today_page  # the new consultant is told on Vandaag

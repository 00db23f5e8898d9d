"""The pages of Vernietigen: who sees them, the steps through the browser's forms, and a fixed
number of queries whatever the size of the list."""

import pytest
from django.urls import reverse

from koers.retention.models import DestructionStatus, ItemStatus
from koers.retention.services.destruction import destruction_propose, destruction_review
from tests.retention.conftest import PAST

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(closed, org):
    return destruction_propose(org.pk, today=PAST)


def test_functional_admin_and_team_lead_see_the_lists(as_user, admin, team_lead, proposed):
    for user in (admin, team_lead):
        page = as_user(user).get(reverse("destruction_lists"))
        assert page.status_code == 200
        assert f"Lijst {proposed.pk}" in page.content.decode()
        detail = as_user(user).get(reverse("destruction_list", args=[proposed.pk]))
        assert detail.status_code == 200


def test_a_consultant_may_not_and_another_organisation_finds_nothing(as_user, consultant, outsider, proposed):
    assert as_user(consultant).get(reverse("destruction_lists")).status_code == 403
    assert as_user(consultant).get(reverse("destruction_list", args=[proposed.pk])).status_code == 403
    assert as_user(outsider).get(reverse("destruction_list", args=[proposed.pk])).status_code == 404
    answer = as_user(outsider).post(reverse("destruction_step", args=[proposed.pk, "cancel"]), {"note": "x"})
    assert answer.status_code == 404


def test_the_list_shows_numbers_not_names(as_user, admin, proposed, closed):
    page = as_user(admin).get(reverse("destruction_list", args=[proposed.pk])).content.decode()
    assert str(closed.pk) in page
    assert closed.first_name not in page and closed.last_name not in page


def test_review_and_approval_through_the_forms(as_user, admin, team_lead, proposed):
    answer = as_user(admin).post(reverse("destruction_step", args=[proposed.pk, "review"]))
    assert answer.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == DestructionStatus.REVIEWED
    # The reviewer cannot approve: it is a team lead's step.
    assert as_user(admin).post(reverse("destruction_step", args=[proposed.pk, "approve"])).status_code == 403
    page = as_user(team_lead).post(reverse("destruction_step", args=[proposed.pk, "approve"]), follow=True)
    assert "Na de wachttijd vernietigt Koers de dossiers" in page.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == DestructionStatus.APPROVED


def test_sending_back_without_a_reason_says_what_to_do(as_user, admin, team_lead, proposed):
    destruction_review(admin, proposed.pk)
    page = as_user(team_lead).post(reverse("destruction_step", args=[proposed.pk, "send_back"]), {"note": ""})
    assert page.status_code == 400
    assert "Schrijf op wat er aan de lijst moet veranderen." in page.content.decode()


def test_keeping_a_file_longer_needs_a_reason(as_user, admin, proposed):
    item = proposed.items.get()
    url = reverse("destruction_postpone", args=[proposed.pk, item.pk])
    page = as_user(admin).post(url, {"reason": " "})
    assert page.status_code == 400
    assert "Schrijf op waarom dit dossier langer bewaard blijft." in page.content.decode()
    assert as_user(admin).post(url, {"reason": "Bezwaar loopt"}).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.POSTPONED


def test_the_detail_page_takes_a_fixed_number_of_queries(
    as_user, admin, consultant, org, django_assert_max_num_queries, closed
):
    from tests.retention.test_destruction import _closed_youth

    small = destruction_propose(org.pk, today=PAST)
    client = as_user(admin)
    with django_assert_max_num_queries(12) as small_count:
        client.get(reverse("destruction_list", args=[small.pk]))
    small.delete()
    for number in range(6):
        _closed_youth(consultant, f"Jongere{number}")
    large = destruction_propose(org.pk, today=PAST)
    assert large.items.count() == 7
    with django_assert_max_num_queries(len(small_count.captured_queries)):
        client.get(reverse("destruction_list", args=[large.pk]))

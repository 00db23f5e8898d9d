"""Query counts: bounded on Vandaag and the youth file, and independent of the caseload size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.conftest import youth_with_history

# Per request: session, user and TOTP device (3), the page's own reads and the access-log insert,
# and the session save (3, because SESSION_SAVE_EVERY_REQUEST).
TODAY_MAX = 11
YOUTH_FILE_MAX = 17


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context)


def test_today_is_bounded(consultant, as_user, caseload, django_assert_max_num_queries):
    caseload(consultant, 3)
    client = as_user(consultant)
    with django_assert_max_num_queries(TODAY_MAX):
        client.get(reverse("today"), {"period": "all"})
    with django_assert_max_num_queries(TODAY_MAX):
        client.get(reverse("today"), {"view": "caseload"})


def test_youth_file_is_bounded(consultant, as_user, caseload, django_assert_max_num_queries):
    ((youth, _trajectory),) = caseload(consultant, 1, contacts=5)
    client = as_user(consultant)
    with django_assert_max_num_queries(YOUTH_FILE_MAX):
        client.get(reverse("youth_file", args=[youth.pk]))


@pytest.mark.parametrize(
    ("persona", "params"),
    [
        ("consultant", {"period": "all"}),
        ("consultant", {"view": "caseload"}),
        ("team_lead", {"period": "all"}),
        ("team_lead", {"view": "caseload", "consultant": "org"}),
    ],
)
def test_today_does_not_grow_with_the_caseload(consultant, team_lead, as_user, caseload, persona, params, request):
    client = as_user(request.getfixturevalue(persona))
    caseload(consultant, 3)
    small = count_queries(client, reverse("today"), params)
    caseload(consultant, 27)  # 30 youths with contacts, agreements and due items
    large = count_queries(client, reverse("today"), params)
    assert small == large
    assert small <= TODAY_MAX + 1  # the team lead's consultant list is one more


def test_youth_file_does_not_grow_with_contacts_or_caseload(consultant, as_user, caseload):
    client = as_user(consultant)
    ((few, _),) = caseload(consultant, 1, contacts=2)
    small = count_queries(client, reverse("youth_file", args=[few.pk]))
    caseload(consultant, 28, contacts=2)
    many, _ = youth_with_history(consultant, 99, contacts=20)  # 30 youths; this one with 20 contacts
    assert count_queries(client, reverse("youth_file", args=[many.pk])) == small
    assert count_queries(client, reverse("youth_file", args=[few.pk])) == small

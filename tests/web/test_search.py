"""Finding a youth: by name with or without tussenvoegsel, birth date, e-mail or phone; only from
the user's own visible caseload; every shown result in the access log; never in the URL."""

import pytest
from django.urls import reverse

from koers.audit.models import AccessLogEntry
from koers.trajectories.services import youth_create
from tests.conftest import born_years_ago

URL = reverse("search")


@pytest.fixture
def born():
    """The three Jans' birth date: 14 March, 22 years ago."""
    return born_years_ago(22, month=3, day=14)


@pytest.fixture
def youths(consultant, other_team_consultant, outsider, born):
    mine = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Jan",
        last_name="van Dijk",
        birth_date=born,
        email="jan.vandijk@example.org",
        phone="06 1234 5678",
    )
    other_team = youth_create(
        actor=other_team_consultant,
        consultant=other_team_consultant,
        first_name="Jan",
        last_name="Dijkstra",
        birth_date=born,
    )
    other_org = youth_create(actor=outsider, consultant=None, first_name="Jan", last_name="van Dijk", birth_date=born)
    return {"mine": mine, "other_team": other_team, "other_org": other_org}


def found(client, query) -> list[int]:
    response = client.post(URL, {"zoek": query})
    assert response.status_code == 200
    return [youth.pk for youth in response.context["results"]]


@pytest.mark.parametrize(
    "query",
    [
        "van Dijk",
        "Dijk",
        "jan dijk",
        "{day}-{month}-{year}",
        "{day:02d}-{month:02d}-{year}",
        "{year}-{month:02d}-{day:02d}",
        "jan.vandijk@example",
        "0612345678",
        "+31 6 1234 5678",
    ],
)
def test_finds_by_name_birth_date_email_or_phone(youths, consultant, as_user, born, query):
    query = query.format(day=born.day, month=born.month, year=born.year)  # a birth date in the form typed
    assert found(as_user(consultant), query) == [youths["mine"].pk]


def test_only_the_visible_caseload_and_each_result_is_logged(youths, consultant, team_lead, as_user):
    AccessLogEntry.objects.all().delete()
    assert found(as_user(consultant), "Jan") == [youths["mine"].pk]  # not another team's, not another organisation's
    entries = AccessLogEntry.objects.filter(subject="search")
    assert [(e.user_id, e.youth_id, e.action, e.channel) for e in entries] == [
        (consultant.pk, youths["mine"].pk, "view", "web")
    ]
    # A team lead sees the whole organisation, still not the other one.
    assert sorted(found(as_user(team_lead), "Jan")) == sorted([youths["mine"].pk, youths["other_team"].pk])


def test_nothing_found_and_too_short_are_said_kindly(youths, consultant, as_user):
    client = as_user(consultant)
    assert "Niemand gevonden" in client.post(URL, {"zoek": "Zwart"}).content.decode()
    assert "minstens 2 tekens" in client.post(URL, {"zoek": "J"}).content.decode()
    assert not AccessLogEntry.objects.filter(subject="search").exists()


def test_the_query_is_never_in_a_url(youths, consultant, as_user):
    client = as_user(consultant)
    page = client.get(reverse("today")).content.decode()
    assert 'action="/zoeken/"' in page and 'method="post"' in page  # the header form
    response = client.get(URL, {"zoek": "van Dijk"})  # a GET with a query finds nothing
    assert response.context["results"] == []


@pytest.mark.parametrize(
    ("persona", "status"), [("consultant", 200), ("team_lead", 200), ("admin", 403), ("outsider", 200)]
)
def test_search_per_persona(youths, as_user, persona, status, request):
    response = as_user(request.getfixturevalue(persona)).post(URL, {"zoek": "van Dijk"})
    assert response.status_code == status
    if persona == "outsider":  # their own organisation's youth only
        assert [y.pk for y in response.context["results"]] == [youths["other_org"].pk]


def test_anonymous_is_sent_to_login(client):
    response = client.post(URL, {"zoek": "Jan"})
    assert response.status_code == 302 and "/inloggen/" in response["Location"]

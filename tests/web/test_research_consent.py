"""Toestemming voor onderzoek in the youth file: the consultant records the consent the youth gave
and its withdrawal; the panel loads when opened; refusals show at their field; a repeated form
saves once; only those who may change the file can, in their own organisation."""

import pytest
from django.urls import reverse

from koers.accounts.models import Role
from koers.audit.models import AccessAction, AccessChannel, AccessLogEntry
from koers.trajectories.models import ResearchConsent, ResearchPurpose
from koers.trajectories.services import research_consent_record
from koers.web.once import ONCE_FIELD, new_key
from tests.conftest import ALLOWED, YOUTH_ACCESS, days_ago, make_user

pytestmark = pytest.mark.django_db

RESEARCH = ResearchPurpose.RESEARCH


def file_url(youth, **query) -> str:
    url = reverse("youth_file", args=[youth.pk])
    return url + ("?open=research_consent" if query.get("open") else "")


def panel_url(youth) -> str:
    return reverse("youth_form", args=[youth.pk, "research_consent"])


def record(client, youth, *, given_on, purpose=RESEARCH, key=None, headers=None):
    data = {"research-purpose": purpose, "research-given_on": given_on.isoformat()}
    if key:
        data[ONCE_FIELD] = key
    return client.post(reverse("research_consent_record", args=[youth.pk]), data, headers=headers)


def revoke(client, youth, *, on, purpose=RESEARCH, headers=None):
    data = {"research_revoke-purpose": purpose, "research_revoke-revoked_on": on.isoformat()}
    return client.post(reverse("research_consent_revoke", args=[youth.pk]), data, headers=headers)


def test_the_file_shows_the_part_closed_and_its_panel_loads_when_opened(trajectory, consultant, as_user):
    client = as_user(consultant)
    page = client.get(file_url(trajectory.youth)).content.decode()
    assert "Toestemming voor onderzoek" in page
    assert 'name="research-given_on"' not in page  # nothing read or drawn until it opens
    assert reverse("youth_form", args=[trajectory.youth_id, "research_consent"]) in page

    panel = client.get(panel_url(trajectory.youth)).content.decode()
    assert "nog geen toestemming voor onderzoek" in panel
    assert 'name="research-given_on"' in panel and 'name="research_revoke-revoked_on"' not in panel
    # Without JavaScript: the page with the panel open.
    assert 'name="research-given_on"' in client.get(file_url(trajectory.youth, open=True)).content.decode()


def test_the_consultant_records_the_consent_and_sees_it(trajectory, consultant, as_user):
    client = as_user(consultant)
    response = record(client, trajectory.youth, given_on=days_ago(2))

    assert response.status_code == 302
    assert response["Location"] == file_url(trajectory.youth, open=True) + "#research_consent-heading"
    consent = ResearchConsent.objects.get(youth=trajectory.youth)
    assert (consent.purpose, consent.given_on, consent.recorded_by, consent.revoked_on) == (
        RESEARCH,
        days_ago(2),
        consultant,
        None,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Toestemming voor onderzoek vastgelegd" in page
    assert "geldt" in page and "vastgelegd door Consulent Test" in page
    assert 'name="research_revoke-revoked_on"' in page  # now the withdrawal is what fits
    entry = AccessLogEntry.objects.filter(youth_id=trajectory.youth_id, action=AccessAction.CHANGE).latest("id")
    assert (entry.user_id, entry.subject, entry.channel) == (consultant.pk, "research_consent", AccessChannel.WEB)


def test_the_consultant_records_a_withdrawal(trajectory, consultant, colleague, as_user):
    research_consent_record(actor=consultant, youth=trajectory.youth, given_on=days_ago(30))
    client = as_user(colleague)
    response = revoke(client, trajectory.youth, on=days_ago(1))

    assert response.status_code == 302
    consent = ResearchConsent.objects.get(youth=trajectory.youth)
    assert (consent.revoked_on, consent.revoked_by, consent.withdrawn_by_youth) == (days_ago(1), colleague, False)
    page = client.get(response["Location"]).content.decode()
    assert "Intrekking van de toestemming vastgelegd" in page
    assert "ingetrokken" in page and "vastgelegd door Collega Test" in page
    assert 'name="research-given_on"' in page  # it can be given again


@pytest.mark.parametrize(
    ("given", "purpose", "field", "message"),
    [
        (-1, RESEARCH, "given_on", "in de toekomst"),
        (0, "marketing", "purpose", "Kies waarvoor de jongere toestemming geeft."),
        (0, "", "purpose", "Kies waarvoor de jongere toestemming geeft."),
    ],
)
def test_a_wrong_consent_is_refused_at_its_field(given, purpose, field, message, trajectory, consultant, as_user):
    response = record(as_user(consultant), trajectory.youth, given_on=days_ago(given), purpose=purpose)

    assert response.status_code == 200
    form = response.context["research_panel"]["consent_form"]
    assert message in " ".join(form.errors[field])
    assert "Er is niets opgeslagen" in response.content.decode()
    assert not ResearchConsent.objects.exists()


def test_the_services_refusals_land_at_the_field_too(trajectory, consultant, as_user):
    """An open consent already there (another tab), a date before the last withdrawal, a
    withdrawal before the consent or without one: the service's rules, shown where they belong."""
    client = as_user(consultant)
    youth = trajectory.youth

    response = revoke(client, youth, on=days_ago(0))
    assert "geen toestemming om in te trekken" in " ".join(
        response.context["research_panel"]["revoke_form"].errors["revoked_on"]
    )

    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(10))
    response = record(client, youth, given_on=days_ago(3))
    assert "al toestemming gegeven" in " ".join(response.context["research_panel"]["consent_form"].errors["given_on"])

    response = revoke(client, youth, on=days_ago(11))
    assert "vóór de datum van de toestemming" in " ".join(
        response.context["research_panel"]["revoke_form"].errors["revoked_on"]
    )

    revoke(client, youth, on=days_ago(5))
    response = record(client, youth, given_on=days_ago(6))
    assert "vóór de intrekking" in " ".join(response.context["research_panel"]["consent_form"].errors["given_on"])
    assert ResearchConsent.objects.filter(youth=youth).count() == 1


def test_a_refusal_through_htmx_renders_only_the_part(trajectory, consultant, as_user):
    response = record(as_user(consultant), trajectory.youth, given_on=days_ago(-1), headers={"HX-Request": "true"})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="research_consent"' in body and "<html" not in body
    assert "in de toekomst" in body and 'value="' + days_ago(-1).isoformat() + '"' in body  # what was typed stays


def test_a_double_submit_saves_once(trajectory, consultant, as_user):
    client = as_user(consultant)
    key = new_key()
    first = record(client, trajectory.youth, given_on=days_ago(0), key=key)
    second = record(client, trajectory.youth, given_on=days_ago(0), key=key)

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ResearchConsent.objects.filter(youth=trajectory.youth).count() == 1
    assert "Het is één keer opgeslagen." in client.get(second["Location"]).content.decode()


@pytest.mark.parametrize("persona", list(YOUTH_ACCESS))
def test_who_may_record_open_and_withdraw(persona, personas, trajectory, consultant, as_user):
    client = as_user(personas[persona])
    youth = trajectory.youth
    expected = YOUTH_ACCESS[persona]

    opened = client.get(panel_url(youth))
    given = record(client, youth, given_on=days_ago(1))

    if expected == ALLOWED:
        assert opened.status_code == 200 and given.status_code == 302
        assert ResearchConsent.objects.get(youth=youth).recorded_by == personas[persona]
        assert revoke(client, youth, on=days_ago(0)).status_code == 302
        assert ResearchConsent.objects.get(youth=youth).revoked_by == personas[persona]
    else:
        assert opened.status_code == expected and given.status_code == expected
        assert not ResearchConsent.objects.exists()
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(1))
        assert revoke(client, youth, on=days_ago(0)).status_code == expected
        assert ResearchConsent.objects.get(youth=youth).revoked_on is None


def test_a_researcher_records_nothing(trajectory, org, as_user):
    researcher = make_user("onderzoeker", org, Role.RESEARCHER)
    client = as_user(researcher)
    assert client.get(panel_url(trajectory.youth)).status_code == 403
    assert record(client, trajectory.youth, given_on=days_ago(0)).status_code == 403
    assert not ResearchConsent.objects.exists()


def test_a_youth_without_a_trajectory_can_give_and_withdraw(youth, consultant, as_user):
    """Consent is the youth's, not a trajectory's: a closed or missing trajectory never blocks a
    withdrawal."""
    client = as_user(consultant)
    assert 'name="research-given_on"' in client.get(panel_url(youth)).content.decode()
    assert record(client, youth, given_on=days_ago(0)).status_code == 302
    assert revoke(client, youth, on=days_ago(0)).status_code == 302
    assert ResearchConsent.objects.get(youth=youth).revoked_on == days_ago(0)

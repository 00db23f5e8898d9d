"""The staff page of a youth's impact timeline and its PDF report: who may open it, the youth's
consent, each form (saved, or refused with a Dutch message), the flags of inconsistent input, the
estimate over a chosen horizon (case 1 of the source), the report without names, and a fixed
number of queries."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from koers.accounts.models import Role
from koers.audit.models import AccessChannel, AccessLogEntry
from koers.impact.models import Episode, EvaluationPoint, ImpactTimeline, PriceItem, ReferenceScenario, ScenarioItem
from koers.impact.selectors import timeline_view
from koers.impact.services import episode_save, scenario_item_add
from koers.web.money import euro
from koers.web.once import new_key
from tests.conftest import ALLOWED, YOUTH_ACCESS, make_user

pytestmark = pytest.mark.django_db


def page(youth) -> str:
    return reverse("impact_page", args=[youth.pk])


def text_of(response) -> str:
    """The page as a person reads it: tags out, spaces (also the one after €) as one space."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ")).replace("&quot;", '"')


def post(client, name: str, youth, data: dict, *args):
    return client.post(reverse(name, args=[youth.pk, *args]), {"idempotency_key": new_key(), **data})


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


# --- Who may open it ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", sorted(YOUTH_ACCESS))
def test_who_may_open_the_timeline(request, as_user, case_1_timeline, persona):
    youth = case_1_timeline.youth
    response = as_user(request.getfixturevalue(persona)).get(page(youth))
    expected = YOUTH_ACCESS[persona]
    assert response.status_code == (200 if expected == ALLOWED else expected)
    if expected == ALLOWED:
        assert "Wat Koers al weet" in text_of(response)
    pdf = as_user(request.getfixturevalue(persona)).get(reverse("impact_report", args=[youth.pk]))
    assert pdf.status_code == (200 if expected == ALLOWED else expected)


def test_a_researcher_may_not_open_it(as_user, org, case_1_timeline):
    researcher = make_user("onderzoeker", org, Role.RESEARCHER)
    assert as_user(researcher).get(page(case_1_timeline.youth)).status_code == 403
    response = post(as_user(researcher), "impact_episode_add", case_1_timeline.youth, {"episode-title": "Vreemd"})
    assert response.status_code == 403
    assert not Episode.objects.filter(title="Vreemd").exists()


def test_writes_follow_the_same_rules(as_user, outsider, other_team_consultant, case_1_timeline):
    youth = case_1_timeline.youth
    for user in (outsider, other_team_consultant):
        response = post(as_user(user), "impact_episode_add", youth, {"episode-title": "Vreemd"})
        assert response.status_code == 404
    assert not Episode.objects.filter(title="Vreemd").exists()


def test_without_consent_the_page_explains_and_nothing_is_made(as_user, consultant, youth, trajectory):
    client = as_user(consultant)
    response = client.get(page(youth))
    assert response.status_code == 403
    text = text_of(response)
    assert "geen toestemming gegeven" in text
    assert "Naar de toestemming in het dossier" in text
    assert "?open=research_consent" in response.content.decode()
    assert youth.first_name not in text
    assert post(client, "impact_start", youth, {}).status_code == 403
    assert not ImpactTimeline.objects.filter(youth=youth).exists()


def test_the_youth_file_links_to_the_timeline(as_user, consultant, youth, trajectory):
    response = as_user(consultant).get(reverse("youth_file", args=[youth.pk]))
    assert page(youth) in response.content.decode()


# --- Beginning, and the estimate of case 1 ---------------------------------------------------


def test_the_consultant_begins_a_timeline(as_user, consultant, consented):
    client = as_user(consultant)
    response = client.get(page(consented))
    assert response.status_code == 200
    assert "Effectenlijn beginnen" in text_of(response)
    response = post(client, "impact_start", consented, {})
    assert response.status_code == 302
    timeline = ImpactTimeline.objects.get(youth=consented)
    assert PriceItem.objects.filter(organisation=consented.organisation).exists()
    text = text_of(client.get(page(consented)))
    assert "Effectenlijn beginnen" not in text
    # What Koers holds starts the session: the registration of March 2026.
    assert "Maart 2026" in text
    assert "Melding" in text
    assert timeline.created_by == consultant


def test_case_1_totals_over_12_and_24_months(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    text = text_of(client.get(page(case_1_timeline.youth)))
    assert "Gemaakte kosten € 14.000,00" in text
    assert "Mogelijk bespaard in 12 maanden € 25.050,00 – € 43.900,00" in text
    # Per item over the horizon, and per payer (all four are the municipality's).
    assert "€ 1.400,00 – € 13.000,00" in text
    assert "Gemeente: € 25.050,00 – € 43.900,00" in text
    assert "Let op: hier klopt iets niet" not in text
    text = text_of(client.get(page(case_1_timeline.youth), {"horizon": 24}))
    # Per year twice (addiction 2,800-26,000; assistance 17,500-32,000; executing 5,800), the stay once.
    assert "Mogelijk bespaard in 24 maanden € 38.100,00 – € 75.800,00" in text
    assert "Gemaakte kosten € 14.000,00" in text
    estimate = timeline_view(case_1_timeline, horizon_months=24).estimate
    assert (euro(estimate.low), euro(estimate.high)) == (euro("38100"), euro("75800"))


def test_a_wrong_horizon_is_said_and_the_timelines_own_is_used(as_user, consultant, case_1_timeline):
    text = text_of(as_user(consultant).get(page(case_1_timeline.youth), {"horizon": "0"}))
    assert "Kies 1 tot 120 maanden." in text
    assert "Mogelijk bespaard in 12 maanden € 25.050,00 – € 43.900,00" in text


# --- The forms --------------------------------------------------------------------------------


def test_the_timelines_fields_are_saved_and_checked(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    data = {
        "timeline-title": "Een nieuwe start",
        "timeline-starts_on": "2025-01-01",
        "timeline-ends_on": "2025-12-31",
        "timeline-horizon_months": "24",
        "timeline-name_in_report": "on",
    }
    response = post(client, "impact_timeline_save", youth, data)
    assert response.status_code == 302
    case_1_timeline.refresh_from_db()
    assert (case_1_timeline.title, case_1_timeline.horizon_months, case_1_timeline.name_in_report) == (
        "Een nieuwe start",
        24,
        True,
    )
    assert "Mogelijk bespaard in 24 maanden" in text_of(client.get(page(youth)))
    response = post(client, "impact_timeline_save", youth, {**data, "timeline-ends_on": "2024-06-01"})
    assert response.status_code == 200
    assert "Het einde ligt voor het begin." in text_of(response)
    case_1_timeline.refresh_from_db()
    assert case_1_timeline.ends_on.year == 2025


def test_the_costs_made_are_saved_and_checked(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    data = {"costs-costs_mode": "rate", "costs-costs_rate": "1.000,50", "costs-costs_months": "12"}
    assert post(client, "impact_costs_save", youth, data).status_code == 302
    assert "Gemaakte kosten € 12.006,00" in text_of(client.get(page(youth)))
    response = post(client, "impact_costs_save", youth, {**data, "costs-costs_rate": "veel"})
    assert response.status_code == 200
    assert "Vul een bedrag in euro in" in text_of(response)
    # Rate without months: kept, and flagged as incomplete.
    assert post(client, "impact_costs_save", youth, {**data, "costs-costs_months": ""}).status_code == 302
    assert "vul het bedrag en het aantal maanden in" in text_of(client.get(page(youth)))


def test_a_cost_line_is_added_and_a_breakdown_that_does_not_add_up_is_flagged(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    assert (
        post(client, "impact_cost_line_add", youth, {"line-label": "Begeleiding", "line-amount": "6298"}).status_code
        == 302
    )
    text = text_of(client.get(page(youth)))
    assert "Begeleiding: € 6.298,00" in text
    assert "de kostenposten tellen niet op tot het totaal" in text
    response = post(client, "impact_cost_line_add", youth, {"line-label": "Overhead", "line-amount": "1,777"})
    assert response.status_code == 200
    assert "Vul een bedrag in euro in" in text_of(response)
    assert "Overhead" not in [line.label for line in case_1_timeline.cost_lines.all()]


def test_an_episode_is_added_with_actors_and_quotes_and_deleted(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    data = {
        "episode-title": "Perspectief",
        "episode-narrative": "Hij heeft een vaste baan.",
        "episode-actor_role_1": "employer",
        "episode-actor_did_1": "Bood een contract.",
        "episode-quote_role_1": "youth",
        "episode-quote_text_1": "Ik sta nu elke dag op tijd op.",
    }
    assert post(client, "impact_episode_add", youth, data).status_code == 302
    episode = Episode.objects.get(timeline=case_1_timeline, title="Perspectief")
    text = text_of(client.get(page(youth)))
    assert "Werkgever : Bood een contract." in text
    assert "“Ik sta nu elke dag op tijd op.” — jongere" in text
    response = post(client, "impact_episode_add", youth, {**data, "episode-title": ""})
    assert "Geef de episode een titel." in text_of(response)
    response = post(client, "impact_episode_add", youth, {**data, "episode-quote_role_1": ""})
    assert "Kies wie dit zei." in text_of(response)
    assert post(client, "impact_episode_delete", youth, {}, episode.pk).status_code == 302
    assert not Episode.objects.filter(pk=episode.pk).exists()


def test_a_form_sent_twice_saves_once(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    url = reverse("impact_episode_add", args=[case_1_timeline.youth_id])
    data = {"idempotency_key": new_key(), "episode-title": "Tweemaal"}
    client.post(url, data)
    client.post(url, data)
    assert Episode.objects.filter(title="Tweemaal").count() == 1


def test_points_are_added_in_both_voices(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    data = {
        "attention-theme": "family",
        "attention-text": "Ook het gezin had steun nodig.",
        "attention-youth_view": "Thuis was het zwaar.",
    }
    assert post(client, "impact_point_add", youth, data, "attention").status_code == 302
    point = EvaluationPoint.objects.get(timeline=case_1_timeline, theme="family")
    assert (point.kind, point.youth_view) == ("attention", "Thuis was het zwaar.")
    text = text_of(client.get(page(youth)))
    assert "Steun voor het gezin Ook het gezin had steun nodig. Thuis was het zwaar." in text
    response = post(client, "impact_point_add", youth, {**data, "attention-theme": ""}, "attention")
    assert "Kies een thema." in text_of(response)


def test_a_scenario_and_an_item_from_the_price_list_are_added(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    data = {
        "scenario-title": "Zonder werk",
        "scenario-narrative": "Langer thuis.",
        "scenario-youth_view": "Ik had niets gedaan.",
    }
    assert post(client, "impact_scenario_add", youth, data).status_code == 302
    scenario = ReferenceScenario.objects.get(timeline=case_1_timeline, title="Zonder werk")
    assert "Geef het scenario een titel." in text_of(post(client, "impact_scenario_add", youth, {"scenario-title": ""}))
    price = PriceItem.objects.get(organisation=youth.organisation, name="Traject GGZ voor een jongere")
    prefix = f"item-{scenario.pk}"
    response = post(client, "impact_item_add", youth, {f"{prefix}-price_item": price.pk}, scenario.pk)
    assert response.status_code == 302
    item = ScenarioItem.objects.get(scenario=scenario)
    assert (item.name, item.low, item.source_year) == (price.name, price.low, price.source_year)
    text = text_of(client.get(page(youth)))
    # Case 1's 25,050-43,900 plus the care trajectory's 3,700-8,000 once.
    assert "Mogelijk bespaard in 12 maanden € 28.750,00 – € 51.900,00" in text
    assert "Zorgverzekeraar: € 3.700,00 – € 8.000,00" in text
    response = post(client, "impact_item_add", youth, {f"{prefix}-condition": "als"}, scenario.pk)
    assert response.status_code == 200
    assert "Vul dit in." in text_of(response)
    assert post(client, "impact_item_delete", youth, {}, item.pk).status_code == 302
    assert not ScenarioItem.objects.filter(pk=item.pk).exists()


def test_a_typed_item_with_high_below_low_and_no_source_is_kept_and_flagged(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    scenario = case_1_timeline.scenarios.get()
    prefix = f"item-{scenario.pk}"
    data = {
        f"{prefix}-name": "Schuldhulp",
        f"{prefix}-unit": "once",
        f"{prefix}-low": "3000",
        f"{prefix}-high": "1000",
        f"{prefix}-payer": "municipality",
    }
    assert post(client, "impact_item_add", youth, data, scenario.pk).status_code == 302
    text = text_of(client.get(page(youth)))
    assert "Let op: hier klopt iets niet" in text
    assert "Schuldhulp: het hoge bedrag is lager dan het lage bedrag." in text
    assert "Schuldhulp: er staat geen bron bij." in text
    assert "1 waarschuwing" not in text and "2 waarschuwingen" in text
    response = post(client, "impact_item_add", youth, {**data, f"{prefix}-low": "-"}, scenario.pk)
    assert "Vul een bedrag in euro in" in text_of(response)


# --- The report -------------------------------------------------------------------------------


def test_the_report_is_a_pdf_without_names_unless_the_youth_chose_so(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    response = client.get(reverse("impact_report", args=[youth.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Er is altijd een tweede kans" in text
    assert "MEERWAARDE" in text.upper() and "Aandachtspunten" in text
    assert "Zonder het traject" in text
    assert "14.000,00" in text and "25.050,00" in text and "43.900,00" in text
    assert "Maatschappelijke prijslijst" in text
    for name in (youth.first_name, youth.last_name, consultant.first_name, consultant.last_name):
        assert name not in text
    assert AccessLogEntry.objects.filter(user=consultant, youth_id=youth.pk, subject="impact_report").exists()
    case_1_timeline.name_in_report = True
    case_1_timeline.save()
    text = pdf_text(client.get(reverse("impact_report", args=[youth.pk])).content)
    assert youth.first_name in text
    assert youth.last_name not in text and consultant.last_name not in text


def test_no_report_without_a_timeline(as_user, consultant, consented):
    assert as_user(consultant).get(reverse("impact_report", args=[consented.pk])).status_code == 404


# --- Queries ----------------------------------------------------------------------------------


# The request's 3 (session, user, TOTP device), the youth and its access-log entry, the consent,
# the timeline, its cost lines, what Koers knows (5), the timeline's parts (6), the price list.
PAGE_QUERIES = 20
# The request's 3, the youth, the access-log entry, the consent, the timeline, its parts (6), cost lines.
REPORT_QUERIES = 14


def _count(client, url) -> int:
    client.get(url)  # the session is written at most once a minute: count the second request
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_page_and_report_issue_a_fixed_number_of_queries(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    urls = (page(youth), reverse("impact_report", args=[youth.pk]))
    small = [_count(client, url) for url in urls]
    scenario = case_1_timeline.scenarios.get()
    price = PriceItem.objects.filter(organisation=youth.organisation).first()
    for n in range(8):
        episode_save(
            actor=consultant,
            youth_id=youth.pk,
            channel=AccessChannel.COMMAND,
            title=f"Episode {n}",
            actors=[("consultant", "Belde."), ("parent", "")],
            quotes=[("youth", "Goed.")],
        )
        scenario_item_add(
            actor=consultant,
            youth_id=youth.pk,
            channel=AccessChannel.COMMAND,
            scenario_id=scenario.pk,
            price_item_id=price.pk,
        )
    large = [_count(client, url) for url in urls]
    assert small == large
    assert small == [PAGE_QUERIES, REPORT_QUERIES]

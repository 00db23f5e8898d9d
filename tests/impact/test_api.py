# ruff: noqa: F401, F811 - fixtures are imported to be used here, by name, as arguments
"""GET /api/v1/youths/{id}/impact: case 1 of the source at several horizons, amounts as decimal
strings, the access rules of the youth file plus the youth's consent, and the access log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.audit.models import AccessChannel, AccessLogEntry
from koers.impact.services import episode_save, scenario_item_add, scenario_save
from koers.trajectories.models import ResearchPurpose
from koers.trajectories.services.research import research_consent_revoke
from tests.impact.case import case_1, consent, new_youth
from tests.intake.conftest import partner_user, rmc

pytestmark = pytest.mark.django_db


def _impact(api, user, youth_id, **params):
    return api(user).get(f"/youths/{youth_id}/impact", **params)


def test_case_1_at_twelve_months_as_the_source_prints_it(api, consultant, case_1):
    response = _impact(api, consultant, case_1.youth_id, horizon_months=12)
    assert response.status_code == 200
    body = response.json()
    assert body["costs_made"] == {
        "total": "14000.00",
        "months": 13,
        "mode": "total",
        "source": "Schatting in de evaluatie van Dynamisch Op Weg (2021)",
    }
    saved = body["costs_saved"]
    assert (saved["horizon_months"], saved["low"], saved["high"]) == (12, "25050.00", "43900.00")
    assert saved["by_payer"] == [{"payer": "municipality", "low": "25050.00", "high": "43900.00"}]
    items = {item["name"]: item for item in saved["items"]}
    assert (items["Behandeling verslaving"]["low"], items["Behandeling verslaving"]["high"]) == ("1400.00", "13000.00")
    assert items["Behandeling verslaving"]["unit"] == "year"
    assert items["Behandeling verslaving"]["condition"] == "Als hij was blijven gebruiken."
    assert items["Verblijf in de maatschappelijke opvang"]["source_year"] == 2019
    assert all(item["source"] and item["scenario"] == "Zonder het traject" for item in saved["items"])
    assert body["flags"] == []
    assert [episode["title"] for episode in body["episodes"]] == ["Beginsituatie", "Start", "Terugval", "Doorstart"]
    start = body["episodes"][1]
    assert {"role": "work_learning", "did": start["actors"][1]["did"]} in start["actors"]
    assert start["quotes"][0]["role"] == "youth"
    assert body["scenarios"][0]["title"] == "Zonder het traject"
    assert body["scenarios"][0]["youth_view"]
    assert {point["kind"] for point in body["points"]} == {"added_value", "attention"}


def test_no_name_of_the_youth_in_the_answer(api, consultant, case_1):
    text = _impact(api, consultant, case_1.youth_id).content.decode()
    assert "Sanne" not in text and "de Vries" not in text


@pytest.mark.parametrize(
    "horizon, low, high",
    [
        # Per year twice, the stay in shelter once: 2×(1,400+8,750+2,900)+12,000 and 2×(13,000+16,000+2,900)+12,000.
        (24, "38100.00", "75800.00"),
        # Half of each yearly amount, the stay in shelter whole: 13,050/2+12,000 and 31,900/2+12,000.
        (6, "18525.00", "27950.00"),
    ],
)
def test_case_1_at_other_horizons(api, consultant, case_1, horizon, low, high):
    saved = _impact(api, consultant, case_1.youth_id, horizon_months=horizon).json()["costs_saved"]
    assert (saved["horizon_months"], saved["low"], saved["high"]) == (horizon, low, high)
    assert saved["by_payer"] == [{"payer": "municipality", "low": low, "high": high}]
    addiction = next(item for item in saved["items"] if item["name"] == "Behandeling verslaving")
    assert (addiction["unit_low"], addiction["unit_high"]) == ("1400.00", "13000.00")  # per year, whatever the horizon


def test_without_a_horizon_the_timelines_own_counts(api, consultant, case_1):
    saved = _impact(api, consultant, case_1.youth_id).json()["costs_saved"]
    assert (saved["horizon_months"], saved["low"]) == (12, "25050.00")


def test_a_horizon_that_is_not_a_whole_number_of_cents_is_flagged_as_rounded(api, consultant, case_1):
    body = _impact(api, consultant, case_1.youth_id, horizon_months=7).json()
    items = {item["name"]: item for item in body["costs_saved"]["items"]}
    # 1,400 × 7 / 12 = 816.666…; 13,000 × 7 / 12 = 7,583.333…
    assert (items["Behandeling verslaving"]["low"], items["Behandeling verslaving"]["high"]) == ("816.67", "7583.33")
    # The total is summed exactly before it is shown: (1,400+8,750+2,900) × 7/12 + 12,000 = 19,612.50.
    assert body["costs_saved"]["low"] == "19612.50"
    rounded = [flag for flag in body["flags"] if flag["code"] == "rounded"]
    assert {flag["subject"] for flag in rounded} >= {"Behandeling verslaving"}
    assert all("afgerond" in flag["message"] for flag in rounded)


@pytest.mark.parametrize("horizon", ["0", "121", "-3", "twaalf"])
def test_a_horizon_outside_one_to_a_hundred_and_twenty_months_is_refused(api, consultant, case_1, horizon):
    response = _impact(api, consultant, case_1.youth_id, horizon_months=horizon)
    assert response.status_code == 422
    assert "horizon_months" in response.json()["errors"]


def test_a_colleague_of_the_team_and_the_team_lead_read_it(api, colleague, team_lead, case_1):
    assert _impact(api, colleague, case_1.youth_id).status_code == 200
    assert _impact(api, team_lead, case_1.youth_id).status_code == 200


def test_another_team_and_another_organisation_get_404(api, other_team_consultant, outsider, case_1):
    for user in (other_team_consultant, outsider):
        response = _impact(api, user, case_1.youth_id)
        assert response.status_code == 404
        assert "Behandeling" not in response.content.decode()


def test_roles_without_youth_files_get_403(api, admin, partner_user, case_1):
    assert _impact(api, admin, case_1.youth_id).status_code == 403
    assert _impact(api, partner_user, case_1.youth_id).status_code == 403


def test_a_youth_without_a_timeline_is_404(api, consultant):
    youth = consent(consultant, new_youth(consultant))
    response = _impact(api, consultant, youth.pk)
    assert response.status_code == 404


def test_without_the_youths_consent_403_and_nothing_of_the_timeline(api, consultant, case_1):
    research_consent_revoke(
        actor=consultant, youth=case_1.youth, on=timezone.localdate(), purpose=ResearchPurpose.IMPACT
    )
    response = _impact(api, consultant, case_1.youth_id)
    assert response.status_code == 403
    assert "toestemming" in response.json()["detail"]
    assert "Behandeling" not in response.content.decode()


def test_a_youth_who_never_consented_is_403(api, consultant):
    youth = new_youth(consultant)
    assert _impact(api, consultant, youth.pk).status_code == 403


def test_the_read_is_in_the_access_log(api, colleague, case_1):
    _impact(api, colleague, case_1.youth_id)
    entry = AccessLogEntry.objects.filter(youth_id=case_1.youth_id, user=colleague).get()
    assert (entry.action, entry.channel, entry.subject) == ("view", AccessChannel.API, "impact")


def test_the_answer_takes_a_fixed_number_of_queries(api, consultant, case_1):
    """As many queries for a longer timeline (another episode, scenario and item) as for case 1."""
    client = api(consultant)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/youths/{case_1.youth_id}/impact").status_code == 200
        return len(captured)

    before = queries()
    youth_id, channel = case_1.youth_id, AccessChannel.COMMAND
    episode_save(actor=consultant, youth_id=youth_id, channel=channel, title="Vooruitzicht", actors=[("youth", "")])
    scenario = scenario_save(actor=consultant, youth_id=youth_id, channel=channel, title="Zonder werk")
    scenario_item_add(
        actor=consultant,
        youth_id=youth_id,
        channel=channel,
        scenario_id=scenario.pk,
        data={
            "name": "Uitkering",
            "unit": "month",
            "low": "800",
            "high": "900",
            "payer": "municipality",
            "source": "x",
        },
    )
    assert queries() == before

"""The impact timeline's rules, as pages, API and demo share them: the youth's consent for this
purpose, the caseload, the access log, case 1 built from the source, and the pre-fill from what
Koers already holds about the trajectory."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from koers.audit.models import AccessChannel, AccessLogEntry
from koers.contacts.services.contacts import contact_record
from koers.impact.access import ConsentMissing, timeline_for
from koers.impact.models import ImpactTimeline, PriceItem
from koers.impact.selectors import known_events, timeline_view
from koers.impact.services import (
    case_1_build,
    episode_save,
    price_list_seed,
    scenario_item_add,
    scenario_save,
    timeline_start,
    timeline_update,
)
from koers.trajectories.services.research import research_consent_record, research_consent_revoke
from tests.conftest import days_ago

pytestmark = pytest.mark.django_db
WEB = AccessChannel.WEB


@pytest.fixture
def consenting(youth, trajectory, consultant):
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(1), purpose="impact")
    return youth


def test_without_the_youths_consent_for_this_purpose_nothing_is_made(youth, trajectory, consultant):
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(1), purpose="research")
    with pytest.raises(ConsentMissing):
        timeline_start(actor=consultant, youth_id=youth.pk, channel=WEB)
    assert not ImpactTimeline.objects.exists()


def test_a_revoked_consent_closes_the_timeline(consenting, consultant):
    timeline_start(actor=consultant, youth_id=consenting.pk, channel=WEB)
    research_consent_revoke(actor=consultant, youth=consenting, on=dt.date.today(), purpose="impact")
    with pytest.raises(ConsentMissing):
        timeline_for(consultant, consenting.pk, action="view", channel=WEB)


def test_starting_twice_makes_one_timeline_with_the_shipped_price_list(consenting, consultant):
    first = timeline_start(actor=consultant, youth_id=consenting.pk, channel=WEB)
    again = timeline_start(actor=consultant, youth_id=consenting.pk, channel=WEB)
    assert first.pk == again.pk and ImpactTimeline.objects.count() == 1
    names = set(PriceItem.objects.filter(organisation_id=consenting.organisation_id).values_list("name", flat=True))
    assert {"Behandeling verslaving", "Verblijf in de maatschappelijke opvang", "Traject GGZ voor een jongere"} <= names
    assert price_list_seed(consenting.organisation) == 0  # seeded once


def test_only_the_youths_own_team_and_organisation_reach_it(consenting, consultant, other_team_consultant, outsider):
    timeline_start(actor=consultant, youth_id=consenting.pk, channel=WEB)
    for stranger in (other_team_consultant, outsider):
        with pytest.raises(Http404):
            timeline_for(stranger, consenting.pk, action="view", channel=WEB)


def test_every_read_and_change_is_in_the_access_log(consenting, consultant):
    timeline_start(actor=consultant, youth_id=consenting.pk, channel=WEB)
    timeline_update(actor=consultant, youth_id=consenting.pk, channel=WEB, data={"title": "Een tweede kans"})
    subjects = list(AccessLogEntry.objects.filter(youth_id=consenting.pk).values_list("action", "subject"))
    assert ("create", "impact") in subjects and ("change", "impact") in subjects


def test_case_1_comes_out_as_the_source_prints_it(consenting, consultant):
    timeline = case_1_build(actor=consultant, youth_id=consenting.pk, channel=WEB)
    view = timeline_view(timeline)
    assert [episode.title for episode in view.episodes] == ["Beginsituatie", "Start", "Terugval", "Doorstart"]
    assert (view.estimate.costs_made, view.estimate.costs_months) == (D("14000.00"), 13)
    assert (view.estimate.low, view.estimate.high) == (D("25050.00"), D("43900.00"))
    assert [item.item.name for item in view.estimate.items][:2] == [
        "Behandeling verslaving",
        "Verblijf in de maatschappelijke opvang",
    ]
    assert all(item.item.source for item in view.estimate.items) and view.estimate.flags == []
    assert {point.kind for point in view.points} == {"added_value", "attention"}
    assert view.scenarios[0].youth_view  # the youth's own words beside the professionals'


def test_a_typed_item_without_source_and_with_high_below_low_is_kept_and_flagged(consenting, consultant):
    timeline_start(actor=consultant, youth_id=consenting.pk, channel=WEB)
    scenario = scenario_save(actor=consultant, youth_id=consenting.pk, channel=WEB, title="Zonder traject")
    scenario_item_add(
        actor=consultant,
        youth_id=consenting.pk,
        channel=WEB,
        scenario_id=scenario.pk,
        data={"name": "Schuldhulp", "unit": "once", "low": "3.000", "high": "1.000,50", "payer": "municipality"},
    )
    timeline = timeline_for(consultant, consenting.pk, action="view", channel=WEB)
    codes = {flag.code for flag in timeline_view(timeline).estimate.flags}
    assert {"high_below_low", "no_source"} <= codes
    assert timeline_view(timeline).estimate.items[0].high == D("1000.50")


def test_amounts_that_are_no_amounts_get_a_dutch_message(consenting, consultant):
    timeline_start(actor=consultant, youth_id=consenting.pk, channel=WEB)
    with pytest.raises(ValidationError) as caught:
        timeline_update(
            actor=consultant, youth_id=consenting.pk, channel=WEB, data={"costs_total": "veel", "horizon_months": 0}
        )
    assert "bedrag in euro" in caught.value.message_dict["costs_total"][0]
    assert "1 tot 120 maanden" in caught.value.message_dict["horizon_months"][0]
    with pytest.raises(ValidationError) as caught:
        episode_save(actor=consultant, youth_id=consenting.pk, channel=WEB, title=" ")
    assert caught.value.message_dict["title"]


def test_the_pre_fill_tells_what_koers_already_holds(consenting, trajectory, consultant):
    contact_record(actor=consultant, trajectory=trajectory, date=dt.date(2026, 3, 10), channel="phone")
    contact_record(actor=consultant, trajectory=trajectory, date=dt.date(2026, 3, 20), channel="phone")
    events = known_events(consenting)
    march = [event.text for event in events if event.month == dt.date(2026, 3, 1)]
    assert any(text.startswith("Melding") and "UWV" in text for text in march)
    assert "2 contact(en)" in march


def test_the_pre_fill_does_not_grow_in_queries_with_the_history(
    consenting, trajectory, consultant, django_assert_max_num_queries
):
    for day in range(1, 25):
        contact_record(
            actor=consultant, trajectory=trajectory, date=dt.date(2026, 3, 2) + dt.timedelta(days=day), channel="phone"
        )
    with django_assert_max_num_queries(5):
        known_events(consenting)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("1400", "1400.00"),
        ("1.400", "1400.00"),
        ("1.400,50", "1400.50"),
        ("1400.5", "1400.50"),
        ("€ 12.000", "12000.00"),
    ],
)
def test_amounts_are_read_the_dutch_way(typed, expected):
    from koers.impact.services import amount

    assert amount("x", typed) == D(expected)


@pytest.mark.parametrize("typed", ["1,234,5", "12.3456", "veel", "1e5"])
def test_what_is_no_amount_is_refused(typed):
    from koers.impact.services import amount

    with pytest.raises(ValidationError):
        amount("x", typed)

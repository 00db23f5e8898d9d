"""`koers demo`: every organisation has the shipped price list and one youth with consent whose
timeline recreates case 1 of the source; `--json` lists those youths per organisation."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from koers.accounts.models import Organisation
from koers.impact import defaults
from koers.impact.models import ImpactTimeline, PriceItem
from koers.impact.selectors import timeline_view
from koers.trajectories.models import Phase, ResearchConsent, ResearchPurpose

pytestmark = pytest.mark.django_db


def run_demo(*args: str) -> dict:
    stdout = StringIO()
    call_command("demo", "--json", *args, stdout=stdout, stderr=StringIO())
    return json.loads(stdout.getvalue())


def test_each_organisation_lists_its_case_1_youth_with_the_sources_totals():
    payload = run_demo("--organisations", "2", "--youths", "30", "--seed", "1")
    organisations = {o.name: o for o in Organisation.objects.all()}
    assert len(payload["organisations"]) == 2
    for entry in payload["organisations"]:
        organisation = organisations[entry["name"]]
        [youth_id] = entry["impact_youth_ids"]
        timeline = ImpactTimeline.objects.select_related("youth__consultant").get(youth_id=youth_id)
        assert timeline.organisation_id == organisation.pk
        assert timeline.title == defaults.CASE_1["title"]
        assert timeline.youth.consultant.username.endswith("a")
        assert timeline.youth.trajectories.filter(phase__in=[Phase.AFTERCARE, Phase.CLOSED]).exists()
        assert ResearchConsent.objects.filter(youth_id=youth_id, purpose=ResearchPurpose.IMPACT).exists()
        result = timeline_view(timeline).estimate
        assert (result.costs_made, result.costs_months, result.low, result.high) == (14000, 13, 25050, 43900)
        assert PriceItem.objects.filter(organisation=organisation, shipped=True).count() == len(defaults.PRICE_LIST)


def test_a_second_run_with_if_empty_lists_the_same_youths():
    first = run_demo("--organisations", "1", "--youths", "20", "--seed", "2")
    again = run_demo("--if-empty")
    assert again["created"] is False
    assert again["organisations"][0]["impact_youth_ids"] == first["organisations"][0]["impact_youth_ids"]
    assert ImpactTimeline.objects.count() == 1

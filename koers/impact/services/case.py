"""Case 1 of the source ("Er is altijd een tweede kans") on a youth's timeline, for the demo and tests."""

import datetime as dt

from koers.accounts.models import User
from koers.impact import defaults
from koers.impact.models import (
    CostsMode,
    ImpactTimeline,
    PriceItem,
)
from koers.impact.services.scenarios import scenario_item_add, scenario_save
from koers.impact.services.story import episode_save, point_add
from koers.impact.services.timeline import timeline_start, timeline_update


def case_1_build(*, actor: User, youth_id: int, channel: str) -> ImpactTimeline:
    """Case 1 of the source ("Er is altijd een tweede kans") on this youth's timeline: for the demo
    and the tests. The youth needs the consent, as for any timeline."""
    case = defaults.CASE_1
    timeline = timeline_start(actor=actor, youth_id=youth_id, channel=channel)
    timeline_update(
        actor=actor,
        youth_id=youth_id,
        channel=channel,
        data={
            "title": case["title"],
            "starts_on": dt.date.fromisoformat(case["starts_on"]),
            "ends_on": dt.date.fromisoformat(case["ends_on"]),
            "costs_mode": CostsMode.TOTAL,
            "costs_total": case["costs_total"],
            "costs_months": case["costs_months"],
            "costs_source": case["costs_source"],
            "horizon_months": 12,
        },
    )
    for episode in case["episodes"]:
        episode_save(
            actor=actor,
            youth_id=youth_id,
            channel=channel,
            title=episode["title"],
            narrative=episode["narrative"],
            actors=list(episode["actors"]),
            quotes=list(episode["quotes"]),
        )
    for kind, theme, text, youth_view in case["points"]:
        point_add(
            actor=actor, youth_id=youth_id, channel=channel, kind=kind, theme=theme, text=text, youth_view=youth_view
        )
    plan = case["scenario"]
    scenario = scenario_save(
        actor=actor,
        youth_id=youth_id,
        channel=channel,
        title=plan["title"],
        narrative=plan["narrative"],
        youth_view=plan["youth_view"],
    )
    prices = dict(PriceItem.objects.filter(organisation_id=timeline.organisation_id).values_list("name", "pk"))
    for name, condition in plan["items"]:
        scenario_item_add(
            actor=actor,
            youth_id=youth_id,
            channel=channel,
            scenario_id=scenario.pk,
            price_item_id=prices[name],
            condition=condition,
        )
    timeline.refresh_from_db()
    return timeline

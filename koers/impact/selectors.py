"""Reads of the impact timeline: the whole timeline with its estimate (a fixed number of queries,
whatever the number of episodes or items), what Koers already knows about the youth's
trajectory to start the session from (the pre-fill), and the overview across the organisation's
timelines (no personal data, small numbers hidden). The caller has passed koers.impact.access."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.contacts.models import Contact
from koers.impact.estimate import CostsInput, Estimate, Item, estimate
from koers.impact.models import (
    Episode,
    EvaluationPoint,
    ImpactTimeline,
    Payer,
    PointKind,
    PriceItem,
    ReferenceScenario,
    ScenarioItem,
)
from koers.impact.themes import theme_label
from koers.lib.small_numbers import is_small
from koers.plans.models import SubGoal, SubGoalStatus
from koers.trajectories.models import Milestone, Youth
from koers.work.models import Introduction


@dataclass
class TimelineView:
    timeline: ImpactTimeline
    episodes: list[Episode]
    points: list[EvaluationPoint]
    scenarios: list[ReferenceScenario]
    estimate: Estimate


def _items(scenarios: list[ReferenceScenario]) -> list[Item]:
    return [
        Item(
            name=item.name,
            unit=item.unit,
            low=item.low,
            high=item.high,
            payer=item.payer,
            source=item.source,
            source_url=item.source_url,
            source_year=item.source_year,
            condition=item.condition,
            scenario=scenario.title,
        )
        for scenario in scenarios
        for item in scenario.items.all()
    ]


def timeline_estimate(
    timeline: ImpactTimeline, scenarios: list[ReferenceScenario], *, horizon_months: int | None = None
) -> Estimate:
    costs = CostsInput(
        mode=timeline.costs_mode,
        total=timeline.costs_total,
        rate=timeline.costs_rate,
        months=timeline.costs_months,
        lines=tuple((line.label, line.amount) for line in timeline.cost_lines.all()),
    )
    return estimate(_items(scenarios), horizon_months=horizon_months or timeline.horizon_months, costs=costs)


def timeline_view(timeline: ImpactTimeline, *, horizon_months: int | None = None) -> TimelineView:
    """Six queries: episodes, their actors, their quotes, points, scenarios with items, cost lines."""
    episodes = list(timeline.episodes.prefetch_related("actors", "quotes"))
    points = list(timeline.points.all())
    scenarios = list(timeline.scenarios.prefetch_related(Prefetch("items", queryset=ScenarioItem.objects.all())))
    return TimelineView(
        timeline=timeline,
        episodes=episodes,
        points=points,
        scenarios=scenarios,
        estimate=timeline_estimate(timeline, scenarios, horizon_months=horizon_months),
    )


def price_list(organisation_id: int) -> list[PriceItem]:
    return list(PriceItem.objects.filter(organisation_id=organisation_id))


def price_item_of(*, organisation_id: int, item_id: int) -> PriceItem:
    """One line of the organisation's price list, or 404 for missing and not-yours alike."""
    item = PriceItem.objects.filter(pk=item_id, organisation_id=organisation_id).first()
    if item is None:
        raise Http404(_("Deze prijs bestaat niet (meer)."))
    return item


def timeline_of(youth: Youth) -> ImpactTimeline | None:
    """The youth's timeline, if one was begun (the caller got the youth from koers.impact.access)."""
    return ImpactTimeline.objects.filter(youth=youth).first()


# --- The pre-fill: what Koers already holds -------------------------------------------------


@dataclass(frozen=True)
class KnownEvent:
    month: dt.date  # the first of the month
    text: str


def known_events(youth: Youth) -> list[KnownEvent]:
    """Per month, what happened according to Koers: milestones (registration with its source),
    contacts (how many, with whom from the network, toolbox referrals), introductions to
    employers, sub-goals done. Five grouped queries, whatever the length of the history."""
    events: list[tuple[dt.date, int, str]] = []

    def month_of(day: dt.date) -> dt.date:
        return day.replace(day=1)

    milestones = (
        Milestone.objects.filter(trajectory__youth=youth, withdrawn=False, replaced_by__isnull=True)
        .order_by("date", "id")
        .only("kind", "date", "source", "route", "destination", "reason")
    )
    for milestone in milestones:
        text = milestone.get_kind_display()
        if milestone.extra_label:
            text = f"{text} ({milestone.extra_label})"
        events.append((month_of(milestone.date), 0, str(text)))
    contacts = (
        Contact.objects.filter(trajectory__youth=youth)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("pk", distinct=True), network=Count("network_members", distinct=True))
        .order_by("month")
    )
    for row in contacts:
        month = row["month"] if isinstance(row["month"], dt.date) else row["month"].date()
        text = _("%(n)s contact(en)") % {"n": row["n"]}
        if row["network"]:
            text += ", " + _("%(n)s keer iemand uit het netwerk erbij") % {"n": row["network"]}
        events.append((month_of(month), 1, text))
    toolbox = (
        Contact.toolbox_items.through.objects.filter(contact__trajectory__youth=youth)
        .filter(toolboxitem__referral=True)
        .values_list("contact__date", "toolboxitem__action")
        .order_by("contact__date")
    )
    for day, name in toolbox:
        events.append((month_of(day), 2, _("Gereedschapskist: %(name)s") % {"name": name}))
    for day, employer in (
        Introduction.objects.filter(youth=youth).values_list("date", "employer__name").order_by("date")
    ):
        events.append((month_of(day), 3, _("Kennismaking met werkgever %(name)s") % {"name": employer}))
    done = (
        SubGoal.objects.filter(plan__trajectory__youth=youth, status=SubGoalStatus.DONE, done_on__isnull=False)
        .annotate(month=TruncMonth("done_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    for row in done:
        month = row["month"] if isinstance(row["month"], dt.date) else row["month"].date()
        events.append((month_of(month), 4, _("%(n)s stap(pen) van het plan gedaan") % {"n": row["n"]}))
    events.sort(key=lambda event: (event[0], event[1]))
    return [KnownEvent(month=month, text=text) for month, _order, text in events]


# --- The overview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeCount:
    kind: str
    label: str
    count: int | None  # None: hidden (small)


@dataclass(frozen=True)
class Overview:
    timelines: int | None
    costs_made: Decimal
    saved_low: Decimal
    saved_high: Decimal
    by_payer: list[tuple[str, Decimal, Decimal]]
    themes: list[ThemeCount]


def overview(*, organisation_id: int) -> Overview:
    """Across the organisation's timelines whose youth's consent holds: the themes named most,
    costs made against the range possibly saved (each at its own horizon), per payer. Counts of
    timelines 1 to 4 are hidden; amounts are shown only from 5 timelines on."""
    from koers.trajectories.models import ResearchPurpose
    from koers.trajectories.selectors import consenting_youth_ids

    today = timezone.localdate()
    consenting = consenting_youth_ids(organisation_id=organisation_id, on=today, purpose=ResearchPurpose.IMPACT)
    timelines = list(
        ImpactTimeline.objects.filter(organisation_id=organisation_id, youth_id__in=consenting).prefetch_related(
            "cost_lines", Prefetch("scenarios", queryset=ReferenceScenario.objects.prefetch_related("items"))
        )
    )
    made = low = high = Decimal("0.00")
    payers: dict[str, list[Decimal]] = {}
    for timeline in timelines:
        result = timeline_estimate(timeline, list(timeline.scenarios.all()))
        made += result.costs_made or Decimal("0.00")
        low += result.low
        high += result.high
        for payer in result.by_payer:
            sums = payers.setdefault(payer.payer, [Decimal("0.00"), Decimal("0.00")])
            sums[0] += payer.low
            sums[1] += payer.high
    counted = (
        EvaluationPoint.objects.filter(timeline__in=[t.pk for t in timelines])
        .values("kind", "theme")
        .annotate(n=Count("timeline", distinct=True))
    )
    rows = sorted(((row["kind"], row["theme"], row["n"]) for row in counted), key=lambda row: (row[0], -row[2], row[1]))
    # No totals are shown beside the themes, so hiding each small count on its own is enough.
    themes = [
        ThemeCount(kind=kind, label=theme_label(kind, theme), count=None if is_small(n) else n)
        for kind, theme, n in rows
    ]
    enough = len(timelines) >= 5
    zero = Decimal("0.00")
    labels = dict(Payer.choices)
    return Overview(
        timelines=len(timelines) if (enough or not timelines) else None,
        costs_made=made if enough else zero,
        saved_low=low if enough else zero,
        saved_high=high if enough else zero,
        by_payer=[(str(labels.get(p, p)), s[0], s[1]) for p, s in sorted(payers.items())] if enough else [],
        themes=[t for t in themes if t.kind in PointKind.values],
    )

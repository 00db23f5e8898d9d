"""Writes of the impact timeline and the price list. Every write of a timeline goes through
koers.impact.access (role, caseload, the youth's consent, the access log) and locks the timeline
row, so two people completing it at once do not overwrite each other's list positions.

Amounts are checked for being amounts (two decimals, within range); whether they make sense
together is koers.impact.estimate's flags, shown on the page: inconsistent input is kept and
flagged, never refused or corrected silently."""

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import Organisation, Role, User
from koers.audit.models import AccessAction
from koers.impact import defaults
from koers.impact.access import impact_youth_for, timeline_for
from koers.impact.models import (
    ActorRole,
    CostLine,
    CostsMode,
    Episode,
    EpisodeActor,
    EpisodeQuote,
    EvaluationPoint,
    ImpactTimeline,
    Payer,
    PointKind,
    PriceItem,
    ReferenceScenario,
    ScenarioItem,
    Unit,
)

MAX_AMOUNT = Decimal("9999999999.99")
MAX_HORIZON_MONTHS = 120


def amount(field: str, value, *, required: bool = True) -> Decimal | None:
    """A euro amount with at most two decimals ("1.400,50" and "1400.50" both read)."""
    text = str(value if value is not None else "").strip().replace("€", "").replace(" ", "")
    if not text:
        if required:
            raise ValidationError({field: [_("Vul een bedrag in.")]})
        return None
    # Dutch writing: "1.400,50" and "3.000" (thousands with dots); "1400.50" also reads.
    if "," in text or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "").replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", text):
        raise ValidationError({field: [_("Vul een bedrag in euro in, bijvoorbeeld 1400 of 1400,50.")]})
    number = Decimal(text)
    if abs(number) > MAX_AMOUNT:
        raise ValidationError({field: [_("Dit bedrag is te groot.")]})
    return number.quantize(Decimal("0.01"))


def _choice(field: str, value: str, choices) -> str:
    if value not in choices.values:
        raise ValidationError({field: [_("Kies uit de lijst.")]})
    return value


def _text(field: str, value: str, *, max_length: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: [_("Vul dit in.")]})
    if len(text) > max_length:
        raise ValidationError({field: [_("Maak dit korter: hoogstens %(n)s tekens.") % {"n": max_length}]})
    return text


# --- The price list -------------------------------------------------------------------------


def may_keep_price_list(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.organisation_id
        and (user.role in (Role.FUNCTIONAL_ADMIN,) or (user.works_with_youths and user.is_team_lead))
    )


def price_list_seed(organisation: Organisation) -> int:
    """The shipped price list for an organisation that has none yet; returns how many were made.
    Locks the organisation, so two first visits at once make one list."""
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        if PriceItem.objects.filter(organisation=organisation).exists():
            return 0
        PriceItem.objects.bulk_create(
            PriceItem(
                organisation=organisation,
                name=name,
                unit=unit,
                low=low,
                high=high,
                payer=payer,
                source=source,
                source_year=year,
                note=note,
                shipped=True,
            )
            for name, unit, low, high, payer, source, year, note in defaults.PRICE_LIST
        )
        return len(defaults.PRICE_LIST)


@transaction.atomic
def price_item_save(*, actor: User, data: dict, item_id: int | None = None) -> PriceItem:
    if not may_keep_price_list(actor):
        raise PermissionDenied(_("Alleen teamleiders en functioneel beheerders houden de prijslijst bij."))
    if item_id is None:
        item = PriceItem(organisation_id=actor.organisation_id)
    else:
        item = PriceItem.objects.select_for_update().filter(pk=item_id, organisation_id=actor.organisation_id).first()
        if item is None:
            raise ValidationError(_("Deze prijs bestaat niet (meer)."))
    errors: dict[str, list[str]] = {}
    checks = {
        "name": lambda: _text("name", data.get("name", ""), max_length=150, required=True),
        "unit": lambda: _choice("unit", data.get("unit", ""), Unit),
        "low": lambda: amount("low", data.get("low")),
        "high": lambda: amount("high", data.get("high")),
        "payer": lambda: _choice("payer", data.get("payer", ""), Payer),
        "source": lambda: _text("source", data.get("source", ""), max_length=300),
        "source_url": lambda: _text("source_url", data.get("source_url", ""), max_length=500),
        "note": lambda: _text("note", data.get("note", ""), max_length=300),
    }
    for name, check in checks.items():
        try:
            setattr(item, name, check())
        except ValidationError as error:
            errors.update(error.message_dict)
    year = data.get("source_year")
    item.source_year = int(year) if year not in (None, "") and str(year).isdigit() else None
    if errors:
        raise ValidationError(errors)
    item.shipped = False
    item.save()
    return item


# --- The timeline -----------------------------------------------------------------------------


def timeline_start(*, actor: User, youth_id: int, channel: str) -> ImpactTimeline:
    """The youth's timeline, made once (a second start returns the first). Needs the consent."""
    with transaction.atomic():
        youth = impact_youth_for(actor, youth_id, action=AccessAction.CREATE, channel=channel)
        timeline, created = ImpactTimeline.objects.get_or_create(
            youth=youth, defaults={"organisation_id": youth.organisation_id, "created_by": actor}
        )
    if created:
        price_list_seed(youth.organisation)
    return timeline


@transaction.atomic
def timeline_update(*, actor: User, youth_id: int, channel: str, data: dict) -> ImpactTimeline:
    """The timeline's own fields: title, period, costs made, horizon, name in the report."""
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    errors: dict[str, list[str]] = {}

    def take(name, check):
        if name not in data:
            return
        try:
            setattr(timeline, name, check(data[name]))
        except ValidationError as error:
            errors.update(error.message_dict)

    take("title", lambda v: _text("title", v, max_length=150))
    take("starts_on", lambda v: v or None)
    take("ends_on", lambda v: v or None)
    take("name_in_report", bool)
    take("costs_mode", lambda v: _choice("costs_mode", v, CostsMode))
    take("costs_total", lambda v: amount("costs_total", v, required=False))
    take("costs_rate", lambda v: amount("costs_rate", v, required=False))
    take("costs_months", lambda v: _months("costs_months", v))
    take("costs_source", lambda v: _text("costs_source", v, max_length=300))
    take("horizon_months", lambda v: _months("horizon_months", v, required=True))
    if timeline.starts_on and timeline.ends_on and timeline.ends_on < timeline.starts_on:
        errors["ends_on"] = [_("Het einde ligt voor het begin.")]
    if errors:
        raise ValidationError(errors)
    timeline.save()
    return timeline


def _months(field: str, value, *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: [_("Vul een aantal maanden in.")]})
        return None
    try:
        months = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: [_("Vul een heel aantal maanden in.")]}) from None
    if not 1 <= months <= MAX_HORIZON_MONTHS:
        raise ValidationError({field: [_("Kies 1 tot %(n)s maanden.") % {"n": MAX_HORIZON_MONTHS}]})
    return months


@transaction.atomic
def cost_line_add(*, actor: User, youth_id: int, channel: str, label: str, value) -> CostLine:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    return CostLine.objects.create(
        timeline=timeline,
        label=_text("label", label, max_length=150, required=True),
        amount=amount("amount", value),
        position=timeline.cost_lines.count(),
    )


@transaction.atomic
def episode_save(
    *,
    actor: User,
    youth_id: int,
    channel: str,
    title: str,
    narrative: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    actors: list[tuple[str, str]] | tuple = (),
    quotes: list[tuple[str, str]] | tuple = (),
    episode_id: int | None = None,
) -> Episode:
    """Add an episode (at the end) or change one; its actors and quotes are replaced as given."""
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    errors: dict[str, list[str]] = {}
    try:
        title = _text("title", title, max_length=100, required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        narrative = _text("narrative", narrative, max_length=4000)
    except ValidationError as error:
        errors.update(error.message_dict)
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("Het einde ligt voor het begin.")]
    for role, _did in [*actors, *quotes]:
        if role not in ActorRole.values:
            errors["actors"] = [_("Kies een rol uit de lijst.")]
    if errors:
        raise ValidationError(errors)
    if episode_id is None:
        episode = Episode(timeline=timeline, position=timeline.episodes.count())
    else:
        episode = timeline.episodes.filter(pk=episode_id).first()
        if episode is None:
            raise ValidationError(_("Deze episode bestaat niet (meer)."))
    episode.title, episode.narrative, episode.starts_on, episode.ends_on = title, narrative, starts_on, ends_on
    episode.save()
    episode.actors.all().delete()
    episode.quotes.all().delete()
    EpisodeActor.objects.bulk_create(
        EpisodeActor(episode=episode, role=role, did=did.strip()[:500]) for role, did in actors if role
    )
    EpisodeQuote.objects.bulk_create(
        EpisodeQuote(episode=episode, role=role, text=text.strip()[:1000]) for role, text in quotes if text.strip()
    )
    return episode


@transaction.atomic
def episode_delete(*, actor: User, youth_id: int, channel: str, episode_id: int) -> None:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    timeline.episodes.filter(pk=episode_id).delete()


@transaction.atomic
def point_add(
    *, actor: User, youth_id: int, channel: str, kind: str, theme: str, text: str, youth_view: str = ""
) -> EvaluationPoint:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    errors: dict[str, list[str]] = {}
    if kind not in PointKind.values:
        errors["kind"] = [_("Kies meerwaarde of aandachtspunt.")]
    elif theme not in dict(defaults.THEMES[kind]):
        errors["theme"] = [_("Kies een thema uit de lijst.")]
    for name, value in (("text", text), ("youth_view", youth_view)):
        try:
            _text(name, value, max_length=1000, required=name == "text")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return EvaluationPoint.objects.create(
        timeline=timeline, kind=kind, theme=theme, text=text.strip(), youth_view=youth_view.strip()
    )


@transaction.atomic
def scenario_save(
    *,
    actor: User,
    youth_id: int,
    channel: str,
    title: str,
    narrative: str = "",
    youth_view: str = "",
    scenario_id: int | None = None,
) -> ReferenceScenario:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    title = _text("title", title, max_length=150, required=True)
    if scenario_id is None:
        scenario = ReferenceScenario(timeline=timeline, position=timeline.scenarios.count())
    else:
        scenario = timeline.scenarios.filter(pk=scenario_id).first()
        if scenario is None:
            raise ValidationError(_("Dit scenario bestaat niet (meer)."))
    scenario.title = title
    scenario.narrative = _text("narrative", narrative, max_length=4000)
    scenario.youth_view = _text("youth_view", youth_view, max_length=4000)
    scenario.save()
    return scenario


@transaction.atomic
def scenario_item_add(
    *,
    actor: User,
    youth_id: int,
    channel: str,
    scenario_id: int,
    price_item_id: int | None = None,
    condition: str = "",
    data: dict | None = None,
) -> ScenarioItem:
    """A cost the scenario would have caused: a copy of a price-list line, or one typed in (data)."""
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    scenario = timeline.scenarios.filter(pk=scenario_id).first()
    if scenario is None:
        raise ValidationError(_("Dit scenario bestaat niet (meer)."))
    condition = _text("condition", condition, max_length=300)
    if price_item_id:
        price = PriceItem.objects.filter(pk=price_item_id, organisation_id=timeline.organisation_id).first()
        if price is None:
            raise ValidationError({"price_item": [_("Kies een prijs uit de prijslijst van uw organisatie.")]})
        return ScenarioItem.objects.create(
            scenario=scenario,
            price_item=price,
            name=price.name,
            unit=price.unit,
            low=price.low,
            high=price.high,
            payer=price.payer,
            source=price.source,
            source_url=price.source_url,
            source_year=price.source_year,
            condition=condition,
        )
    data = data or {}
    errors: dict[str, list[str]] = {}
    values = {}
    for name, check in {
        "name": lambda: _text("name", data.get("name", ""), max_length=150, required=True),
        "unit": lambda: _choice("unit", data.get("unit", ""), Unit),
        "low": lambda: amount("low", data.get("low")),
        "high": lambda: amount("high", data.get("high")),
        "payer": lambda: _choice("payer", data.get("payer", ""), Payer),
        "source": lambda: _text("source", data.get("source", ""), max_length=300),
    }.items():
        try:
            values[name] = check()
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return ScenarioItem.objects.create(scenario=scenario, condition=condition, **values)


@transaction.atomic
def scenario_item_delete(*, actor: User, youth_id: int, channel: str, item_id: int) -> None:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    ScenarioItem.objects.filter(pk=item_id, scenario__timeline=timeline).delete()


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

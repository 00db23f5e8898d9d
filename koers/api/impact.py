"""The impact timeline of a youth (effectencalculator): the story, the evaluation and the estimate
of the costs made and possibly saved, for other systems. Read only; through koers.impact.access
(the youth's own access rules, the access log, and the youth's consent for this purpose)."""

from decimal import Decimal

from ninja import Query, Router, Schema
from pydantic import Field

from koers.api.schemas import READ_ERRORS, responses
from koers.api.types import IdPath
from koers.audit.models import AccessAction, AccessChannel
from koers.impact.access import timeline_for
from koers.impact.estimate import CENT, Estimate
from koers.impact.flags import flag_message
from koers.impact.selectors import TimelineView, timeline_view
from koers.impact.services import MAX_HORIZON_MONTHS

router = Router(tags=["effectenlijn"])

AMOUNT = Field(description='Een bedrag in euro, als tekst met twee decimalen, bijvoorbeeld "14000.00".')


class ActorOut(Schema):
    role: str
    did: str


class QuoteOut(Schema):
    role: str
    text: str


class EpisodeOut(Schema):
    title: str
    starts_on: str | None
    ends_on: str | None
    narrative: str
    actors: list[ActorOut]
    quotes: list[QuoteOut]


class PointOut(Schema):
    kind: str = Field(description="added_value (meerwaarde) of attention (aandachtspunt).")
    theme: str
    text: str
    youth_view: str


class ScenarioOut(Schema):
    title: str
    narrative: str
    youth_view: str


class CostsMadeOut(Schema):
    total: str | None = AMOUNT
    months: int | None
    mode: str = Field(description="total, rate (per maand × maanden) of itemised (per kostenpost).")
    source: str


class PayerOut(Schema):
    payer: str
    low: str = AMOUNT
    high: str = AMOUNT


class ItemOut(Schema):
    name: str
    unit: str = Field(description="once (eenmalig), month (per maand) of year (per jaar).")
    low: str = Field(description="Wat de post over de periode kost, laag (tekst met twee decimalen).")
    high: str = Field(description="Wat de post over de periode kost, hoog (tekst met twee decimalen).")
    unit_low: str = Field(description="Het lage bedrag per eenheid, zoals in de prijslijst.")
    unit_high: str = Field(description="Het hoge bedrag per eenheid, zoals in de prijslijst.")
    source_url: str
    payer: str
    source: str
    source_year: int | None
    condition: str
    scenario: str


class CostsSavedOut(Schema):
    horizon_months: int
    low: str = AMOUNT
    high: str = AMOUNT
    by_payer: list[PayerOut]
    items: list[ItemOut]


class FlagOut(Schema):
    code: str = Field(description="negative, high_below_low, no_source, breakdown_mismatch, incomplete, rounded, …")
    subject: str
    message: str


class ImpactOut(Schema):
    episodes: list[EpisodeOut]
    points: list[PointOut]
    scenarios: list[ScenarioOut]
    costs_made: CostsMadeOut
    costs_saved: CostsSavedOut
    flags: list[FlagOut]


class ImpactQuery(Schema):
    horizon_months: int | None = Field(
        None,
        ge=1,
        le=MAX_HORIZON_MONTHS,
        description="Over hoeveel maanden de mogelijk bespaarde kosten tellen (1 tot 120); leeg: die van de lijn.",
    )


def _euro(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(CENT))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _estimate_out(result: Estimate) -> dict:
    return {
        "horizon_months": result.horizon_months,
        "low": _euro(result.low),
        "high": _euro(result.high),
        "by_payer": [{"payer": p.payer, "low": _euro(p.low), "high": _euro(p.high)} for p in result.by_payer],
        "items": [
            {
                "name": line.item.name,
                "unit": line.item.unit,
                "low": _euro(line.low),
                "high": _euro(line.high),
                "unit_low": _euro(line.item.low),
                "unit_high": _euro(line.item.high),
                "source_url": line.item.source_url,
                "payer": line.item.payer,
                "source": line.item.source,
                "source_year": line.item.source_year,
                "condition": line.item.condition,
                "scenario": line.item.scenario,
            }
            for line in result.items
        ],
    }


def impact_out(view: TimelineView) -> dict:
    timeline, result = view.timeline, view.estimate
    return {
        "episodes": [
            {
                "title": episode.title,
                "starts_on": _date(episode.starts_on),
                "ends_on": _date(episode.ends_on),
                "narrative": episode.narrative,
                "actors": [{"role": actor.role, "did": actor.did} for actor in episode.actors.all()],
                "quotes": [{"role": quote.role, "text": quote.text} for quote in episode.quotes.all()],
            }
            for episode in view.episodes
        ],
        "points": [
            {"kind": point.kind, "theme": point.theme, "text": point.text, "youth_view": point.youth_view}
            for point in view.points
        ],
        "scenarios": [
            {"title": scenario.title, "narrative": scenario.narrative, "youth_view": scenario.youth_view}
            for scenario in view.scenarios
        ],
        "costs_made": {
            "total": _euro(result.costs_made),
            "months": result.costs_months,
            "mode": timeline.costs_mode,
            "source": timeline.costs_source,
        },
        "costs_saved": _estimate_out(result),
        "flags": [{"code": flag.code, "subject": flag.subject, "message": flag_message(flag)} for flag in result.flags],
    }


@router.get(
    "/youths/{youth_id}/impact",
    response=responses({200: ImpactOut}, READ_ERRORS),
    summary="Effectenlijn van een jongere: verhaal, gemaakte en mogelijk bespaarde kosten",
    description=(
        "404 als de jongere niet onder uw caseload valt of nog geen effectenlijn heeft; 403 als de jongere "
        "geen toestemming heeft gegeven voor de effectenlijn (of uw rol geen dossiers van jongeren opent). "
        "Bedragen zijn tekst met twee decimalen. Wat niet klopt (een bedrag zonder bron, een hoog bedrag "
        "onder het lage) staat in flags; een afgerond bedrag ook (code rounded)."
    ),
)
def youth_impact(request, youth_id: IdPath, query: Query[ImpactQuery]):
    timeline = timeline_for(request.auth, youth_id, action=AccessAction.VIEW, channel=AccessChannel.API)
    return impact_out(timeline_view(timeline, horizon_months=query.horizon_months))

"""The privacy registry's entries for the impact timeline (koers.impact, issue 20): the story in
episodes, who took part and what was said, the evaluation, the reference scenarios and their
costs. Part of `koers.privacy.registry.REGISTRY`. The price list is the organisation's, no
youth's data."""

from django.utils.translation import gettext_lazy as _

from koers.impact.models import (
    CostLine,
    Episode,
    EpisodeActor,
    EpisodeQuote,
    EvaluationPoint,
    ImpactTimeline,
    ReferenceScenario,
    ScenarioItem,
)
from koers.impact.themes import theme_label
from koers.privacy.entries import PersonalData, Shown

IMPACT: tuple[PersonalData, ...] = (
    PersonalData(
        ImpactTimeline,
        _("het verhaal en de kosten van je traject"),
        youth="youth_id",
        fields=(
            Shown("title", _("titel")),
            Shown("starts_on", _("van")),
            Shown("ends_on", _("tot")),
            Shown(
                "name_in_report",
                _("je naam in het rapport"),
                lambda row: str(_("ja") if row.name_in_report else _("nee")),
            ),
            Shown("costs_mode", _("kosten als")),
            Shown("costs_total", _("totaal begeleiding")),
            Shown("costs_rate", _("bedrag per maand")),
            Shown("costs_months", _("maanden begeleiding")),
            Shown("costs_source", _("bron van de kosten")),
            Shown("horizon_months", _("periode van de schatting (maanden)")),
            Shown("created_at", _("gemaakt op")),
            Shown("updated_at", _("laatst aangepast op")),
        ),
    ),
    PersonalData(
        CostLine,
        _("kostenposten"),
        youth="timeline__youth_id",
        order=("position", "pk"),
        fields=(Shown("label", _("kostenpost")), Shown("amount", _("bedrag"))),
        kept_back={"position": "the order on the page"},
    ),
    PersonalData(
        Episode,
        _("episodes van je verhaal"),
        youth="timeline__youth_id",
        order=("position", "pk"),
        fields=(
            Shown("title", _("titel")),
            Shown("starts_on", _("van")),
            Shown("ends_on", _("tot")),
            Shown("narrative", _("wat er gebeurde")),
        ),
        kept_back={"position": "the order on the page"},
    ),
    PersonalData(
        EpisodeActor,
        _("wie meedeed"),
        youth="episode__timeline__youth_id",
        within="episode",
        fields=(
            Shown("role", _("rol")),
            Shown("did", _("wat deze persoon deed")),
        ),
    ),
    PersonalData(
        EpisodeQuote,
        _("wat er gezegd is"),
        youth="episode__timeline__youth_id",
        within="episode",
        fields=(
            Shown("role", _("wie zei het")),
            Shown("text", _("citaat")),
        ),
    ),
    PersonalData(
        EvaluationPoint,
        _("meerwaarde en aandachtspunten"),
        youth="timeline__youth_id",
        fields=(
            Shown("kind", _("soort")),
            Shown("theme", _("thema"), lambda row: theme_label(row.kind, row.theme)),
            Shown("text", _("wat de professionals zeggen")),
            Shown("youth_view", _("wat jij zegt")),
        ),
        kept_on_destroy={"theme": "the code of the theme"},
    ),
    PersonalData(
        ReferenceScenario,
        _("wat er zonder het traject was gebeurd"),
        youth="timeline__youth_id",
        order=("position", "pk"),
        fields=(
            Shown("title", _("titel")),
            Shown("narrative", _("wat de professionals verwachten")),
            Shown("youth_view", _("wat jij verwacht")),
        ),
        kept_back={"position": "the order on the page"},
    ),
    PersonalData(
        ScenarioItem,
        _("kosten die mogelijk zijn bespaard"),
        youth="scenario__timeline__youth_id",
        within="scenario",
        fields=(
            Shown("name", _("naam")),
            Shown("unit", _("eenheid")),
            Shown("low", _("laag bedrag")),
            Shown("high", _("hoog bedrag")),
            Shown("payer", _("wie betaalt")),
            Shown("source", _("bron")),
            Shown("source_url", _("adres van de bron")),
            Shown("source_year", _("jaar van de bron")),
            Shown("condition", _("als")),
        ),
        kept_back={"price_item": "the line of the price list it was copied from; its values are shown"},
    ),
)

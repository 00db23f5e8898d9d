"""Reference scenarios and the costs each would have caused (a copy of a price-list line, or typed)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.audit.models import AccessAction
from koers.impact.access import timeline_for
from koers.impact.models import (
    Payer,
    PriceItem,
    ReferenceScenario,
    ScenarioItem,
    Unit,
)
from koers.impact.services.checks import amount, clean_choice, clean_source_url, clean_source_year, clean_text


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
    title = clean_text("title", title, max_length=150, required=True)
    if scenario_id is None:
        scenario = ReferenceScenario(timeline=timeline, position=timeline.scenarios.count())
    else:
        scenario = timeline.scenarios.filter(pk=scenario_id).first()
        if scenario is None:
            raise ValidationError(_("Dit scenario bestaat niet (meer)."))
    scenario.title = title
    scenario.narrative = clean_text("narrative", narrative, max_length=4000)
    scenario.youth_view = clean_text("youth_view", youth_view, max_length=4000)
    scenario.save()
    return scenario


@transaction.atomic
def scenario_delete(*, actor: User, youth_id: int, channel: str, scenario_id: int) -> None:
    """The scenario and the costs it would have caused (its items go with it)."""
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    deleted, _by_model = timeline.scenarios.filter(pk=scenario_id).delete()
    if not deleted:
        raise ValidationError(_("Dit scenario bestaat niet (meer)."))


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
    condition = clean_text("condition", condition, max_length=300)
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
        "name": lambda: clean_text("name", data.get("name", ""), max_length=150, required=True),
        "unit": lambda: clean_choice("unit", data.get("unit", ""), Unit),
        "low": lambda: amount("low", data.get("low")),
        "high": lambda: amount("high", data.get("high")),
        "payer": lambda: clean_choice("payer", data.get("payer", ""), Payer),
        "source": lambda: clean_text("source", data.get("source", ""), max_length=300),
        "source_url": lambda: clean_source_url(data.get("source_url", "")),
        "source_year": lambda: clean_source_year(data.get("source_year")),
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

"""The timeline itself: made once per youth (with the consent), its fields and the costs made."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.audit.models import AccessAction
from koers.impact.access import impact_youth_for, timeline_for
from koers.impact.models import (
    CostLine,
    CostsMode,
    ImpactTimeline,
)
from koers.impact.services.checks import amount, clean_choice, clean_months, clean_text
from koers.impact.services.prices import price_list_seed


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

    take("title", lambda v: clean_text("title", v, max_length=150))
    take("starts_on", lambda v: v or None)
    take("ends_on", lambda v: v or None)
    take("name_in_report", bool)
    take("costs_mode", lambda v: clean_choice("costs_mode", v, CostsMode))
    take("costs_total", lambda v: amount("costs_total", v, required=False))
    take("costs_rate", lambda v: amount("costs_rate", v, required=False))
    take("costs_months", lambda v: clean_months("costs_months", v))
    take("costs_source", lambda v: clean_text("costs_source", v, max_length=300))
    take("horizon_months", lambda v: clean_months("horizon_months", v, required=True))
    if timeline.starts_on and timeline.ends_on and timeline.ends_on < timeline.starts_on:
        errors["ends_on"] = [_("Het einde ligt voor het begin.")]
    if errors:
        raise ValidationError(errors)
    timeline.save()
    return timeline


@transaction.atomic
def cost_line_add(*, actor: User, youth_id: int, channel: str, label: str, value) -> CostLine:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    return CostLine.objects.create(
        timeline=timeline,
        label=clean_text("label", label, max_length=150, required=True),
        amount=amount("amount", value),
        position=timeline.cost_lines.count(),
    )


@transaction.atomic
def cost_line_delete(*, actor: User, youth_id: int, channel: str, line_id: int) -> None:
    timeline = timeline_for(actor, youth_id, action=AccessAction.CHANGE, channel=channel, for_update=True)
    deleted, _by_model = timeline.cost_lines.filter(pk=line_id).delete()
    if not deleted:
        raise ValidationError(_("Deze kostenpost bestaat niet (meer)."))

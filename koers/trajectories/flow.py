"""The flow chart as rules over milestones: which milestones count, the phase, valid orders.

Pure functions over milestone-like objects (anything with kind, date, id, replaces_id, withdrawn),
so the same rules serve the services, the pages and the demo generator.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.lib.due_rules import aftercare_end
from koers.trajectories.models import MilestoneKind as K
from koers.trajectories.models import Phase

SINGLE_KINDS = {K.REGISTRATION, K.INVITATION, K.FIRST_CONVERSATION, K.PLAN_CONVERSATION, K.OUTFLOW, K.CLOSED}

# The steps of the flow chart as shown to the consultant, with the phase each belongs to.
FLOW_CHART = [
    (Phase.REGISTRATION, gettext_lazy("Melding")),
    (Phase.INVITED, gettext_lazy("Uitnodiging 1e gesprek")),
    (Phase.SEARCH_PERIOD, gettext_lazy("1e gesprek en zoekperiode")),
    (Phase.FOLLOW_UP, gettext_lazy("2e gesprek en verloop")),
    (Phase.AFTERCARE, gettext_lazy("Uitstroom en nazorg")),
    (Phase.CLOSED, gettext_lazy("Afgesloten")),
]


def effective(milestones: Iterable) -> list:
    """The milestones that count: not withdrawn and not replaced by a correction."""
    rows = list(milestones)
    replaced = {row.replaces_id for row in rows if row.replaces_id}
    return sorted(
        (row for row in rows if not row.withdrawn and row.id not in replaced),
        key=lambda row: (row.date, row.id or 0),
    )


def by_kind(milestones: Sequence) -> dict:
    """Single kinds map to their milestone; aftercare extensions to a list."""
    result: dict = {K.AFTERCARE_EXTENSION: []}
    for row in milestones:
        if row.kind == K.AFTERCARE_EXTENSION:
            result[K.AFTERCARE_EXTENSION].append(row)
        else:
            result[row.kind] = row
    return result


def phase_on(milestones: Iterable, day) -> str:
    """The trajectory's phase on `day`, by the milestones that count and were dated by then."""
    return phase_of([row for row in effective(milestones) if row.date <= day])


def phase_of(milestones: Sequence) -> str:
    kinds = {row.kind for row in milestones}
    for kind, phase in (
        (K.CLOSED, Phase.CLOSED),
        (K.OUTFLOW, Phase.AFTERCARE),
        (K.PLAN_CONVERSATION, Phase.FOLLOW_UP),
        (K.FIRST_CONVERSATION, Phase.SEARCH_PERIOD),
        (K.INVITATION, Phase.INVITED),
    ):
        if kind in kinds:
            return phase
    return Phase.REGISTRATION


def _label(kind: str) -> str:
    return str(K(kind).label)


def _day(value) -> str:
    return date_format(value, "j F Y")


# (kind, kinds that must come before it): a missing one is an impossible order.
_REQUIRES = {
    K.INVITATION: [K.REGISTRATION],
    K.FIRST_CONVERSATION: [K.REGISTRATION],
    K.PLAN_CONVERSATION: [K.FIRST_CONVERSATION],
    K.OUTFLOW: [K.FIRST_CONVERSATION],
    K.AFTERCARE_EXTENSION: [K.OUTFLOW],
    K.CLOSED: [K.REGISTRATION],
}
# Dates must not lie before these kinds' dates.
_NOT_BEFORE = {
    K.INVITATION: [K.REGISTRATION],
    K.FIRST_CONVERSATION: [K.REGISTRATION, K.INVITATION],
    K.PLAN_CONVERSATION: [K.FIRST_CONVERSATION],
    K.OUTFLOW: [K.FIRST_CONVERSATION, K.PLAN_CONVERSATION],
    K.AFTERCARE_EXTENSION: [K.OUTFLOW],
}


def check_sequence(milestones: Sequence, *, new=None) -> None:
    """Raise ValidationError({field: message}) when the milestones are in an impossible order.

    With `new` (the row being recorded), a date conflict is told from that row's point of view.
    """
    if new is not None:
        _check_not_after_later_kinds(milestones, new)
    counts: dict[str, int] = {}
    for row in milestones:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    for kind, count in counts.items():
        if kind in SINGLE_KINDS and count > 1:
            raise ValidationError(
                {
                    "kind": _("%(kind)s is al vastgelegd. Corrigeer de eerdere invoer als die niet klopt.")
                    % {"kind": _label(kind)}
                }
            )
    if counts.get(K.REGISTRATION, 0) != 1:
        raise ValidationError({"kind": _("Een traject begint met precies één melding.")})
    found = by_kind(milestones)
    for row in milestones:
        for needed in _REQUIRES.get(row.kind, []):
            if needed not in found:
                raise ValidationError(
                    {
                        "kind": _("%(kind)s kan pas na %(needed)s.")
                        % {"kind": _label(row.kind), "needed": _label(needed).lower()}
                    }
                )
        for earlier in _NOT_BEFORE.get(row.kind, []):
            other = found.get(earlier)
            if other is not None and row.date < other.date:
                raise ValidationError(
                    {
                        "date": _("De datum van %(kind)s ligt vóór %(earlier)s (%(date)s).")
                        % {
                            "kind": _label(row.kind).lower(),
                            "earlier": _label(earlier).lower(),
                            "date": _day(other.date),
                        }
                    }
                )
    outflow = found.get(K.OUTFLOW)
    for number, extension in enumerate(sorted(found[K.AFTERCARE_EXTENSION], key=lambda row: row.date)):
        ends = aftercare_end(outflow.date, number)
        if extension.date > ends:
            raise ValidationError(
                {
                    "date": _("De nazorg was al afgelopen op %(date)s. Verlengen kan alleen tijdens de nazorg.")
                    % {"date": _day(ends)}
                }
            )
    closed = found.get(K.CLOSED)
    if closed is not None:
        latest = max(row.date for row in milestones if row.kind != K.CLOSED)
        if closed.date < latest:
            raise ValidationError(
                {"date": _("Afsluiten kan niet vóór de laatste mijlpaal (%(date)s).") % {"date": _day(latest)}}
            )


def next_kinds(effective: Sequence) -> list[str]:
    """The milestones the flow chart allows next, most likely first; closing is always possible."""
    kinds = {row.kind for row in effective}
    if not kinds or K.CLOSED in kinds:
        return []
    if K.OUTFLOW in kinds:
        following = [K.AFTERCARE_EXTENSION]
    elif K.PLAN_CONVERSATION in kinds:
        following = [K.OUTFLOW]
    elif K.FIRST_CONVERSATION in kinds:
        following = [K.PLAN_CONVERSATION, K.OUTFLOW]
    elif K.INVITATION in kinds:
        following = [K.FIRST_CONVERSATION]
    else:
        following = [K.INVITATION, K.FIRST_CONVERSATION]
    return [str(kind) for kind in [*following, K.CLOSED]]


def _check_not_after_later_kinds(milestones: Sequence, new) -> None:
    for later, earlier_kinds in _NOT_BEFORE.items():
        if new.kind not in earlier_kinds:
            continue
        other = next((row for row in milestones if row.kind == later and row is not new), None)
        if other is not None and new.date > other.date:
            raise ValidationError(
                {
                    "date": _("De datum van %(kind)s ligt na %(later)s (%(date)s).")
                    % {"kind": _label(new.kind).lower(), "later": _label(later).lower(), "date": _day(other.date)}
                }
            )

"""Reading a youth's retention date (docs/retention.md). The caller has already checked access."""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.db.models import Count, Q
from django.http import Http404

from koers.method.cache import MUTABLE_TIMEOUT, remembered
from koers.retention.models import DestructionList, ItemStatus, RetentionPolicy
from koers.retention.rules import Retention, Term, retention, terms_with, trajectory_end
from koers.trajectories.models import Milestone, Youth


def terms_key(organisation_id: int) -> str:
    return f"retention:terms:{organisation_id}"


def own_terms(organisation_id: int) -> dict[str, Term]:
    """The terms the organisation set itself (koers.retention.admin): one query, kept in the cache
    like the method's reads (koers.method.cache) and forgotten when a term is saved or deleted
    (koers.retention.signals), so the youth file does not read them on every page."""

    def read() -> dict[str, Term]:
        rows = RetentionPolicy.objects.filter(organisation_id=organisation_id).values_list("line", "years", "weeks")
        return {line: Term(years=years, weeks=weeks) for line, years, weeks in rows}

    return remembered(terms_key(organisation_id), read, timeout=MUTABLE_TIMEOUT)


def retention_of(
    youth: Youth, *, trajectory_ids: Iterable[int] | None = None, loaded: Mapping[int, Iterable] | None = None
) -> Retention | None:
    """Until when the youth's file is kept; None while a trajectory runs.

    `loaded` maps trajectory ids to milestones the caller already read (the youth file reads the
    shown trajectory's): no query while one of those runs. Otherwise one query for the milestones
    of the other trajectories (`trajectory_ids`; all the youth's when not given), none when every
    trajectory is loaded, and one for the organisation's own terms when they are not in the cache.
    """
    sets = {pk: list(rows) for pk, rows in (loaded or {}).items()}
    if any(trajectory_end(rows) is None for rows in sets.values()):
        return None
    missing = None if trajectory_ids is None else [pk for pk in trajectory_ids if pk not in sets]
    if missing is None or missing:
        rows = Milestone.objects.filter(trajectory__youth=youth).only(
            "id", "trajectory_id", "kind", "date", "replaces_id", "withdrawn"
        )
        if missing is not None:
            rows = rows.filter(trajectory_id__in=missing)
        grouped = defaultdict(list)
        for row in rows:
            grouped[row.trajectory_id].append(row)
        sets.update({pk: found for pk, found in grouped.items() if pk not in sets})
    ends = [trajectory_end(rows) for rows in sets.values()]
    if not ends or None in ends:
        return None
    return retention(ends, terms_with(own_terms(youth.organisation_id)))


# Destruction lists (koers.retention.services.destruction). They show file numbers, dates and
# lines, never a youth's name: a functional administrator does not open youth files.


def destruction_lists(organisation_id: int) -> list:
    """The organisation's lists, newest first, each with its counts: one query."""
    return list(
        DestructionList.objects.filter(organisation_id=organisation_id)
        .select_related("reviewed_by", "decided_by")
        .annotate(
            files=Count("items"),
            destroyed=Count("items", filter=Q(items__status=ItemStatus.DESTROYED)),
            postponed=Count("items", filter=Q(items__status=ItemStatus.POSTPONED)),
        )
        .order_by("-proposed_at", "-pk")[:100]
    )


def destruction_list_of(organisation_id: int, list_id: int):
    found = (
        DestructionList.objects.filter(organisation_id=organisation_id, pk=list_id)
        .select_related("reviewed_by", "decided_by")
        .first()
    )
    if found is None:
        raise Http404("Deze vernietigingslijst bestaat niet.")
    return found


def destruction_items(destruction_list) -> list:
    """The files on a list (at most LIST_SIZE) with their last consultant: one query."""
    return list(destruction_list.items.select_related("youth__consultant").order_by("keep_until", "pk"))


def destruction_report(items: list) -> dict:
    """What the report says, from the items already read: counts per line and status, and the
    months the trajectories ended in."""
    per_line: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in items:
        per_line[item.get_line_display()][item.status] += 1
    ended = sorted(item.ended_on for item in items)
    return {
        "per_line": {line: dict(counts) for line, counts in sorted(per_line.items())},
        "first_end": ended[0] if ended else None,
        "last_end": ended[-1] if ended else None,
    }

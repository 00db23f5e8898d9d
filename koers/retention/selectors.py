"""Reading a youth's retention date (docs/retention.md). The caller has already checked access."""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from koers.method.cache import MUTABLE_TIMEOUT, remembered
from koers.retention.models import RetentionPolicy
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

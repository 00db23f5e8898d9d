"""The retention rules of docs/retention.md: until when a youth's file is kept, from the
milestones of its trajectories and the terms of the Selectielijst 2020. Pure functions over
milestone-like rows (kind, date, id, replaces_id, withdrawn): no queries, so the file page, a
nightly job and the tests share them."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from koers.lib.due_rules import aftercare_end
from koers.lib.workdays import add_months
from koers.retention.models import RetentionLine
from koers.trajectories import flow
from koers.trajectories.models import MilestoneKind as K


@dataclass(frozen=True)
class Term:
    years: int = 0
    weeks: int = 0

    def after(self, day: date) -> date:
        # Calendar years (29 Feb lands on 28 Feb), then whole weeks.
        return add_months(day, 12 * self.years) + timedelta(weeks=self.weeks)


# The terms of the Selectielijst 2020 (docs/research/selectielijst-2020.md):
# 8.1 "Verstrekt", waardering vernietigen, bewaartermijn 10 jaar (P10Y) after the voorziening ends
# ("bestaansduur procesobject", lines 27 and 30); 8.4.1 "Afgebroken", "Voorziening in Sociale
# domein", vernietigen, procestermijn nihil, 6 weken (P42D) after closing (lines 42 and 46).
SELECTIELIJST = {
    RetentionLine.PROVIDED: Term(years=10),
    RetentionLine.ABORTED: Term(weeks=6),
}


@dataclass(frozen=True)
class TrajectoryEnd:
    ended_on: date
    line: str


@dataclass(frozen=True)
class Retention:
    keep_until: date
    line: str
    ended_on: date
    own_term: bool = False  # the organisation's term, not the Selectielijst's


def trajectory_end(milestones: Iterable) -> TrajectoryEnd | None:
    """When the trajectory ended and under which line; None while it runs (no outflow, no closure).

    The end is the last of: the end of aftercare after the outflow (with its extensions; the
    agenda's own rule, koers.lib.due_rules.aftercare_end) and the closure. During aftercare that
    end lies ahead; an extension moves it.
    """
    found = flow.by_kind(flow.effective(milestones))
    outflow, closed = found.get(K.OUTFLOW), found.get(K.CLOSED)
    if outflow is None and closed is None:
        return None
    ends = [closed.date] if closed is not None else []
    if outflow is not None:
        ends.append(aftercare_end(outflow.date, len(found[K.AFTERCARE_EXTENSION])))
    # A trajectory ran once the first conversation took place: then the voorziening was provided
    # (8.1). Closed before it, the registration was broken off before any decision (8.4.1; the
    # notes' line 48: 8.2 "Geweigerd" would need a real refusal decision, which Koers does not record).
    line = RetentionLine.PROVIDED if K.FIRST_CONVERSATION in found else RetentionLine.ABORTED
    return TrajectoryEnd(ended_on=max(ends), line=line)


def terms_with(own: Mapping[str, Term]) -> dict[str, Term]:
    """The Selectielijst's terms, with the organisation's own where it set one."""
    return {**SELECTIELIJST, **own}


def retention(ends: Iterable[TrajectoryEnd | None], terms: Mapping[str, Term] = SELECTIELIJST) -> Retention | None:
    """The file is kept until the latest date of its trajectories; None while one still runs
    (or there is none)."""
    dates = []
    for end in ends:
        if end is None:
            return None
        term = terms.get(end.line, SELECTIELIJST[end.line])
        dates.append(
            Retention(
                keep_until=term.after(end.ended_on),
                line=end.line,
                ended_on=end.ended_on,
                own_term=term != SELECTIELIJST[end.line],
            )
        )
    return max(dates, key=lambda r: r.keep_until, default=None)

"""Builders for agenda-rule tests. The running example: registered Monday 2026-02-16, first
conversation Thursday 2026-03-05, so the search period ends Thursday 2026-04-02 (just before Easter
2026: Goede Vrijdag 3 April, 2e Paasdag 6 April).
"""

from datetime import date

from koers.lib.due_rules import AgreementFact, DueItem, TrajectoryFacts

REGISTERED = date(2026, 2, 16)
FIRST = date(2026, 3, 5)  # Thursday
OUTFLOW = date(2026, 6, 15)  # Monday


def trajectory(**kwargs) -> TrajectoryFacts:
    return TrajectoryFacts(registered_on=REGISTERED, **kwargs)


def started(**kwargs) -> TrajectoryFacts:
    return trajectory(first_conversation_on=FIRST, **kwargs)


def flowed_out(**kwargs) -> TrajectoryFacts:
    return started(plan_conversation_on=date(2026, 3, 31), outflow_on=OUTFLOW, **kwargs)


def agreement(id=3, due_on=date(2026, 4, 1), done_on=None, owner="youth", created_on=FIRST):
    return AgreementFact(id=id, due_on=due_on, done_on=done_on, owner=owner, created_on=created_on)


def the(items: list[DueItem], kind: str, ref: str | None = None) -> DueItem:
    """The one item of `kind` (and `ref`) among `items`."""
    found = [i for i in items if i.kind == kind and (ref is None or i.ref == ref)]
    assert len(found) == 1, found
    return found[0]


def kinds(items: list[DueItem]) -> set[str]:
    return {i.kind for i in items}

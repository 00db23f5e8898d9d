"""For the data migrations: a trajectory's phase on a day, from historical milestone rows (a
migration must not import the app's code, which may change later)."""


def phase_on(milestones, day):
    """As koers.trajectories.flow.phase_on, on historical rows (a migration must not import the app)."""
    replaced = {m.replaces_id for m in milestones if m.replaces_id}
    kinds = {m.kind for m in milestones if not m.withdrawn and m.id not in replaced and m.date <= day}
    for kind, phase in (
        ("closed", "closed"),
        ("outflow", "aftercare"),
        ("plan_conversation", "follow_up"),
        ("first_conversation", "search_period"),
        ("invitation", "invited"),
    ):
        if kind in kinds:
            return phase
    return "registration"

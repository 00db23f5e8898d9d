"""Keep the stored open due items of a trajectory in step with its facts."""

import datetime as dt

from django.utils import timezone

from koers.agenda.facts import facts_for
from koers.agenda.models import DueItem
from koers.contacts.models import Agreement, Appointment
from koers.lib import due_rules
from koers.plans.models import SubGoal
from koers.trajectories.models import Trajectory


def agenda_refresh(*, trajectory: Trajectory) -> None:
    """Replace the trajectory's stored open items; called inside the writing transaction."""
    trajectory = Trajectory.objects.select_related("youth").get(pk=trajectory.pk)
    facts = facts_for([trajectory])[trajectory.pk]
    items = open_now(facts)
    wanted = referred_ids(items)
    about = {
        **{
            f"agreement:{pk}": (text, None)
            for pk, text in Agreement.objects.filter(pk__in=wanted["agreement"]).values_list("pk", "description")
        },
        **{
            f"sub_goal:{pk}": (text, None)
            for pk, text in SubGoal.objects.filter(pk__in=wanted["sub_goal"]).values_list("pk", "text")
        },
        **{
            f"appointment:{pk}": ("", day)
            for pk, day in Appointment.objects.filter(pk__in=wanted["appointment"]).values_list("pk", "date")
        },
    }
    DueItem.objects.filter(trajectory=trajectory).delete()
    DueItem.objects.bulk_create(due_item_rows(trajectory, items, about))


def open_now(facts: due_rules.TrajectoryFacts) -> list[due_rules.DueItem]:
    """The items of these facts that are open today."""
    today = timezone.localdate()
    return [item for item in due_rules.all_items(facts) if item.done_on is None or item.done_on > today]


def referred_ids(items: list[due_rules.DueItem]) -> dict[str, list[int]]:
    """The ids of the agreements and appointments the items are about ("agreement:12")."""
    ids: dict[str, list[int]] = {"agreement": [], "appointment": [], "sub_goal": []}
    for item in items:
        kind, _, pk = item.ref.partition(":")
        if kind in ids and pk.isdigit():
            ids[kind].append(int(pk))
    return ids


def due_item_rows(
    trajectory: Trajectory, items: list[due_rules.DueItem], about: dict[str, tuple[str, dt.date | None]]
) -> list[DueItem]:
    """The items as unsaved rows (also used by the demo generator in bulk); `about` maps a ref to
    what the item is about (text, date)."""
    return [
        DueItem(
            organisation_id=trajectory.organisation_id,
            trajectory_id=trajectory.pk,
            youth_id=trajectory.youth_id,
            consultant_id=trajectory.youth.consultant_id,
            kind=item.kind,
            due=item.due,
            starts=item.starts,
            ref=item.ref,
            about=about.get(item.ref, ("", None))[0],
            about_date=about.get(item.ref, ("", None))[1],
        )
        for item in items
    ]

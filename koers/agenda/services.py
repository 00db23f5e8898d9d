"""Keep the stored open due items of a trajectory in step with its facts."""

from django.utils import timezone

from koers.agenda.facts import facts_for
from koers.agenda.models import DueItem
from koers.lib import due_rules
from koers.trajectories.models import Trajectory


def agenda_refresh(*, trajectory: Trajectory) -> None:
    """Replace the trajectory's stored open items; called inside the writing transaction."""
    trajectory = Trajectory.objects.select_related("youth").get(pk=trajectory.pk)
    facts = facts_for([trajectory])[trajectory.pk]
    DueItem.objects.filter(trajectory=trajectory).delete()
    DueItem.objects.bulk_create(due_item_rows(trajectory, facts))


def due_item_rows(trajectory: Trajectory, facts: due_rules.TrajectoryFacts) -> list[DueItem]:
    """The items open now, as unsaved rows (also used by the demo generator in bulk)."""
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
        )
        for item in due_rules.all_items(facts)
        if item.done_on is None or item.done_on > timezone.localdate()
    ]

"""Reads for youths and trajectories: which trajectory is current, and where a trajectory stands."""

from dataclasses import dataclass

from koers.trajectories import flow
from koers.trajectories.models import Milestone, MilestoneKind, Trajectory, Youth

K = MilestoneKind


def trajectories_of(youth: Youth) -> list[Trajectory]:
    """The youth's trajectories, the current one first."""
    return list(Trajectory.objects.filter(youth=youth).order_by("-pk"))


def current_trajectory(youth: Youth) -> Trajectory | None:
    """The one definition of "the current trajectory": the youth's latest (highest id).

    Only the current trajectory can change; earlier ones are history.
    """
    return Trajectory.objects.filter(youth=youth).order_by("-pk").first()


def is_current(trajectory: Trajectory) -> bool:
    return not Trajectory.objects.filter(youth_id=trajectory.youth_id, pk__gt=trajectory.pk).exists()


@dataclass(frozen=True)
class TrajectoryState:
    """A trajectory's milestones (all rows, for the history) and what counts of them."""

    trajectory: Trajectory
    milestones: tuple[Milestone, ...]
    effective: tuple[Milestone, ...]

    @property
    def route(self) -> str:
        plan = flow.by_kind(self.effective).get(K.PLAN_CONVERSATION)
        return plan.route if plan else ""

    @property
    def latest(self) -> Milestone | None:
        return self.effective[-1] if self.effective else None

    @property
    def next_kinds(self) -> list[str]:
        return flow.next_kinds(self.effective)


def trajectory_state(trajectory: Trajectory) -> TrajectoryState:
    """One query: the milestones with who recorded them."""
    rows = tuple(Milestone.objects.filter(trajectory=trajectory).select_related("recorded_by"))
    return TrajectoryState(trajectory=trajectory, milestones=rows, effective=tuple(flow.effective(rows)))

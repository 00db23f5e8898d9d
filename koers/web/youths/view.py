"""What every section of the youth file gets: the youth, the trajectory shown, the forms."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from koers.trajectories.models import Phase, Trajectory, Youth
from koers.trajectories.selectors import TrajectoryState, trajectories_of, trajectory_state


@dataclass
class FileView:
    """What the sections share: the youth, the trajectory shown, and the forms being (re)shown."""

    request: object
    youth: Youth
    today: dt.date
    trajectories: list[Trajectory]
    trajectory: Trajectory | None = None
    state: TrajectoryState | None = None
    is_current: bool = False
    forms: dict = field(default_factory=dict)
    opened: frozenset[str] = frozenset()
    reads: dict = field(default_factory=dict)

    @property
    def phase(self) -> str:
        return self.trajectory.phase if self.trajectory else ""

    @property
    def can_change(self) -> bool:
        return self.trajectory is not None and self.is_current

    @property
    def has_open_trajectory(self) -> bool:
        return any(t.phase != Phase.CLOSED for t in self.trajectories)

    def form(self, name: str, make):
        """The submitted form of this name, else a fresh one from `make()`."""
        return self.forms.get(name) or make()

    def read_once(self, name: str, read):
        """A read that two sections need (e.g. the toolbox suggestions), done once per page."""
        if name not in self.reads:
            self.reads[name] = read()
        return self.reads[name]

    def is_open(self, name: str) -> bool:
        return name in self.forms or name in self.opened


def int_or_none(value: str | None) -> int | None:
    # isascii: str.isdigit() also accepts digits like "²" that int() refuses.
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


def file_view(request, youth: Youth, *, forms: dict | None = None, trajectory_id: int | None = None) -> FileView:
    trajectories = trajectories_of(youth)
    view = FileView(
        request=request,
        youth=youth,
        today=timezone.localdate(),
        trajectories=trajectories,
        forms=forms or {},
        opened=frozenset(request.GET.getlist("open")),
    )
    if trajectories:
        current = trajectories[0]
        view.trajectory = next((t for t in trajectories if t.pk == trajectory_id), current)
        view.is_current = view.trajectory.pk == current.pk
        view.state = trajectory_state(view.trajectory)
    return view

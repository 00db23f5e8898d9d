"""Section: the trajectory's open due items (at most three queries)."""

from koers.agenda.selectors import due_entries_for


def context(file) -> dict:
    if file.trajectory is None:
        return {"due_entries": ()}
    return {"due_entries": due_entries_for(file.trajectory, today=file.today)}

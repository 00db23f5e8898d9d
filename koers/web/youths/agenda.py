"""Section: the trajectory's open due items (one query; two when the contact norm is overdue)."""

from koers.agenda.selectors import due_entries_for


def context(file) -> dict:
    if file.trajectory is None:
        return {"due_entries": ()}
    return {
        "due_entries": due_entries_for(
            file.trajectory, today=file.today, face_to_face_norm=file.youth.face_to_face_norm
        )
    }

"""Section: the history of milestones and contacts, newest first, a page at a time.

The page shows the recent part; "Toon eerdere" adds the next older page (htmx), or opens the file
at that page without JavaScript. The cost is the same for a youth with 5 contacts or 500.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.selectors import history_page, parse_cursor
from koers.trajectories.access import youth_for
from koers.web.youths.view import file_view, int_or_none

OLDER_PARAMETER = "eerder"


def context(file) -> dict:
    if file.state is None:
        return {"history": None}
    before = parse_cursor(file.request.GET.get(OLDER_PARAMETER))
    page = history_page(trajectory=file.trajectory, milestones=file.state.milestones, before=before)
    return {"history": page, "history_is_older_page": before is not None}


@login_required
@require_GET
def history_older_view(request, youth_id: int):
    """The next older page of the history, as list items and a new "Toon eerdere" (htmx)."""
    youth = youth_for(request.user, youth_id, action=AccessAction.VIEW, channel=AccessChannel.WEB, subject="history")
    view = file_view(request, youth, trajectory_id=int_or_none(request.GET.get("traject")))
    return render(request, "web/youths/sections/history_page.html", {"file": view, "youth": youth, **context(view)})

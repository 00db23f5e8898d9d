"""Vandaag: what is due for the consultant (or, for a team lead, the team), and the caseload."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from koers.accounts.models import Role
from koers.accounts.selectors import consultants_by_team
from koers.agenda import selectors
from koers.audit.models import AccessChannel
from koers.audit.services import access_log_write_many
from koers.messaging.selectors import unread_from_youths
from koers.plans.selectors import recently_done_by_youths
from koers.trajectories.access import require_youth_worker
from koers.web.today.forms import TodayFilterForm


def _with_defaults(query: QueryDict, scope_choice: str) -> QueryDict:
    data = query.copy()
    data.setdefault("view", "agenda")
    data.setdefault("period", "soon")
    data.setdefault("consultant", scope_choice)
    return data


@login_required
@require_GET
def today_view(request):
    user = request.user
    require_youth_worker(user)
    today = timezone.localdate()
    is_lead = user.role == Role.TEAM_LEAD
    consultants = consultants_by_team(organisation_id=user.organisation_id) if is_lead else []
    default_scope = selectors.default_scope_choice(user)
    form = TodayFilterForm(_with_defaults(request.GET, default_scope), user=user, consultants=consultants)
    if not form.is_valid():
        # A stale or edited link: drop the unknown values and show the list without error texts.
        cleaned = _with_defaults(request.GET, default_scope)
        for field in form.errors:
            cleaned.pop(field, None)
        form = TodayFilterForm(_with_defaults(cleaned, default_scope), user=user, consultants=consultants)
        form.is_valid()
    filters = form.cleaned_data
    scope = selectors.scope_for(user, filters.get("consultant") or default_scope)
    view = filters.get("view") or "agenda"
    phase = filters.get("phase", "")
    page_number = request.GET.get("page", 1)
    if view == "caseload":
        page = selectors.caseload_page(scope=scope, today=today, phase=phase, page_number=page_number)
        counts = None
    else:
        kind = filters.get("kind", "")
        period = filters.get("period") or "soon"
        counts = selectors.due_counts(scope=scope, today=today, phase=phase, kind=kind, with_total=period == "all")
        page = selectors.due_items_page(
            scope=scope,
            today=today,
            counts=counts,
            phase=phase,
            kind=kind,
            period=period,
            page_number=page_number,
        )
    # News from the youths in scope: unread messages, and sub-goals they ticked off this week.
    youths = scope.youths().values("pk")
    unread = unread_from_youths(youths)
    done = recently_done_by_youths(youths, since=today - dt.timedelta(days=7))
    access_log_write_many(
        user=user,
        organisation_id=user.organisation_id,
        youth_ids=[row.youth_id for row in page.object_list]
        + [row["youth_id"] for row in unread]
        + [goal.plan.youth_id for goal in done],
        channel=AccessChannel.WEB,
        subject="today",
    )
    context = {
        "nav": "today",
        "today": today,
        "form": form,
        "page": page,
        "view": view,
        "counts": counts,
        "show_consultant": is_lead and scope.consultant_id is None,
        "unread": unread,
        "done_by_youths": done,
    }
    return render(request, "web/today.html", context)

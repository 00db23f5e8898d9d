"""Finding a youth from any staff page: name, birth date, e-mail or phone number.

The query is sent by POST, never in the URL (it is personal data: a name, a birth date), and
only youths the user may open are found; each one shown is written to the access log.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from koers.audit.models import AccessChannel
from koers.trajectories.access import require_youth_worker, search_youths
from koers.trajectories.selectors import SEARCH_RESULTS_MAX

QUERY_FIELD = "zoek"


@login_required
@require_http_methods(["GET", "POST"])
def search_view(request):
    require_youth_worker(request.user)
    query = request.POST.get(QUERY_FIELD, "").strip() if request.method == "POST" else ""
    results = search_youths(request.user, query, channel=AccessChannel.WEB) if query else []
    context = {
        "nav": "search",
        "query": query,
        "results": results,
        "searched": bool(query),
        "too_short": 0 < len(query) < 2,
        "maximum": SEARCH_RESULTS_MAX,
    }
    return render(request, "web/search.html", context)

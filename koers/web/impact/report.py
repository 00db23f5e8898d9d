"""The impact timeline as a PDF report, in the spirit of the source's case pages: the period, the
episodes, who took part by role, added value and points of attention, the reference scenario in
both voices, the costs made and possibly saved with their sources, and any flags.

Names no staff, and the youth only by first name when the youth chose so (name_in_report)."""

from django.contrib.auth.decorators import login_required
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from koers.audit.models import AccessAction, AccessChannel
from koers.impact.access import timeline_for
from koers.impact.flags import flag_messages
from koers.impact.models import ActorRole, Payer, PointKind, Unit
from koers.impact.selectors import timeline_view
from koers.impact.themes import theme_label
from koers.lib.pdf import html_to_pdf
from koers.messaging.storage import download_response

STYLE = """
h1 { font-size: 18pt; margin-bottom: 0; }
.period { color: #555; margin-top: 2pt; }
.episode { border-left: 3pt solid #1f5a8a; padding: 0 0 4pt 8pt; margin: 0 0 10pt 0; break-inside: avoid; }
.episode h3 { margin: 0 0 2pt 0; }
.quote { font-style: italic; margin: 2pt 0 2pt 10pt; }
.voices td { width: 50%; }
table { width: 100%; table-layout: fixed; }
td, th { overflow-wrap: break-word; }
.costs th.name { width: 34%; } .costs th.amount { width: 22%; }
.costs th.payer { width: 14%; } .costs th.source { width: 30%; }
.amount { text-align: right; }
.flags { border: 1pt solid #a15c00; padding: 4pt 8pt; }
.small { font-size: 9pt; color: #444; }
"""


def participants(episodes) -> list[tuple[str, list[str]]]:
    """Each role once, in the order it first appears, with what it did across the episodes."""
    labels = dict(ActorRole.choices)
    roles: dict[str, list[str]] = {}
    for episode in episodes:
        for actor in episode.actors.all():
            did = roles.setdefault(actor.role, [])
            if actor.did and actor.did not in did:
                did.append(actor.did)
    return [(str(labels.get(role, role)), did) for role, did in roles.items()]


@login_required
@require_GET
def impact_report_view(request, youth_id: int):
    timeline = timeline_for(
        request.user, youth_id, action=AccessAction.EXPORT, channel=AccessChannel.WEB, subject="impact_report"
    )
    view = timeline_view(timeline)
    context = {
        "timeline": timeline,
        "view": view,
        "who": timeline.youth.first_name if timeline.name_in_report else None,
        "participants": participants(view.episodes),
        "points": {
            kind: [(point, theme_label(kind, point.theme)) for point in view.points if point.kind == kind]
            for kind in (PointKind.ADDED_VALUE, PointKind.ATTENTION)
        },
        "flags": flag_messages(view.estimate.flags),
        "unit_labels": dict(Unit.choices),
        "payer_labels": dict(Payer.choices),
        "role_labels": dict(ActorRole.choices),
    }
    html = render_to_string("web/impact/report_pdf.html", context)
    return download_response(html_to_pdf(html, stylesheet=STYLE), filename="effectenlijn.pdf")

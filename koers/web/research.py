"""Onderzoek (/onderzoek/): the researcher's only page. What the export holds and what it leaves
out, how many youths agreed (a small number as "< 5"), and the downloads: a zip of CSV files or
one Excel workbook. Every download logs each youth it holds (koers.research.services)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.audit.models import AccessChannel
from koers.lib.small_numbers import THRESHOLD, shown
from koers.research.files import csv_zip, xlsx_file
from koers.research.selectors import consenting_count
from koers.research.services import research_export_start

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_researcher(user) -> None:
    if not (user.is_authenticated and user.is_researcher):
        raise PermissionDenied(_("Alleen onderzoekers zien deze pagina."))


@login_required
@require_GET
def research_view(request):
    _require_researcher(request.user)
    count = consenting_count(organisation_id=request.user.organisation_id, on=timezone.localdate())
    context = {"nav": "research", "count": shown(count), "enough": count >= THRESHOLD, "threshold": THRESHOLD}
    return render(request, "web/research.html", context)


def _private(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def research_download_view(request, file_format: str):
    _require_researcher(request.user)
    try:
        export = research_export_start(researcher=request.user, channel=AccessChannel.WEB)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("research")
    name = f"koers-onderzoek-{export.on:%Y-%m-%d}"
    if file_format == "xlsx":
        return _private(
            FileResponse(xlsx_file(export.tables), as_attachment=True, filename=f"{name}.xlsx", content_type=XLSX)
        )
    response = StreamingHttpResponse(csv_zip(export.tables), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
    return _private(response)

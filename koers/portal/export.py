"""All of a youth's data, for the AVG right of access: readable (PDF) and machine-readable (JSON).

What it holds is the registry of personal data (koers.privacy.registry): everything Koers keeps
about the youth, also what staff wrote (contact notes, hand-over notes, assessments) and the
people of the youth's own network as recorded; without staff-only method knowledge (the
target-group guidance), and of staff only the role of who looked at the file."""

import datetime as dt
import json

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.audit.models import AccessLogEntry
from koers.portal.selectors import who_viewed
from koers.privacy.registry import REGISTRY
from koers.privacy.selectors import personal_data_of, queries_of_personal_data
from koers.trajectories.models import Youth

ACCESS_LOG = next(entry for entry in REGISTRY if entry.model is AccessLogEntry)
# Days with a person's reads in the download: the page shows 100, the download goes further back.
ACCESS_LOG_LINES = 1000


def queries_of_export() -> int:
    """The registry's reads, and one for the access log."""
    return queries_of_personal_data() + 1


def data_of(youth: Youth) -> dict:
    """Every entry of the registry, in its order; runs `queries_of_export()` queries."""
    data = personal_data_of(youth.pk)
    data[ACCESS_LOG.key] = [
        {
            _("dag"): line.day,
            _("laatst om"): line.last_at,
            _("keer"): line.times,
            _("wie"): line.who,
            _("organisatie"): line.organisation,
            _("wat"): line.what,
            _("waarvan"): list(line.details),
        }
        for line in who_viewed(youth, limit=ACCESS_LOG_LINES, staff_names=False)
    ]
    return data


def as_json(data: dict) -> bytes:
    """The download for a computer: dates as ISO 8601, times in Dutch local time like the PDF's."""

    def plain(value):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).isoformat()
        if isinstance(value, dt.date | dt.time):
            return value.isoformat()
        return str(value)

    return json.dumps(data, ensure_ascii=False, indent=2, default=plain).encode()


def readable(value):
    """The same data for the PDF, in words: ja/nee, Dutch dates, local times, nothing for empty."""
    if isinstance(value, dict):
        return {key: readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [readable(item) for item in value]
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value

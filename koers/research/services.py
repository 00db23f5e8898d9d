"""Writes for the research export: the researcher's export key, and the start of an export (the
check of the role and the group size, and the access-log entries of the youths it holds)."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.audit.models import AccessAction
from koers.audit.services import access_log_write_many
from koers.db.inserts import insert_if_absent
from koers.lib.small_numbers import THRESHOLD
from koers.research.models import ExportKey
from koers.research.selectors import Table, consenting_ids, export_tables


def export_key_of(researcher: User) -> bytes:
    """The researcher's key for their organisation, made at their first export (one query; three
    the first time). Two first exports at once make one key: the unique index decides."""
    found = ExportKey.objects.filter(organisation_id=researcher.organisation_id, researcher=researcher)
    secret = found.values_list("secret", flat=True).first()
    if secret is None:
        insert_if_absent(
            ExportKey(organisation_id=researcher.organisation_id, researcher=researcher, secret=secrets.token_hex(32))
        )
        secret = found.values_list("secret", flat=True).get()
    return bytes.fromhex(secret)


@dataclass(frozen=True)
class ResearchExport:
    organisation_id: int
    on: dt.date
    youth_count: int
    tables: list[Table]


@transaction.atomic
def research_export_start(*, researcher: User, channel: str) -> ResearchExport:
    """Start an export for a researcher: the youths with a research consent today, each logged
    as exported (before any row leaves, so the log never misses one), and their tables to be read.

    Only researchers; and not for fewer than 5 youths (the same threshold as every count Koers
    shows, koers.lib.small_numbers): a handful of rows with exact dates is too easy to recognise.
    Four queries (six the first time).
    """
    if not researcher.is_researcher:
        raise PermissionDenied(_("Alleen onderzoekers kunnen de gegevens voor onderzoek downloaden."))
    on = timezone.localdate()
    youth_ids = consenting_ids(organisation_id=researcher.organisation_id, on=on)
    if len(youth_ids) < THRESHOLD:
        raise ValidationError(
            _(
                "Er zijn nog te weinig jongeren met toestemming (minder dan %(threshold)s). "
                "Zo weinig gegevens zijn te makkelijk te herkennen. Probeer het later opnieuw."
            )
            % {"threshold": THRESHOLD}
        )
    key = export_key_of(researcher)
    access_log_write_many(
        user=researcher,
        organisation_id=researcher.organisation_id,
        youth_ids=youth_ids,
        action=AccessAction.EXPORT,
        channel=channel,
        subject="research_export",
    )
    return ResearchExport(
        organisation_id=researcher.organisation_id,
        on=on,
        youth_count=len(youth_ids),
        tables=export_tables(organisation_id=researcher.organisation_id, youth_ids=youth_ids, key=key, on=on),
    )

"""Verwijzingen, for team leads: what came in through the front door per month and where from
(each kind of chain partner, the young people's own registrations, call-back requests), and how
many were taken on, not taken on, anonymised unprocessed or still wait. One grouped,
organisation-scoped query; every count about youths passes koers.lib.small_numbers (cells 1 to 4
hidden, with their complements). A self-registration still waiting for its e-mail check is not
counted: it may be nobody's."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import ChainPartnerKind
from koers.intake.models import IntakeSource, Referral, ReferralStatus
from koers.lib.small_numbers import suppress

OUTCOMES = (ReferralStatus.TAKEN_ON, ReferralStatus.NOT_TAKEN_ON, ReferralStatus.ANONYMISED, ReferralStatus.RECEIVED)
# The youth's own ways in, shown after all partner kinds.
ORIGIN_LABELS = {
    IntakeSource.SELF: _("zelf aangemeld"),
    IntakeSource.CALLBACK: _("terugbelverzoek"),
}


@dataclass(frozen=True)
class ReferralRow:
    month: dt.date
    kind: str  # the partner kind's label, or the source's for the youth's own ways in
    cells: tuple[int | None, ...]  # per OUTCOMES; None: hidden
    total: int | None


def referral_counts(*, organisation_id: int, since: dt.date) -> list[ReferralRow]:
    """Per month (newest first) and origin: partner kinds first, then own registrations and
    call-back requests; one query."""
    rows = (
        Referral.objects.filter(
            organisation_id=organisation_id, submitted_at__date__gte=since, awaits_email_check=False
        )
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "source", "chain_partner__kind", "status")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[dt.date, int, str], dict[str, int]] = {}
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
        origin = _origin(row["source"], row["chain_partner__kind"])
        cell = counts.setdefault((month, *origin), {})
        cell[row["status"]] = cell.get(row["status"], 0) + row["n"]
    keys = sorted(counts, key=lambda key: (-key[0].toordinal(), key[1], key[2]))
    grid = suppress([[counts[key].get(outcome, 0) for outcome in OUTCOMES] for key in keys])
    return [
        ReferralRow(month=month, kind=label, cells=cells, total=total)
        for (month, _order, label), cells, total in zip(keys, grid.cells, grid.row_totals, strict=True)
    ]


def _origin(source: str, partner_kind: str | None) -> tuple[int, str]:
    """(sort order, label): a partner's kind; the youth's own ways in after all partner kinds."""
    if source == IntakeSource.PARTNER:
        return 0, str(dict(ChainPartnerKind.choices).get(partner_kind or "", partner_kind or ""))
    return (1 if source == IntakeSource.SELF else 2), str(ORIGIN_LABELS[source])

"""Verwijzingen, for team leads: how many referrals each kind of chain partner sent per month, and
how many were taken on, not taken on or still wait. One grouped, organisation-scoped query; every
count about youths passes koers.lib.small_numbers (cells 1 to 4 hidden, with their complements)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth

from koers.accounts.models import ChainPartnerKind
from koers.intake.models import IntakeSource, Referral, ReferralStatus
from koers.lib.small_numbers import suppress

OUTCOMES = (ReferralStatus.TAKEN_ON, ReferralStatus.NOT_TAKEN_ON, ReferralStatus.RECEIVED)


@dataclass(frozen=True)
class ReferralRow:
    month: dt.date
    kind: str  # the partner kind's label
    cells: tuple[int | None, ...]  # per OUTCOMES; None: hidden
    total: int | None


def referral_counts(*, organisation_id: int, since: dt.date) -> list[ReferralRow]:
    """Per month (newest first) and partner kind; one query."""
    rows = (
        Referral.objects.filter(
            organisation_id=organisation_id, source=IntakeSource.PARTNER, submitted_at__date__gte=since
        )
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "chain_partner__kind", "status")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[dt.date, str], dict[str, int]] = {}
    for row in rows:
        month = row["month"].date() if isinstance(row["month"], dt.datetime) else row["month"]
        counts.setdefault((month, row["chain_partner__kind"]), {})[row["status"]] = row["n"]
    keys = sorted(counts, key=lambda key: (-key[0].toordinal(), key[1]))
    grid = suppress([[counts[key].get(outcome, 0) for outcome in OUTCOMES] for key in keys])
    labels = dict(ChainPartnerKind.choices)
    return [
        ReferralRow(month=month, kind=str(labels.get(kind, kind)), cells=cells, total=total)
        for (month, kind), cells, total in zip(keys, grid.cells, grid.row_totals, strict=True)
    ]

"""Reads of referrals: the partner's own list and one referral (by their chain partner, 404
otherwise), the team lead's queue, and what the portal shows the youth about who referred them."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.intake.defaults import SELF_APPLICATION_BASIS
from koers.intake.models import Referral, ReferralBasis, ReferralStatus, ReferralStatusChange

PAGE_SIZE = 50


def require_chain_partner(user: User) -> None:
    if not (user.is_authenticated and user.is_chain_partner):
        raise PermissionDenied(_("Alleen medewerkers van een ketenpartner zien deze pagina."))


def bases_of(*, organisation_id: int) -> list[ReferralBasis]:
    """The organisation's bases a chain partner may choose, in their order (one query). The
    youth's own application is the public form's basis, not a partner's."""
    return list(
        ReferralBasis.objects.filter(organisation_id=organisation_id, active=True).exclude(code=SELF_APPLICATION_BASIS)
    )


def partner_referrals(user: User) -> QuerySet[Referral]:
    """The referrals of the user's own chain partner, newest first (a queryset to page)."""
    require_chain_partner(user)
    return (
        Referral.objects.filter(organisation_id=user.organisation_id, chain_partner_id=user.chain_partner_id)
        .select_related("basis")
        .order_by("-submitted_at", "-pk")
    )


def partner_referrals_page(user: User, *, page_number) -> Page:
    """Two queries: the count and the page."""
    return Paginator(partner_referrals(user), PAGE_SIZE).get_page(page_number)


def partner_referral(user: User, referral_id: int) -> Referral:
    """One of the partner's own referrals; another's or a missing one is 404 alike (one query)."""
    referral = partner_referrals(user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404(_("Deze verwijzing bestaat niet of is niet van uw organisatie."))
    return referral


def status_history(referral_id: int) -> list[ReferralStatusChange]:
    """The referral's statuses in order (one query)."""
    return list(ReferralStatusChange.objects.filter(referral_id=referral_id).order_by("at", "pk"))


def queue_open(*, organisation_id: int) -> list[Referral]:
    """Items waiting for a decision, oldest first (one query; the queue stays short)."""
    return list(
        # A self-registration waiting for its e-mail check is not in the queue yet (ADR 0013).
        Referral.objects.filter(
            organisation_id=organisation_id, status=ReferralStatus.RECEIVED, awaits_email_check=False
        )
        .select_related("chain_partner", "basis")
        .order_by("submitted_at", "pk")[:200]
    )


def queue_decided(*, organisation_id: int, limit: int = 20) -> list[Referral]:
    """The most recent decisions, newest first (one query)."""
    return list(
        Referral.objects.filter(organisation_id=organisation_id)
        .exclude(status=ReferralStatus.RECEIVED)
        .select_related("chain_partner", "consultant")
        .order_by("-pk")[:limit]
    )


def queue_item(*, organisation_id: int, referral_id: int) -> Referral:
    """One item of the organisation's queue, or 404 (one query)."""
    referral = (
        Referral.objects.filter(organisation_id=organisation_id, pk=referral_id)
        .select_related("chain_partner", "basis", "consultant", "submitted_by")
        .first()
    )
    if referral is None:
        raise Http404(_("Deze aanmelding bestaat niet."))
    return referral


@dataclass(frozen=True)
class WhoReferred:
    """What the portal says to the youth: who referred them, when and why (plain words)."""

    partner: str
    on: dt.date
    reason: str
    basis: str
    by_self: bool = False  # the youth's own registration or call-back request


def referrals_of_youth(youth_id: int, *, since: dt.date | None = None) -> list[WhoReferred]:
    """The referrals taken on for this youth (one query), those submitted from `since` on when
    given. The caller has checked the youth."""
    rows = Referral.objects.filter(youth_id=youth_id, status=ReferralStatus.TAKEN_ON)
    if since is not None:
        rows = rows.filter(submitted_at__date__gte=since)
    return [
        WhoReferred(
            partner=row.chain_partner.name if row.chain_partner else _("jijzelf"),
            on=timezone.localdate(row.submitted_at),
            reason=row.reason,
            basis=row.basis.label if row.basis else "",
            by_self=row.chain_partner_id is None,
        )
        for row in rows.select_related("chain_partner", "basis").order_by("submitted_at", "pk")
    ]

"""Reads for accounts: role requests and the record of role changes, per organisation."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from koers.accounts.models import RoleChange, RoleRequest, RoleRequestStatus

ROLE_CHANGES_PAGE_SIZE = 50


def pending_role_requests(*, organisation_id: int) -> QuerySet[RoleRequest]:
    return (
        RoleRequest.objects.filter(organisation_id=organisation_id, status=RoleRequestStatus.PENDING)
        .select_related("user", "user__team", "requested_by")
        .order_by("requested_at", "id")
    )


def role_changes_page(*, organisation_id: int, page_number: int | str = 1) -> Page:
    """The organisation's role changes, newest first (who, whom, from, to, when, approved by)."""
    changes = (
        RoleChange.objects.filter(organisation_id=organisation_id)
        .select_related("user", "changed_by", "approved_by")
        .order_by("-at", "-id")
    )
    return Paginator(changes, ROLE_CHANGES_PAGE_SIZE).get_page(page_number)

"""Reads for accounts: consultants, role requests and the record of role changes, per organisation."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from koers.accounts.models import Role, RoleChange, RoleRequest, RoleRequestStatus, User

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


def person_name(first: str | None, last: str | None, username: str | None = "") -> str:
    """A staff member's or youth's display name from loose values (a `.values()` row)."""
    return f"{first or ''} {last or ''}".strip() or (username or "")


def consultants_of(*, organisation_id: int, exclude_id: int | None = None) -> list[tuple[int, str]]:
    """Active consultants of an organisation as (id, name), for choices and the hand-over."""
    rows = (
        User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
        .exclude(pk=exclude_id)
        .order_by("first_name", "last_name", "username")
        .values_list("pk", "first_name", "last_name", "username")
    )
    return [(pk, person_name(first, last, username)) for pk, first, last, username in rows]

"""Reads for accounts: consultants, role requests and the record of role changes, per organisation."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts.models import AccountEvent, Organisation, Role, RoleChange, RoleRequest, RoleRequestStatus, User

ROLE_CHANGES_PAGE_SIZE = 50
# What an approver sees of an account before deciding: every change of this many days.
RECENT_DAYS = 30


@dataclass(frozen=True)
class AccountChange:
    at: dt.datetime
    what: str
    by: str  # a name, "de medewerker zelf", or "onbekend (op de server)"


@dataclass
class RequestView:
    """A pending request with what changed on the account lately, for the approver on Rollen."""

    request: RoleRequest
    changes: list[AccountChange] = field(default_factory=list)
    # The account did not sign in itself after its latest change (or never): the approver should
    # check with the person before giving access.
    not_signed_in_since_changes: bool = False


def pending_role_requests(*, organisation_id: int) -> QuerySet[RoleRequest]:
    return (
        RoleRequest.objects.filter(organisation_id=organisation_id, status=RoleRequestStatus.PENDING)
        .select_related("user", "user__team", "requested_by", "from_team", "to_team")
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


@dataclass(frozen=True)
class TeamOfConsultants:
    team_id: int | None
    name: str
    members: tuple[tuple[int, str], ...]  # (id, name)


def consultants_by_team(*, organisation_id: int) -> list[TeamOfConsultants]:
    """Active consultants of an organisation grouped by team, teams by name and those without a
    team last (one query)."""
    rows = (
        User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
        .order_by("team__name", "first_name", "last_name", "username")
        .values_list("pk", "first_name", "last_name", "username", "team_id", "team__name")
    )
    groups: dict[int | None, list] = {}
    names: dict[int | None, str] = {}
    for pk, first, last, username, team_id, team_name in rows:
        groups.setdefault(team_id, []).append((pk, person_name(first, last, username)))
        names[team_id] = team_name or _("Zonder team")
    ordered = sorted(groups, key=lambda team_id: (team_id is None, names[team_id]))
    return [TeamOfConsultants(team_id, names[team_id], tuple(groups[team_id])) for team_id in ordered]


def _name(user: User | None, owner_id: int) -> str:
    if user is None:
        return _("onbekend (op de server)")
    if user.pk == owner_id:
        return _("de medewerker zelf")
    return user.get_full_name() or user.username


def _role_text(role_display: str, active: bool) -> str:
    return role_display if active else _("%(role)s (niet actief)") % {"role": role_display}


def _role_change_text(change: RoleChange) -> str:
    parts = []
    if (change.from_role, change.from_active) != (change.to_role, change.to_active):
        before = _role_text(change.get_from_role_display(), change.from_active) if change.from_role else _("nieuw")
        parts.append(
            _("rol: %(from)s → %(to)s")
            % {"from": before, "to": _role_text(change.get_to_role_display(), change.to_active)}
        )
    if change.from_team_name != change.to_team_name:
        parts.append(
            _("team: %(from)s → %(to)s")
            % {"from": change.from_team_name or _("geen"), "to": change.to_team_name or _("geen")}
        )
    return "; ".join(parts) or _("rol opgeslagen")


def pending_requests_with_changes(*, organisation_id: int, now: dt.datetime | None = None) -> list[RequestView]:
    """Pending requests, each with every change to its account in the last 30 days (role, active,
    team, password, e-mail address, second factor), newest first. Three queries, however many."""
    since = (now or timezone.now()) - dt.timedelta(days=RECENT_DAYS)
    views = [RequestView(request=request) for request in pending_role_requests(organisation_id=organisation_id)]
    by_user = {view.request.user_id: view for view in views}
    if not by_user:
        return views
    for change in RoleChange.objects.filter(user_id__in=by_user, at__gte=since).select_related("changed_by"):
        by_user[change.user_id].changes.append(
            AccountChange(at=change.at, what=_role_change_text(change), by=_name(change.changed_by, change.user_id))
        )
    for event in AccountEvent.objects.filter(user_id__in=by_user, at__gte=since).select_related("by"):
        by_user[event.user_id].changes.append(
            AccountChange(at=event.at, what=event.get_kind_display(), by=_name(event.by, event.user_id))
        )
    for view in views:
        view.changes.sort(key=lambda change: change.at, reverse=True)
        last_login = view.request.user.last_login
        latest = view.changes[0].at if view.changes else None
        view.not_signed_in_since_changes = last_login is None or (latest is not None and last_login < latest)
    return views


def active_consultants(*, organisation_id: int, exclude_id: int | None = None) -> QuerySet[User]:
    """Active consultants of an organisation, by name (a queryset: forms offer and check them)."""
    return (
        User.objects.filter(organisation_id=organisation_id, role=Role.CONSULTANT, is_active=True)
        .exclude(pk=exclude_id)
        .order_by("first_name", "last_name", "username")
    )


def life_domain_set_of(organisation_id: int) -> str:
    return Organisation.objects.values_list("life_domain_set", flat=True).get(pk=organisation_id)


def consultant_by_username(*, organisation_id: int, username: str) -> User | None:
    """A consultant of the organisation (active or not: the service refuses an inactive one with
    its own message)."""
    return User.objects.filter(username=username, organisation_id=organisation_id, role=Role.CONSULTANT).first()

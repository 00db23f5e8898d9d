"""Writes for accounts: API tokens, second-factor devices, passwords set by their owner, and
staff roles with four eyes."""

import hashlib
import time
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import (
    YOUTH_ROLES,
    AccountEvent,
    AccountEventKind,
    ApiToken,
    Organisation,
    Role,
    RoleChange,
    RoleRequest,
    RoleRequestStatus,
    StaffMailKind,
    Team,
    User,
    hash_token,
)
from koers.accounts.passwords import welcome_link_queue
from koers.accounts.permissions import may_manage
from koers.outbox.services import mail_queue


@transaction.atomic
def api_token_create(*, user: User) -> str:
    """Create a token and return it in the clear; it cannot be shown again."""
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(user=user, token_hash=hash_token(raw), prefix=raw[6:14])
    return raw


def user_for_token(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token else None


@transaction.atomic
def totp_device_create(*, user: User, key_hex: str | None = None, confirmed: bool = False) -> TOTPDevice:
    """Give a staff member a TOTP device; an unconfirmed one replaces earlier unconfirmed ones."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    fields = {"user": user, "name": "Authenticator-app", "confirmed": confirmed}
    if key_hex:
        fields["key"] = key_hex
    return TOTPDevice.objects.create(**fields)


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@transaction.atomic
def second_factor_confirm(*, device: TOTPDevice) -> None:
    """The staff member typed their first code from a new app: the device counts from now on."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user = device.user
    AccountEvent.objects.create(
        organisation_id=user.organisation_id, user=user, kind=AccountEventKind.SECOND_FACTOR_SET, by=user
    )


@transaction.atomic
def second_factor_reset(*, actor: User, user_id: int) -> AccountEvent:
    """Remove a staff member's authenticator app, so they set up a new one at the next sign-in.

    Their open sessions stop being verified at once (the device they were verified with is gone).
    Only a superuser or a functional administrator of the same organisation may do this. Under the
    row lock a second, simultaneous reset finds nothing left to remove and is refused.
    """
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or not may_manage(actor, user):
        raise PermissionDenied(_("U mag de tweede stap van deze medewerker niet opnieuw instellen."))
    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    if not removed:
        raise ValidationError(
            _(
                "Deze medewerker heeft geen tweede stap ingesteld. "
                "Bij de volgende keer inloggen stelt hij of zij er een in."
            )
        )
    if user.email:
        # Against a stolen password plus a talked-into reset: the staff member hears of it.
        mail_queue(
            to=user.email,
            subject=_("De tweede stap van uw Koers-account is opnieuw ingesteld"),
            body="\n\n".join(
                [
                    _("Beste collega,"),
                    _(
                        "De functioneel beheerder heeft de tweede stap (de app met de code) van uw account "
                        "verwijderd. Bij de volgende keer inloggen stelt u een nieuwe in."
                    ),
                    _("Heeft u hier niet om gevraagd? Meld het meteen bij uw functioneel beheerder of teamleider."),
                ]
            ),
            kind=StaffMailKind.SECOND_FACTOR_RESET,
        )
    return AccountEvent.objects.create(
        organisation_id=user.organisation_id, user=user, kind=AccountEventKind.SECOND_FACTOR_RESET, by=actor
    )


# Staff roles. The rule: a functional administrator has no access to youth files, and cannot give
# it either, not to themselves and not to anyone else. Access to youth files is (role, active,
# team): a consultant sees their team's youths. A change that widens it is made by a superuser, or
# requested by the administrator and approved by a team lead of the organisation (when the
# organisation works with four eyes).


@dataclass(frozen=True)
class Access:
    role: str
    active: bool
    team_id: int | None = None

    @property
    def level(self) -> int:
        """0: no youth files; 1: a team's youths (consultant); 2: the whole organisation (team lead)."""
        if not self.active or self.role not in YOUTH_ROLES:
            return 0
        return 2 if self.role == Role.TEAM_LEAD else 1

    @property
    def research(self) -> bool:
        """The researcher's export: no youth file, but pseudonymised data of every consenting youth."""
        return self.active and self.role == Role.RESEARCHER

    def wider_than(self, old: "Access | None") -> bool:
        """Whether this opens youth files that `old` did not (another team's, for a consultant), or
        the research export: a different kind of access, so it counts as wider from any other role
        (and a youth role is wider than the researcher's, whose level is 0)."""
        if self.research and not (old is not None and old.research):
            return True
        before = old.level if old else 0
        if self.level != before:
            return self.level > before
        return self.level == 1 and self.team_id is not None and self.team_id != (old.team_id if old else None)


def access_of(user: User) -> Access:
    return Access(role=user.role, active=user.is_active, team_id=user.team_id)


APPLY, REQUEST = "apply", "request"


def code_was_used_before(device: TOTPDevice, token: str) -> bool:
    """True when a refused code is the one already used for this device's last sign-in: the
    authenticator still shows it, so the user should wait for the next code (not retype it)."""
    if device.last_t < 0 or not token.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    now = totp.t()
    for t in range(max(0, now - device.tolerance), now + device.tolerance + 1):
        if t <= device.last_t:
            totp.time = device.t0 + t * device.step
            totp.drift = 0
            if totp.token() == int(token):
                return True
    return False


def role_change_decision(*, actor: User, organisation: Organisation, old: Access | None, new: Access) -> str | None:
    """What happens with a change made in the admin: None (nothing changes), APPLY or REQUEST.

    Raises ValidationError when the actor may not make or request it. `old` is None for a new
    account.
    """
    if old == new:
        return None
    if actor.is_superuser:
        return APPLY
    if not new.wider_than(old):
        return APPLY  # less or the same access to youth files: the administrator's own job
    if organisation.role_changes_need_approval:
        return REQUEST
    if new.research:
        raise ValidationError({"role": _("Alleen platformbeheer kan de rol onderzoeker toekennen.")})
    raise ValidationError(
        {"role": _("Alleen platformbeheer kan een rol met toegang tot dossiers van jongeren toekennen.")}
    )


def account_state(user: User) -> str:
    """A digest of everything that decides who can sign in as this account and what it opens:
    password, e-mail address (where a password link goes), second factor, team, organisation, role.
    An approval checks it did not change since the request (the approver would approve something
    they did not see)."""
    devices = sorted(
        TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).values_list("pk", "key"), key=lambda row: row[0]
    )
    parts = [
        user.password,
        (user.email or "").lower(),
        str(user.team_id),
        str(user.organisation_id),
        user.role,
        str(user.is_active),
        str(user.is_superuser),
        repr(devices),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _team_name(team_id: int | None) -> str:
    return Team.objects.filter(pk=team_id).values_list("name", flat=True).first() or "" if team_id else ""


def _record(*, user: User, changed_by: User, old: Access | None, new: Access, approved_by: User | None = None):
    RoleChange.objects.create(
        organisation_id=user.organisation_id,
        user=user,
        changed_by=changed_by,
        approved_by=approved_by,
        from_role=old.role if old else "",
        from_active=old.active if old else False,
        to_role=new.role,
        to_active=new.active,
        from_team_name=_team_name(old.team_id) if old else "",
        to_team_name=_team_name(new.team_id),
    )


def _email_changed(*, user: User, actor: User, old_email: str) -> None:
    """Where password links go changed: recorded, and the old address hears of it (a taken-over
    address cannot hide that the account moved)."""
    AccountEvent.objects.create(
        organisation_id=user.organisation_id, user=user, kind=AccountEventKind.EMAIL_CHANGED, by=actor
    )
    if old_email:
        mail_queue(
            to=old_email,
            subject=_("Het e-mailadres van uw Koers-account is gewijzigd"),
            body="\n\n".join(
                [
                    _("Beste collega,"),
                    _(
                        "Het e-mailadres van uw account in Koers is gewijzigd. "
                        "Mails van Koers gaan nu naar het nieuwe adres."
                    ),
                    _("Heeft u hier niet om gevraagd? Meld het meteen bij uw teamleider."),
                ]
            ),
            kind=StaffMailKind.EMAIL_CHANGED,
        )


@transaction.atomic
def staff_save(*, actor: User, user: User, old: Access | None, old_email: str = "") -> str | None:
    """Save a staff member edited in the admin, applying or requesting the change of access.

    `user` carries the values from the form; `old` and `old_email` are what was stored (None for
    a new account). A change that needs a second person is saved without it (a new account stays
    inactive), and a request is made. Returns the decision (None, APPLY or REQUEST).
    """
    new = access_of(user)
    adding = user.pk is None
    organisation = Organisation.objects.get(pk=user.organisation_id) if user.organisation_id else None
    if organisation is None:
        if not actor.is_superuser:
            raise PermissionDenied
        decision = APPLY if old != new else None
    else:
        decision = role_change_decision(actor=actor, organisation=organisation, old=old, new=new)
    kept = old or Access(role=new.role, active=False, team_id=new.team_id)
    if decision == REQUEST:
        user.role, user.is_active, user.team_id = kept.role, kept.active, kept.team_id
    if not actor.is_superuser:
        user.is_superuser = False
        user.is_staff = user.role == Role.FUNCTIONAL_ADMIN  # only functional administrators get the admin
        if adding:
            user.set_unusable_password()  # the owner chooses it through the mailed link
    user.save()
    if not adding and (user.email or "").lower() != (old_email or "").lower():
        _email_changed(user=user, actor=actor, old_email=old_email)
    if decision == APPLY and organisation is not None:
        _record(user=user, changed_by=actor, old=old, new=new)
    if decision == REQUEST:
        RoleRequest.objects.filter(user=user, status=RoleRequestStatus.PENDING).update(
            status=RoleRequestStatus.OUTDATED, decided_at=timezone.now()
        )
        RoleRequest.objects.create(
            organisation=organisation,
            user=user,
            requested_by=actor,
            from_role=kept.role,
            from_active=kept.active,
            from_team_id=kept.team_id,
            to_role=new.role,
            to_active=new.active,
            to_team_id=new.team_id,
            account_state=account_state(user),
        )
    if user.is_active and (old is None or not old.active):
        welcome_link_queue(user, actor=actor)
    return decision


def may_decide(actor: User, request: RoleRequest) -> bool:
    """A team lead of the organisation, or a superuser; never for a request about oneself."""
    if actor.pk in {request.user_id, request.requested_by_id}:
        return False
    if actor.is_superuser:
        return True
    return actor.works_with_youths and actor.role == Role.TEAM_LEAD and actor.organisation_id == request.organisation_id


@transaction.atomic
def role_request_decide(*, actor: User, request_id: int, approve: bool) -> RoleRequest:
    """Approve or reject a pending request; approval applies it, if the account did not change since.

    The returned request's status says what happened: approved, rejected, or outdated (the
    account's access, password, e-mail address, second factor, team or organisation changed after
    the request, so the approver would approve something they did not see).
    """
    request = RoleRequest.objects.select_for_update().get(pk=request_id)
    if not may_decide(actor, request):
        raise PermissionDenied(_("U mag over deze aanvraag niet beslissen."))
    if request.status != RoleRequestStatus.PENDING:
        raise ValidationError(_("Over deze aanvraag is al beslist."))
    user = User.objects.select_for_update().get(pk=request.user_id)
    request.decided_by, request.decided_at = actor, timezone.now()
    if approve and not _still_as_requested(user, request):
        request.status = RoleRequestStatus.OUTDATED
        request.save(update_fields=["status", "decided_by", "decided_at"])
        return request
    request.status = RoleRequestStatus.APPROVED if approve else RoleRequestStatus.REJECTED
    request.save(update_fields=["status", "decided_by", "decided_at"])
    if approve:
        old = access_of(user)
        user.role, user.is_active, user.team_id = request.to_role, request.to_active, request.to_team_id
        user.is_staff = user.role == Role.FUNCTIONAL_ADMIN
        user.save(update_fields=["role", "is_active", "team", "is_staff"])
        _record(user=user, changed_by=request.requested_by, approved_by=actor, old=old, new=access_of(user))
        if user.is_active and not old.active:
            welcome_link_queue(user, actor=actor)
    return request


def _still_as_requested(user: User, request: RoleRequest) -> bool:
    before = Access(role=request.from_role, active=request.from_active, team_id=request.from_team_id)
    return access_of(user) == before and account_state(user) == request.account_state

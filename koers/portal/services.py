"""Writes of the youth portal: inviting a youth, mailing sign-in codes, signing in with one.

A code and a link are mailed together. Each signs in once, within 15 minutes, and only as the
youth it was made for; only their hashes are stored, keyed with the secret key, so a copy of the
database gives nobody a way in. Asking for a mail and typing a code are throttled per e-mail
address and per network address; the answer never tells whether an address is known, and neither
does its timing: the request only queues the address, the worker looks it up and mails.
"""

import datetime as dt
import hashlib
import hmac
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.accounts import throttle
from koers.accounts.models import User
from koers.notifications.models import PortalAccess
from koers.outbox.services import mail_queue
from koers.portal.models import PortalMailKind, SignInCode, SignInRequest
from koers.trajectories.models import Youth

CODE_LIFETIME = dt.timedelta(minutes=15)
MAX_CODE_FAILURES = 5
# A double click on "Uitnodigen" or "Stuur mij een code" sends one mail, not two.
RESEND_AFTER = dt.timedelta(seconds=60)


def _digest(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def code_digest(link_hash: str, code: str) -> str:
    # Bound to its own row: the same six digits of another mail give another hash.
    return _digest(f"code:{link_hash}:{code}")


def link_digest(token: str) -> str:
    return _digest(f"link:{token}")


def _portal_url(path: str) -> str:
    return settings.KOERS_BASE_URL.rstrip("/") + path


def _new_code(youth: Youth, now: dt.datetime) -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**6):06d}"
    link_hash = link_digest(token)
    # One open code per youth: a guess is tried against one code, never against a pile of them.
    SignInCode.objects.filter(youth=youth, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    SignInCode.objects.create(
        organisation_id=youth.organisation_id,
        youth=youth,
        link_hash=link_hash,
        code_hash=code_digest(link_hash, code),
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    return token, code


def _mail_code(youth: Youth, *, token: str, code: str, invitation: bool) -> None:
    link = _portal_url(reverse("portal_sign_in_link") + "?" + urlencode({"sleutel": token}))
    if invitation:
        subject = _("Je bent uitgenodigd voor Koers")
        opening = _(
            "Je consulent heeft je uitgenodigd voor Koers. Daar zie je je plan en kun je veilig berichten sturen."
        )
    else:
        subject = _("Je code om in te loggen bij Koers")
        opening = _("Je hebt gevraagd om in te loggen bij Koers.")
    body = "\n\n".join(
        [
            _("Hallo,"),
            opening,
            _("Je code is: %(code)s") % {"code": code},
            _("Of klik op deze link om in te loggen:\n%(link)s") % {"link": link},
            _("De code en de link werken 15 minuten en maar één keer.")
            + " "
            + _("Heb je niets gevraagd? Dan kun je deze mail weggooien."),
            _("Groet,\nKoers"),
        ]
    )
    mail_queue(to=youth.email, subject=subject, body=body, kind=PortalMailKind.SIGN_IN)


@transaction.atomic
def portal_invite(*, actor: User, youth: Youth) -> PortalAccess:
    """The consultant gives the youth access to the portal and mails a first link and code."""
    youth = Youth.objects.select_for_update().get(pk=youth.pk)
    if not youth.email:
        raise ValidationError(_("Vul eerst het e-mailadres van de jongere in. De uitnodiging gaat per e-mail."))
    now = timezone.now()
    access, created = PortalAccess.objects.get_or_create(
        youth=youth,
        defaults={"organisation_id": youth.organisation_id, "invited_by": actor, "invited_at": now},
    )
    if not created:
        # A double click sends one mail; inviting again right after ending the access does not wait.
        if access.active and SignInCode.objects.filter(youth=youth, created_at__gt=now - RESEND_AFTER).exists():
            return access
        access.active, access.invited_by, access.invited_at = True, actor, now
        access.save(update_fields=["active", "invited_by", "invited_at"])
    token, code = _new_code(youth, now)
    _mail_code(youth, token=token, code=code, invitation=True)
    return access


@transaction.atomic
def portal_access_end(*, actor: User, youth: Youth) -> None:
    """No more sign-ins; open sign-in codes stop working too."""
    PortalAccess.objects.filter(youth=youth).update(active=False)
    SignInCode.objects.filter(youth=youth, used_at__isnull=True).update(expires_at=timezone.now())


def _youths_with_access(email: str) -> list[Youth]:
    # One address may belong to a youth in two organisations: each gets their own code.
    return list(Youth.objects.filter(email__iexact=email.strip(), portal_access__active=True)[:5])


def portal_code_request(*, email: str, address: str) -> None:
    """Queue a request for a sign-in mail; the same work whether the address is known or not."""
    if throttle.begin_portal_request(email=email, address=address) is None:
        return
    SignInRequest.objects.create(email=email.strip()[:254], requested_at=timezone.now())


# A request the worker did not reach within this time is dropped: the youth has asked again by then.
REQUEST_LIFETIME = dt.timedelta(minutes=10)


def sign_in_requests_process(*, limit: int = 50) -> int:
    """Worker job: mail a code to each youth with portal access and a queued address (silent
    for other addresses), and forget the requests. Returns how many requests were handled."""
    with transaction.atomic():
        now = timezone.now()
        requests = list(SignInRequest.objects.select_for_update(skip_locked=True).order_by("requested_at")[:limit])
        for request in requests:
            if request.requested_at > now - REQUEST_LIFETIME:
                _mail_code_to_address(request.email, now)
        SignInRequest.objects.filter(pk__in=[request.pk for request in requests]).delete()
    return len(requests)


def _mail_code_to_address(email: str, now: dt.datetime) -> None:
    for youth in _youths_with_access(email):
        Youth.objects.select_for_update().filter(pk=youth.pk).first()
        if SignInCode.objects.filter(youth=youth, created_at__gt=now - RESEND_AFTER).exists():
            continue
        token, code = _new_code(youth, now)
        _mail_code(youth, token=token, code=code, invitation=False)


class SignInRefused(Exception):
    """The code or link does not (or no longer) sign anyone in; the message says what to do."""


def portal_sign_in_with_code(*, email: str, code: str, address: str) -> Youth:
    code = "".join(ch for ch in code if ch.isdigit())
    attempt = throttle.begin_portal_code(email=email, address=address)
    if attempt is None:
        raise SignInRefused(
            _("Je hebt te vaak een verkeerde code ingevuld. Wacht 15 minuten en vraag een nieuwe code.")
        )
    with transaction.atomic():
        now = timezone.now()
        candidates = list(
            SignInCode.objects.select_for_update()
            .filter(
                youth__email__iexact=email.strip(),
                youth__portal_access__active=True,
                used_at__isnull=True,
                expires_at__gt=now,
                failed_attempts__lt=MAX_CODE_FAILURES,
            )
            .select_related("youth")
        )
        for row in candidates:
            if len(code) == 6 and hmac.compare_digest(row.code_hash, code_digest(row.link_hash, code)):
                return _use(row, now, attempt)
        for row in candidates:
            # Five wrong guesses end the code, not the link in the same mail: a stranger typing
            # codes for the youth's address cannot lock the youth out of their own mail.
            row.failed_attempts += 1
            row.save(update_fields=["failed_attempts"])
    raise SignInRefused(_("Deze code klopt niet of is verlopen. Controleer de code of vraag een nieuwe."))


def portal_sign_in_with_link(*, token: str) -> Youth:
    with transaction.atomic():
        now = timezone.now()
        row = (
            SignInCode.objects.select_for_update()
            .filter(link_hash=link_digest(token), youth__portal_access__active=True)
            .select_related("youth")
            .first()
        )
        if row is None or row.used_at is not None or row.expires_at <= now:
            raise SignInRefused(
                _("Deze link werkt niet meer. Een link werkt 15 minuten en maar één keer.")
                + " "
                + _("Vraag hieronder een nieuwe code.")
            )
        return _use(row, now, None)


def _use(row: SignInCode, now: dt.datetime, attempt) -> Youth:
    row.used_at = now
    row.save(update_fields=["used_at"])
    # The other open codes of this youth stop working: one sign-in per mail.
    SignInCode.objects.filter(youth_id=row.youth_id, used_at__isnull=True).update(expires_at=now)
    PortalAccess.objects.filter(youth_id=row.youth_id).update(last_sign_in_at=now)
    if attempt is not None:
        throttle.succeeded(attempt)
    return row.youth

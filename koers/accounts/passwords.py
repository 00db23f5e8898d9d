"""Passwords are chosen by their owner only.

A functional administrator never types someone else's password: that would let them sign in as
that person (ADR 0005). Instead Koers mails the account's own address a link, through the outbox,
and the owner chooses a password on the page behind it. The link is Django's password-reset token:
it is bound to the account's password, e-mail address and last sign-in, so it works once, stops
working when the address changes, and ends after PASSWORD_RESET_TIMEOUT (3 days). It travels in
the query string, which the server's access log leaves out.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from koers.accounts.models import AccountEvent, AccountEventKind, StaffMailKind, User
from koers.accounts.permissions import may_manage
from koers.outbox.services import mail_queue

LINK_DAYS = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)


def password_link_key(user: User) -> str:
    return f"{urlsafe_base64_encode(force_bytes(user.pk))}.{default_token_generator.make_token(user)}"


def user_for_password_key(key: str) -> User | None:
    """The account the key was made for, while the key still works; else None."""
    encoded_id, _dot, token = (key or "")[:200].partition(".")
    try:
        user_id = int(force_str(urlsafe_base64_decode(encoded_id)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=user_id).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def _queue_link_mail(user: User, *, welcome: bool) -> None:
    query = urlencode({"sleutel": password_link_key(user)})
    link = settings.KOERS_BASE_URL.rstrip("/") + reverse("password_set") + "?" + query
    opening = (
        _("Er is een account voor u gemaakt in Koers. Kies zelf een wachtwoord via deze link:")
        if welcome
        else _("U kunt een nieuw wachtwoord voor Koers kiezen via deze link:")
    )
    mail_queue(
        to=user.email,
        subject=_("Kies uw wachtwoord voor Koers"),
        body="\n\n".join(
            [
                _("Beste collega,"),
                f"{opening}\n{link}",
                _("De link werkt %(days)s dagen en één keer. Niemand anders kent het wachtwoord dat u kiest.")
                % {"days": LINK_DAYS},
                _("Heeft u hier niet om gevraagd? Meld het meteen bij uw teamleider."),
            ]
        ),
        kind=StaffMailKind.PASSWORD_LINK,
    )


@transaction.atomic
def password_link_send(*, actor: User, user_id: int, welcome: bool = False) -> AccountEvent:
    """Mail the account's own address a link to choose a password."""
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None or not may_manage(actor, user):
        raise PermissionDenied(_("U mag voor deze medewerker geen link sturen."))
    if not user.email:
        raise ValidationError(_("Vul eerst het e-mailadres van de medewerker in. De link gaat per e-mail."))
    _queue_link_mail(user, welcome=welcome)
    return AccountEvent.objects.create(
        organisation_id=user.organisation_id, user=user, kind=AccountEventKind.PASSWORD_LINK_SENT, by=actor
    )


def welcome_link_queue(user: User, *, actor: User) -> None:
    """A new account that can sign in (active, no password yet) gets its link; call it in the
    transaction that activates the account."""
    if user.is_active and not user.has_usable_password() and user.email:
        _queue_link_mail(user, welcome=True)
        AccountEvent.objects.create(
            organisation_id=user.organisation_id, user=user, kind=AccountEventKind.PASSWORD_LINK_SENT, by=actor
        )


@transaction.atomic
def password_set_with_link(*, key: str, password: str) -> User:
    """The owner chose a password on the page behind the link; the link stops working."""
    user = user_for_password_key(key)
    if user is None:
        raise ValidationError(_("Deze link werkt niet meer. Vraag uw functioneel beheerder om een nieuwe link."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if not default_token_generator.check_token(user, key.partition(".")[2]):
        raise ValidationError(_("Deze link is net al gebruikt. Log in met het wachtwoord dat u koos."))
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.password_set_by = user
    user.save(update_fields=["password"])
    return user

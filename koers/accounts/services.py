"""Writes for accounts: API tokens and second-factor devices."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import ApiToken, User, hash_token


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

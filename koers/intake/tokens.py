"""The e-mail check's link: a signed referral id, nothing else, valid for a few days."""

import datetime as dt

from django.core import signing

EMAIL_CHECK_DAYS = 3
_SALT = "koers.intake.email-check"


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def email_check_token(referral_id: int) -> str:
    return signing.dumps({"r": referral_id}, salt=_SALT, compress=True)


def email_check_referral_id(token: str) -> int:
    """The referral's id, or TokenExpired / TokenInvalid."""
    try:
        value = signing.loads(token, salt=_SALT, max_age=dt.timedelta(days=EMAIL_CHECK_DAYS))
    except signing.SignatureExpired:
        raise TokenExpired from None
    except signing.BadSignature:
        raise TokenInvalid from None
    referral_id = value.get("r") if isinstance(value, dict) else None
    if not isinstance(referral_id, int):
        raise TokenInvalid
    return referral_id

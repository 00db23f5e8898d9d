"""Possible duplicates of an intake item among the youths the user may open: same name and birth
date, or the same e-mail address. Showing one counts as a read of that youth (access log)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from koers.accounts.models import User
from koers.audit.services import access_log_write_many
from koers.trajectories.access import visible_youths

MAX_SHOWN = 5


def _twins(user: User, *, first_name: str, last_name: str, birth_date: dt.date | None, email: str):
    same = Q(first_name__iexact=first_name, last_name__iexact=last_name, birth_date=birth_date)
    if email:
        same |= Q(email__iexact=email)
    return visible_youths(user).filter(same).order_by("pk")


def twin_ids(user: User, *, first_name: str, last_name: str, birth_date: dt.date | None, email: str) -> list[int]:
    """One query."""
    found = _twins(user, first_name=first_name, last_name=last_name, birth_date=birth_date, email=email)
    return list(found.values_list("pk", flat=True)[:MAX_SHOWN])


@dataclass(frozen=True)
class Twin:
    youth_id: int
    name: str
    birth_date: dt.date | None
    same_email: bool


def possible_duplicates(user: User, referral, *, channel: str) -> list[Twin]:
    """Two queries (the youths, one access-log insert)."""
    found = _twins(
        user,
        first_name=referral.first_name,
        last_name=referral.last_name,
        birth_date=referral.birth_date,
        email=referral.email,
    ).only("pk", "first_name", "last_name", "birth_date", "email")[:MAX_SHOWN]
    twins = [
        Twin(
            youth_id=youth.pk,
            name=f"{youth.first_name} {youth.last_name}",
            birth_date=youth.birth_date,
            same_email=bool(referral.email) and youth.email.lower() == referral.email.lower(),
        )
        for youth in found
    ]
    # The message reveals that the youth exists and links to the file: a read (as access.duplicate_shown).
    access_log_write_many(
        user=user,
        organisation_id=user.organisation_id,
        youth_ids=[twin.youth_id for twin in twins],
        channel=channel,
        subject="duplicate_check",
    )
    return twins

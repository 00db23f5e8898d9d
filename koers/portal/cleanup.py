"""The portal's own clean-up: sign-in codes are deleted a day after they expired.

A code signs in once within 15 minutes; after that the row only answers a youth's "my code did not
work" the same day (used, expired, too many tries). Only hashes are stored, but the row still says
which youth asked for a code when, and the sign-in itself is in the access log.
"""

import datetime as dt

from django.utils import timezone

from koers.db.purge import CHUNK_SIZE, delete_in_chunks
from koers.portal.models import SignInCode

KEEP_AFTER_EXPIRY = dt.timedelta(days=1)


def sign_in_code_purge(*, now: dt.datetime | None = None, chunk_size: int = CHUNK_SIZE) -> int:
    """Delete sign-in codes that expired more than a day ago; returns how many."""
    before = (now or timezone.now()) - KEEP_AFTER_EXPIRY
    return delete_in_chunks(SignInCode.objects.filter(expires_at__lt=before), chunk_size=chunk_size)

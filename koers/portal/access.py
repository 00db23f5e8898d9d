"""The portal's access helper: the only way portal pages reach a youth's data.

A portal session holds one youth id and the time of the last activity. The helper ends a session
after PORTAL_SESSION_MINUTES without activity, checks that the youth still has portal access, and
writes the access log (channel "portal", no staff user). Everything a portal page shows is read
for `youth` only; nothing here reads the target-group guidance for staff (koers.method).
"""

import time

from django.conf import settings

from koers.audit.models import AccessAction, AccessChannel
from koers.audit.services import access_log_write
from koers.trajectories.models import Youth

SESSION_YOUTH = "portal_youth_id"
SESSION_SEEN = "portal_last_seen"
SESSION_ENDED = "portal_session_ended"


class NotSignedIn(Exception):
    """No youth is signed in (or the session ran out): the page sends the browser to sign in."""

    def __init__(self, *, expired: bool = False):
        super().__init__("not signed in")
        self.expired = expired


def session_seconds() -> int:
    return settings.PORTAL_SESSION_MINUTES * 60


def portal_session_start(request, youth: Youth) -> None:
    """A fresh session for the youth: whatever the browser had before (a staff sign-in too) ends."""
    request.session.flush()
    request.session[SESSION_YOUTH] = youth.pk
    request.session[SESSION_SEEN] = time.time()


def portal_session_end(request, *, expired: bool = False) -> None:
    request.session.flush()
    if expired:
        request.session[SESSION_ENDED] = True


def seconds_left(request) -> int:
    seen = request.session.get(SESSION_SEEN)
    if not isinstance(seen, int | float):
        return 0
    return max(0, int(seen + session_seconds() - time.time()))


def portal_youth(request, *, subject: str, action: str = AccessAction.VIEW, active: bool = True) -> Youth:
    """The signed-in youth. `active=False` for requests the page makes by itself (polling for new
    messages), which must not keep a forgotten session open."""
    youth_id = request.session.get(SESSION_YOUTH)
    if not isinstance(youth_id, int):
        raise NotSignedIn()
    if seconds_left(request) <= 0:
        portal_session_end(request, expired=True)
        raise NotSignedIn(expired=True)
    youth = (
        Youth.objects.select_related("consultant", "organisation")
        .filter(pk=youth_id, portal_access__active=True)
        .first()
    )
    if youth is None:
        portal_session_end(request)
        raise NotSignedIn()
    if active:
        request.session[SESSION_SEEN] = time.time()
    access_log_write(
        user=None,
        organisation_id=youth.organisation_id,
        youth_id=youth.pk,
        action=action,
        channel=AccessChannel.PORTAL,
        subject=subject,
    )
    return youth

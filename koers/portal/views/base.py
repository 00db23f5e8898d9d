"""What every portal page shares: the signed-in youth through the access helper, the page frame."""

import functools

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from koers.audit.models import AccessAction
from koers.messaging.selectors import unread_count
from koers.portal.access import NotSignedIn, portal_youth, seconds_left, session_seconds


def portal_page(subject: str, *, active: bool = True, action: str | None = None):
    """Run the view with the signed-in youth, or send the browser to the sign-in page."""

    def wrap(view):
        @functools.wraps(view)
        def inner(request, *args, **kwargs):
            done = action or (AccessAction.CHANGE if request.method == "POST" else AccessAction.VIEW)
            try:
                youth = portal_youth(request, subject=subject, action=done, active=active)
            except NotSignedIn as gone:
                target = reverse("portal_sign_in") + ("?verlopen=1" if gone.expired else "")
                if request.headers.get("HX-Request"):
                    return HttpResponse(status=204, headers={"HX-Redirect": target})
                return redirect(target)
            response = view(request, youth, *args, **kwargs)
            # The youth's data must not stay in the browser (a shared computer, the back button).
            response.setdefault("Cache-Control", "no-store")
            return response

        return inner

    return wrap


def portal_render(request, youth, template: str, context: dict, *, nav: str, status: int = 200):
    context = {
        "youth": youth,
        "nav": nav,
        "unread": unread_count(youth.pk, for_youth=True),
        "session_seconds": session_seconds(),
        "seconds_left": seconds_left(request),
        **context,
    }
    return render(request, template, context, status=status)

"""Toestemming voor onderzoek: what research consent means, in plain words; the youth's own
consents; withdrawing one. Giving consent stays with the consultant, who explains it first."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.portal.views.base import portal_page, portal_render
from koers.trajectories.selectors import research_consents_of
from koers.trajectories.services import research_consent_withdraw_by_youth


@require_GET
@portal_page("research_consent")
def research_consent_view(request, youth):
    return portal_render(request, youth, "portal/research.html", {"consents": research_consents_of(youth.pk)}, nav="me")


@require_POST
@portal_page("research_consent")
def research_consent_withdraw_view(request, youth, consent_id: int):
    if research_consent_withdraw_by_youth(youth=youth, consent_id=consent_id) is None:
        raise Http404  # not one of this youth's consents: the same answer for any id
    messages.success(
        request, _("Je toestemming is ingetrokken. Er gaan geen nieuwe gegevens van jou naar onderzoekers.")
    )
    return redirect("portal_research")

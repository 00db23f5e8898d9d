"""Options (what is possible) and information pages, per organisation."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.messaging.models import MessageKind
from koers.messaging.services import message_send
from koers.portal import selectors
from koers.portal.text import blocks_of
from koers.portal.views.base import portal_page, portal_render


@require_GET
@portal_page("options")
def options_view(request, youth):
    context = {"options": selectors.options_of(youth), "new_key": uuid.uuid4().hex}
    return portal_render(request, youth, "portal/options.html", context, nav="options")


@require_POST
@portal_page("options")
def option_interest_view(request, youth, key: str):
    option = selectors.option_of(youth, key)
    if option is None:
        raise Http404
    message_send(
        youth=youth,
        from_youth=True,
        kind=MessageKind.OPTION_INTEREST,
        body=_("Ik wil hier meer over weten: %(title)s") % {"title": option.title},
        client_key=f"form:option:{option.pk}:{request.POST.get('client_key', '')[:60]}",
    )
    messages.success(
        request, _("Je consulent weet nu dat je meer wilt weten over %(title)s.") % {"title": option.title}
    )
    return redirect("portal_options")


@require_GET
@portal_page("information")
def information_list_view(request, youth):
    context = {"pages": selectors.information_pages_of(youth)}
    return portal_render(request, youth, "portal/information_list.html", context, nav="information")


@require_GET
@portal_page("information")
def information_page_view(request, youth, slug: str):
    page = selectors.information_page_of(youth, slug)
    if page is None:
        raise Http404
    context = {"page": page, "blocks": blocks_of(page.body), "links": list(page.links.all())}
    return portal_render(request, youth, "portal/information_page.html", context, nav="information")

"""Signing in without a password: ask for a code by e-mail, type it (or open the mailed link)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from koers.accounts.throttle import client_address
from koers.portal.access import SESSION_ENDED, portal_session_end, portal_session_start, seconds_left
from koers.portal.services import SignInRefused, portal_code_request, portal_sign_in_with_code, portal_sign_in_with_link

SESSION_EMAIL = "portal_sign_in_email"


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Je e-mailadres"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Vul je e-mailadres in."),
            "invalid": gettext_lazy("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
    )


class CodeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Je e-mailadres"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Vul je e-mailadres in."),
            "invalid": gettext_lazy("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
    )
    code = forms.RegexField(
        label=gettext_lazy("De code uit de mail"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        max_length=9,
        error_messages={
            "required": gettext_lazy("Vul de code uit de mail in."),
            "invalid": gettext_lazy("De code bestaat uit 6 cijfers."),
        },
    )


def _address(request) -> str:
    return client_address(request)  # behind a proxy: KOERS_TRUSTED_PROXIES (ADR 0004)


@require_http_methods(["GET", "POST"])
def sign_in_view(request):
    """Step 1: the e-mail address. The answer is the same whether the address is known or not."""
    expired = request.GET.get("verlopen") == "1" or request.session.pop(SESSION_ENDED, False)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        portal_code_request(email=email, address=_address(request))
        request.session[SESSION_EMAIL] = email
        return redirect("portal_sign_in_code")
    return render(request, "portal/sign_in.html", {"form": form, "expired": expired, "nav": "sign_in"})


@require_http_methods(["GET", "POST"])
def sign_in_code_view(request):
    """Step 2: the 6-digit code (the e-mail address is filled in when the youth came from step 1)."""
    email = request.session.get(SESSION_EMAIL, "")
    form = CodeForm(request.POST or None, initial={"email": email})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            youth = portal_sign_in_with_code(
                email=form.cleaned_data["email"], code=form.cleaned_data["code"], address=_address(request)
            )
        except SignInRefused as refused:
            error = str(refused)
        else:
            portal_session_start(request, youth)
            return redirect("portal_home")
    context = {"form": form, "email": email, "error": error, "nav": "sign_in"}
    return render(request, "portal/sign_in_code.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def sign_in_link_view(request):
    """The mailed link. GET only shows a button: mail scanners that open links use up nothing."""
    token = (request.POST.get("sleutel") or request.GET.get("sleutel") or "")[:100]
    if request.method == "POST":
        try:
            youth = portal_sign_in_with_link(token=token)
        except SignInRefused as refused:
            messages.error(request, str(refused))
            return redirect("portal_sign_in")
        portal_session_start(request, youth)
        return redirect("portal_home")
    return render(request, "portal/sign_in_link.html", {"nav": "sign_in", "token": token})


@require_POST
def sign_out_view(request):
    portal_session_end(request)
    messages.success(request, _("Je bent uitgelogd. Tot ziens!"))
    return redirect("portal_sign_in")


@require_POST
def keep_alive_view(request):
    """'Doorgaan' in the warning before the session ends: any portal request counts as activity."""
    from django.http import JsonResponse

    from koers.portal.access import NotSignedIn, portal_youth

    try:
        portal_youth(request, subject="keep_alive")
    except NotSignedIn:
        return JsonResponse({"seconds_left": 0}, status=401)
    return JsonResponse({"seconds_left": seconds_left(request)})

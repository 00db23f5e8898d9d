"""Sign in with a password and then a TOTP code (staff), sign out."""

import base64

import segno
from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts import throttle
from koers.accounts.forms import CodeForm, LoginForm, PasswordSetForm
from koers.accounts.models import User
from koers.accounts.passwords import LINK_DAYS, password_set_with_link, user_for_password_key
from koers.accounts.services import code_was_used_before, second_factor_confirm, totp_device_create


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _landing_page(request) -> str:
    """Where to go after signing in: the asked page, else Vandaag, the admin for administrators,
    or Onderzoek for researchers."""
    target = _next_url(request)
    if target == "/" and request.user.is_staff and not request.user.works_with_youths:
        return reverse("admin:index")
    if target == "/" and request.user.is_researcher:
        return reverse("research")
    return target


def _address(request) -> str:
    return throttle.client_address(request)  # behind a proxy: KOERS_TRUSTED_PROXIES (ADR 0004)


def _user_id_for(normal_username: str) -> int | None:
    return User.objects.filter(username__iexact=normal_username).values_list("pk", flat=True).first()


def login_view(request):
    form = LoginForm(request, data=request.POST or None)
    locked = False
    if request.method == "POST":
        username = request.POST.get("username", "")
        attempt = None
        if username and request.POST.get("password"):
            device = throttle.known_device(
                request.COOKIES.get(throttle.DEVICE_COOKIE), username=username, user_for_username=_user_id_for
            )
            attempt = throttle.begin_password(username=username, address=_address(request), device=device)
            locked = attempt is None
        if locked:
            form = LoginForm(request, initial={"username": username})
        elif form.is_valid():
            throttle.succeeded(attempt)
            # A fresh session: a youth's portal session in this browser ends here (ADR 0010).
            request.session.flush()
            auth.login(request, form.get_user())
            return redirect(reverse("second_factor") + "?" + urlencode({"next": _next_url(request)}))
    context = {"form": form, "next": _next_url(request), "locked": locked}
    return render(request, "accounts/login.html", context)


def _signed_in(request, device) -> HttpResponse:
    """Both steps done: a new session id (no fixation across the second step), a known device."""
    otp_login(request, device)
    request.session.cycle_key()
    response = redirect(_landing_page(request))
    response.set_cookie(
        throttle.DEVICE_COOKIE,
        throttle.device_cookie_value(request.user),
        max_age=throttle.DEVICE_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def second_factor_view(request):
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first() or totp_device_create(
            user=request.user
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = throttle.begin_code(user_id=request.user.pk)
        if attempt is None:
            form.add_error("code", _("Te vaak een verkeerde code. Wacht een kwartier en probeer het dan opnieuw."))
        elif device.verify_token(form.cleaned_data["code"].strip()):
            throttle.succeeded(attempt)
            if setting_up:
                second_factor_confirm(device=device)
            return _signed_in(request, device)
        elif code_was_used_before(device, form.cleaned_data["code"].strip()):
            form.add_error(
                "code",
                _("Deze code is al gebruikt. Wacht tot uw app een nieuwe code toont (binnen 30 seconden)."),
            )
        else:
            form.add_error("code", _("Deze code klopt niet of is verlopen. Probeer de nieuwe code."))
    context = {"form": form, "next": _next_url(request), "setting_up": setting_up}
    if setting_up:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["qr_svg"] = segno.make(device.config_url).svg_data_uri(scale=4)
    return render(request, "accounts/second_factor.html", context)


@require_POST
def logout_view(request):
    auth.logout(request)
    messages.info(request, _("U bent uitgelogd."))
    return redirect("login")


@require_http_methods(["GET", "POST"])
def password_set_view(request):
    """The page behind the mailed link: the owner chooses their password (nobody else knows it)."""
    key = (request.POST.get("sleutel") or request.GET.get("sleutel") or "")[:200]
    user = user_for_password_key(key)
    if user is None:
        context = {"days": LINK_DAYS}
        return render(request, "accounts/password_link_invalid.html", context, status=400)
    form = PasswordSetForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_set_with_link(key=key, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Signed in nowhere: the owner signs in with the new password and their second factor.
            request.session.flush()
            messages.success(request, _("Uw wachtwoord is ingesteld. Log nu in met uw gebruikersnaam en wachtwoord."))
            return redirect("login")
    context = {"form": form, "key": key, "username": user.username}
    return render(request, "accounts/password_set.html", context, status=400 if form.errors else 200)

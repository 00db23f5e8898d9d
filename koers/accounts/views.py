"""Sign in with a password and then a TOTP code (staff), sign out."""

import base64

import segno
from django.contrib import auth, messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts import throttle
from koers.accounts.forms import CodeForm, LoginForm
from koers.accounts.services import totp_device_create


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


def _landing_page(request) -> str:
    """Where to go after signing in: the asked page, else Vandaag, or the admin for administrators."""
    target = _next_url(request)
    if target == "/" and request.user.is_staff and not request.user.works_with_youths:
        return reverse("admin:index")
    return target


def login_view(request):
    form = LoginForm(request, data=request.POST or None)
    username = request.POST.get("username", "")
    address = request.META.get("REMOTE_ADDR", "")
    locked = request.method == "POST" and (
        throttle.is_locked("password", username) or throttle.is_locked("address", address)
    )
    if request.method == "POST" and not locked:
        if form.is_valid():
            throttle.clear("password", username)
            auth.login(request, form.get_user())
            return redirect(reverse("second_factor") + "?" + urlencode({"next": _next_url(request)}))
        throttle.record_failure("password", username)
        throttle.record_failure("address", address)
    if locked:
        form = LoginForm(request, initial={"username": username})
    context = {"form": form, "next": _next_url(request), "locked": locked}
    return render(request, "accounts/login.html", context)


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
    username = request.user.get_username()
    if request.method == "POST" and throttle.is_locked("code", username):
        form.add_error("code", _("Te vaak een verkeerde code. Wacht een kwartier en probeer het dan opnieuw."))
    elif request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            throttle.clear("code", username)
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_landing_page(request))
        throttle.record_failure("code", username)
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

"""Jongere aanmelden: register a new youth with the first trajectory's registration."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.trajectories.access import duplicate_shown, require_youth_worker, visible_youths
from koers.trajectories.services import DuplicateYouth, youth_register
from koers.web.forms import YouthNewForm, attach_service_errors
from koers.web.once import submit_once


@login_required
@require_http_methods(["GET", "POST"])
def youth_new_view(request):
    user = request.user
    require_youth_worker(user)
    form = YouthNewForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write() -> str:
            youth = youth_register(
                actor=user,
                consultant=data["consultant"],
                registered_on=data["registered_on"],
                source=data["source"],
                channel="web",
                confirm_duplicate=data["confirm_duplicate"],
                **form.youth_fields,
            )
            if visible_youths(user).filter(pk=youth.pk).exists():
                return reverse("youth_file", args=[youth.pk])
            return reverse("today")  # registered for a consultant of another team: not our file

        try:
            return submit_once(request, write=write, success=_("Jongere aangemeld"))
        except DuplicateYouth as duplicate:
            duplicate_shown(user, duplicate.youth_id, channel="web")
            form.duplicate_youth_id = duplicate.youth_id
            attach_service_errors(form, duplicate)
        except ValidationError as error:
            attach_service_errors(form, error, aliases={"date": "registered_on"})
    return render(request, "web/youth_new.html", {"nav": "today", "form": form})

"""Jongere aanmelden: register a new youth with the first trajectory's registration."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.trajectories.access import require_youth_worker, visible_youths
from koers.trajectories.services import youth_register
from koers.web.forms import YouthNewForm, attach_service_errors


@login_required
@require_http_methods(["GET", "POST"])
def youth_new_view(request):
    user = request.user
    require_youth_worker(user)
    form = YouthNewForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            youth = youth_register(
                actor=user,
                consultant=data["consultant"],
                registered_on=data["registered_on"],
                source=data["source"],
                channel="web",
                **form.youth_fields,
            )
        except ValidationError as error:
            attach_service_errors(form, error, aliases={"date": "registered_on"})
        else:
            messages.success(request, _("Jongere aangemeld"))
            if visible_youths(user).filter(pk=youth.pk).exists():
                return redirect("youth_file", youth_id=youth.pk)
            return redirect("today")  # registered for a consultant of another team: not our file
    return render(request, "web/youth_new.html", {"nav": "today", "form": form})

"""The method as a booklet: the organisation's current version on one printable page (phases,
steps, basic methods, toolbox with local partners, target-group tips). Staff of the organisation
only; it holds no youth data, so there is no access-log entry."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from koers.method.models import MethodPhase, StepKind
from koers.method.selectors import current_method, element_groups, target_groups_of, working_elements
from koers.trajectories.models import TargetGroup


@login_required
@require_GET
def method_booklet_view(request):
    if request.user.organisation_id is None:
        raise PermissionDenied
    method = current_method(request.user.organisation_id)
    if method is None:
        raise Http404
    version, steps, basic_methods, toolbox = method
    phases = []
    for code, label in MethodPhase.choices:
        in_phase = [s for s in steps if s.phase == code and s.kind != StepKind.ATTITUDE]
        if in_phase:
            phases.append({"label": label, "steps": in_phase})
    guidance = [
        (TargetGroup(g.marker).label if g.marker in TargetGroup.values else g.marker, g.tips)
        for g in target_groups_of(version)
    ]
    context = {
        "nav": "method",
        "version": version,
        "phases": phases,
        "attitude": [s for s in steps if s.kind == StepKind.ATTITUDE],
        "basic_methods": basic_methods,
        "toolbox": toolbox,
        "guidance": guidance,
        "element_groups": element_groups(working_elements()),
    }
    return render(request, "web/method_booklet.html", context)

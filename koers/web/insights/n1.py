"""N=1 over youths: for one intervention and one kind of series, the effect size (NAP) of each
youth with whom it was used, as a strip chart and a table.

Whose youths: a consultant sees their own caseload (by name: they know them); a team lead sees
only youths with research consent, without names, and nothing of fewer than five youths (counts
through koers.lib.small_numbers). Queries are fixed: the options, the first use per youth (at most
200), their series, the access log.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from koers.accounts.selectors import life_domain_set_of
from koers.audit.models import AccessChannel
from koers.audit.services import access_log_write_many
from koers.insights.n1_overview import CAP, overview_of, toolbox_choices
from koers.insights.selectors.n1 import kinds_for_organisation
from koers.lib.charts.strip import strip_chart
from koers.lib.small_numbers import THRESHOLD, shown, suppress_counts
from koers.method.selectors import element_groups, working_elements
from koers.trajectories.access import require_youth_worker, visible_youths
from koers.trajectories.selectors import consenting_youth_ids
from koers.web.forms import KoersForm


class OverviewForm(KoersForm):
    aanpak = forms.ChoiceField(label=gettext_lazy("Aanpak"))
    reeks = forms.ChoiceField(label=gettext_lazy("Wat volgt u?"))

    def __init__(self, *args, kinds, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {kind.key: kind for kind in kinds}
        self.fields["reeks"].choices = [(kind.key, kind.label) for kind in kinds]
        elements = [
            (str(group.theme), [(f"element:{code}", name) for code, name in group.elements])
            for group in element_groups(working_elements())
        ]
        toolbox = [(f"toolbox:{key}", text) for key, text in toolbox_choices(organisation_id)]
        self.fields["aanpak"].choices = [
            ("", gettext_lazy("Kies een aanpak")),
            *elements,
            *([(gettext_lazy("Gereedschapskist"), toolbox)] if toolbox else []),
        ]


def _scope(user, today):
    """The youths counted: a team lead's are those with research consent; a consultant's, their own."""
    youths = visible_youths(user)
    if user.is_team_lead:
        return youths.filter(pk__in=consenting_youth_ids(organisation_id=user.organisation_id, on=today)), True
    return youths.filter(consultant=user), False


@login_required
@require_GET
def insights_n1_view(request):
    require_youth_worker(request.user)
    user, today = request.user, timezone.localdate()
    kinds = kinds_for_organisation(life_domain_set_of(user.organisation_id))
    form = OverviewForm(request.GET or None, kinds=kinds, organisation_id=user.organisation_id)
    research = user.is_team_lead
    context = {"nav": "insights", "form": form, "research": research, "cap": CAP, "threshold": THRESHOLD}
    if form.is_bound and form.is_valid():
        context.update(_overview(user, form, research, today))
    return render(request, "web/insights/n1.html", context)


def _overview(user, form: OverviewForm, research: bool, today) -> dict:
    youths = visible_youths(user)
    if research:  # a team lead: only youths with research consent
        youths = youths.filter(pk__in=consenting_youth_ids(organisation_id=user.organisation_id, on=today))
    else:  # a consultant: their own caseload
        youths = youths.filter(consultant=user)
    key = form.cleaned_data["aanpak"]
    overview = overview_of(youths, key, form.kinds[form.cleaned_data["reeks"]], today)
    access_log_write_many(
        user=user,
        organisation_id=user.organisation_id,
        youth_ids=[row.youth_id for row in (*overview.rows, *overview.too_few)],
        channel=AccessChannel.WEB,
        subject="insights_n1_research" if research else "insights_n1",
    )
    # Others than the consultant see no distribution of fewer than five youths, and counts as "< 5".
    hidden = research and 0 < len(overview.rows) < THRESHOLD
    counts = [len(overview.rows), len(overview.too_few)]
    values = [row.value for row in overview.rows] if not hidden else []
    return {
        "overview": overview,
        "hidden": hidden,
        "counts": [shown(n) for n in suppress_counts(counts)] if research else counts,
        "used_with": shown(overview.used_with) if research else overview.used_with,
        # A phone shows the narrow drawing, so its text stays readable.
        "charts": [strip_chart(values), strip_chart(values, width=360)] if values else None,
        "aanpak_label": dict(_flat(form.fields["aanpak"].choices)).get(key, ""),
    }


def _flat(choices) -> list[tuple[str, str]]:
    """Grouped choices (theme → elements) as one list of (value, label)."""
    return [item for key, label in choices for item in (label if isinstance(label, list) else [(key, label)])]

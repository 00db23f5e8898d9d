"""Section: progress over time: the life domains (scored together, 1-5) and the youth's own short
self-ratings (three queries: the set of domains, the assessments, the ratings; four when assessed)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.accounts.selectors import life_domain_set_of
from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.models import AssessmentOccasion
from koers.contacts.selectors import progress_of
from koers.contacts.services import DomainScore, life_domains_record
from koers.method.life_domains import SCORE_LABELS, domains_of
from koers.trajectories.access import youth_for
from koers.trajectories.dates import check_past_event
from koers.trajectories.selectors import current_trajectory
from koers.web.forms import KoersForm, date_field
from koers.web.youths.file import section_post
from koers.web.youths.sections import file_url

SCORES = [(str(n), f"{n} — {label}") for n, label in SCORE_LABELS.items()]


class AssessmentForm(KoersForm):
    date = date_field(gettext_lazy("Datum"), today=True)
    occasion = forms.ChoiceField(label=gettext_lazy("Moment"), choices=AssessmentOccasion.choices)

    service_checks = {"date": lambda day: check_past_event("date", day)}

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = domains
        for code, label in domains:
            self.fields[f"score_{code}"] = forms.ChoiceField(
                label=str(label).capitalize(),
                choices=SCORES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een score voor %(domain)s.") % {"domain": label}},
            )
            self.fields[f"first_{code}"] = forms.BooleanField(label=_("Eerst oplossen"), required=False)
            self.fields[f"note_{code}"] = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def rows(self):
        return [(self[f"score_{code}"], self[f"first_{code}"], self[f"note_{code}"]) for code, _label in self.domains]

    def scores(self) -> list[DomainScore]:
        data = self.cleaned_data
        return [
            DomainScore(
                domain=code,
                score=int(data[f"score_{code}"]),
                note=data[f"note_{code}"],
                first_to_solve=data[f"first_{code}"],
            )
            for code, _label in self.domains
        ]


def context(file) -> dict:
    if file.trajectory is None:
        return {"progress": None}
    domain_set = life_domain_set_of(file.youth.organisation_id)
    domains = domains_of(domain_set)
    return {
        "progress": progress_of(file.trajectory, domain_set),
        "assessment_form": file.form("assessment", lambda: AssessmentForm(prefix="assessment", domains=domains))
        if file.can_change
        else None,
    }


@login_required
@require_POST
def assessment_create_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="progress")
    trajectory = current_trajectory(youth)
    if trajectory is None:
        raise Http404(_("Deze jongere heeft nog geen traject."))
    form = AssessmentForm(
        request.POST, prefix="assessment", domains=domains_of(life_domain_set_of(youth.organisation_id))
    )

    def write() -> str:
        life_domains_record(
            actor=request.user,
            trajectory=trajectory,
            date=form.cleaned_data["date"],
            occasion=form.cleaned_data["occasion"],
            scores=form.scores(),
        )
        return file_url(youth.pk, "progress")

    return section_post(request, youth, forms={"assessment": form}, write=write, success=_("Leefgebieden vastgelegd"))

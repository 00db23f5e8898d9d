"""The filters of Vandaag."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Role, User
from koers.agenda.labels import DUE_KIND_CHOICES
from koers.agenda.selectors import SCOPE_ORGANISATION, SCOPE_TEAM
from koers.trajectories.models import Phase
from koers.web.forms import KoersForm


class TodayFilterForm(KoersForm):
    view = forms.ChoiceField(
        choices=[("agenda", _("Te doen")), ("caseload", _("Caseload"))],
        required=False,
        widget=forms.HiddenInput,
    )
    phase = forms.ChoiceField(label=_("Fase"), required=False)
    kind = forms.ChoiceField(label=_("Soort"), required=False)
    period = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        choices=[
            ("soon", _("Te laat en de komende 14 dagen")),
            ("overdue", _("Alleen te laat")),
            ("today", _("Alleen vandaag")),
            ("coming", _("Alleen de komende 14 dagen")),
            ("all", _("Alles")),
        ],
    )
    consultant = forms.ChoiceField(label=_("Van wie"), required=False)

    def __init__(self, *args, user: User, consultants: list, **kwargs):
        """`consultants`: accounts.selectors.consultants_by_team — each consultant shown under their
        team, so it is clear who "Heel het team" leaves out."""
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Alle fasen")), *Phase.choices]
        self.fields["kind"].choices = [("", _("Alle soorten")), *DUE_KIND_CHOICES]
        if user.role == Role.TEAM_LEAD:
            own = next((team.name for team in consultants if team.team_id == user.team_id), "")
            label = _("Heel het team (%(team)s)") % {"team": own} if own else _("Heel het team")
            scopes = [(SCOPE_TEAM, label)] if user.team_id else []
            scopes.append((SCOPE_ORGANISATION, _("Hele organisatie")))
            teams = [(team.name, [(str(pk), name) for pk, name in team.members]) for team in consultants]
            self.fields["consultant"].choices = [*scopes, *teams]
        else:
            del self.fields["consultant"]

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

    def __init__(self, *args, user: User, consultants: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Alle fasen")), *Phase.choices]
        self.fields["kind"].choices = [("", _("Alle soorten")), *DUE_KIND_CHOICES]
        if user.role == Role.TEAM_LEAD:
            scopes = [(SCOPE_TEAM, _("Heel het team"))] if user.team_id else []
            scopes.append((SCOPE_ORGANISATION, _("Hele organisatie")))
            self.fields["consultant"].choices = [*scopes, *((str(pk), name) for pk, name in consultants)]
        else:
            del self.fields["consultant"]

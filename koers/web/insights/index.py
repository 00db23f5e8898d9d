"""Inzicht: the list of insight pages a user may open (one line each, with what it shows)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from koers.accounts.models import User
from koers.insights.selectors.network import may_see_network


@dataclass(frozen=True)
class InsightPage:
    url_name: str
    title: str
    description: str
    allowed: Callable[[User], bool]


def _youth_worker(user: User) -> bool:
    return user.works_with_youths


def _team_lead(user: User) -> bool:
    return user.works_with_youths and user.is_team_lead


PAGES = [
    InsightPage(
        "practice",
        _("Mijn werk"),
        _("Welke werkzame elementen, stappen en hulp uit de gereedschapskist u gebruikt, per fase. Alleen u ziet dit."),
        _youth_worker,
    ),
    InsightPage(
        "self_assessment",
        _("Verbetertool"),
        _("Hoe vaak denkt u dat u elk werkzaam element gebruikt? Uw inschatting naast uw vastgelegde werk."),
        _youth_worker,
    ),
    InsightPage(
        "insights_team_profile",
        _("Teamprofiel"),
        _("Welke werkzame elementen de consulenten van het team vastleggen, naast elkaar. Voor intervisie."),
        _youth_worker,
    ),
    InsightPage(
        "insights_network",
        _("Lerend netwerk"),
        _("De cijfers van de organisaties die meedoen aan het lerend netwerk, naast elkaar. Zonder personen."),
        may_see_network,
    ),
    InsightPage(
        "insights_n1",
        _("N=1 over jongeren"),
        _(
            "Wat een aanpak opleverde: per jongere hoeveel een cijfer na de start verschilde (NAP). "
            "Consulenten zien hun eigen jongeren; teamleiders alleen jongeren met toestemming voor onderzoek."
        ),
        _youth_worker,
    ),
    InsightPage(
        "insights_team",
        _("Team"),
        _(
            "Per consulent: de caseload per fase, de contactnorm, actiepunten te laat, nazorg en het portaal. "
            "Een hulp bij werkbegeleiding, geen beoordeling van mensen."
        ),
        _team_lead,
    ),
    InsightPage(
        "insights_throughput",
        _("Doorlooptijd"),
        _("Hoe lang trajecten duren van melding tot uitstroom, per route en bestemming, en hoe lang elke fase duurt."),
        _team_lead,
    ),
    InsightPage(
        "insights_referrals",
        _("Verwijzingen"),
        _(
            "Hoeveel jongeren binnenkwamen, per maand: verwezen per soort ketenpartner, zelf aangemeld of "
            "met een terugbelverzoek. En hoeveel de gemeente aannam."
        ),
        _team_lead,
    ),
    InsightPage(
        "insights_impact",
        _("Effecten"),
        _(
            "Wat de effectenlijnen samen laten zien: meerwaarde en aandachtspunten die vaak genoemd worden, en de "
            "gemaakte kosten naast wat er mogelijk bespaard is, per betaler. Zonder namen."
        ),
        _team_lead,
    ),
    InsightPage(
        "insights_work",
        _("Werk en werkgevers"),
        _("Per team: kennismakingen met werkgevers en wat ze opleverden, contact met werkgevers en getipte vacatures."),
        _team_lead,
    ),
    InsightPage(
        "insights_experiment",
        _("Experiment met de caseload"),
        _("Vergelijk een groep consulenten, bijvoorbeeld met een kleinere caseload, met de anderen en met eerder."),
        _team_lead,
    ),
]


def pages_for(user: User) -> list[InsightPage]:
    return [page for page in PAGES if page.allowed(user)]


@login_required
@require_GET
def insights_index_view(request):
    pages = pages_for(request.user)
    if not pages:
        raise PermissionDenied(_("Uw rol geeft geen toegang tot de overzichten."))
    return render(request, "web/insights/index.html", {"nav": "insights", "pages": pages})

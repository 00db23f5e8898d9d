"""The insights pages under /inzicht/. Each page family has its own module in this package."""

from django.urls import path

from koers.web.insights import (
    experiment,
    impact,
    index,
    n1,
    network,
    practice,
    referrals,
    self_assessment,
    team,
    team_profile,
    throughput,
)
from koers.web.insights import work as work_insights

urlpatterns = [
    path("doorlooptijd/", throughput.throughput_view, name="insights_throughput"),
    path("experiment/", experiment.experiment_view, name="insights_experiment"),
    path(
        "experiment/<int:group_id>/verwijderen/",
        experiment.experiment_group_delete_view,
        name="insights_experiment_delete",
    ),
    path("", index.insights_index_view, name="insights"),
    path("mijn-werk/", practice.practice_view, name="practice"),
    path("mijn-werk/contacten/", practice.practice_contacts_view, name="practice_contacts"),
    path("mijn-werk/jongeren/", practice.practice_youths_view, name="practice_youths"),
    path("n1/", n1.insights_n1_view, name="insights_n1"),
    path("verbetertool/", self_assessment.self_assessment_view, name="self_assessment"),
    path("teamprofiel/", team_profile.team_profile_view, name="insights_team_profile"),
    path("lerend-netwerk/", network.network_view, name="insights_network"),
    path("team/", team.team_view, name="insights_team"),
    path("verwijzingen/", referrals.referrals_view, name="insights_referrals"),
    path("effecten/", impact.impact_overview_view, name="insights_impact"),
    path("werkgevers/", work_insights.work_view, name="insights_work"),
    path("verbetertool/delen/", self_assessment.sharing_view, name="insight_sharing"),
    path("verbetertool/<int:user_id>/", self_assessment.colleague_view, name="self_assessment_colleague"),
]

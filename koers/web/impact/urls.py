"""The impact timeline of a youth (effectenlijn): the page, its forms and the PDF report."""

from django.urls import path

from koers.web.impact import page, report, writes

urlpatterns = [
    path("jongeren/<int:youth_id>/effecten/", page.impact_page_view, name="impact_page"),
    path("jongeren/<int:youth_id>/effecten/beginnen/", page.impact_start_view, name="impact_start"),
    path("jongeren/<int:youth_id>/effecten/rapport.pdf", report.impact_report_view, name="impact_report"),
    path("jongeren/<int:youth_id>/effecten/gegevens/", writes.timeline_save_view, name="impact_timeline_save"),
    path("jongeren/<int:youth_id>/effecten/kosten/", writes.costs_save_view, name="impact_costs_save"),
    path("jongeren/<int:youth_id>/effecten/kostenpost/", writes.cost_line_add_view, name="impact_cost_line_add"),
    path("jongeren/<int:youth_id>/effecten/episodes/", writes.episode_add_view, name="impact_episode_add"),
    path(
        "jongeren/<int:youth_id>/effecten/episodes/<int:episode_id>/verwijderen/",
        writes.episode_delete_view,
        name="impact_episode_delete",
    ),
    path(
        "jongeren/<int:youth_id>/effecten/episodes/<int:episode_id>/wijzigen/",
        writes.episode_change_view,
        name="impact_episode_change",
    ),
    path(
        "jongeren/<int:youth_id>/effecten/episodes/<int:episode_id>/omhoog/",
        writes.episode_move_view,
        {"direction": "up"},
        name="impact_episode_up",
    ),
    path(
        "jongeren/<int:youth_id>/effecten/episodes/<int:episode_id>/omlaag/",
        writes.episode_move_view,
        {"direction": "down"},
        name="impact_episode_down",
    ),
    path("jongeren/<int:youth_id>/effecten/punten/<slug:kind>/", writes.point_add_view, name="impact_point_add"),
    path(
        "jongeren/<int:youth_id>/effecten/punt/<int:point_id>/wijzigen/",
        writes.point_change_view,
        name="impact_point_change",
    ),
    path(
        "jongeren/<int:youth_id>/effecten/punt/<int:point_id>/verwijderen/",
        writes.point_delete_view,
        name="impact_point_delete",
    ),
    path(
        "jongeren/<int:youth_id>/effecten/kostenpost/<int:line_id>/verwijderen/",
        writes.cost_line_delete_view,
        name="impact_cost_line_delete",
    ),
    path(
        "jongeren/<int:youth_id>/effecten/scenarios/<int:scenario_id>/verwijderen/",
        writes.scenario_delete_view,
        name="impact_scenario_delete",
    ),
    path("jongeren/<int:youth_id>/effecten/scenarios/", writes.scenario_add_view, name="impact_scenario_add"),
    path(
        "jongeren/<int:youth_id>/effecten/scenarios/<int:scenario_id>/posten/",
        writes.scenario_item_add_view,
        name="impact_item_add",
    ),
    path(
        "jongeren/<int:youth_id>/effecten/posten/<int:item_id>/verwijderen/",
        writes.scenario_item_delete_view,
        name="impact_item_delete",
    ),
]

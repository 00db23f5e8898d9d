from django.urls import path

from koers.web.views import (
    appointments,
    contacts,
    handover,
    health,
    milestones,
    roles,
    today,
    youth_file,
    youth_new,
)

urlpatterns = [
    path("", today.today_view, name="today"),
    path("gezond/", health.health_view, name="health"),
    path("rollen/", roles.roles_view, name="roles"),
    path("rollen/<int:request_id>/besluit/", roles.role_request_decide_view, name="role_request_decide"),
    path("jongeren/nieuw/", youth_new.youth_new_view, name="youth_new"),
    path("jongeren/<int:youth_id>/", youth_file.youth_file_view, name="youth_file"),
    path("jongeren/<int:youth_id>/contact/", contacts.contact_create_view, name="contact_create"),
    path("jongeren/<int:youth_id>/traject/", milestones.trajectory_create_view, name="trajectory_create"),
    path("jongeren/<int:youth_id>/overdragen/", handover.hand_over_view, name="hand_over"),
    path(
        "trajecten/<int:trajectory_id>/mijlpaal/<slug:kind>/",
        milestones.milestone_create_view,
        name="milestone_create",
    ),
    path(
        "trajecten/<int:trajectory_id>/mijlpalen/<int:milestone_id>/corrigeren/",
        milestones.milestone_correct_view,
        name="milestone_correct",
    ),
    path(
        "trajecten/<int:trajectory_id>/mijlpalen/<int:milestone_id>/intrekken/",
        milestones.milestone_withdraw_view,
        name="milestone_withdraw",
    ),
    path("trajecten/<int:trajectory_id>/agenda/", appointments.appointment_create_view, name="appointment_create"),
    path(
        "trajecten/<int:trajectory_id>/agenda/<int:appointment_id>/status/",
        appointments.appointment_status_view,
        name="appointment_status",
    ),
    path(
        "trajecten/<int:trajectory_id>/afspraken/<int:agreement_id>/afgevinkt/",
        contacts.agreement_done_view,
        name="agreement_done",
    ),
]

from django.urls import path

from koers.web import health, method, roles, search
from koers.web.today.views import today_view
from koers.web.youths import (
    agreements,
    appointments,
    barriers,
    contact,
    enforcement,
    file,
    flow,
    hand_over,
    history,
    messages,
    network,
    new,
    plan,
    progress,
)

urlpatterns = [
    path("", today_view, name="today"),
    path("gezond/", health.health_view, name="health"),
    path("zoeken/", search.search_view, name="search"),
    path("werkwijze/", method.method_booklet_view, name="method_booklet"),
    path("rollen/", roles.roles_view, name="roles"),
    path("rollen/<int:request_id>/besluit/", roles.role_request_decide_view, name="role_request_decide"),
    path("jongeren/nieuw/", new.youth_new_view, name="youth_new"),
    path("jongeren/<int:youth_id>/", file.youth_file_view, name="youth_file"),
    path("jongeren/<int:youth_id>/geschiedenis/", history.history_older_view, name="youth_history"),
    path("jongeren/<int:youth_id>/formulier/<slug:name>/", file.form_fragment_view, name="youth_form"),
    path("jongeren/<int:youth_id>/contact/", contact.contact_create_view, name="contact_create"),
    path("jongeren/<int:youth_id>/traject/", flow.trajectory_create_view, name="trajectory_create"),
    path("jongeren/<int:youth_id>/berichten/", messages.reply_view, name="message_reply"),
    path("jongeren/<int:youth_id>/berichten/lijst/", messages.messages_poll_view, name="youth_messages_poll"),
    path("jongeren/<int:youth_id>/bijlagen/<int:attachment_id>/", messages.attachment_view, name="youth_attachment"),
    path("jongeren/<int:youth_id>/portaal/", messages.portal_invite_view, name="portal_invite"),
    path("trajecten/<int:trajectory_id>/plan/", plan.plan_save_view, name="plan_save"),
    path("trajecten/<int:trajectory_id>/plan/pdf/", plan.plan_pdf_view, name="plan_pdf"),
    path("jongeren/<int:youth_id>/overdragen/", hand_over.hand_over_view, name="hand_over"),
    path("trajecten/<int:trajectory_id>/mijlpaal/<slug:kind>/", flow.milestone_create_view, name="milestone_create"),
    path(
        "trajecten/<int:trajectory_id>/mijlpalen/<int:milestone_id>/corrigeren/",
        flow.milestone_correct_view,
        name="milestone_correct",
    ),
    path(
        "trajecten/<int:trajectory_id>/mijlpalen/<int:milestone_id>/intrekken/",
        flow.milestone_withdraw_view,
        name="milestone_withdraw",
    ),
    path("trajecten/<int:trajectory_id>/agenda/", appointments.appointment_create_view, name="appointment_create"),
    path(
        "trajecten/<int:trajectory_id>/agenda/<int:appointment_id>/status/",
        appointments.appointment_status_view,
        name="appointment_status",
    ),
    path("jongeren/<int:youth_id>/belemmeringen/", barriers.barrier_create_view, name="barrier_create"),
    path("jongeren/<int:youth_id>/handhaving/", enforcement.enforcement_propose_view, name="enforcement_propose"),
    path("jongeren/<int:youth_id>/netwerk/", network.member_create_view, name="network_member_create"),
    path("jongeren/<int:youth_id>/leefgebieden/", progress.assessment_create_view, name="assessment_create"),
    path("jongeren/<int:youth_id>/netwerk/toestemming/", network.consent_create_view, name="network_consent_create"),
    path(
        "jongeren/<int:youth_id>/netwerk/<int:member_id>/intrekken/",
        network.consent_revoke_view,
        name="network_consent_revoke",
    ),
    path(
        "jongeren/<int:youth_id>/belemmeringen/<int:barrier_id>/opgelost/",
        barriers.barrier_resolve_view,
        name="barrier_resolve",
    ),
    path(
        "trajecten/<int:trajectory_id>/afspraken/<int:agreement_id>/afgevinkt/",
        agreements.agreement_done_view,
        name="agreement_done",
    ),
]

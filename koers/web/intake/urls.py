from django.urls import path

from koers.web.intake import partner, public, queue
from koers.web.intake import routing as intake_routing
from koers.web.intake import specialisms as intake_specialisms

urlpatterns = [
    path("aanmelden/<int:organisation_id>/", public.public_register_view, name="public_register"),
    path("aanmelden/<int:organisation_id>/terugbellen/", public.public_callback_view, name="public_callback"),
    path("aanmelden/<int:organisation_id>/ontvangen/", public.public_receipt_view, name="public_receipt"),
    path("aanmelden/bevestigen/<str:token>/", public.public_email_check_view, name="public_email_check"),
    path("ketenpartner/", partner.partner_home_view, name="partner_home"),
    path("ketenpartner/verwijzen/", partner.partner_referral_new_view, name="partner_referral_new"),
    path("ketenpartner/verwijzingen/<int:referral_id>/", partner.partner_referral_view, name="partner_referral"),
    path("instroom/", queue.intake_queue_view, name="intake_queue"),
    path("instroom/<int:referral_id>/", queue.intake_item_view, name="intake_item"),
    path("instroom/<int:referral_id>/aannemen/", queue.intake_take_on_view, name="intake_take_on"),
    path("instroom/<int:referral_id>/niet-aannemen/", queue.intake_refuse_view, name="intake_refuse"),
    path("instroom/routering/", intake_routing.routing_view, name="intake_routing"),
    path("instroom/routering/<int:rule_id>/", intake_routing.routing_rule_edit_view, name="intake_routing_edit"),
    path(
        "instroom/routering/<int:rule_id>/verwijderen/",
        intake_routing.routing_rule_delete_view,
        name="intake_routing_delete",
    ),
    path("instroom/specialismen/", intake_specialisms.intake_specialisms_view, name="intake_specialisms"),
    path(
        "instroom/specialismen/<int:consultant_id>/",
        intake_specialisms.intake_specialisms_edit_view,
        name="intake_specialisms_edit",
    ),
    path("instellingen/specialismen/", intake_specialisms.own_specialisms_view, name="own_specialisms"),
]

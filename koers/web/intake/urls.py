from django.urls import path

from koers.web.intake import partner, queue

urlpatterns = [
    path("ketenpartner/", partner.partner_home_view, name="partner_home"),
    path("ketenpartner/verwijzen/", partner.partner_referral_new_view, name="partner_referral_new"),
    path("ketenpartner/verwijzingen/<int:referral_id>/", partner.partner_referral_view, name="partner_referral"),
    path("instroom/", queue.intake_queue_view, name="intake_queue"),
    path("instroom/<int:referral_id>/", queue.intake_item_view, name="intake_item"),
    path("instroom/<int:referral_id>/aannemen/", queue.intake_take_on_view, name="intake_take_on"),
    path("instroom/<int:referral_id>/niet-aannemen/", queue.intake_refuse_view, name="intake_refuse"),
]

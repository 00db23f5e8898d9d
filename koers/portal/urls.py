"""The youth portal under /mijn/ (no personal data in any URL: ids of the youth's own items only)."""

from django.urls import path

from koers.portal.views import catalogue, conversation, home, me, plan, signin, work
from koers.portal.views.daily import daily_step_done_view
from koers.portal.views.research import research_consent_view, research_consent_withdraw_view

urlpatterns = [
    path("", home.home_view, name="portal_home"),
    path("inloggen/", signin.sign_in_view, name="portal_sign_in"),
    path("inloggen/code/", signin.sign_in_code_view, name="portal_sign_in_code"),
    # The token travels in the query string, which the access log leaves out (koers serve logs the path).
    path("inloggen/link/", signin.sign_in_link_view, name="portal_sign_in_link"),
    path("uitloggen/", signin.sign_out_view, name="portal_sign_out"),
    path("doorgaan/", signin.keep_alive_view, name="portal_keep_alive"),
    path("plan/", plan.plan_view, name="portal_plan"),
    path("plan/pdf/", plan.plan_pdf_view, name="portal_plan_pdf"),
    path("plan/subdoelen/<int:sub_goal_id>/gedaan/", plan.sub_goal_done_view, name="portal_sub_goal_done"),
    path("plan/subdoelen/<int:sub_goal_id>/notitie/", plan.sub_goal_note_view, name="portal_sub_goal_note"),
    path("berichten/", conversation.messages_view, name="portal_messages"),
    path("berichten/lijst/", conversation.messages_poll_view, name="portal_messages_poll"),
    path("bijlagen/<int:attachment_id>/", conversation.attachment_view, name="portal_attachment"),
    path("mogelijkheden/", catalogue.options_view, name="portal_options"),
    path("mogelijkheden/<slug:key>/meer-weten/", catalogue.option_interest_view, name="portal_option_interest"),
    path("werk/", work.work_view, name="portal_work"),
    path("werk/wensen/", work.wishes_view, name="portal_work_wishes"),
    path("werk/vacatures/<int:vacancy_id>/", work.vacancy_view, name="portal_vacancy"),
    path("werk/vacatures/<int:vacancy_id>/interesse/", work.vacancy_interest_view, name="portal_vacancy_interest"),
    path("informatie/", catalogue.information_list_view, name="portal_information"),
    path("informatie/<slug:slug>/", catalogue.information_page_view, name="portal_information_page"),
    path("stap-van-vandaag/", daily_step_done_view, name="portal_daily_step_done"),
    path("nazorg/", me.check_in_view, name="portal_check_in"),
    path("instellingen/", me.settings_view, name="portal_settings"),
    path("wie-bekeek-mijn-gegevens/", me.who_viewed_view, name="portal_who_viewed"),
    path("mijn-gegevens/", me.export_view, name="portal_export"),
    path("onderzoek/", research_consent_view, name="portal_research"),
    path("onderzoek/<int:consent_id>/intrekken/", research_consent_withdraw_view, name="portal_research_withdraw"),
    path("mijn-gegevens/gegevens.json", me.export_json_view, name="portal_export_json"),
    path("mijn-gegevens/gegevens.pdf", me.export_pdf_view, name="portal_export_pdf"),
]

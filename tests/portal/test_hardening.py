"""What a review of the portal found, each now a behaviour: sessions that polling kept alive,
sessions that mixed, codes that could be guessed or used to lock a youth out, stale plan forms,
mails queued again and again, mail content kept after delivery, double letters, piles of files,
and access that could not be ended."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import SignInAttempt
from koers.messaging.models import Message
from koers.messaging.services import notifications_flush
from koers.outbox.models import MailStatus, OutgoingMail
from koers.outbox.services import mail_send_due
from koers.plans.models import SubGoal, SubGoalOwner, SubGoalStatus
from koers.plans.services import SubGoalInput, plan_save, sub_goal_mark_done
from koers.portal.models import SignInCode
from koers.portal.services import (
    SignInRefused,
    portal_code_request,
    portal_sign_in_with_code,
    sign_in_requests_process,
)
from tests.conftest import PASSWORD, jpeg_bytes
from tests.portal.conftest import (
    code_in,
    follow_link,
    last_mail_to,
    page_text,
    plan_for,
)

WRONG_CODE = "Deze code klopt niet of is verlopen"


def test_a_poll_does_not_keep_a_staff_session_alive(consultant, as_user, youth, trajectory):
    client = as_user(consultant)
    session = client.session
    session["renewed_at"] = 1  # long ago: any real request renews now
    session.save()
    client.get(reverse("youth_messages_poll", args=[youth.pk]), headers={"X-Koers-Poll": "1"})
    assert client.session["renewed_at"] == 1
    client.get(reverse("youth_file", args=[youth.pk]))
    assert client.session["renewed_at"] > 1


def test_a_staff_sign_in_ends_a_youth_session_in_the_same_browser(youth_client, consultant):
    assert youth_client.get("/mijn/").status_code == 200
    youth_client.post(reverse("login"), {"username": consultant.username, "password": PASSWORD})
    assert "portal_youth_id" not in youth_client.session  # the youth is gone from this browser


def test_a_new_code_ends_the_open_one(invited, invitation):
    first = code_in(invitation)
    SignInCode.objects.update(created_at=timezone.now() - dt.timedelta(minutes=2))  # past the double-click guard
    portal_code_request(email=invited.email, address="10.0.0.1")
    sign_in_requests_process()
    assert SignInCode.objects.filter(youth=invited, used_at__isnull=True, expires_at__gt=timezone.now()).count() == 1
    with pytest.raises(SignInRefused, match=WRONG_CODE):
        portal_sign_in_with_code(email=invited.email, code=first, address="10.0.0.1")


def test_wrong_codes_from_a_stranger_do_not_end_the_mailed_link(invited, invitation):
    wrong = "000000" if code_in(invitation) != "000000" else "111111"
    for attempt in range(5):
        with pytest.raises(SignInRefused, match=WRONG_CODE):
            portal_sign_in_with_code(email=invited.email, code=wrong, address=f"10.0.0.{attempt}")
    SignInAttempt.objects.all().delete()  # the throttle aside: is the code itself still good?
    with pytest.raises(SignInRefused, match=WRONG_CODE):
        portal_sign_in_with_code(email=invited.email, code=code_in(invitation), address="10.0.9.9")
    browser = Client()
    follow_link(browser, invitation)
    assert browser.get("/mijn/").status_code == 200  # the youth still gets in with the link


def test_typing_codes_has_a_daily_limit_per_address(invited):
    refused_unchecked = 0
    for attempt in range(25):
        if attempt % 5 == 0:
            SignInAttempt.objects.filter(at__gt=timezone.now() - dt.timedelta(minutes=15)).update(
                at=timezone.now() - dt.timedelta(minutes=16)
            )  # the 15-minute window passes, the day does not
        try:
            portal_sign_in_with_code(email=invited.email, code="123456", address=f"10.1.{attempt}.1")
        except SignInRefused as refused:
            refused_unchecked += "te vaak" in str(refused)
    assert refused_unchecked == 5  # the 21st to 25th are refused without being checked


def test_a_plan_form_made_before_the_youth_ticked_a_sub_goal_is_refused(youth, trajectory, consultant):
    plan = plan_for(youth, actor=consultant, main_goal="Werk vinden", own_step="Cv maken", consultant_step="Bellen")
    seen_version = plan.version
    own = SubGoal.objects.get(text="Cv maken")
    sub_goal_mark_done(sub_goal=own, by_youth=True)
    with pytest.raises(ValidationError, match="intussen aangepast"):
        plan_save(
            actor=consultant,
            trajectory=trajectory,
            main_goal="Werk vinden",
            sub_goals=[SubGoalInput(id=own.pk, text="Cv maken", owner=SubGoalOwner.YOUTH, status="open")],
            based_on_version=seen_version,
        )
    assert SubGoal.objects.get(pk=own.pk).status == SubGoalStatus.DONE  # the youth's tick stays


def test_the_gedaan_message_goes_once(youth_client, invited, consultant):
    plan_for(invited, actor=consultant, main_goal="Werk vinden", own_step="Cv maken", consultant_step="Bellen")
    own = SubGoal.objects.get(text="Cv maken")
    url = reverse("portal_sub_goal_done", args=[own.pk])
    youth_client.post(url, {"note": ""})
    youth_client.post(url, {"note": ""})
    assert Message.objects.filter(youth=invited, kind="sub_goal_done").count() == 1


def test_reminders_are_not_queued_again_each_round(invited, trajectory, consultant, youth_client):
    from koers.contacts.services import appointment_create

    youth_client.post(reverse("portal_settings"), {"kinds": ["new_message", "appointment_reminder"]})
    appointment_create(
        actor=consultant, trajectory=trajectory, date=timezone.localdate() + dt.timedelta(days=1), channel="office"
    )
    assert notifications_flush() == 1
    assert notifications_flush() == 0  # nothing tried again, nothing queued again
    assert OutgoingMail.objects.filter(kind="appointment_reminder").count() == 1


def test_a_delivered_mail_keeps_no_content(invited, invitation):
    assert "Je code is" in invitation.body
    mail_send_due()
    invitation.refresh_from_db()
    assert invitation.status == MailStatus.SENT and invitation.body == ""
    assert "Je code is" in mail.outbox[-1].body  # what the youth got


def test_a_double_click_sends_one_letter(invited, consultant, as_user):
    client = as_user(consultant)
    invited.organisation.phone = "058 233 44 55"  # a letter names it: without it, none goes out
    invited.organisation.save(update_fields=["phone"])
    template = invited.organisation.letter_templates.first()
    data = {
        "letter-template": template.pk,
        "letter-date": "dinsdag",
        "letter-time": "10:00",
        "letter-place": "Stadskantoor",
        "letter-client_key": "eenmaal",
        "send": "1",
    }
    client.post(reverse("letter", args=[invited.pk]), data)
    client.post(reverse("letter", args=[invited.pk]), data)
    assert Message.objects.filter(youth=invited, kind="letter").count() == 1
    assert OutgoingMail.objects.filter(kind="letter").count() == 1


def test_four_files_are_refused_before_one_is_read(youth_client, invited):
    photos = [SimpleUploadedFile(f"f{i}.jpg", jpeg_bytes(), content_type="image/jpeg") for i in range(4)]
    response = youth_client.post(reverse("portal_messages"), {"body": "Vier foto's", "files": photos})
    assert "hoogstens 3 bestanden" in page_text(response)
    assert not Message.objects.filter(youth=invited, from_youth=True).exists()


def test_the_consultant_can_end_portal_access(youth_client, invited, consultant, as_user):
    as_user(consultant).post(reverse("portal_access_end", args=[invited.pk]))
    assert youth_client.get("/mijn/").status_code == 302  # the open session ends too
    portal_code_request(email=invited.email, address="10.2.0.1")
    sign_in_requests_process()
    assert last_mail_to(invited.email).kind == "sign_in"  # only the old invitation: no new code
    assert SignInCode.objects.filter(youth=invited, expires_at__gt=timezone.now(), used_at__isnull=True).count() == 0


def test_a_pdf_is_never_shown_inline(youth_client, invited):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    youth_client.post(
        reverse("portal_messages"),
        {"body": "Mijn cv", "files": [SimpleUploadedFile("cv.pdf", out.getvalue(), content_type="application/pdf")]},
    )
    attachment = Message.objects.get(youth=invited, from_youth=True).attachments.get()
    response = youth_client.get(reverse("portal_attachment", args=[attachment.pk]) + "?bekijk=1")
    assert response["Content-Disposition"].startswith("attachment")


def test_an_information_page_refuses_links_that_are_not_https(org):
    from koers.portal.models import InformationLink, InformationPage

    page = InformationPage.objects.create(organisation=org, slug="x", title="X", summary="x", body="x")
    for url in ("javascript:alert(1)", "http://duo.nl", "duo.nl"):
        with pytest.raises(ValidationError, match="Voer een geldige URL in"):
            InformationLink(page=page, label="Foute link", url=url).full_clean()
    InformationLink(page=page, label="DUO", url="https://duo.nl").full_clean()


def test_the_admin_edits_an_information_pages_links_as_rows(admin, as_user):
    from koers.portal.models import InformationPage

    page = InformationPage.objects.filter(organisation=admin.organisation).first()
    url = f"/admin/portal/informationpage/{page.pk}/change/"
    form = as_user(admin).get(url).content.decode()
    assert 'name="links-0-label"' in form and 'name="links-0-url"' in form  # an inline, no JSON to type

    data = {
        "title": page.title,
        "summary": page.summary,
        "body": page.body,
        "slug": page.slug,
        "active": "on",
        "position": page.position,
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-label": "Juridisch Loket",
        "links-0-url": "https://www.juridischloket.nl",
        "links-0-position": "0",
    }
    for existing in page.links.all():
        existing.delete()
    response = as_user(admin).post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert [(link.label, link.url) for link in page.links.all()] == [
        ("Juridisch Loket", "https://www.juridischloket.nl")
    ]
    refused = as_user(admin).post(url, {**data, "links-0-url": "javascript:alert(1)"})
    assert refused.status_code == 200 and page.links.count() == 1

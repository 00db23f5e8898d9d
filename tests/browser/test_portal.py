"""The youth portal on a phone (360 × 740): a youth signs in with the mailed code, reads the plan,
ticks a sub-goal, sends a message with a photo; the consultant sees it in Vandaag, answers, and the
youth sees the answer appear without reloading. axe-core on every portal page, no sideways
scrolling at 320 px (400 % zoom of a 1280 px window), and the session warning with "Doorgaan"."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image

from koers.messaging.models import Attachment, Message
from koers.outbox.services import mail_send_due
from koers.plans.models import SubGoal, SubGoalOwner, SubGoalStatus
from koers.plans.services import SubGoalInput, plan_save
from koers.portal.services import portal_invite, sign_in_requests_process
from koers.trajectories.models import Youth
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in
from tests.conftest import jpeg_bytes
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PORTAL_PAGES = [
    ("home", "/mijn/"),
    ("plan", "/mijn/plan/"),
    ("berichten", "/mijn/berichten/"),
    ("mogelijkheden", "/mijn/mogelijkheden/"),
    ("informatie", "/mijn/informatie/"),
    ("informatiepagina", "/mijn/informatie/studiefinanciering/"),
    ("over-mij", "/mijn/instellingen/"),
    ("wie-bekeek", "/mijn/wie-bekeek-mijn-gegevens/"),
    ("gegevens", "/mijn/mijn-gegevens/"),
    ("nazorg", "/mijn/nazorg/"),
]


def phone_photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (53.0, 12.0, 0.0), "E", (5.0, 47.0, 0.0)
    return jpeg_bytes((640, 480), (200, 120, 40), exif=exif)


def mailed_code(address: str) -> str:
    sign_in_requests_process()  # the worker's round: the request queued the address
    mail_send_due()
    sent = [m for m in mail.outbox if address in m.to]
    assert sent, "no sign-in mail arrived"
    return re.search(r"\b(\d{6})\b", sent[-1].body).group(1)


def youth_with_plan(consultant):
    youth, trajectory = youth_with_history(consultant, 7, contacts=2)
    Youth.objects.filter(pk=youth.pk).update(email="sanne@example.org")
    youth.refresh_from_db()
    today = timezone.localdate()
    plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal="Ik ontdek welk werk bij mij past.",
        sub_goals=[
            SubGoalInput(text="Cv bijwerken", owner=SubGoalOwner.YOUTH, due_on=today + dt.timedelta(days=7)),
            SubGoalInput(
                text="Meeloopdag regelen", owner=SubGoalOwner.CONSULTANT, due_on=today + dt.timedelta(days=14)
            ),
        ],
    )
    portal_invite(actor=consultant, youth=youth)
    return youth


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    view = page.evaluate("window.innerWidth")
    assert width <= view, f"{page.url} is {width} px wide in a {view} px window"


def test_youth_and_consultant_talk_through_the_portal(
    live_server, page, chromium_browser, taxonomy, consultant, private_media
):
    youth = youth_with_plan(consultant)
    mail.outbox.clear()
    youth_page = chromium_browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=PHONE).new_page()
    # The page's own clock, which runs as usual, so that the test can move it to the next poll
    # (every 15 s) instead of waiting for it.
    youth_page.clock.install()
    base = live_server.url

    # Sign in with the mailed code.
    youth_page.goto(base + "/mijn/")
    assert "/mijn/inloggen/" in youth_page.url
    assert_no_serious_axe_violations(youth_page)
    youth_page.get_by_label("Je e-mailadres").fill("sanne@example.org")
    youth_page.get_by_role("button", name="Stuur mij een code").click()
    youth_page.wait_for_url(re.compile(r"/mijn/inloggen/code/"))
    assert_no_serious_axe_violations(youth_page)
    youth_page.get_by_label("De code uit de mail").fill(mailed_code("sanne@example.org"))
    youth_page.get_by_role("button", name="Inloggen").click()
    youth_page.wait_for_url(base + "/mijn/")
    assert "Hoi Jongere007" in youth_page.inner_text("h1")
    assert "Cv bijwerken" in youth_page.inner_text("#main")  # the next small step

    # Read the plan and tick the own sub-goal off, with a note.
    youth_page.get_by_role("link", name="Mijn plan").click()
    assert "Ik ontdek welk werk bij mij past." in youth_page.inner_text("#main")
    step = youth_page.locator("#subdoel-" + str(SubGoal.objects.get(text="Cv bijwerken").pk))
    step.get_by_label("Wil je er iets bij zeggen?").fill("Gisteren gedaan")
    step.get_by_role("button", name="Gedaan!").click()
    youth_page.locator(".koers-messages").wait_for()
    assert SubGoal.objects.get(text="Cv bijwerken").status == SubGoalStatus.DONE
    assert youth_page.locator(".utrecht-alert--ok").is_visible()  # the celebration
    assert "Wat is er nieuw" in youth_page.inner_text("#main")
    shot(youth_page, "50-portaal-plan-360")

    # Send a message with a phone photo.
    youth_page.get_by_role("link", name="Berichten").click()
    youth_page.get_by_label("Je bericht").fill("Hier is mijn nieuwe cv, en een foto van de vacature.")
    youth_page.get_by_label("Foto of pdf toevoegen").set_input_files(
        {"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": phone_photo_with_gps()}
    )
    youth_page.get_by_role("button", name="Versturen").click()
    youth_page.get_by_text("Je bericht is verstuurd.").wait_for()
    assert "Nog niet gelezen" in youth_page.inner_text("#conversation")
    attachment = Attachment.objects.get(message__youth=youth)
    stored = (private_media / attachment.path).read_bytes()
    assert b"Exif" not in stored and Image.open(io.BytesIO(stored)).getexif() == {}

    # The consultant sees it in Vandaag and answers in the youth file.
    sign_in(page, base, consultant)
    news = page.locator(".koers-news")
    assert "2 ongelezen berichten" in news.inner_text()  # the message, and "Gedaan: Cv bijwerken"
    assert "Cv bijwerken" in news.inner_text()  # the sub-goal the youth ticked off
    assert_no_serious_axe_violations(page)
    news.get_by_role("link", name=youth.full_name).first.click()
    conversation = page.locator("#staff-conversation")
    assert "Hier is mijn nieuwe cv" in conversation.inner_text()
    assert conversation.get_by_role("link", name=re.compile("Foto")).count() == 1
    assert Message.objects.get(youth=youth, from_youth=True, kind="text").read_at is not None  # read receipt
    page.get_by_label("Bericht aan de jongere").fill("Top, Sanne! Ik kijk er vandaag naar.")
    page.locator("#messages").get_by_role("button", name="Versturen").click()
    page.get_by_text("Bericht verstuurd.").wait_for()

    # The youth's open page shows the answer without a reload (htmx polling), and its receipt.
    youth_page.clock.fast_forward("00:16")  # the next poll is due within 15 seconds
    youth_page.locator("#conversation").get_by_text("Top, Sanne!").wait_for(timeout=25_000)
    youth_page.wait_for_function(
        "document.querySelector('#conversation').innerText.includes('Gelezen op')", timeout=25_000
    )
    shot(youth_page, "51-portaal-berichten-360")

    # Every portal page: axe clean, no sideways scrolling at 360 and at 320 px (400 % zoom).
    for name, path in PORTAL_PAGES:
        for width in (360, 320):
            youth_page.set_viewport_size({"width": width, "height": 740})
            youth_page.goto(base + path)
            assert youth_page.title().endswith("Koers"), path
            no_sideways_scroll(youth_page)
        youth_page.set_viewport_size(PHONE)
        assert_no_serious_axe_violations(youth_page)
        shot(youth_page, f"5x-portaal-{name}-360")
    youth_page.context.close()


def test_the_session_warning_offers_doorgaan(live_server, chromium_browser, taxonomy, consultant, settings):
    settings.PORTAL_SESSION_MINUTES = 3
    youth = youth_with_plan(consultant)
    context = chromium_browser.new_context(locale="nl-NL", viewport=PHONE)
    youth_page = context.new_page()
    youth_page.clock.install()
    youth_page.goto(live_server.url + "/mijn/inloggen/code/")
    youth_page.get_by_label("Je e-mailadres").fill(youth.email)
    youth_page.get_by_label("De code uit de mail").fill(mailed_code(youth.email))
    youth_page.get_by_role("button", name="Inloggen").click()
    youth_page.wait_for_url(live_server.url + "/mijn/")
    dialog = youth_page.locator("#session-warning")
    assert not dialog.is_visible()
    youth_page.clock.fast_forward(61_000)  # 3 minutes minus the 2 of the warning
    dialog.wait_for(state="visible")
    assert "Over 2 minuten log je automatisch uit" in dialog.inner_text()
    assert_no_serious_axe_violations(youth_page)
    youth_page.keyboard.press("Enter")  # the focus is on "Doorgaan": keyboard only
    dialog.wait_for(state="hidden")
    youth_page.reload()
    assert "/mijn/inloggen/" not in youth_page.url  # the session goes on
    context.close()


def test_the_portal_works_with_the_keyboard_alone(live_server, chromium_browser, taxonomy, consultant):
    """Tab through the plan page to the own sub-goal's button, with a visible focus on the way,
    and tick it off with Enter."""
    youth = youth_with_plan(consultant)
    context = chromium_browser.new_context(locale="nl-NL", viewport=PHONE)
    youth_page = context.new_page()
    youth_page.goto(live_server.url + "/mijn/inloggen/code/")
    youth_page.get_by_label("Je e-mailadres").fill(youth.email)
    youth_page.get_by_label("De code uit de mail").fill(mailed_code(youth.email))
    youth_page.keyboard.press("Enter")
    youth_page.wait_for_url(live_server.url + "/mijn/")
    youth_page.goto(live_server.url + "/mijn/plan/")
    for _ in range(40):
        youth_page.keyboard.press("Tab")
        focused = youth_page.evaluate(
            "() => { const e = document.activeElement; const s = getComputedStyle(e);"
            " return {text: e.innerText || '', outline: s.outlineStyle, shadow: s.boxShadow}; }"
        )
        assert focused["outline"] != "none" or focused["shadow"] != "none", f"no visible focus on {focused}"
        if focused["text"].startswith("Gedaan!"):
            break
    else:
        pytest.fail("the sub-goal's button cannot be reached with Tab")
    youth_page.keyboard.press("Enter")
    youth_page.locator(".koers-messages").wait_for()
    assert SubGoal.objects.get(text="Cv bijwerken").status == SubGoalStatus.DONE
    context.close()

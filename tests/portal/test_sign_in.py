"""Signing in to the portal with a mailed code or link: once, within 15 minutes, as one youth only."""

import datetime as dt
import re

import time_machine
from django.test import Client
from django.utils import timezone

from koers.accounts.models import SignInAttempt
from koers.outbox.models import OutgoingMail
from koers.portal.models import SignInCode, SignInRequest
from koers.portal.services import portal_access_end, portal_invite, sign_in_requests_process
from tests.portal.conftest import (
    CODE_PAGE,
    SIGN_IN,
    ask_for_a_code,
    code_in,
    follow_link,
    last_mail_to,
    link_in,
    mails_to,
    page_text,
    press_sign_in_button,
    sign_in_with_code,
    token_in,
)

REFUSED = "Deze code klopt niet of is verlopen."
THROTTLED = "Je hebt te vaak een verkeerde code ingevuld."
LINK_REFUSED = "Deze link werkt niet meer."


def is_signed_in(client: Client) -> bool:
    response = client.get("/mijn/")
    return response.status_code == 200 and "Hoi " in page_text(response)


def wrong_code(right: str) -> str:
    return f"{(int(right) + 1) % 10**6:06d}"


def test_the_invitation_mails_a_six_digit_code_and_a_sign_in_link(invited):
    mail = last_mail_to(invited.email)

    assert mail.subject == "Je bent uitgenodigd voor Koers"
    assert re.search(r"Je code is: \d{6}\n", mail.body)
    assert re.search(r"http://127\.0\.0\.1:8000/mijn/inloggen/link/\?sleutel=[A-Za-z0-9_-]{40,}\n", mail.body)
    assert "15 minuten" in mail.body


def test_the_code_from_the_mail_signs_the_youth_in(invited, invitation):
    client = Client()

    response = sign_in_with_code(client, invited.email, code_in(invitation))

    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert "Hoi Sanne" in page_text(client.get("/mijn/"))


def test_a_code_typed_with_a_space_in_the_middle_still_signs_in(invited, invitation):
    code = code_in(invitation)

    response = sign_in_with_code(Client(), invited.email, f"{code[:3]} {code[3:]}")

    assert response.status_code == 302


def test_a_code_signs_in_only_once(invited, invitation):
    code = code_in(invitation)
    sign_in_with_code(Client(), invited.email, code)

    second = Client()
    response = sign_in_with_code(second, invited.email, code)

    assert response.status_code == 400
    assert REFUSED in page_text(response)
    assert not is_signed_in(second)


def test_a_code_is_refused_after_fifteen_minutes(invited, invitation):
    client = Client()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=15, seconds=1), tick=False):
        response = sign_in_with_code(client, invited.email, code_in(invitation))

    assert response.status_code == 400
    assert REFUSED in page_text(response)
    assert not is_signed_in(client)


def test_a_code_still_works_just_before_fifteen_minutes(invited, invitation):
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=14, seconds=50), tick=False):
        response = sign_in_with_code(Client(), invited.email, code_in(invitation))

    assert response.status_code == 302


def test_the_code_of_one_youth_does_not_sign_in_with_another_youths_address(invited, invitation, youth_b):
    client = Client()

    response = sign_in_with_code(client, youth_b.email, code_in(invitation))

    assert response.status_code == 400
    assert REFUSED in page_text(response)
    assert not is_signed_in(client)
    # And the code still works for its own youth: the wrong address used up nothing of it.
    assert sign_in_with_code(Client(), invited.email, code_in(invitation)).status_code == 302


def test_five_wrong_codes_kill_the_code_even_if_it_is_then_typed_right(invited, invitation):
    code = code_in(invitation)
    for _ in range(5):
        assert sign_in_with_code(Client(), invited.email, wrong_code(code)).status_code == 400
    # The throttle would refuse the sixth try anyway; without it the code itself must be dead.
    SignInAttempt.objects.all().delete()

    client = Client()
    response = sign_in_with_code(client, invited.email, code)

    assert response.status_code == 400
    assert REFUSED in page_text(response)
    assert not is_signed_in(client)


def test_four_wrong_codes_leave_the_right_one_working(invited, invitation):
    code = code_in(invitation)
    for _ in range(4):
        sign_in_with_code(Client(), invited.email, wrong_code(code))

    assert sign_in_with_code(Client(), invited.email, code).status_code == 302


def test_the_sixth_try_within_fifteen_minutes_is_refused_without_checking_the_code(youth, trajectory, consultant):
    # Five guesses for this address before there is any code: nothing to count them against.
    for guess in ("111111", "222222", "333333", "444444", "555555"):
        assert sign_in_with_code(Client(), youth.email, guess).status_code == 400
    portal_invite(actor=consultant, youth=youth)
    code = code_in(last_mail_to(youth.email))

    client = Client()
    response = sign_in_with_code(client, youth.email, code)

    assert response.status_code == 400
    assert THROTTLED in page_text(response)
    assert not is_signed_in(client)
    row = SignInCode.objects.get(youth=youth)
    assert row.failed_attempts == 0 and row.used_at is None  # never compared


def test_the_throttle_lets_the_youth_in_again_after_fifteen_minutes(invited, invitation, consultant):
    for _ in range(5):
        sign_in_with_code(Client(), invited.email, "000000")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16), tick=False):
        portal_invite(actor=consultant, youth=invited)
        response = sign_in_with_code(Client(), invited.email, code_in(last_mail_to(invited.email)))

    assert response.status_code == 302


def test_many_addresses_from_one_network_address_are_throttled_too(invited, invitation):
    for number in range(20):
        sign_in_with_code(Client(), f"iemand{number}@example.org", "123456")

    response = sign_in_with_code(Client(), invited.email, code_in(invitation))

    assert response.status_code == 400
    assert THROTTLED in page_text(response)


def normalised(html: str, email: str) -> str:
    html = html.replace(email, "EMAIL")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", html)
    return re.sub(r'data-csrf="[^"]+"', "CSRF", html)


def test_asking_a_code_for_an_unknown_address_looks_the_same_and_sends_nothing(invited):
    later = timezone.now() + dt.timedelta(minutes=2)  # past the guard against double invitations
    known, unknown = Client(), Client()
    with time_machine.travel(later, tick=False):
        mails_before = OutgoingMail.objects.count()
        unknown_answer = ask_for_a_code(unknown, "niemand@example.org")
        assert OutgoingMail.objects.count() == mails_before
        known_answer = ask_for_a_code(known, invited.email)
        assert OutgoingMail.objects.count() == mails_before + 1
        unknown_page = unknown.get(CODE_PAGE)
        known_page = known.get(CODE_PAGE)

    assert unknown_answer.status_code == known_answer.status_code == 302
    assert unknown_answer["Location"] == known_answer["Location"] == CODE_PAGE
    assert unknown_page.status_code == known_page.status_code == 200
    assert normalised(page_text(unknown_page), "niemand@example.org") == normalised(
        page_text(known_page), invited.email
    )
    assert "Als dit e-mailadres bij ons bekend is" in page_text(unknown_page)
    assert last_mail_to(invited.email).subject == "Je code om in te loggen bij Koers"


def _work_of_asking(email: str) -> tuple[list[str], int]:
    """The statements (without their values) one request for a code runs, and the mails it queues."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mails_before = OutgoingMail.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = Client(REMOTE_ADDR="192.0.2.7").post(SIGN_IN, {"email": email})
    assert response.status_code == 302
    shapes = [re.sub(r"'[^']*'|\"s\d+_x\d+\"|\b\d+\b", "?", query["sql"]) for query in queries.captured_queries]
    return shapes, OutgoingMail.objects.count() - mails_before


def test_a_known_and_an_unknown_address_cost_the_request_the_same_work(invited, invitation):
    # Past the guard against double mails, so a known address would really get a new code.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        unknown_work = _work_of_asking("niemand@example.org")
        known_work = _work_of_asking(invited.email)

        assert known_work == unknown_work
        assert known_work[1] == 0  # no mail queued in the request itself, for either
        assert not any("trajectories_youth" in shape or "portal_signincode" in shape for shape in known_work[0])

        sign_in_requests_process()  # the worker's round
    assert [mail.subject for mail in mails_to(invited.email)][-1] == "Je code om in te loggen bij Koers"
    assert mails_to("niemand@example.org") == []


def test_a_request_the_worker_reaches_too_late_is_dropped(invited, invitation):
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        Client().post(SIGN_IN, {"email": invited.email})
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=20), tick=False):
        assert sign_in_requests_process() == 1
    assert mails_to(invited.email) == [invitation]
    assert not SignInRequest.objects.exists()


def test_a_youth_without_portal_access_gets_no_mail(youth, trajectory):
    ask_for_a_code(Client(), youth.email)

    assert mails_to(youth.email) == []
    assert not SignInRequest.objects.exists()  # handled and forgotten


def test_opening_the_link_only_shows_a_button(invited, invitation):
    client = Client()

    response = client.get(link_in(invitation))

    assert response.status_code == 200
    assert "Klik op de knop om in te loggen." in page_text(response)
    assert not is_signed_in(client)
    assert SignInCode.objects.get(youth=invited).used_at is None  # a mail scanner used up nothing


def test_pressing_the_button_behind_the_link_signs_in_once(invited, invitation):
    first = Client()

    response = follow_link(first, invitation)

    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert is_signed_in(first)

    second = Client()
    again = follow_link(second, invitation, follow=True)
    assert again.redirect_chain[-1][0] == SIGN_IN
    assert LINK_REFUSED in page_text(again)
    assert not is_signed_in(second)


def test_the_link_is_refused_after_fifteen_minutes(invited, invitation):
    client = Client()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16), tick=False):
        response = follow_link(client, invitation, follow=True)

    assert LINK_REFUSED in page_text(response)
    assert not is_signed_in(client)


def test_a_made_up_link_signs_nobody_in(invited):
    client = Client()

    response = press_sign_in_button(client, "dit-is-geen-echte-link-maar-wel-lang-genoeg", follow=True)

    assert LINK_REFUSED in page_text(response)
    assert not is_signed_in(client)


def test_signing_in_with_the_code_uses_up_the_link_of_the_same_mail(invited, invitation):
    sign_in_with_code(Client(), invited.email, code_in(invitation))

    client = Client()
    response = follow_link(client, invitation, follow=True)

    assert LINK_REFUSED in page_text(response)
    assert not is_signed_in(client)


def test_each_mail_has_its_own_random_code_and_link_and_only_hashes_are_stored(invited, invitation, consultant):
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        portal_invite(actor=consultant, youth=invited)
    second = last_mail_to(invited.email)

    assert second.pk != invitation.pk
    assert code_in(second) != code_in(invitation)
    assert token_in(second) != token_in(invitation)
    stored = " ".join(str(value) for row in SignInCode.objects.values() for value in row.values())
    for secret in (code_in(invitation), code_in(second), token_in(invitation), token_in(second)):
        assert secret not in stored
    assert all(re.fullmatch(r"[0-9a-f]{64}", row.code_hash) for row in SignInCode.objects.all())


def test_two_youths_invited_at_the_same_moment_get_different_codes(invited, invitation, youth_b):
    other = last_mail_to(youth_b.email)

    assert code_in(other) != code_in(invitation)
    assert token_in(other) != token_in(invitation)


def test_after_the_access_ends_neither_code_nor_link_signs_in(invited, invitation, consultant):
    portal_access_end(actor=consultant, youth=invited)

    by_code, by_link = Client(), Client()
    code_answer = sign_in_with_code(by_code, invited.email, code_in(invitation))
    link_answer = follow_link(by_link, invitation, follow=True)

    assert code_answer.status_code == 400 and REFUSED in page_text(code_answer)
    assert LINK_REFUSED in page_text(link_answer)
    assert not is_signed_in(by_code) and not is_signed_in(by_link)


def test_after_the_access_ends_an_open_session_ends_too(invited, youth_client, consultant):
    assert is_signed_in(youth_client)

    portal_access_end(actor=consultant, youth=invited)

    response = youth_client.get("/mijn/plan/")
    assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)


def test_after_the_access_ends_asking_for_a_code_sends_nothing(invited, invitation, consultant):
    portal_access_end(actor=consultant, youth=invited)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        ask_for_a_code(Client(), invited.email)

    assert mails_to(invited.email) == [invitation]


def test_signing_out_ends_the_session(youth_client):
    response = youth_client.post("/mijn/uitloggen/", follow=True)

    assert "Je bent uitgelogd." in page_text(response)
    assert not is_signed_in(youth_client)


def test_a_code_asked_for_on_the_sign_in_page_signs_in(invited, invitation):
    client = Client()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        page = ask_for_a_code(client, invited.email, follow=True)
        assert f'value="{invited.email}"' in page_text(page)  # the code page remembers the address
        mail = last_mail_to(invited.email)
        response = sign_in_with_code(client, invited.email, code_in(mail))

    assert mail.pk != invitation.pk
    assert response.status_code == 302 and response["Location"] == "/mijn/"


def test_a_sixth_mail_within_fifteen_minutes_is_not_sent(invited, invitation):
    start = timezone.now() + dt.timedelta(minutes=2)
    for n in range(6):
        with time_machine.travel(start + dt.timedelta(seconds=70 * n), tick=False):
            response = ask_for_a_code(Client(), invited.email)
            assert response.status_code == 302  # the answer never changes

    assert len(mails_to(invited.email)) == 1 + 5


def test_inviting_again_right_after_ending_the_access_gives_access_again(invited, invitation, consultant):
    portal_access_end(actor=consultant, youth=invited)

    portal_invite(actor=consultant, youth=invited)  # the consultant ended it by mistake

    mail = last_mail_to(invited.email)
    assert mail.pk != invitation.pk
    assert sign_in_with_code(Client(), invited.email, code_in(mail)).status_code == 302


def test_a_double_click_on_invite_sends_one_mail(invited, invitation, consultant):
    portal_invite(actor=consultant, youth=invited)

    assert mails_to(invited.email) == [invitation]

"""The public front door as a young person (and a script) meets it: registering, asking to be
called back, the limits per address, the honeypot, size limits, the e-mail check, and what the
team lead then sees and can do."""

import datetime as dt
import re

import pytest
from aiosmtpd.controller import Controller
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from koers.accounts.models import SignInAttempt
from koers.intake.models import IntakeSource, Referral, ReferralStatus
from koers.intake.services import referral_refuse, referral_take_on
from koers.intake.services.public import callback_request_submit, self_registration_submit
from koers.outbox.models import MailStatus, OutgoingMail
from koers.outbox.services import mail_send_due
from koers.trajectories.models import Milestone, MilestoneKind, Source
from koers.web.intake.public import PUBLIC_FORM_MAX_BYTES
from koers.web.once import ONCE_FIELD, new_key
from tests.conftest import signed_in_client
from tests.intake.conftest import age_exactly
from tests.outbox.conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def door(org):
    org.phone = "058 233 4455"
    org.opening_hours = "maandag tot en met vrijdag 9.00-17.00 uur"
    org.save(update_fields=["phone", "opening_hours"])
    return org


def _registration(**overrides):
    data = {
        "first_name": "Noor",
        "last_name": "Bakker",
        "birth_date": age_exactly(19).isoformat(),
        "phone": "0611122233",
        "email": "",
        "needs": ["debt"],
        "reason": "Ik zoek werk.",
        "website": "",
        ONCE_FIELD: new_key(),
    }
    data.update(overrides)
    return data


def _callback(**overrides):
    data = {
        "first_name": "Daan",
        "last_name": "",
        "phone": "0699988877",
        "callback_when": "dinsdag na 15 uur",
        "reason": "",
        "website": "",
        ONCE_FIELD: new_key(),
    }
    data.update(overrides)
    return data


def _client(address="203.0.113.7") -> Client:
    return Client(REMOTE_ADDR=address)


# Registering


def test_the_form_saves_a_self_registration_with_a_reference_and_shows_the_receipt(door):
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(), follow=True)
    referral = Referral.objects.get()
    assert referral.source == IntakeSource.SELF and referral.status == ReferralStatus.RECEIVED
    assert re.fullmatch(r"AM-\d{4}-\d{5}", referral.reference)
    assert (referral.first_name, referral.needs, referral.basis.code) == ("Noor", ["debt"], "aanvraag")
    assert response.status_code == 200
    assert referral.reference in response.text and "Binnen 5 werkdagen" in response.text
    assert "Noor" not in response.redirect_chain[-1][0]  # no personal data in the address
    assert list(referral.status_changes.values_list("status", flat=True)) == ["received"]


def test_the_page_shows_the_phone_number_hours_and_privacy_sentence(door):
    text = _client().get(f"/aanmelden/{door.pk}/").text
    assert "058 233 4455" in text and "9.00-17.00" in text
    assert "Hulp nodig bij het invullen?" in text
    assert "wissen we ze na 30 dagen" in text


def test_no_opening_hours_shows_only_the_number(org):
    org.phone, org.opening_hours = "058 111", ""
    org.save(update_fields=["phone", "opening_hours"])
    text = _client().get(f"/aanmelden/{org.pk}/terugbellen/").text
    assert "058 111" in text and "uur" not in text.split("058 111")[1].split("</p>")[0]


def test_an_unknown_organisation_is_404(db):
    assert _client().get("/aanmelden/999999/").status_code == 404


def test_sending_the_same_form_twice_saves_one_registration(door):
    data = _registration()
    client = _client()
    first = client.post(f"/aanmelden/{door.pk}/", data)
    second = client.post(f"/aanmelden/{door.pk}/", data)
    assert Referral.objects.count() == 1
    assert first["Location"].split("?")[0] == second["Location"].split("?")[0]


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        (age_exactly(17, 8), "vanaf 17 jaar en 9 maanden"),
        (age_exactly(28), "tot en met 27 jaar"),
        (timezone.localdate() + dt.timedelta(days=3), "kan niet kloppen"),
    ],
)
def test_an_age_outside_the_limits_is_refused_with_a_clear_message(door, birth_date, message):
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(birth_date=birth_date.isoformat()))
    assert response.status_code == 400 and message in response.text
    assert not Referral.objects.exists()


@pytest.mark.parametrize("birth_date", [age_exactly(17, 9), age_exactly(27, 11)])
def test_the_edges_of_the_age_limits_are_accepted(door, birth_date):
    assert _client().post(f"/aanmelden/{door.pk}/", _registration(birth_date=birth_date.isoformat())).status_code == 302


def test_without_phone_or_email_the_form_asks_for_one(door):
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(phone="", email=""))
    assert response.status_code == 400
    assert "Vul je telefoonnummer of je e-mailadres in" in response.text
    assert not Referral.objects.exists()


def test_nothing_chosen_and_nothing_written_asks_what_help_is_wanted(door):
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(needs=[], reason=""))
    assert response.status_code == 400 and "Schrijf kort waar je hulp bij wilt" in response.text


def test_the_service_keeps_the_rules_too(door):
    with pytest.raises(ValidationError) as caught:
        self_registration_submit(
            organisation_id=door.pk, first_name="A", last_name="B", birth_date=age_exactly(30), phone="", email=""
        )
    assert {"birth_date", "phone", "reason"} <= set(caught.value.message_dict)


def test_the_partner_form_does_not_offer_the_youths_own_application(partner_user):
    text = signed_in_client(partner_user).get("/ketenpartner/verwijzen/").text
    assert "Eigen aanvraag van de jongere" not in text


# A script


def test_a_filled_honeypot_looks_saved_and_saves_nothing(door):
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(website="http://spam.example"), follow=True)
    assert response.status_code == 200 and "Je aanmelding is verstuurd" in response.text
    assert re.search(r"AM-\d{4}-\d{5}", response.text)
    assert not Referral.objects.exists()


def test_the_honeypot_is_hidden_from_people_screen_readers_and_the_tab_key(door):
    text = _client().get(f"/aanmelden/{door.pk}/").text
    trap = re.search(r'<div class="koers-honeypot" aria-hidden="true">.*?</div>', text, re.S).group(0)
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap and 'name="website"' in trap


def test_the_sixth_form_in_an_hour_from_one_address_is_refused_and_another_address_goes_on(door):
    client = _client("198.51.100.1")
    for number in range(5):
        assert client.post(f"/aanmelden/{door.pk}/", _registration(first_name=f"Jongere{number}")).status_code == 302
    refused = client.post(f"/aanmelden/{door.pk}/terugbellen/", _callback())
    assert refused.status_code == 429
    assert "058 233 4455" in refused.text and "Probeer het over een uur opnieuw" in refused.text
    assert Referral.objects.count() == 5
    assert _client("198.51.100.2").post(f"/aanmelden/{door.pk}/", _registration()).status_code == 302
    assert Referral.objects.count() == 6
    assert SignInAttempt.objects.filter(scope="intake_form_address").count() == 6  # the refused one is taken back


def test_the_day_limit_holds_after_the_hour(door, midday):
    import time_machine

    client = _client("198.51.100.9")
    for hour in range(5):
        with time_machine.travel(midday + dt.timedelta(hours=hour), tick=False):
            for number in range(4):
                response = client.post(f"/aanmelden/{door.pk}/", _registration(first_name=f"J{hour}x{number}"))
                assert response.status_code == (302 if hour * 4 + number < 20 else 429)
    with time_machine.travel(midday + dt.timedelta(hours=5), tick=False):
        assert client.post(f"/aanmelden/{door.pk}/", _registration()).status_code == 429


def test_invalid_forms_do_not_use_up_the_limit(door):
    client = _client("198.51.100.3")
    for _number in range(8):
        assert client.post(f"/aanmelden/{door.pk}/", _registration(phone="", email="")).status_code == 400
    assert client.post(f"/aanmelden/{door.pk}/", _registration()).status_code == 302


def test_an_over_long_field_gets_a_field_error(door):
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(first_name="A" * 101))
    assert response.status_code == 400 and "Gebruik hoogstens 100 tekens." in response.text
    assert not Referral.objects.exists()


def test_an_oversized_body_is_refused_before_it_is_read(door):
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(reason="x" * PUBLIC_FORM_MAX_BYTES))
    assert response.status_code == 413 and "Te veel tekst" in response.text
    assert not Referral.objects.exists()
    assert not SignInAttempt.objects.exists()


def test_every_field_has_a_maximum_length_in_the_page(door):
    for path in (f"/aanmelden/{door.pk}/", f"/aanmelden/{door.pk}/terugbellen/"):
        text = _client().get(path).text
        for field in re.findall(r"<(?:input|textarea)[^>]*>", text):
            if any(kind in field for kind in ('type="checkbox"', 'type="hidden"', 'type="date"')):
                continue
            assert "maxlength=" in field, field


def test_the_form_needs_its_csrf_token(door):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.8")
    assert client.post(f"/aanmelden/{door.pk}/", _registration()).status_code == 403
    assert not Referral.objects.exists()


# The e-mail check


def test_without_the_email_check_an_email_registration_is_in_the_queue_at_once(door, team_lead):
    _client().post(f"/aanmelden/{door.pk}/", _registration(email="noor@example.org"))
    referral = Referral.objects.get()
    assert not referral.awaits_email_check
    assert not OutgoingMail.objects.exists()
    assert referral.reference in signed_in_client(team_lead).get("/instroom/").text


def test_with_the_email_check_the_registration_waits_for_the_link(door, team_lead):
    door.intake_email_check = True
    door.save(update_fields=["intake_email_check"])
    receipt = _client().post(f"/aanmelden/{door.pk}/", _registration(email="noor@example.org"), follow=True)
    assert "Klik op de link in de mail" in receipt.text
    referral = Referral.objects.get()
    assert referral.awaits_email_check
    lead = signed_in_client(team_lead)
    assert referral.reference not in lead.get("/instroom/").text

    mail = OutgoingMail.objects.get(kind="intake_email_check")
    assert mail.to == "noor@example.org"
    assert "Noor" not in mail.body and "Bakker" not in mail.body and door.name not in mail.body
    link = re.search(r"http://\S+", mail.body).group(0).removeprefix("http://127.0.0.1:8000")
    page = _client().get(link)
    assert page.status_code == 200 and "Ja, dit is mijn e-mailadres" in page.text
    referral.refresh_from_db()
    assert referral.awaits_email_check  # opening the link (a mail scanner) confirms nothing
    confirmed = _client().post(link)
    assert "Je aanmelding is bij ons binnen" in confirmed.text
    referral.refresh_from_db()
    assert not referral.awaits_email_check and referral.email_checked_at
    assert referral.reference in lead.get("/instroom/").text
    assert "al bevestigd" in _client().get(link).text


def test_with_the_email_check_a_phone_only_registration_needs_no_link(door):
    door.intake_email_check = True
    door.save(update_fields=["intake_email_check"])
    _client().post(f"/aanmelden/{door.pk}/", _registration(email=""))
    assert not Referral.objects.get().awaits_email_check


def test_a_broken_or_old_link_says_what_to_do(door):
    door.intake_email_check = True
    door.save(update_fields=["intake_email_check"])
    _client().post(f"/aanmelden/{door.pk}/", _registration(email="noor@example.org"))
    link = re.search(r"http://\S+", OutgoingMail.objects.get().body).group(0).removeprefix("http://127.0.0.1:8000")
    assert "klopt niet" in _client().get("/aanmelden/bevestigen/nep/").text
    import time_machine

    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        response = _client().post(link)
    assert response.status_code == 400 and "verlopen" in response.text
    assert Referral.objects.get().awaits_email_check


def test_a_waiting_registration_cannot_be_taken_on(door, team_lead, consultant):
    door.intake_email_check = True
    door.save(update_fields=["intake_email_check"])
    referral = self_registration_submit(
        organisation_id=door.pk,
        first_name="Noor",
        last_name="Bakker",
        birth_date=age_exactly(20),
        email="noor@example.org",
        reason="Werk",
    )
    with pytest.raises(ValidationError, match="bevestigt"):
        referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)


def test_the_mail_waits_in_the_outbox_while_the_mail_server_is_down(door, settings):
    door.intake_email_check = True
    door.save(update_fields=["intake_email_check"])
    port = free_port()  # nothing listens here yet: the mail server is down
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    response = _client().post(f"/aanmelden/{door.pk}/", _registration(email="noor@example.org"))
    assert response.status_code == 302 and Referral.objects.count() == 1
    assert mail_send_due() == 0
    mail = OutgoingMail.objects.get(kind="intake_email_check")
    assert (mail.status, mail.attempts) == (MailStatus.QUEUED, 1)

    received = []

    class Collector:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    controller = Controller(Collector(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        import time_machine

        with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
            assert mail_send_due() == 1
    finally:
        controller.stop()
    assert [envelope.rcpt_tos for envelope in received] == [["noor@example.org"]]


# Call-back requests


def test_a_call_back_lands_in_the_queue_with_its_moment(door, team_lead):
    response = _client().post(f"/aanmelden/{door.pk}/terugbellen/", _callback(), follow=True)
    referral = Referral.objects.get()
    assert referral.source == IntakeSource.CALLBACK and re.fullmatch(r"TB-\d{4}-\d{5}", referral.reference)
    assert referral.birth_date is None and referral.callback_when == "dinsdag na 15 uur"
    assert "We bellen je terug" in response.text and referral.reference in response.text
    queue = signed_in_client(team_lead).get("/instroom/").text
    assert referral.reference in queue and "terugbelverzoek" in queue and "dinsdag na 15 uur" in queue
    item = signed_in_client(team_lead).get(f"/instroom/{referral.pk}/").text
    assert "0699988877" in item and "Bel de jongere eerst" in item


def test_the_call_back_page_shows_the_phone_number_and_hours(door):
    text = _client().get(f"/aanmelden/{door.pk}/terugbellen/").text
    assert "058 233 4455" in text and "maandag tot en met vrijdag 9.00-17.00 uur" in text


def test_a_call_back_needs_a_phone_number(door):
    response = _client().post(f"/aanmelden/{door.pk}/terugbellen/", _callback(phone=""))
    assert response.status_code == 400 and "zodat we je kunnen terugbellen" in response.text


def test_a_call_back_honeypot_saves_nothing(door):
    response = _client().post(f"/aanmelden/{door.pk}/terugbellen/", _callback(website="x"), follow=True)
    assert "We bellen je terug" in response.text and not Referral.objects.exists()


def test_taking_on_a_call_back_asks_for_the_birth_date_and_last_name(door, team_lead, consultant):
    referral = callback_request_submit(organisation_id=door.pk, first_name="Daan", phone="0699988877")
    with pytest.raises(ValidationError) as caught:
        referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    assert "geboortedatum" in caught.value.message_dict["birth_date"][0]
    assert "achternaam" in caught.value.message_dict["last_name"][0]

    youth = referral_take_on(
        actor=team_lead, referral_id=referral.pk, consultant=consultant, birth_date=age_exactly(20), last_name="Smit"
    )
    assert (youth.first_name, youth.last_name, youth.birth_date) == ("Daan", "Smit", age_exactly(20))
    registration = Milestone.objects.get(trajectory__youth=youth, kind=MilestoneKind.REGISTRATION)
    assert registration.source == Source.SELF


def test_the_take_on_page_asks_what_a_call_back_misses(door, team_lead, consultant):
    referral = callback_request_submit(organisation_id=door.pk, first_name="Daan", phone="0699988877")
    lead = signed_in_client(team_lead)
    refused = lead.post(f"/instroom/{referral.pk}/aannemen/", {"consultant": consultant.pk, ONCE_FIELD: new_key()})
    assert refused.status_code == 400 and "Bel de jongere en vul de geboortedatum in" in refused.text
    too_young = lead.post(
        f"/instroom/{referral.pk}/aannemen/",
        {"consultant": consultant.pk, "birth_date": age_exactly(16).isoformat(), "last_name": "Smit"},
    )
    assert too_young.status_code == 400 and "17 jaar en 9 maanden" in too_young.text
    taken = lead.post(
        f"/instroom/{referral.pk}/aannemen/",
        {
            "consultant": consultant.pk,
            "birth_date": age_exactly(20).isoformat(),
            "last_name": "Smit",
            ONCE_FIELD: new_key(),
        },
    )
    assert taken.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.TAKEN_ON and referral.youth.last_name == "Smit"


def test_a_call_back_can_be_refused_without_a_partner_to_tell(door, team_lead):
    referral = callback_request_submit(organisation_id=door.pk, first_name="Daan", phone="0699988877")
    referral_refuse(actor=team_lead, referral_id=referral.pk, reason="Woont buiten de gemeente, doorverwezen.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NOT_TAKEN_ON
    assert not OutgoingMail.objects.exists()


def test_the_refuse_form_says_who_reads_the_reason(door, team_lead, partner_user):
    from tests.intake.conftest import refer

    lead = signed_in_client(team_lead)
    callback = callback_request_submit(organisation_id=door.pk, first_name="Daan", phone="0699988877")
    own_page = lead.get(f"/instroom/{callback.pk}/").text
    assert "Alleen uw team leest dit" in own_page and "De ketenpartner leest dit" not in own_page
    refused = lead.post(
        f"/instroom/{callback.pk}/niet-aannemen/", {"refusal_reason": "Verhuisd.", ONCE_FIELD: new_key()}, follow=True
    )
    assert "De reden staat bij de aanmelding" in refused.text and "ketenpartner ziet" not in refused.text
    referral = refer(partner_user)
    assert "De ketenpartner leest dit" in lead.get(f"/instroom/{referral.pk}/").text


def test_the_team_lead_takes_on_a_self_registration_as_registered_by_the_youth(door, team_lead, consultant):
    _client().post(f"/aanmelden/{door.pk}/", _registration())
    referral = Referral.objects.get()
    response = signed_in_client(team_lead).post(
        f"/instroom/{referral.pk}/aannemen/", {"consultant": consultant.pk, ONCE_FIELD: new_key()}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    youth = referral.youth
    assert (youth.first_name, youth.last_name, youth.phone) == ("Noor", "Bakker", "0611122233")
    registration = Milestone.objects.get(trajectory__youth=youth, kind=MilestoneKind.REGISTRATION)
    assert registration.source == Source.SELF


def test_the_queue_shows_where_youths_register_themselves(door, team_lead):
    text = signed_in_client(team_lead).get("/instroom/").text
    assert f"/aanmelden/{door.pk}/" in text


# Query counts


@pytest.mark.parametrize("earlier", [0, 12])
def test_the_public_pages_run_a_fixed_number_of_queries(door, earlier, django_assert_max_num_queries):
    for number in range(earlier):
        self_registration_submit(
            organisation_id=door.pk,
            first_name=f"J{number}",
            last_name="X",
            birth_date=age_exactly(20),
            phone="06",
            reason="Werk",
        )
    client = _client()
    with django_assert_max_num_queries(2):
        assert client.get(f"/aanmelden/{door.pk}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(f"/aanmelden/{door.pk}/terugbellen/").status_code == 200
    with django_assert_max_num_queries(15):
        response = client.post(f"/aanmelden/{door.pk}/", _registration())
    with django_assert_max_num_queries(2):
        assert client.get(response["Location"]).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.post(f"/aanmelden/{door.pk}/terugbellen/", _callback()).status_code == 302

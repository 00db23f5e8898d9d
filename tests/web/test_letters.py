"""Letters from the organisation's templates: the form in the file, printing a PDF, and sending it
by e-mail (with the PDF, and kept in the conversation)."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from koers.accounts.models import Organisation
from koers.contacts.services import appointment_create
from koers.messaging.letters import PLACEHOLDER_HELP, default_letters, fill, letter_for, letter_send
from koers.messaging.models import Attachment, LetterTemplate, Message
from koers.outbox.models import OutgoingMail
from koers.trajectories.services import trajectory_create, youth_create
from koers.web.jinja import date_filter
from tests.conftest import ALLOWED, YOUTH_ACCESS, born_years_ago, days_ago

ACCESS = YOUTH_ACCESS
PHONE = "058 233 44 55"
ADDRESS = "Stadskantoor, Oldehoofsterkerkhof 2, 8911 DH Leeuwarden"
NO_PHONE = (
    "Het telefoonnummer van de organisatie ontbreekt. Vraag functioneel beheer om het in te vullen bij "
    "Beheer → Organisaties."
)
NO_DATE = "Vul de datum in: de brief noemt die."
NO_TIME = "Vul de tijd in: de brief noemt die."
NO_PLACE = "Vul de plaats in: de brief noemt die."
FIVE_LETTERS = {
    "invitation_first_conversation",
    "invitation_conversation",
    "no_show_follow_up",
    "aftercare_check_in",
    "aftercare_follow_up",
}
NO_EMAIL = "Vul eerst het e-mailadres van de jongere in, of druk de brief af."


@pytest.fixture
def with_phone(org):
    org.phone = PHONE
    org.save(update_fields=["phone"])
    return org


@pytest.fixture
def with_address(with_phone):
    with_phone.address = ADDRESS
    with_phone.save(update_fields=["address"])
    return with_phone


def template_of(org, key="invitation_conversation") -> LetterTemplate:
    return LetterTemplate.objects.get(organisation=org, key=key)


def pdf_text(content: bytes) -> str:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def letter_post(client, youth, template, action, **values):
    data = {
        "letter-template": template.pk,
        "letter-date": values.get("date", "dinsdag 14 april 2026"),
        "letter-time": values.get("time", "10:00"),
        "letter-place": values.get("place", "Stadskantoor, Oldehoofsterkerkhof 2"),
        action: "",
    }
    return client.post(reverse("letter", args=[youth.pk]), data, follow=action == "send")


@pytest.fixture
def youth_without_email(consultant):
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="Mo",
        last_name="Zonder Mail",
        birth_date=born_years_ago(22, month=2, day=2),
    )
    trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(30), source="uwv")
    return youth


# The templates


def test_every_new_organisation_starts_with_the_five_letters(db):
    organisation = Organisation.objects.create(name="Gemeente Smallingerland")

    templates = LetterTemplate.objects.filter(organisation=organisation)
    assert set(templates.values_list("key", flat=True)) == FIVE_LETTERS == set(default_letters())
    assert all(t.active and t.subject and "{voornaam}" in t.body for t in templates)


def test_the_form_lists_the_templates_with_the_next_conversations_date(started, consultant, as_user):
    later = appointment_create(
        actor=consultant, trajectory=started, date=days_ago(-14), time=dt.time(14, 0), channel="phone"
    )
    sooner = appointment_create(
        actor=consultant, trajectory=started, date=days_ago(-5), time=dt.time(9, 30), channel="office"
    )
    assert later.date > sooner.date

    response = as_user(consultant).get(reverse("youth_form", args=[started.youth_id, "letter"]))

    assert response.status_code == 200
    page = response.content.decode()
    for item in default_letters().values():
        assert item["title"] in page
    assert f'value="{date_filter(sooner.date, "l j F Y")}"' in page
    assert 'value="09:30"' in page
    assert date_filter(later.date, "l j F Y") not in page


def test_the_form_opens_without_an_appointment_with_empty_date(started, consultant, as_user):
    response = as_user(consultant).get(reverse("youth_form", args=[started.youth_id, "letter"]))
    assert response.status_code == 200
    assert 'name="letter-date"' in response.content.decode()


# Printing and sending


def test_print_gives_a_pdf_with_the_first_name_and_phone_and_sends_nothing(
    trajectory, youth, consultant, with_phone, as_user
):
    response = letter_post(as_user(consultant), youth, template_of(with_phone), "print")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # A download, never shown inline (ADR 0010): a browser's PDF viewer runs scripts and links.
    assert response["Content-Disposition"] == 'attachment; filename="brief.pdf"'
    text = pdf_text(response.content)
    assert "Beste Sanne" in text
    assert PHONE in text
    assert "dinsdag 14 april 2026" in text
    assert not OutgoingMail.objects.exists() and not Message.objects.exists()


def test_send_mails_the_letter_with_a_pdf_and_keeps_it_in_the_conversation(
    trajectory, youth, consultant, with_phone, as_user
):
    response = letter_post(as_user(consultant), youth, template_of(with_phone), "send")

    assert response.redirect_chain[-1][0].endswith("#letters-heading")
    assert "Brief verstuurd per e-mail. Hij staat ook bij de berichten." in response.content.decode()
    (letter_mail,) = OutgoingMail.objects.filter(kind="letter")
    assert letter_mail.to == "sanne@example.org"
    assert letter_mail.subject == "Uitnodiging voor ons volgende gesprek op dinsdag 14 april 2026"
    assert "Beste Sanne" in letter_mail.body and PHONE in letter_mail.body
    assert letter_mail.attachment_type == "application/pdf"
    assert bytes(letter_mail.attachment_content).startswith(b"%PDF")
    assert "Beste Sanne" in pdf_text(bytes(letter_mail.attachment_content))

    message = Message.objects.get(youth=youth)
    assert message.kind == "letter" and not message.from_youth and message.author == consultant
    attachment = message.attachments.get()
    assert attachment.kind == "pdf" and attachment.content_type == "application/pdf"
    conversation = as_user(consultant).get(reverse("youth_file", args=[youth.pk]), {"open": "messages"})
    assert "Pdf: brief.pdf" in conversation.content.decode()  # in the conversation in the file


def test_a_youth_without_an_e_mail_cannot_be_sent_a_letter_but_it_can_be_printed(
    youth_without_email, consultant, with_phone, as_user
):
    client = as_user(consultant)

    response = letter_post(client, youth_without_email, template_of(with_phone), "send")

    assert NO_EMAIL in response.content.decode()
    assert not OutgoingMail.objects.exists() and not Message.objects.exists() and not Attachment.objects.exists()

    printed = letter_post(client, youth_without_email, template_of(with_phone), "print")
    assert printed["Content-Type"] == "application/pdf"
    assert "Beste Mo" in pdf_text(printed.content)


@pytest.mark.parametrize("action", ["send", "print"])
def test_a_template_of_another_organisation_cannot_be_chosen(trajectory, youth, consultant, other_org, as_user, action):
    foreign = template_of(other_org)

    response = letter_post(as_user(consultant), youth, foreign, action)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["letter_form"].errors["template"]
    assert not OutgoingMail.objects.exists() and not Message.objects.exists()


def test_the_service_refuses_a_template_of_another_organisation(trajectory, youth, consultant, other_org):
    with pytest.raises(ValidationError, match="eigen organisatie"):
        letter_send(template=template_of(other_org), youth=youth, author=consultant, date="", time="", place="")
    assert not OutgoingMail.objects.exists()


def test_an_inactive_template_cannot_be_chosen(trajectory, youth, consultant, org, as_user):
    template = template_of(org)
    template.active = False
    template.save()

    response = letter_post(as_user(consultant), youth, template, "print")

    assert response.context["letter_form"].errors["template"]


# Placeholders


def test_fill_evaluates_nothing_typed_between_braces():
    text = "Hoi {voornaam}, {naam} en {voornaam.__class__} en {0} en {{voornaam}}."
    assert fill(text, {"voornaam": "Sanne"}) == "Hoi Sanne, {naam} en {voornaam.__class__} en {0} en {Sanne}."


@pytest.mark.parametrize("action", ["send", "print"])
def test_a_stored_template_with_an_unknown_placeholder_is_refused_naming_it(
    trajectory, youth, consultant, with_phone, as_user, action
):
    template = template_of(with_phone)
    template.body = "Hoi {voornaam}, groet van {consulnt}."  # saved before templates were checked
    template.save()

    response = letter_post(as_user(consultant), youth, template, action)

    assert response["Content-Type"].startswith("text/html")
    (error,) = response.context["letter_form"].errors["template"]
    assert error == (
        'De brief "Uitnodiging gesprek" heeft een fout: {consulnt}. Vraag functioneel beheer om de brief te '
        "verbeteren bij Beheer → Briefsjablonen."
    )
    assert not OutgoingMail.objects.exists() and not Message.objects.exists()


def test_fill_replaces_only_the_known_placeholders():
    assert fill("{voornaam} {datum} {onbekend}", {"voornaam": "Sanne", "datum": ""}) == "Sanne … {onbekend}"


def test_a_letter_is_filled_in_for_the_youth_not_with_html(trajectory, consultant, with_phone, as_user):
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="<b>Kim</b>",
        last_name="Test",
        birth_date=born_years_ago(22, month=3, day=3),
        email="kim@example.org",
    )
    trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(30), source="uwv")
    printed = pdf_text(letter_post(as_user(consultant), youth, template_of(with_phone), "print").content)
    assert "<b>Kim</b>" in printed


# No gaps: a letter with an empty placeholder does not go out


@pytest.mark.parametrize("action", ["send", "print"])
def test_a_letter_without_date_time_or_place_is_refused_at_each_field(
    trajectory, youth, consultant, with_phone, as_user, action
):
    response = letter_post(as_user(consultant), youth, template_of(with_phone), action, date="", time=" ", place="")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    errors = response.context["letter_form"].errors
    assert errors["date"] == [NO_DATE] and errors["time"] == [NO_TIME] and errors["place"] == [NO_PLACE]
    page = response.content.decode()
    assert NO_DATE in page and NO_TIME in page and NO_PLACE in page
    assert not OutgoingMail.objects.exists() and not Message.objects.exists()


@pytest.mark.parametrize("action", ["send", "print"])
def test_without_the_organisations_phone_number_no_letter_goes_out(trajectory, youth, consultant, org, as_user, action):
    response = letter_post(as_user(consultant), youth, template_of(org), action)

    assert response["Content-Type"].startswith("text/html")
    assert response.context["letter_form"].errors["template"] == [NO_PHONE]
    assert NO_PHONE in response.content.decode()
    assert not OutgoingMail.objects.exists() and not Message.objects.exists()


def test_the_service_refuses_a_letter_with_gaps_for_sending_and_printing(trajectory, youth, consultant, org):
    template = template_of(org)

    with pytest.raises(ValidationError, match="Vul de datum in") as sent:
        letter_send(template=template, youth=youth, author=consultant, date="", time="10:00", place="Stadskantoor")
    with pytest.raises(ValidationError, match="Vul de tijd in") as printed:
        letter_for(template, youth=youth, author=consultant, date="dinsdag", time="", place="Stadskantoor")

    assert sent.value.message_dict == {"date": [NO_DATE], "template": [NO_PHONE]}
    assert printed.value.message_dict == {"time": [NO_TIME], "template": [NO_PHONE]}
    assert not OutgoingMail.objects.exists()


def test_a_youth_without_e_mail_hears_every_reason_at_once(youth_without_email, consultant, org, as_user):
    response = letter_post(as_user(consultant), youth_without_email, template_of(org), "send", date="")

    page = response.content.decode()
    assert NO_EMAIL in page and NO_DATE in page and NO_PHONE in page


def test_a_letter_that_names_no_date_goes_out_without_one(trajectory, youth, consultant, with_phone, as_user):
    template = template_of(with_phone, "aftercare_check_in")
    assert "{datum}" not in template.subject + template.body

    response = letter_post(as_user(consultant), youth, template, "send", date="", time="", place="")

    assert "Brief verstuurd per e-mail." in response.content.decode()
    letter_mail = OutgoingMail.objects.get(kind="letter")
    assert f"Je kunt me bellen op {PHONE}" in letter_mail.body and "…" not in letter_mail.body


# "Op kantoor" is the organisation's address


def test_an_appointment_at_the_office_fills_in_the_organisations_address(started, consultant, with_address, as_user):
    appointment_create(actor=consultant, trajectory=started, date=days_ago(-5), time=dt.time(9, 30), channel="office")

    response = as_user(consultant).get(reverse("youth_form", args=[started.youth_id, "letter"]))

    assert f'value="{ADDRESS}"' in response.content.decode()


def test_a_letter_for_op_kantoor_names_the_address(trajectory, youth, consultant, with_address, as_user):
    response = letter_post(as_user(consultant), youth, template_of(with_address), "print", place="Op kantoor")

    text = pdf_text(response.content)
    assert f"We zien elkaar hier: {ADDRESS}." in text
    assert "hier: Op kantoor" not in text


def test_op_kantoor_without_the_organisations_address_is_refused_at_the_place(
    trajectory, youth, consultant, with_phone, as_user
):
    response = letter_post(as_user(consultant), youth, template_of(with_phone), "send", place="op kantoor")

    assert response.context["letter_form"].errors["place"] == [
        "Het bezoekadres van de organisatie ontbreekt. Typ het adres bij Plaats, of vraag functioneel beheer om "
        "het in te vullen bij Beheer → Organisaties."
    ]
    assert not OutgoingMail.objects.exists()


# The template editor (admin) refuses unknown placeholders


def _admin_post(client, template, **changes):
    data = {
        "title": template.title,
        "subject": template.subject,
        "body": template.body,
        "key": template.key,
        "active": "on",
        **changes,
    }
    return client.post(f"/admin/messaging/lettertemplate/{template.pk}/change/", data)


def test_the_template_editor_lists_the_placeholders(org, admin, as_user):
    template = template_of(org)

    page = as_user(admin).get(f"/admin/messaging/lettertemplate/{template.pk}/change/").content.decode()

    assert str(PLACEHOLDER_HELP) in page
    assert "{telefoon} en {organisatie} (telefoonnummer en naam van de organisatie)" in page


def test_the_template_editor_refuses_an_unknown_placeholder_naming_it(org, admin, as_user):
    template = template_of(org)
    body = template.body

    response = _admin_post(as_user(admin), template, body="Beste {voornaam},\n\nGroet van {consulnt}.")

    assert response.status_code == 200
    assert (
        "Koers kent het invulveld {consulnt} niet. Gebruik alleen {voornaam}, {datum}, {tijd}, {plaats}, "
        "{consulent}, {telefoon} en {organisatie}."
    ) in response.content.decode()
    template.refresh_from_db()
    assert template.body == body


def test_the_template_editor_refuses_a_loose_brace_in_the_subject(org, admin, as_user):
    response = _admin_post(as_user(admin), template_of(org), subject="Uitnodiging voor {datum")

    assert response.status_code == 200
    assert "Er staat een losse { of } in de tekst." in response.content.decode()


def test_the_template_editor_saves_known_placeholders(org, admin, as_user):
    template = template_of(org)

    response = _admin_post(as_user(admin), template, body="Beste {voornaam},\n\nBel {telefoon}.\n\n{consulent}")

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == "Beste {voornaam},\n\nBel {telefoon}.\n\n{consulent}"


# Who may do what


def _requests(youth, template):
    data = {"letter-template": template.pk, "letter-date": "maandag", "letter-time": "10:00", "letter-place": "hier"}
    return {
        "letter_send": ("post", reverse("letter", args=[youth.pk]), {**data, "send": ""}),
        "letter_print": ("post", reverse("letter", args=[youth.pk]), {**data, "print": ""}),
        "letter_form": ("get", reverse("youth_form", args=[youth.pk, "letter"]), {}),
    }


ENDPOINTS = ["letter_send", "letter_print", "letter_form"]


@pytest.mark.parametrize("persona", list(ACCESS))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_letter_endpoints_per_persona(started, with_phone, personas, as_user, persona, endpoint):
    method, url, data = _requests(started.youth, template_of(with_phone))[endpoint]

    response = getattr(as_user(personas[persona]), method)(url, data)

    if ACCESS[persona] == ALLOWED:
        assert response.status_code in (200, 302)
        if endpoint == "letter_send":
            assert Message.objects.get(kind="letter").author == personas[persona]
        if endpoint == "letter_print":
            assert response["Content-Type"] == "application/pdf"
    else:
        assert response.status_code == ACCESS[persona]
        assert not OutgoingMail.objects.exists() and not Message.objects.exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_letter_endpoints_send_anonymous_to_login(started, org, client, endpoint):
    method, url, data = _requests(started.youth, template_of(org))[endpoint]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_long_date_in_a_long_subject_still_sends_the_letter(trajectory, youth, consultant, with_phone, as_user):
    template = template_of(with_phone)
    template.subject = ("Uitnodiging voor een gesprek over je plan, je werk en je school " * 3)[:180] + " op {datum}"
    template.save()
    long_date = "maandag 14 december 2026, of als dat niet kan dinsdag"

    response = letter_post(as_user(consultant), youth, template, "send", date=long_date)

    assert "Brief verstuurd per e-mail." in response.content.decode()
    letter_mail = OutgoingMail.objects.get(kind="letter")
    assert len(letter_mail.subject) <= 200 and letter_mail.subject.startswith("Uitnodiging voor een gesprek")
    assert long_date in letter_mail.body or long_date in pdf_text(bytes(letter_mail.attachment_content))


def test_a_line_break_typed_into_the_date_does_not_break_the_mail(trajectory, youth, consultant, with_phone, as_user):
    response = letter_post(as_user(consultant), youth, template_of(with_phone), "send", date="dinsdag\r\n14 april")

    assert "Brief verstuurd per e-mail." in response.content.decode()
    assert "\n" not in OutgoingMail.objects.get(kind="letter").subject

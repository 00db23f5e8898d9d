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
from koers.messaging.letters import default_letters, fill, letter_for, letter_send
from koers.messaging.models import Attachment, LetterTemplate, Message
from koers.outbox.models import OutgoingMail
from koers.trajectories.services import trajectory_create, youth_create
from koers.web.jinja import date_filter
from tests.web.conftest import ALLOWED, YOUTH_ACCESS, days_ago

ACCESS = YOUTH_ACCESS
PHONE = "058 233 44 55"
FIVE_LETTERS = {
    "invitation_first_conversation",
    "invitation_conversation",
    "no_show_follow_up",
    "aftercare_check_in",
    "aftercare_follow_up",
}
NO_EMAIL = "Vul eerst het e-mailadres van de jongere in, of druk de brief af."


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def with_phone(org):
    org.phone = PHONE
    org.save(update_fields=["phone"])
    return org


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
        birth_date=dt.date(2004, 2, 2),
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
    assert "Pdf: brief.pdf" in response.content.decode()  # in the conversation in the file


def test_a_youth_without_an_e_mail_cannot_be_sent_a_letter_but_it_can_be_printed(
    youth_without_email, consultant, org, as_user
):
    client = as_user(consultant)

    response = letter_post(client, youth_without_email, template_of(org), "send")

    assert NO_EMAIL in response.content.decode()
    assert not OutgoingMail.objects.exists() and not Message.objects.exists() and not Attachment.objects.exists()

    printed = letter_post(client, youth_without_email, template_of(org), "print")
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


def test_unknown_placeholders_stay_as_typed_and_nothing_is_evaluated(trajectory, youth, consultant, org, as_user):
    template = template_of(org)
    template.body = "Hoi {voornaam}, {naam} en {voornaam.__class__} en {0} en {{voornaam}}.\n\nBel {telefoon}."
    template.save()

    letter = letter_for(template, youth=youth, author=consultant, date="", time="", place="")

    assert letter.body == "Hoi Sanne, {naam} en {voornaam.__class__} en {0} en {Sanne}.\n\nBel …."
    printed = pdf_text(letter_post(as_user(consultant), youth, template, "print").content)
    assert "{naam}" in printed and "{voornaam.__class__}" in printed
    assert "class" not in printed.replace("{voornaam.__class__}", "")


def test_fill_replaces_only_the_known_placeholders():
    assert fill("{voornaam} {datum} {onbekend}", {"voornaam": "Sanne", "datum": ""}) == "Sanne … {onbekend}"


def test_a_letter_is_filled_in_for_the_youth_not_with_html(trajectory, consultant, org, as_user):
    youth = youth_create(
        actor=consultant,
        consultant=consultant,
        first_name="<b>Kim</b>",
        last_name="Test",
        birth_date=dt.date(2004, 3, 3),
        email="kim@example.org",
    )
    trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(30), source="uwv")
    printed = pdf_text(letter_post(as_user(consultant), youth, template_of(org), "print").content)
    assert "<b>Kim</b>" in printed


# Who may do what


def _requests(youth, template):
    data = {"letter-template": template.pk, "letter-date": "maandag", "letter-time": "", "letter-place": ""}
    return {
        "letter_send": ("post", reverse("letter", args=[youth.pk]), {**data, "send": ""}),
        "letter_print": ("post", reverse("letter", args=[youth.pk]), {**data, "print": ""}),
        "letter_form": ("get", reverse("youth_form", args=[youth.pk, "letter"]), {}),
    }


ENDPOINTS = ["letter_send", "letter_print", "letter_form"]


@pytest.mark.parametrize("persona", list(ACCESS))
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_letter_endpoints_per_persona(started, org, personas, as_user, persona, endpoint):
    method, url, data = _requests(started.youth, template_of(org))[endpoint]

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


def test_a_long_date_in_a_long_subject_still_sends_the_letter(trajectory, youth, consultant, org, as_user):
    template = template_of(org)
    template.subject = ("Uitnodiging voor een gesprek over je plan, je werk en je school " * 3)[:180] + " op {datum}"
    template.save()
    long_date = "maandag 14 december 2026, of als dat niet kan dinsdag"

    response = letter_post(as_user(consultant), youth, template, "send", date=long_date)

    assert "Brief verstuurd per e-mail." in response.content.decode()
    letter_mail = OutgoingMail.objects.get(kind="letter")
    assert len(letter_mail.subject) <= 200 and letter_mail.subject.startswith("Uitnodiging voor een gesprek")
    assert long_date in letter_mail.body or long_date in pdf_text(bytes(letter_mail.attachment_content))


def test_a_line_break_typed_into_the_date_does_not_break_the_mail(trajectory, youth, consultant, org, as_user):
    response = letter_post(as_user(consultant), youth, template_of(org), "send", date="dinsdag\r\n14 april")

    assert "Brief verstuurd per e-mail." in response.content.decode()
    assert "\n" not in OutgoingMail.objects.get(kind="letter").subject

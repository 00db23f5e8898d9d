"""Letters from the organisation's templates: filled in, mailed with a PDF, kept in the
conversation (so the youth finds it in the portal too), and printable."""

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from koers.accounts.models import User
from koers.lib.pdf import html_to_pdf
from koers.messaging.models import LetterTemplate, Message, MessageKind
from koers.messaging.services import message_send
from koers.messaging.uploads import CleanFile, UploadKind
from koers.outbox.services import SUBJECT_LENGTH, Attachment, mail_queue
from koers.trajectories.models import Youth

PLACEHOLDERS = ("voornaam", "datum", "tijd", "plaats", "consulent", "telefoon", "organisatie")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


@functools.cache
def default_letters() -> dict:
    text = resources.files("koers.messaging").joinpath("data/letters.json").read_text(encoding="utf-8")
    return json.loads(text)


def install_letter_defaults(organisation, *, model=None) -> None:
    model = model or LetterTemplate
    have = set(model.objects.filter(organisation=organisation).values_list("key", flat=True))
    model.objects.bulk_create(
        model(organisation=organisation, key=key, title=item["title"], subject=item["subject"], body=item["body"])
        for key, item in default_letters().items()
        if key not in have
    )


def fill(text: str, values: dict[str, str]) -> str:
    """Only the known placeholders are replaced (no str.format: a template is typed by people)."""
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), "") or "…", text)


@dataclass(frozen=True)
class Letter:
    subject: str
    body: str

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


def letter_for(template: LetterTemplate, *, youth: Youth, author: User, date: str, time: str, place: str) -> Letter:
    values = {
        "voornaam": youth.first_name,
        "datum": date,
        "tijd": time,
        "plaats": place,
        "consulent": author.get_full_name() or author.username,
        "telefoon": youth.organisation.phone,
        "organisatie": youth.organisation.name,
    }
    # The filled-in values may make the subject longer than a mail allows, or (typed) break it.
    subject = " ".join(fill(template.subject, values).split())[:SUBJECT_LENGTH]
    return Letter(subject=subject, body=fill(template.body, values))


def letter_pdf(letter: Letter, *, youth: Youth) -> bytes:
    html = render_to_string("messaging/letter_pdf.html", {"letter": letter, "youth": youth})
    return html_to_pdf(html)


@transaction.atomic
def letter_send(
    *, template: LetterTemplate, youth: Youth, author: User, date: str, time: str, place: str, client_key: str = ""
) -> Message:
    """Mail the letter (text and PDF) and keep it in the conversation with the PDF attached. The
    same `client_key` twice (a double click) sends one letter.

    Unlike a notification, a letter carries its content: it is the letter the organisation sends
    (date, time, place), as on paper; it names no third party and no plan detail."""
    key = f"form:letter:{client_key[:60]}" if client_key else ""
    if key:
        earlier = Message.objects.filter(youth=youth, client_key=key).first()
        if earlier is not None:
            return earlier
    if template.organisation_id != youth.organisation_id:
        raise ValidationError(_("Kies een brief van uw eigen organisatie."))
    if not youth.email:
        raise ValidationError(_("Vul eerst het e-mailadres van de jongere in, of druk de brief af."))
    letter = letter_for(template, youth=youth, author=author, date=date, time=time, place=place)
    pdf = letter_pdf(letter, youth=youth)
    mail_queue(
        to=youth.email,
        subject=letter.subject,
        body=letter.body,
        kind=MessageKind.LETTER,
        attachment=Attachment(name="brief.pdf", content=pdf, mimetype="application/pdf"),
        dedupe_key=key or None,
    )
    file = CleanFile(
        content=pdf, content_type="application/pdf", extension="pdf", kind=UploadKind.PDF, name="brief.pdf"
    )
    return message_send(
        youth=youth,
        from_youth=False,
        author=author,
        kind=MessageKind.LETTER,
        body=letter.subject,
        files=[file],
        client_key=key,
    )

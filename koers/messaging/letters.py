"""Letters from the organisation's templates: filled in, mailed with a PDF, kept in the
conversation (so the youth finds it in the portal too), and printable."""

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.accounts.models import Organisation, User
from koers.contacts.models import Channel
from koers.lib.pdf import html_to_pdf
from koers.messaging.models import LetterTemplate, Message, MessageKind
from koers.messaging.services import message_send
from koers.messaging.uploads import CleanFile, UploadKind
from koers.outbox.services import SUBJECT_LENGTH, Attachment, mail_queue
from koers.trajectories.models import Youth

PLACEHOLDERS = ("voornaam", "datum", "tijd", "plaats", "consulent", "telefoon", "organisatie")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_BRACED = re.compile(r"\{([^{}]*)\}")

# The placeholders the consultant types in the letter form: a gap is refused at that field.
_TYPED = {
    "datum": ("date", gettext_lazy("Vul de datum in: de brief noemt die.")),
    "tijd": ("time", gettext_lazy("Vul de tijd in: de brief noemt die.")),
    "plaats": ("place", gettext_lazy("Vul de plaats in: de brief noemt die.")),
}
# The placeholders Koers fills in from what is stored: the consultant cannot fix these in the
# letter form, so the message (at the chosen letter) says who can.
_STORED = {
    "telefoon": gettext_lazy(
        "Het telefoonnummer van de organisatie ontbreekt. Vraag functioneel beheer om het in te vullen "
        "bij Beheer → Organisaties."
    ),
    "voornaam": gettext_lazy("De voornaam van de jongere ontbreekt. Vul die eerst in bij de gegevens van de jongere."),
    "consulent": gettext_lazy(
        "Uw naam ontbreekt. Vraag functioneel beheer om die in te vullen bij Beheer → Medewerkers."
    ),
    "organisatie": gettext_lazy(
        "De naam van de organisatie ontbreekt. Vraag functioneel beheer om die in te vullen bij Beheer → Organisaties."
    ),
}
NO_OFFICE_ADDRESS = gettext_lazy(
    "Het bezoekadres van de organisatie ontbreekt. Typ het adres bij Plaats, of vraag functioneel beheer om het "
    "in te vullen bij Beheer → Organisaties."
)
PLACEHOLDER_HELP = gettext_lazy(
    "Invulvelden: {voornaam} (van de jongere), {datum}, {tijd} en {plaats} (typt de consulent bij de brief), "
    "{consulent} (naam van de consulent), {telefoon} en {organisatie} (telefoonnummer en naam van de "
    "organisatie). Andere woorden tussen { en } kunnen niet."
)


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


def unknown_placeholders(text: str) -> list[str]:
    """What a letter would print literally: words between { and } that are no placeholder."""
    return list(dict.fromkeys(f"{{{name}}}" for name in _BRACED.findall(text) if name not in PLACEHOLDERS))


def _loose_brace(text: str) -> bool:
    rest = _BRACED.sub("", text)
    return "{" in rest or "}" in rest


def _allowed() -> str:
    names = [f"{{{name}}}" for name in PLACEHOLDERS]
    return _("%(names)s en %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def letter_template_check(*, subject: str, body: str) -> None:
    """A template is saved only with known placeholders, else a letter prints "{consulnt}".
    Raises ValidationError by field (subject, body), naming the unknown and the allowed ones."""
    errors: dict[str, list[str]] = {}
    for field, text in (("subject", subject), ("body", body)):
        unknown = unknown_placeholders(text)
        if unknown:
            message = ngettext(
                "Koers kent het invulveld %(unknown)s niet. Gebruik alleen %(allowed)s.",
                "Koers kent de invulvelden %(unknown)s niet. Gebruik alleen %(allowed)s.",
                len(unknown),
            )
            errors.setdefault(field, []).append(message % {"unknown": ", ".join(unknown), "allowed": _allowed()})
        if _loose_brace(text):
            errors.setdefault(field, []).append(
                _("Er staat een losse { of } in de tekst. Zet een invulveld tussen { en }, zoals {voornaam}.")
            )
    if errors:
        raise ValidationError(errors)


def is_office(place: str) -> bool:
    return place.strip().casefold() == str(Channel.OFFICE.label).casefold()


def letter_place(place: str, *, organisation: Organisation) -> str:
    """ "op kantoor" (an appointment's channel, as the letter form fills it in) becomes the
    organisation's visiting address: the youth needs to know where to go."""
    if is_office(place) and organisation.address:
        return organisation.address
    return place


def _gaps(template: LetterTemplate, values: dict[str, str]) -> dict[str, list[str]]:
    """Per form field, what the letter would leave open (only the placeholders it uses count)."""
    errors: dict[str, list[str]] = {}
    text = f"{template.subject}\n{template.body}"
    # A template saved before placeholders were checked.
    if unknown_placeholders(text) or _loose_brace(text):
        errors["template"] = [
            _(
                'De brief "%(title)s" heeft een fout: %(wrong)s. Vraag functioneel beheer om de brief te '
                "verbeteren bij Beheer → Briefsjablonen."
            )
            % {"title": template.title, "wrong": ", ".join(unknown_placeholders(text)) or _("een losse { of }")}
        ]
    used = set(_PLACEHOLDER.findall(text))
    for name in PLACEHOLDERS:
        if name not in used:
            continue
        if name == "plaats" and is_office(values[name]):
            errors.setdefault("place", []).append(str(NO_OFFICE_ADDRESS))
        elif not values[name].strip():
            field, message = _TYPED.get(name) or ("template", _STORED[name])
            errors.setdefault(field, []).append(str(message))
    return errors


def letter_for(template: LetterTemplate, *, youth: Youth, author: User, date: str, time: str, place: str) -> Letter:
    """The letter filled in for the youth. A letter never goes out with a gap: an empty placeholder
    it uses, "op kantoor" without the organisation's address, or a placeholder Koers does not know
    is refused (ValidationError by form field: date, time, place, template), for sending and
    printing alike."""
    organisation = youth.organisation
    values = {
        "voornaam": youth.first_name,
        "datum": date,
        "tijd": time,
        "plaats": letter_place(place, organisation=organisation),
        "consulent": author.get_full_name() or author.username,
        "telefoon": organisation.phone,
        "organisatie": organisation.name,
    }
    errors = _gaps(template, values)
    if errors:
        raise ValidationError(errors)
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
    # Every reason to refuse at once, so the consultant fixes them in one round.
    errors: dict[str, list[str]] = {}
    if not youth.email:
        errors[NON_FIELD_ERRORS] = [_("Vul eerst het e-mailadres van de jongere in, of druk de brief af.")]
    try:
        letter = letter_for(template, youth=youth, author=author, date=date, time=time, place=place)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
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

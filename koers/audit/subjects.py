"""What the access log's subjects and channels mean, in the youth's words: the portal's "Wie heeft
mijn gegevens bekeken?" and the data download say it this way, never with the stored code.

The subjects are written by the access helpers and the list pages (`subject=` in koers/);
tests/audit/test_subjects.py fails when one of them has no words here.
"""

from django.utils.translation import gettext_lazy as _

from koers.audit.models import AccessAction, AccessChannel

# A list page showed the youth's name among others (one entry per youth shown); the file itself
# was not opened. Each says where the name was seen.
LIST_SUBJECTS = {
    "today": _("in het overzicht Vandaag van een medewerker"),
    "search": _("bij het zoeken naar een jongere"),
    "youth_list": _("in een lijst die een ander computersysteem ophaalde"),
    "duplicate_check": _("bij een controle of je al in Koers stond"),
    "insights": _("in het overzicht van het eigen werk van je consulent"),
    "insights_n1": _("in een overzicht van je consulent van wat een aanpak opleverde"),
    "insights_n1_research": _(
        "in een overzicht voor onderzoek waar je toestemming voor gaf (daar stond je naam niet bij)"
    ),
    "employer_page": _("op de pagina van een werkgever, bij een kennismaking met jou"),
}

# The part of the file that was opened, changed or downloaded.
PARTS = {
    "youth": _("je dossier"),
    "history": _("je geschiedenis"),
    "attachment": _("een bijlage bij een bericht"),
    "agenda": _("je actiepunten"),
    "access_log": _("wie je gegevens bekeek"),
    "appointment": _("een gesprek"),
    "correction": _("een stap in je traject"),
    "milestone": _("een stap in je traject"),
    "trajectory": _("je traject"),
    "hand_over": _("wie je consulent is"),
    "consultant": _("wie je consulent is"),
    "letter": _("een brief"),
    "agreement": _("een afspraak"),
    "enforcement": _("een voorstel tot handhaving"),
    "message": _("een bericht"),
    "messages_poll": _("je berichten"),
    "portal": _("je toegang tot Mijn Koers"),
    "progress": _("je leefgebieden of je cijfers"),
    "n1": _("een grafiek van je cijfers over tijd (N=1-analyse)"),
    "contact": _("een contact"),
    "plan": _("je plan"),
    "plan_pdf": _("je plan als pdf"),
    "daily_step": _("je stap van de dag"),
    "network": _("je netwerk"),
    "barrier": _("wat je in de weg staat"),
    "research_consent": _("je toestemming voor onderzoek"),
    # folded parts of the file, opened one at a time
    "messages": _("je berichten"),
    "appointments": _("je gesprekken"),
    "agreements": _("je afspraken"),
    "barriers": _("wat je in de weg staat"),
    "work": _("je wensen voor werk, vacatures en kennismakingen met werkgevers"),
    # the forms of that part, opened from it (logged under their own name)
    "tip": _("een vacature die je consulent je wil tippen"),
    "introduction": _("een kennismaking met een werkgever"),
    "research_export": _("je gegevens zonder je naam, voor onderzoek waar je toestemming voor gaf"),
    "impact": _("het verhaal en de kosten van je traject (effectenlijn)"),
    "impact_report": _("het rapport over het verhaal en de kosten van je traject"),
    # Written once, when the file is destroyed after its retention date (koers.retention).
    "destruction": _("je dossier, vernietigd na de bewaartermijn"),
}
SOME_PART = _("je gegevens")  # a subject not listed above still reads as Dutch

# How it happened, when not on Koers's own website (that is the usual way, so it is not said).
CHANNEL_WORDS = {
    AccessChannel.WEB: "",
    AccessChannel.API: _("via een koppeling met een ander computersysteem"),
    AccessChannel.COMMAND: _("via een opdracht van de beheerder"),
    AccessChannel.PORTAL: _("door jou in Mijn Koers"),
}


class Kind:
    """What happened, as the youth reads it: one line per person, day and kind."""

    LISTED = "listed"
    OPENED = "opened"
    CREATED = "created"
    CHANGED = "changed"
    DOWNLOADED = "downloaded"


KIND_WORDS = {
    Kind.LISTED: _("Je naam stond in een lijst"),
    Kind.OPENED: _("Je dossier is geopend"),
    Kind.CREATED: _("Aangemaakt"),
    Kind.CHANGED: _("Iets veranderd of vastgelegd"),
    Kind.DOWNLOADED: _("Gedownload"),
}


def kind_of(*, action: str, subject: str) -> str:
    if subject in LIST_SUBJECTS:
        return Kind.LISTED
    return {
        AccessAction.VIEW: Kind.OPENED,
        AccessAction.CREATE: Kind.CREATED,
        AccessAction.EXPORT: Kind.DOWNLOADED,
    }.get(action, Kind.CHANGED)


def subject_words(subject: str) -> str:
    """Where the name stood (a list), or which part of the file (anything else)."""
    return str(LIST_SUBJECTS.get(subject) or PARTS.get(subject) or SOME_PART)

"""The privacy registry's entries for the front door and the way out (issue 19): a youth's wishes for
work, the vacancies they are interested in or were tipped, introductions to employers, and the
referral that brought them in. Part of `koers.privacy.registry.REGISTRY`, in its order."""

from django.utils.translation import gettext_lazy as _

from koers.intake.models import Referral, Specialism
from koers.privacy.entries import RECORDED_AT, PersonalData, Shown
from koers.privacy.entries import labels_of as _labels
from koers.work.models import (
    Introduction,
    IntroductionOutcomeChange,
    StartSupport,
    VacancyInterest,
    VacancyKind,
    VacancyTip,
    WorkInterest,
)
from koers.work.sectors import short_name

WORK: tuple[PersonalData, ...] = (
    PersonalData(
        WorkInterest,
        _("wensen voor werk"),
        youth="youth_id",
        fields=(
            Shown("sectors", _("sectoren"), lambda row: [short_name(code) for code in row.sectors]),
            Shown("hours_min", _("uren per week, minstens")),
            Shown("hours_max", _("uren per week, hoogstens")),
            Shown("places", _("plaatsen")),
            Shown("kinds", _("soorten werk"), lambda row: _labels(row.kinds, VacancyKind.choices)),
            Shown("support", _("hulp bij de start"), lambda row: _labels(row.support, StartSupport.choices)),
            Shown("support_note", _("iets anders dat je nodig hebt")),
            Shown("updated_at", _("laatst aangepast op")),
        ),
        kept_on_destroy={
            "sectors": "codes of sectors, counted on Werk en werkgevers",
            "kinds": "codes of kinds of work",
            "support": "codes of the help at the start",
        },
    ),
    PersonalData(
        VacancyInterest,
        _("vacatures waar je interesse in hebt"),
        youth="youth_id",
        order=("created_at", "pk"),
        fields=(
            Shown("vacancy", _("vacature"), lambda row: f"{row.vacancy.title} ({row.vacancy.place})"),
            Shown("created_at", _("op")),
        ),
    ),
    PersonalData(
        VacancyTip,
        _("vacatures die je consulent tipte"),
        youth="youth_id",
        order=("created_at", "pk"),
        fields=(
            Shown("vacancy", _("vacature"), lambda row: f"{row.vacancy.title} ({row.vacancy.place})"),
            Shown("note", _("waarom")),
            Shown("created_at", _("op")),
        ),
    ),
    PersonalData(
        Introduction,
        _("kennismakingen met werkgevers"),
        youth="youth_id",
        order=("date", "pk"),
        fields=(
            Shown("date", _("datum")),
            Shown("employer", _("werkgever"), lambda row: row.employer.name),
            Shown("vacancy", _("vacature"), lambda row: row.vacancy.title if row.vacancy else ""),
            Shown("note", _("notitie")),
            Shown("working_elements", _("wat de consulent deed")),
            Shown("outcome", _("uitkomst")),
            Shown("recorded_at", RECORDED_AT),
        ),
        kept_back={"trajectory": "the trajectory it was recorded in; shown by its date"},
    ),
    PersonalData(
        IntroductionOutcomeChange,
        _("uitkomsten"),
        youth="introduction__youth_id",
        within="introduction",
        order=("on", "pk"),
        fields=(Shown("outcome", _("uitkomst")), Shown("on", _("op")), Shown("recorded_at", RECORDED_AT)),
    ),
)

REFERRAL = PersonalData(
    Referral,
    _("wie je aanmeldde"),
    youth="youth_id",
    order=("submitted_at", "pk"),
    fields=(
        Shown("chain_partner", _("aangemeld door"), lambda r: r.chain_partner.name if r.chain_partner else ""),
        Shown("source", _("hoe")),
        Shown("submitted_at", _("wanneer")),
        Shown("reference", _("kenmerk")),
        Shown("reason", _("waarom")),
        Shown("partner_action", _("wat de aanmelder al deed")),
        Shown("needs", _("hulp nodig bij"), lambda r: _labels(r.needs, Specialism.choices)),
        Shown("basis", _("grondslag"), lambda r: r.basis.label if r.basis else ""),
        Shown("consent_given_by", _("toestemming gegeven door")),
        Shown("consent_given_on", _("toestemming gegeven op")),
        Shown("consent_how", _("hoe toestemming is gegeven")),
        Shown("first_name", _("voornaam")),
        Shown("last_name", _("achternaam")),
        Shown("birth_date", _("geboortedatum")),
        Shown("phone", _("telefoonnummer")),
        Shown("email", _("e-mailadres")),
        Shown("status", _("status")),
        Shown("callback_when", _("wanneer je gebeld wilde worden")),
        Shown("email_checked_at", _("e-mailadres bevestigd op")),
    ),
    kept_back={
        "refusal_reason": "empty for every referral taken on, and only those link to a youth",
        "submission_key": "a random key against a doubled form, no personal data",
        "awaits_email_check": "false for every referral taken on (a waiting one cannot be taken on)",
    },
    kept_on_destroy={"needs": "codes of the specialisms asked for, counted on Verwijzingen"},
    years_on_destroy=("birth_date",),
)

"""The one list of where Koers keeps a youth's personal data (AVG): every model, the fields shown to
the youth, how a row links to the youth, and a Dutch label.

"Al mijn gegevens" (koers.portal.export) reads it, and so will the retention period. A model that
links to a youth (a foreign key, directly or through a trajectory, contact or other row) is either
here or in `NOT_PERSONAL_DATA` with the reason; tests/privacy/test_registry.py finds such models
in Django's app registry and fails for one that is in neither. Within a registered model, every
field is shown, kept back with a reason, or one of the fields no youth needs to read (`is_unshown`).
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.audit.models import AccessLogEntry
from koers.contacts.models import (
    Agreement,
    Appointment,
    AppointmentStatusChange,
    Contact,
    EnforcementProposal,
    LifeDomainAssessment,
    LifeDomainScore,
    Participant,
    SelfRating,
)
from koers.messaging.models import Attachment, Message
from koers.method.life_domains import LIFE_DOMAIN_SETS, SCORE_LABELS
from koers.notifications.models import NotificationSetting, PendingNotification, PortalAccess
from koers.plans.daily_steps import library
from koers.plans.models import DailyStepChoice, DailyStepDone, Plan, PlanRevision, SubGoal, SubGoalStatus
from koers.privacy.entries import RECORDED_AT, Linked, OnDestroy, PersonalData, Shown
from koers.privacy.entries import labels_of as _labels
from koers.privacy.front_door import REFERRAL, WORK
from koers.privacy.impact import IMPACT
from koers.trajectories.models import (
    Barrier,
    ConsultantAssignment,
    Milestone,
    NetworkConsent,
    NetworkMember,
    ResearchConsent,
    Route,
    TargetGroup,
    Trajectory,
    Youth,
)

# Values in words


_DOMAINS = {code: label for domains in LIFE_DOMAIN_SETS.values() for code, label in domains}


def _score_in_words(score: int) -> str:
    return f"{score} ({SCORE_LABELS[score]})" if score in SCORE_LABELS else str(score)


def _daily_steps(keys: list[str]) -> list[str]:
    texts = {step["key"]: step["text"] for step in library()}
    return [texts.get(key, key) for key in keys] or [str(_("alle stappen"))]


def _later(milestone: Milestone) -> str:
    replacement = getattr(milestone, "replaced_by", None)
    if replacement is None:
        return ""
    return str(_("ingetrokken") if replacement.withdrawn else _("verbeterd"))


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _version_in_words(snapshot: dict) -> dict:
    """A plan version as it was, in the same words as the plan (the snapshot stores codes)."""
    statuses = dict(SubGoalStatus.choices)
    return {
        str(_("route")): str(dict(Route.choices).get(snapshot.get("route"), "")),
        str(_("hoofddoel")): snapshot.get("main_goal", ""),
        str(_("afspraken")): snapshot.get("agreements", ""),
        str(_("evaluatie op")): _day(snapshot.get("evaluation_on")),
        str(_("subdoelen")): [
            {
                str(_("subdoel")): goal.get("text", ""),
                str(_("wie doet het")): goal.get("owner_label", ""),
                str(_("klaar op")): _day(goal.get("due_on")),
                str(_("stand")): str(statuses.get(goal.get("status"), "")),
                str(_("notitie van jou")): goal.get("youth_note", ""),
            }
            for goal in snapshot.get("sub_goals", [])
        ],
    }


# The registry. Parents come before the entries shown within them.
YOUTH = PersonalData(
    Youth,
    _("gegevens"),
    youth="pk",
    one=True,
    fields=(
        Shown("first_name", _("voornaam")),
        Shown("last_name", _("achternaam")),
        Shown("birth_date", _("geboortedatum")),
        Shown("email", _("e-mailadres")),
        Shown("phone", _("telefoonnummer")),
        Shown("has_start_qualification", _("startkwalificatie")),
        Shown("target_groups", _("kenmerken"), lambda youth: _labels(youth.target_groups, TargetGroup.choices)),
        Shown("organisation", _("organisatie"), lambda youth: youth.organisation.name),
        Shown("contact_interval_days", _("eigen contactnorm (dagen)")),
        Shown("face_to_face_norm", _("contactnorm: persoonlijk contact")),
        Shown("treatment_elsewhere", _("behandeling bij een andere organisatie")),
        Shown("created_at", _("in Koers sinds")),
    ),
    kept_back={
        "sort_name": "the same name again, written surname first for sorting lists",
        "destroyed_on": "empty while the youth can read their data; set when the file is destroyed",
    },
    kept_on_destroy={"target_groups": "codes of the target groups, which insights counts"},
    years_on_destroy=("birth_date",),
)

REGISTRY: tuple[PersonalData, ...] = (
    YOUTH,
    PersonalData(
        PortalAccess,
        _("toegang tot Mijn Koers"),
        youth="youth_id",
        fields=(
            Shown("active", _("aan")),
            Shown("invited_at", _("uitgenodigd op")),
            Shown("last_sign_in_at", _("laatst ingelogd op")),
        ),
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        NotificationSetting,
        _("je keuzes voor e-mails"),
        youth="youth_id",
        fields=(Shown("kind", _("e-mail over")), Shown("enabled", _("aan"))),
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        PendingNotification,
        _("e-mails over nieuws"),
        youth="youth_id",
        order=("created_at", "pk"),
        fields=(
            Shown("kind", _("e-mail over")),
            Shown("created_at", _("klaargezet op")),
            Shown("sent_at", _("verstuurd op")),
            Shown("skipped", _("niet verstuurd, want al gezien of uitgezet")),
        ),
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        ConsultantAssignment,
        _("wissels van consulent"),
        youth="youth_id",
        order=("starts_on", "pk"),
        fields=(
            Shown("starts_on", _("vanaf")),
            Shown("note", _("overdrachtsnotitie")),
            Shown("youth_informed", _("jij wist ervan")),
            Shown("recorded_at", RECORDED_AT),
        ),
    ),
    PersonalData(
        Trajectory,
        _("trajecten"),
        youth="youth_id",
        order=("created_at", "pk"),
        fields=(Shown("phase", _("fase")), Shown("created_at", _("begonnen op"))),
    ),
    PersonalData(
        Milestone,
        _("mijlpalen"),
        youth="trajectory__youth_id",
        within="trajectory",
        only=models.Q(withdrawn=False),
        order=("date", "pk"),
        fields=(
            Shown("kind", _("soort")),
            Shown("date", _("datum")),
            Shown("source", _("bron")),
            Shown("route", _("route")),
            Shown("destination", _("bestemming")),
            Shown("reason", _("reden")),
            Shown("note", _("toelichting")),
            Shown("replaced_by", _("later"), _later),
            Shown("recorded_at", RECORDED_AT),
        ),
        kept_back={
            "withdrawn": "a withdrawal is a row of its own; it shows on the milestone it withdraws ('later')",
            "replaces": "the link between a correction and the row it corrects; shown as 'later' on that row",
        },
    ),
    PersonalData(
        Contact,
        _("contacten"),
        youth="trajectory__youth_id",
        order=("date", "pk"),
        fields=(
            Shown("date", _("datum")),
            Shown("channel", _("kanaal")),
            Shown("purpose", _("doel")),
            Shown("phase", _("fase van je traject")),
            Shown(
                "participant_rows",
                _("wie waren erbij"),
                lambda contact: _labels(contact.participants, Participant.choices),
            ),
            Shown("network_members", _("uit je netwerk")),
            Shown("interventions", _("wat de consulent deed")),
            Shown("steps", _("stappen uit de werkwijze")),
            Shown("toolbox_items", _("uit de gereedschapskist")),
            Shown("evaluation_question_asked", _("evaluatievraag gesteld")),
            Shown("notes", _("notities")),
            Shown("recorded_at", RECORDED_AT),
        ),
        kept_on_destroy={"phase": "the code of the phase the contact was in, which insights counts"},
    ),
    PersonalData(
        Agreement,
        _("afspraken"),
        youth="trajectory__youth_id",
        order=("contact__date", "pk"),
        fields=(
            Shown("description", _("wat")),
            Shown("owner", _("wie")),
            Shown("due_on", _("uiterlijk")),
            Shown("done_on", _("gedaan op")),
            Shown("contact", _("gemaakt bij het contact van"), lambda agreement: agreement.contact.date),
        ),
    ),
    PersonalData(
        Appointment,
        _("gesprekken"),
        youth="trajectory__youth_id",
        order=("date", "time", "pk"),
        fields=(
            Shown("date", _("datum")),
            Shown("time", _("tijd")),
            Shown("channel", _("kanaal")),
            Shown("description", _("omschrijving")),
            Shown("status", _("status")),
            Shown("created_at", _("gepland op")),
        ),
    ),
    PersonalData(
        AppointmentStatusChange,
        _("wijzigingen"),
        youth="appointment__trajectory__youth_id",
        within="appointment",
        order=("changed_at", "pk"),
        fields=(Shown("status", _("status")), Shown("changed_at", _("op"))),
    ),
    PersonalData(
        EnforcementProposal,
        _("voorstellen tot handhaving"),
        youth="trajectory__youth_id",
        order=("proposed_on", "pk"),
        fields=(
            Shown("proposed_on", _("voorgesteld op")),
            Shown("reason", _("reden")),
            Shown("conversation", _("gesprek erover op"), lambda proposal: proposal.conversation.date),
            Shown("recorded_at", RECORDED_AT),
        ),
    ),
    PersonalData(
        LifeDomainAssessment,
        _("leefgebieden"),
        youth="trajectory__youth_id",
        order=("date", "pk"),
        fields=(
            Shown("date", _("datum")),
            Shown("occasion", _("moment")),
            Shown("recorded_at", RECORDED_AT),
        ),
        kept_back={"domain_set": "which list of life domains was used; each score names its domain"},
        kept_on_destroy={"domain_set": "the code of the list of life domains"},
    ),
    PersonalData(
        LifeDomainScore,
        _("scores"),
        youth="assessment__trajectory__youth_id",
        within="assessment",
        order=("pk",),
        fields=(
            Shown("domain", _("leefgebied"), lambda score: str(_DOMAINS.get(score.domain, score.domain))),
            Shown("score", _("score (1 tot 5)"), lambda score: _score_in_words(score.score)),
            Shown("note", _("toelichting")),
            Shown("first_to_solve", _("als eerste aanpakken")),
        ),
        kept_on_destroy={"domain": "the code of the life domain the score is about"},
    ),
    PersonalData(
        SelfRating,
        _("zelfbeoordelingen"),
        youth="trajectory__youth_id",
        order=("date", "pk"),
        fields=(
            Shown("date", _("datum")),
            Shown("stress", _("stress (0 tot 10)")),
            Shown("confidence", _("vertrouwen in de volgende stap (0 tot 10)")),
            Shown("mark", _("cijfer voor het traject (1 tot 10)")),
        ),
        kept_back={"contact": "the contact it was given at; its date is the rating's date"},
    ),
    PersonalData(
        Barrier,
        _("belemmeringen"),
        youth="youth_id",
        order=("noted_on", "pk"),
        fields=(
            Shown("kind", _("wat")),
            Shown("noted_on", _("sinds")),
            Shown("source", _("gehoord van")),
            Shown("note", _("toelichting")),
            Shown("resolved_on", _("opgelost op")),
            Shown("recorded_at", RECORDED_AT),
        ),
    ),
    PersonalData(
        NetworkMember,
        _("netwerk"),
        youth="youth_id",
        order=("name", "pk"),
        fields=(
            Shown("name", _("naam")),
            Shown("relation", _("relatie")),
            Shown("influence", _("steunend of belemmerend")),
            Shown("phone", _("telefoonnummer")),
            Shown("email", _("e-mailadres")),
            Shown("recorded_at", RECORDED_AT),
        ),
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        NetworkConsent,
        _("toestemmingen"),
        youth="member__youth_id",
        within="member",
        order=("given_on", "pk"),
        fields=(
            Shown("purpose", _("waarvoor")),
            Shown("given_by", _("gegeven door")),
            Shown("given_on", _("gegeven op")),
            Shown("revoked_on", _("ingetrokken op")),
            Shown("recorded_at", RECORDED_AT),
        ),
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        ResearchConsent,
        _("toestemming voor onderzoek"),
        youth="youth_id",
        order=("given_on", "pk"),
        fields=(
            Shown("purpose", _("waarvoor")),
            Shown("given_on", _("gegeven op")),
            Shown("revoked_on", _("ingetrokken op")),
            Shown("recorded_at", RECORDED_AT),
            Shown("revoked_at", _("intrekking vastgelegd op")),
        ),
    ),
    PersonalData(
        Plan,
        _("plannen"),
        youth="youth_id",
        order=("made_on", "pk"),
        fields=(
            Shown("route", _("route")),
            Shown("main_goal", _("hoofddoel")),
            Shown("agreements", _("afspraken")),
            Shown("made_on", _("gemaakt op")),
            Shown("evaluation_on", _("evaluatie op")),
            Shown("version", _("versie")),
            Shown("updated_at", _("laatst aangepast op")),
        ),
        kept_back={"trajectory": "the trajectory the plan belongs to; one plan per trajectory, shown by date"},
    ),
    PersonalData(
        SubGoal,
        _("subdoelen"),
        youth="plan__youth_id",
        within="plan",
        order=("position", "pk"),
        fields=(
            Shown("text", _("subdoel")),
            Shown("owner", _("wie doet het"), lambda goal: goal.owner_label),
            Shown("partner_name", _("naam partner")),
            Shown("due_on", _("klaar op")),
            Shown("status", _("stand")),
            Shown("done_on", _("gedaan op")),
            Shown("done_by_youth", _("door jou afgevinkt")),
            Shown("youth_note", _("notitie van jou")),
            Shown("created_at", _("toegevoegd op")),
        ),
        kept_back={"position": "only the order the sub-goals are shown in"},
    ),
    PersonalData(
        PlanRevision,
        _("versies"),
        youth="plan__youth_id",
        within="plan",
        order=("number",),
        fields=(
            Shown("number", _("versie")),
            Shown("changed_at", _("op")),
            Shown("changed_by_youth", _("door jou")),
            Shown("snapshot", _("zo was het plan"), lambda revision: _version_in_words(revision.snapshot)),
        ),
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        DailyStepChoice,
        _("stap van de dag"),
        youth="youth_id",
        fields=(
            Shown("active", _("aan")),
            Shown("from_plan", _("stappen uit je plan")),
            Shown("step_keys", _("gekozen stappen"), lambda choice: _daily_steps(choice.step_keys)),
            Shown("chosen_at", _("gekozen op")),
        ),
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        DailyStepDone,
        _("dagelijkse stappen"),
        youth="youth_id",
        order=("day",),
        fields=(Shown("day", _("dag")), Shown("text", _("stap")), Shown("recorded_at", _("afgevinkt op"))),
        kept_back={"step_key": "the code of the step; its text is shown"},
        on_destroy=OnDestroy.DELETE,
    ),
    # Work (koers.work). Employers, vacancies and employer contacts are not here: they are the
    # organisation's business contacts, not a youth's data (no link to a youth).
    *WORK,
    PersonalData(
        Message,
        _("berichten"),
        youth="youth_id",
        order=("created_at", "pk"),
        fields=(
            Shown("from_youth", _("van"), lambda message: str(_("jij") if message.from_youth else _("consulent"))),
            Shown("created_at", _("op")),
            Shown("kind", _("soort")),
            Shown("body", _("tekst")),
            Shown("read_at", _("gelezen op")),
        ),
        kept_back={"client_key": "a random key that makes a send that is repeated one message"},
        on_destroy=OnDestroy.DELETE,
    ),
    PersonalData(
        Attachment,
        _("bijlagen"),
        youth="message__youth_id",
        within="message",
        fields=(
            Shown("name", _("naam")),
            Shown("content_type", _("soort bestand")),
            Shown("size", _("grootte in bytes")),
        ),
        kept_back={
            "path": "where the file is stored (a random name); the file itself opens from the message",
            "kind": "image or pdf, the same as the type of file",
        },
        on_destroy=OnDestroy.DELETE,
        stored_file="path",
    ),
    REFERRAL,
    *IMPACT,
    PersonalData(
        AccessLogEntry,
        _("wie je gegevens bekeek"),
        # A plain id, no foreign key: the log outlives the youth's other data (koers.audit.models).
        youth="youth_id",
        order=("at", "pk"),
        fields=(
            Shown("at", _("wanneer")),
            Shown("action", _("wat")),
            Shown("subject", _("welk deel")),
            Shown("channel", _("hoe")),
        ),
        kept_back={
            "trace_id": "the processing log's trace of the request (random, says nothing about the youth)",
            "span_id": "the processing log's id of this action (random)",
            "parent_span_id": "the processing log's id of the request (random)",
            "foreign_trace_id": "the trace of the partner system that asked, when it sent one (random)",
            "foreign_span_id": "the action of the partner system that asked (random)",
            "started_at": "when the request started; `at` is shown",
            "status_code": "whether the request failed on the server (the standard's status)",
            "chain_hash": "the seal that shows whether the log was changed afterwards",
        },
        read_by="koers.portal.selectors.who_viewed: one line per person, day and kind, in words",
        on_destroy=OnDestroy.KEEP,
        kept_on_destroy={
            "*": "the processing log has a retention of its own (KOERS_ACCESS_LOG_RETENTION_DAYS) and a hash chain "
            "that a change would break; it holds codes and random ids, no name"
        },
    ),
)

# Models that link to a youth but hold no personal data of their own, each with the reason.
NOT_PERSONAL_DATA = {
    # Recomputed from the rows above after every change (ADR 0002); it only makes Vandaag fast.
    "agenda.DueItem": "derived: the open items of the agenda, recomputed from the facts registered above",
    "insights.TrajectoryFacts": (
        "derived: the dates, route and markers of the milestones and youths registered above, for the throughput pages"
    ),
    # Security, not data about the youth: only hashes, valid 15 minutes; each sign-in is in the
    # access log. Above this layer (koers.portal), so named by label.
    "portal.SignInCode": "hashes of one-time sign-in codes, valid 15 minutes; the sign-ins are in the access log",
    # The rows a contact's "wat de consulent deed" and "wie waren erbij" are read from (shown there).
    "contacts.Intervention": "shown with its contact: the working elements the consultant applied",
    "contacts.ContactParticipant": "shown with its contact: who took part",
    # A referral's statuses; the one that counts (taken on) is shown with the referral.
    "intake.ReferralStatusChange": "the status history of a referral shown above: received, then taken on",
    # The destruction report (koers.retention): which files were on a list, with line and dates.
    "retention.DestructionItem": "the file's number, its Selectielijst line and dates on a destruction list",
}

# What the destruction of a file does with the rows of the models just above (docs/retention.md).
DESTROY_LINKED: tuple[Linked, ...] = (
    Linked("agenda.DueItem", "youth_id", OnDestroy.DELETE),
    Linked(
        "insights.TrajectoryFacts",
        "trajectory__youth_id",
        OnDestroy.ERASE,
        kept_on_destroy={
            "route": "the code of the route",
            "destination": "the code of the destination",
            "closing_reason": "the code of the reason for closing",
            "target_groups": "codes of the target groups",
        },
    ),
    Linked("portal.SignInCode", "youth_id", OnDestroy.DELETE),
    Linked(
        "contacts.Intervention",
        "youth_id",
        OnDestroy.ERASE,
        kept_on_destroy={"source": "where the working element was coded (a code)", "phase": "the code of the phase"},
    ),
    Linked("contacts.ContactParticipant", "contact__trajectory__youth_id", OnDestroy.KEEP),
    Linked("intake.ReferralStatusChange", "referral__youth_id", OnDestroy.ERASE),
    # The report of the destruction itself: it says what was destroyed, when and by whose decision.
    Linked("retention.DestructionItem", "youth_id", OnDestroy.KEEP),
)

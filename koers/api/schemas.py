"""Request and response bodies of the JSON API."""

import datetime as dt

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AliasChoices, Field, field_validator, model_validator

from koers.api.types import Id, IsoDate, LocalTime
from koers.contacts.models import AgreementOwner, AppointmentStatus, Channel, Participant, Purpose
from koers.contacts.services import (
    AGREEMENT_DESCRIPTION_MAX_LENGTH,
    AGREEMENTS_MAX,
    APPOINTMENT_DESCRIPTION_MAX_LENGTH,
    NOTES_MAX_LENGTH,
)
from koers.trajectories.models import ClosingReason, Destination, MilestoneKind, Route, Source, TargetGroup
from koers.trajectories.services import NOTE_MAX_LENGTH

# Error bodies, as documented for every operation.


class ErrorOut(Schema):
    detail: str = Field(description="Wat er mis is, in het Nederlands.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Meldingen per veld (bij 400 en 422); __all__ voor het geheel."
    )


class DuplicateOut(ErrorOut):
    existing_id: int = Field(description="Id van de jongere met dezelfde naam en geboortedatum.")


# Status codes: what every operation may answer besides its success.
READ_ERRORS = (401, 403, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 413, 422)


def responses(success: dict, errors: tuple[int, ...], extra: dict | None = None) -> dict:
    """The response map of an operation: its success, the error shape for each error code, extras.

    Every operation may also answer 500 (a fault in Koers), in the same shape."""
    return {**success, **dict.fromkeys((*errors, 500), ErrorOut), **(extra or {})}


class Input(Schema):
    """Base of request bodies: refuses NUL characters, which PostgreSQL cannot store in text."""

    @field_validator("*")
    @classmethod
    def no_nul_characters(cls, value):
        if _has_nul(value):
            raise ValueError("De invoer bevat een ongeldig teken (NUL).")
        return value


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(item) for item in value)
    return False


class Created(Schema):
    id: int


class YouthIn(Input):
    first_name: str = Field("", max_length=100)
    last_name: str = Field("", max_length=150)
    name: str = Field("", max_length=250, description="Volledige naam; alternatief voor first_name + last_name.")
    birth_date: IsoDate
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=20)
    has_start_qualification: bool = Field(
        False, validation_alias=AliasChoices("has_start_qualification", "start_qualification")
    )
    target_groups: list[TargetGroup] = Field([], max_length=len(TargetGroup.values))
    consultant: str | None = Field(None, max_length=150, description="Gebruikersnaam van de vaste consulent.")
    contact_interval_days: int | None = Field(None, ge=1, le=365)
    face_to_face_norm: bool = False
    treatment_elsewhere: bool = False
    confirm_duplicate: bool = Field(
        False,
        description="true: toch aanmaken, ook als er al een jongere met deze naam en geboortedatum is (anders 409).",
    )

    @field_validator("email")
    @classmethod
    def email_valid(cls, value: str) -> str:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError:
                raise ValueError("Geef een geldig e-mailadres.") from None
        return value

    @model_validator(mode="after")
    def name_given(self):
        self.first_name, self.last_name, self.name = (
            self.first_name.strip(),
            self.last_name.strip(),
            self.name.strip(),
        )
        if not (self.first_name and self.last_name):
            first, _, last = self.name.strip().partition(" ")
            self.first_name = self.first_name or first
            self.last_name = self.last_name or last.strip()
        if not self.first_name or not self.last_name:
            raise ValueError("Geef first_name en last_name (of name met voor- en achternaam).")
        return self


class TrajectorySummary(Schema):
    id: int
    phase: str


class YouthOut(Schema):
    id: int
    first_name: str
    last_name: str
    name: str
    birth_date: dt.date
    email: str
    phone: str
    has_start_qualification: bool
    target_groups: list[str]
    consultant: str | None
    contact_interval_days: int | None
    face_to_face_norm: bool
    treatment_elsewhere: bool
    trajectories: list[TrajectorySummary]


class TrajectoryIn(Input):
    registered_on: IsoDate
    source: Source


class MilestoneIn(Input):
    kind: MilestoneKind
    date: IsoDate
    # The extra field of a milestone kind; leave the others out (or null).
    source: Source | None = Field(None, description="Verplicht bij registration.")
    route: Route | None = Field(None, description="Verplicht bij plan_conversation.")
    destination: Destination | None = Field(None, description="Verplicht bij outflow.")
    reason: ClosingReason | None = Field(None, description="Verplicht bij closed.")
    replaces: Id | None = Field(None, description="Id van de mijlpaal die deze invoer corrigeert.")
    note: str = Field("", max_length=NOTE_MAX_LENGTH)


class WithdrawIn(Input):
    note: str = Field(min_length=1, max_length=NOTE_MAX_LENGTH, description="Waarom de mijlpaal wordt ingetrokken.")


class MilestoneOut(Schema):
    id: int
    kind: str
    date: dt.date
    source: str
    route: str
    destination: str
    reason: str
    replaces: int | None
    withdrawn: bool
    counts: bool = Field(description="False when corrected or withdrawn later.")
    recorded_by: str | None
    recorded_at: dt.datetime


class MilestoneCreated(Schema):
    id: int
    phase: str


class TrajectoryOut(Schema):
    id: int
    youth_id: int
    phase: str
    registered_on: dt.date | None
    source: str | None
    route: str | None
    destination: str | None
    closing_reason: str | None
    aftercare_ends_on: dt.date | None
    milestones: list[MilestoneOut]


class AgreementIn(Input):
    owner: AgreementOwner
    description: str = Field(min_length=1, max_length=AGREEMENT_DESCRIPTION_MAX_LENGTH)
    due_on: IsoDate | None = None


class ContactIn(Input):
    date: IsoDate
    channel: Channel
    interventions: list[str] = Field(
        [],
        max_length=100,
        description="Codes van werkzame elementen, zie GET /api/v1/working-elements (bijv. trust_personal_attention).",
    )
    steps: list[int] = Field(
        [],
        max_length=100,
        description="Ids van stappen uit de werkwijze van nu, zie GET /api/v1/method; tellen ook als interventies.",
    )
    purpose: Purpose = Purpose.STATUS_CHECK
    participants: list[Participant] = Field([Participant.YOUTH], min_length=1, max_length=len(Participant.values))
    agreements: list[AgreementIn] = Field([], max_length=AGREEMENTS_MAX)
    notes: str = Field("", max_length=NOTES_MAX_LENGTH)
    evaluation_question_asked: bool = False


class AppointmentIn(Input):
    date: IsoDate
    time: LocalTime | None = None
    channel: Channel = Channel.OFFICE
    description: str = Field("", max_length=APPOINTMENT_DESCRIPTION_MAX_LENGTH)


class AppointmentStatusIn(Input):
    status: AppointmentStatus


class AppointmentOut(Schema):
    id: int
    date: dt.date
    status: str


class DueItemOut(Schema):
    kind: str
    label: str
    due: dt.date
    overdue: bool
    starts: dt.date
    ref: str


class AccessLogOut(Schema):
    at: dt.datetime
    user: str | None = Field(description="Gebruikersnaam van de medewerker; leeg als de jongere zelf keek (portaal).")
    role: str = Field(description="consultant, team_lead of functional_admin; youth als de jongere zelf keek.")
    action: str
    channel: str
    subject: str

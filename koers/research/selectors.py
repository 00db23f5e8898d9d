"""Reads for the research export: the youths of one organisation with a research consent, and
their data as tables without names, contact details, notes, free texts or birth dates.

What a researcher gets, table by table (one row per ...):

- `trajectories`: trajectory: the youth's pseudonym, the trajectory's, the birth year (never the
  date), the phase now;
- `milestones`: milestone that counts (not withdrawn or corrected): kind, date and the coded
  extra (source, route, destination, reason; the note is left out);
- `contacts`: contact: date, channel, purpose, the trajectory's phase then, the consultant's
  pseudonym, whether the evaluation question was asked;
- `interventions`: working element applied at a contact: its code, how it came on the contact
  (ticked, through a step, through the toolbox), the phase, the consultant's pseudonym;
- `steps`: method step ticked at a contact: its key (the same in every version of the method),
  the version's number and the step's phase;
- `life_domains`: life-domain score: the assessment's pseudonym, date, occasion, the set of
  domains, the domain, the score 1-5, whether it comes first (the note is left out);
- `self_ratings`: the youth's own ratings (stress, confidence, mark) with their date;
- `codebook`: what each code in the other tables means, in Dutch (no personal data).

Dates of events (milestones, contacts, assessments) are exact: throughput (time from registration
to the first conversation, to outflow) needs them. The birth date is only its year. Every id is a
pseudonym under the researcher's own key (koers.lib.pseudonyms): "youth", "trajectory",
"contact", "assessment" and "staff" (the consultant).

Bounded memory and a fixed number of queries: the youths are read in batches of `BATCH`, each
table one query per batch, streamed from the database in chunks; so the count grows with the
number of youths divided by `BATCH`, never with a youth's history. Each query checks the consent
again, so a consent revoked during a long export drops that youth from the tables still to come.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear

from koers.contacts.models import (
    AssessmentOccasion,
    Channel,
    Contact,
    Intervention,
    InterventionSource,
    LifeDomainScore,
    Purpose,
    SelfRating,
)
from koers.lib.pseudonyms import Pseudonymiser
from koers.method.life_domains import LIFE_DOMAIN_SETS
from koers.method.models import MethodPhase, MethodStep, WorkingElement
from koers.trajectories.models import (
    ClosingReason,
    Destination,
    Milestone,
    MilestoneKind,
    Phase,
    Route,
    Source,
    Trajectory,
)
from koers.trajectories.selectors import consenting_youth_ids

BATCH = 500  # youths per query (SQLite allows 999 parameters in one statement)
CHUNK = 2000  # rows fetched from the database at a time


def consenting_count(*, organisation_id: int, on: date) -> int:
    """How many of the organisation's youths have a research consent that holds on `on` (one query)."""
    return consenting_youth_ids(organisation_id=organisation_id, on=on).count()


def consenting_ids(*, organisation_id: int, on: date) -> list[int]:
    """Their ids, in order (one query): the youths an export holds, logged before it starts."""
    return list(
        consenting_youth_ids(organisation_id=organisation_id, on=on)
        .order_by("youth_id")
        .values_list("youth_id", flat=True)
    )


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[Sequence]]  # a fresh pass over the rows, queried as it goes


def _batches(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _flag(value: bool) -> int:
    return 1 if value else 0


class _Export:
    def __init__(self, *, organisation_id: int, youth_ids: Sequence[int], key: bytes, on: date) -> None:
        self.organisation_id = organisation_id
        self.youth_ids = youth_ids
        self.on = on
        self.code = Pseudonymiser(key)

    def _each(self, queryset: QuerySet, youth: str, *fields, order: Sequence[str]) -> Iterator[tuple]:
        """The rows of `queryset` for the exported youths, batch by batch; `youth` is the lookup
        from a row to its youth's id. Organisation and consent are checked in every query."""
        consenting = consenting_youth_ids(organisation_id=self.organisation_id, on=self.on)
        for batch in _batches(self.youth_ids, BATCH):
            yield from (
                queryset.filter(**{f"{youth}__in": batch})
                .filter(**{f"{youth}__in": consenting})
                .order_by(*order)
                .values_list(*fields)
                .iterator(chunk_size=CHUNK)
            )

    def trajectories(self) -> Iterator[Sequence]:
        rows = self._each(
            Trajectory.objects.filter(organisation_id=self.organisation_id),
            "youth_id",
            "youth_id",
            "id",
            ExtractYear("youth__birth_date"),
            "phase",
            order=("youth_id", "id"),
        )
        for youth_id, trajectory_id, birth_year, phase in rows:
            yield (self.code("youth", youth_id), self.code("trajectory", trajectory_id), birth_year, phase)

    def milestones(self) -> Iterator[Sequence]:
        rows = self._each(
            Milestone.objects.filter(organisation_id=self.organisation_id, withdrawn=False, replaced_by__isnull=True),
            "trajectory__youth_id",
            "trajectory__youth_id",
            "trajectory_id",
            "kind",
            "date",
            "source",
            "route",
            "destination",
            "reason",
            order=("trajectory__youth_id", "trajectory_id", "date", "id"),
        )
        for youth_id, trajectory_id, *rest in rows:
            yield (self.code("youth", youth_id), self.code("trajectory", trajectory_id), *rest)

    def contacts(self) -> Iterator[Sequence]:
        rows = self._each(
            Contact.objects.filter(organisation_id=self.organisation_id),
            "trajectory__youth_id",
            "trajectory__youth_id",
            "trajectory_id",
            "id",
            "date",
            "channel",
            "purpose",
            "phase",
            "consultant_id",
            "evaluation_question_asked",
            order=("trajectory__youth_id", "date", "id"),
        )
        for youth_id, trajectory_id, contact_id, day, channel, purpose, phase, consultant_id, asked in rows:
            yield (
                self.code("youth", youth_id),
                self.code("trajectory", trajectory_id),
                self.code("contact", contact_id),
                day,
                channel,
                purpose,
                phase,
                self.code("staff", consultant_id),
                _flag(asked),
            )

    def interventions(self) -> Iterator[Sequence]:
        rows = self._each(
            Intervention.objects.filter(organisation_id=self.organisation_id),
            "youth_id",
            "youth_id",
            "trajectory_id",
            "contact_id",
            "date",
            "element__code",
            "source",
            "phase",
            "consultant_id",
            order=("youth_id", "date", "contact_id", "id"),
        )
        for youth_id, trajectory_id, contact_id, day, element, source, phase, consultant_id in rows:
            yield (
                self.code("youth", youth_id),
                self.code("trajectory", trajectory_id),
                self.code("contact", contact_id),
                day,
                element,
                source,
                phase,
                self.code("staff", consultant_id),
            )

    def steps(self) -> Iterator[Sequence]:
        rows = self._each(
            Contact.steps.through.objects.filter(contact__organisation_id=self.organisation_id),
            "contact__trajectory__youth_id",
            "contact__trajectory__youth_id",
            "contact__trajectory_id",
            "contact_id",
            "contact__date",
            "methodstep__key",
            "methodstep__version__number",
            "methodstep__phase",
            order=("contact__trajectory__youth_id", "contact__date", "contact_id", "id"),
        )
        for youth_id, trajectory_id, contact_id, *rest in rows:
            yield (
                self.code("youth", youth_id),
                self.code("trajectory", trajectory_id),
                self.code("contact", contact_id),
                *rest,
            )

    def life_domains(self) -> Iterator[Sequence]:
        rows = self._each(
            LifeDomainScore.objects.filter(assessment__organisation_id=self.organisation_id),
            "assessment__trajectory__youth_id",
            "assessment__trajectory__youth_id",
            "assessment__trajectory_id",
            "assessment_id",
            "assessment__date",
            "assessment__occasion",
            "assessment__domain_set",
            "domain",
            "score",
            "first_to_solve",
            order=("assessment__trajectory__youth_id", "assessment__date", "assessment_id", "id"),
        )
        for youth_id, trajectory_id, assessment_id, day, occasion, domain_set, domain, score, first in rows:
            yield (
                self.code("youth", youth_id),
                self.code("trajectory", trajectory_id),
                self.code("assessment", assessment_id),
                day,
                occasion,
                domain_set,
                domain,
                score,
                _flag(first),
            )

    def self_ratings(self) -> Iterator[Sequence]:
        rows = self._each(
            SelfRating.objects.filter(organisation_id=self.organisation_id),
            "trajectory__youth_id",
            "trajectory__youth_id",
            "trajectory_id",
            "contact_id",
            "date",
            "stress",
            "confidence",
            "mark",
            order=("trajectory__youth_id", "date", "id"),
        )
        for youth_id, trajectory_id, contact_id, *rest in rows:
            yield (
                self.code("youth", youth_id),
                self.code("trajectory", trajectory_id),
                self.code("contact", contact_id),
                *rest,
            )

    def codebook(self) -> Iterator[Sequence]:
        """The meaning of every code (two queries: the working elements, the organisation's steps)."""
        for column, choices in (
            ("phase", Phase.choices),
            ("milestone", MilestoneKind.choices),
            ("source", Source.choices),
            ("route", Route.choices),
            ("destination", Destination.choices),
            ("reason", ClosingReason.choices),
            ("channel", Channel.choices),
            ("purpose", Purpose.choices),
            ("intervention_source", InterventionSource.choices),
            ("step_phase", MethodPhase.choices),
            ("occasion", AssessmentOccasion.choices),
        ):
            for code, label in choices:
                yield (column, code, str(label))
        for domain_set, domains in LIFE_DOMAIN_SETS.items():
            for code, label in domains:
                yield ("domain", code, str(label))
            yield ("domain_set", domain_set, ", ".join(str(label) for _code, label in domains))
        for code, name in WorkingElement.objects.order_by("code").values_list("code", "name"):
            yield ("element", code, name)
        # A step's text as the organisation's newest version words it (the key stays the same).
        steps = MethodStep.objects.filter(version__organisation_id=self.organisation_id)
        newest = {}
        for key, text in steps.order_by("key", "version__number").values_list("key", "text").iterator(CHUNK):
            newest[key] = text
        for key, text in newest.items():
            yield ("step", key, text)


def export_tables(*, organisation_id: int, youth_ids: Sequence[int], key: bytes, on: date) -> list[Table]:
    """The export's tables (module docstring); no query until their rows are read. Reading all of
    them runs 7 queries per `BATCH` youths and 2 for the codebook."""
    export = _Export(organisation_id=organisation_id, youth_ids=youth_ids, key=key, on=on)
    return [
        Table("trajectories", ("youth", "trajectory", "birth_year", "phase"), export.trajectories),
        Table(
            "milestones",
            ("youth", "trajectory", "milestone", "date", "source", "route", "destination", "reason"),
            export.milestones,
        ),
        Table(
            "contacts",
            ("youth", "trajectory", "contact", "date", "channel", "purpose", "phase", "consultant", "evaluation_asked"),
            export.contacts,
        ),
        Table(
            "interventions",
            ("youth", "trajectory", "contact", "date", "element", "intervention_source", "phase", "consultant"),
            export.interventions,
        ),
        Table(
            "steps",
            ("youth", "trajectory", "contact", "date", "step", "method_version", "step_phase"),
            export.steps,
        ),
        Table(
            "life_domains",
            (
                "youth",
                "trajectory",
                "assessment",
                "date",
                "occasion",
                "domain_set",
                "domain",
                "score",
                "first_to_solve",
            ),
            export.life_domains,
        ),
        Table(
            "self_ratings",
            ("youth", "trajectory", "contact", "date", "stress", "confidence", "mark"),
            export.self_ratings,
        ),
        Table("codebook", ("column", "code", "meaning"), export.codebook),
    ]

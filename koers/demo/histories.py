"""One youth's made-up history, as unsaved model instances linked by reference.

A story is a youth with one trajectory along the flow chart (milestones dated in the past, in an
order the flow chart allows), the contacts with coded interventions, agreements and appointments
around those milestones, and the consultant assignments (sometimes a hand-over). Nothing here
touches the database: koers.demo.bulk saves many stories at once.
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from koers.accounts.models import Organisation
from koers.contacts.models import Agreement, Appointment, Contact
from koers.contacts.models import AppointmentStatus as S
from koers.contacts.models import Channel as C
from koers.contacts.models import Purpose as P
from koers.demo import names
from koers.demo.interventions import InterventionPicker
from koers.demo.timeline import Timeline, pick
from koers.lib.due_rules import SUBSTANTIVE_CHANNELS, aftercare_end
from koers.lib.names import sort_name
from koers.lib.workdays import add_months
from koers.method.models import BarrierKind
from koers.trajectories import flow
from koers.trajectories.models import (
    Barrier,
    BarrierSource,
    ClosingReason,
    ConsultantAssignment,
    Milestone,
    Phase,
    ResearchConsent,
    ResearchPurpose,
    Route,
    Source,
    TargetGroup,
    Trajectory,
    Youth,
)
from koers.trajectories.models import MilestoneKind as K

D = dt.timedelta
SOURCES = {Source.UWV: 45, Source.MUNICIPALITY: 25, Source.REFERRAL: 20, Source.SELF: 10}
CHANNELS = {
    C.OFFICE: 28,
    C.PHONE: 22,
    C.MESSAGE: 20,
    C.HOME_VISIT: 7,
    C.WALK: 7,
    C.VIDEO: 6,
    C.MAIL: 10,
}
CHECK_IN_CHANNELS = {C.PHONE: 40, C.MESSAGE: 35, C.VIDEO: 10, C.OFFICE: 10, C.WALK: 5}
QUICK_CHANNELS = {C.PHONE: 55, C.MESSAGE: 35, C.MAIL: 10}
FOLLOW_UP_PURPOSES = {P.STATUS_CHECK: 50, P.AGREEMENTS: 30, P.OTHER: 8, P.PLAN_EVALUATION: 12}
TIMES = [dt.time(hour, minute) for hour in range(9, 17) for minute in (0, 30)]


@dataclass(frozen=True)
class OrgContext:
    organisation: Organisation
    consultant_ids: tuple[int, ...]  # at least two
    lead_id: int
    today: dt.date
    picker: InterventionPicker
    # The method's steps per method phase: (step id, its working-element codes), no attitude steps.
    steps: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]


# How often a youth had an earlier, closed trajectory (once or twice), and how many files have a
# long history (years of follow-up, hundreds of contacts) besides the one each organisation has.
EARLIER_TRAJECTORY_CHANCE = 0.2
LONG_HISTORY_CHANCE = 0.02
# Days between follow-up contacts: a few weeks usually, a few days in a long, intensive file.
FOLLOW_UP_GAP = (3, 9)
LONG_FOLLOW_UP_GAP = (2, 5)
MIN_AGE_MONTHS = 17 * 12 + 9


@dataclass
class Story:
    """One trajectory of a youth; `earlier` holds the youth's earlier (closed) trajectories."""

    youth: Youth
    trajectory: Trajectory
    milestones: list[Milestone] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    assignments: list[ConsultantAssignment] = field(default_factory=list)
    barriers: list[Barrier] = field(default_factory=list)
    research_consents: list[ResearchConsent] = field(default_factory=list)
    earlier: list["Story"] = field(default_factory=list)

    def all_trajectories(self) -> list["Story"]:
        """Earlier ones first, so that the current trajectory gets the highest id."""
        return [*self.earlier, self]


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def build_story(ctx: OrgContext, rng: random.Random, number: int, phase: str, *, long: bool = False) -> Story:
    """A youth with their current trajectory (and sometimes earlier ones). `long`: years of follow-up."""
    long = long or rng.random() < LONG_HISTORY_CHANCE
    story = _Builder(ctx, rng).build(number, Phase.FOLLOW_UP if long else phase, long=long)
    if rng.random() < EARLIER_TRAJECTORY_CHANCE:
        _add_earlier(ctx, rng, story, count=1 if rng.random() < 0.8 else 2)
    _add_barriers(ctx, random.Random(f"{number}/barriers"), story)  # own random: the rest stays the same
    _add_research_consent(ctx, random.Random(f"{number}/research"), story)
    return story


# Of the youths who had a first conversation (about 85 % of them), this many agreed to research
# there: about 60 % of all youths, so the research export and the insights' research views have
# data. A few withdrew it later, some of them themselves in the portal (no staff member).
RESEARCH_CONSENT_CHANCE = 0.7
RESEARCH_WITHDRAWN_CHANCE = 0.05


def _add_research_consent(ctx: OrgContext, rng: random.Random, story: Story) -> None:
    """Consent asked at the youth's first conversation (the earliest, when they came back)."""
    firsts = [m.date for s in story.all_trajectories() for m in s.milestones if m.kind == K.FIRST_CONVERSATION]
    if not firsts or rng.random() > RESEARCH_CONSENT_CHANCE:
        return
    by = story.youth.consultant_id or ctx.lead_id
    consent = ResearchConsent(
        organisation_id=ctx.organisation.pk,
        youth=story.youth,
        purpose=ResearchPurpose.RESEARCH,
        given_on=min(firsts),
        recorded_by_id=by,
    )
    if rng.random() < RESEARCH_WITHDRAWN_CHANCE:
        consent.revoked_on = min(consent.given_on + D(days=rng.randint(7, 120)), ctx.today)
        consent.revoked_by_id = None if rng.random() < 0.5 else by
        consent.revoked_at = dt.datetime.combine(consent.revoked_on, dt.time(12), tzinfo=dt.UTC)
    story.research_consents.append(consent)


BARRIER_CHANCE = 0.3


def _add_barriers(ctx: OrgContext, rng: random.Random, story: Story) -> None:
    """Some youths have one or two open barriers, heard at or after the first conversation, so
    the toolbox suggests help in their file."""
    first = next((m.date for m in story.milestones if m.kind == K.FIRST_CONVERSATION), None)
    if first is None or story.trajectory.phase == Phase.CLOSED or rng.random() > BARRIER_CHANCE:
        return
    for kind in rng.sample(BarrierKind.values, rng.randint(1, 2)):
        story.barriers.append(
            Barrier(
                organisation_id=ctx.organisation.pk,
                youth=story.youth,
                kind=kind,
                noted_on=min(first + D(days=rng.randint(0, 20)), ctx.today),
                source=rng.choice(BarrierSource.values),
                recorded_by_id=story.youth.consultant_id or ctx.consultant_ids[0],
            )
        )


def _add_earlier(ctx: OrgContext, rng: random.Random, story: Story, *, count: int) -> None:
    """Closed trajectories before the current registration, while the youth was old enough."""
    youth = story.youth
    before = min(m.date for m in story.milestones)
    for _ in range(count):
        looked_at = before - D(days=rng.randint(30, 300))
        earlier = _Builder(ctx, rng, today=looked_at).build_earlier(youth)
        registered = min(m.date for m in earlier.milestones)
        if add_months(youth.birth_date, MIN_AGE_MONTHS) > registered:
            return
        story.earlier.insert(0, earlier)
        before = registered
    if story.assignments:  # the consultant has guided the youth since the first registration
        story.assignments[0].starts_on = before


class _Builder(Timeline):
    def __init__(self, ctx: OrgContext, rng: random.Random, *, today: dt.date | None = None):
        super().__init__(rng, today or ctx.today)
        self.ctx = ctx
        self.long = False

    def build_earlier(self, youth: Youth) -> Story:
        """A closed trajectory of an existing youth, looked at on this builder's 'today'."""
        self.d = self.dates(Phase.CLOSED)
        self.d.H = None
        self.A, self.B = youth.consultant_id, None
        trajectory = Trajectory(organisation_id=self.ctx.organisation.pk, youth=youth)
        self.story = Story(youth=youth, trajectory=trajectory)
        self.milestones()
        trajectory.phase = flow.phase_of(flow.effective(self.story.milestones))
        self.contacts(Phase.CLOSED)
        return self.story

    def build(self, number: int, phase: str, *, long: bool = False) -> Story:
        rng = self.rng
        self.long = long
        # Names first, so the same seed gives the same people whatever today is.
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        d = self.dates(phase, long=long)
        self.d = d
        consultants = self.ctx.consultant_ids
        self.A = None if phase == Phase.REGISTRATION and self.chance(0.25) else rng.choice(consultants)
        self.B = None
        if d.H and self.A:  # a hand-over to a colleague
            while self.B in (None, self.A):
                self.B = rng.choice(consultants)
        else:
            d.H = None
        org = self.ctx.organisation.pk
        youth = Youth(
            organisation_id=org,
            first_name=first,
            last_name=last,
            sort_name=sort_name(first, last),  # bulk inserts skip Youth.save()
            birth_date=self.birth_date(d.R),
            email=f"{ascii_slug(first)}.{ascii_slug(last)}{number}@example.org",
            phone=f"06{rng.randrange(10**8):08d}",
            has_start_qualification=self.chance(0.4),
            target_groups=[g for g, p in zip(TargetGroup.values, (0.06, 0.05, 0.07), strict=True) if self.chance(p)],
            consultant_id=self.B or self.A,
            contact_interval_days=pick(rng, {None: 90, 14: 4, 60: 6}),
            face_to_face_norm=self.chance(0.1),
            treatment_elsewhere=self.chance(0.5 if d.route == Route.CARE else 0.03),
        )
        trajectory = Trajectory(organisation_id=org, youth=youth)
        self.story = Story(youth=youth, trajectory=trajectory)
        self.milestones()
        trajectory.phase = flow.phase_of(flow.effective(self.story.milestones))
        self.assignments()
        self.contacts(phase)
        return self.story

    # Rows.

    def consultant_on(self, date: dt.date) -> int:
        """Who led (or recorded) what happened on `date`: the consultant then, else the lead."""
        if self.B is not None and date >= self.d.H:
            return self.B
        return self.A or self.ctx.lead_id

    def milestones(self) -> None:
        d = self.d
        rows = [
            (K.REGISTRATION, d.R, {"source": pick(self.rng, SOURCES)}),
            (K.INVITATION, d.I, {}),
            (K.FIRST_CONVERSATION, d.F, {}),
            (K.PLAN_CONVERSATION, d.P, {"route": d.route}),
            (K.OUTFLOW, d.U, {"destination": d.destination}),
            *((K.AFTERCARE_EXTENSION, x, {}) for x in d.X),
            (K.CLOSED, d.C, {"reason": d.reason}),
        ]
        org, trajectory = self.ctx.organisation.pk, self.story.trajectory
        self.story.milestones = [
            Milestone(
                organisation_id=org,
                trajectory=trajectory,
                kind=kind,
                date=date,
                recorded_by_id=self.consultant_on(date),
                **fields,
            )
            for kind, date, fields in rows
            if date is not None
        ]

    def assignments(self) -> None:
        if self.A is None:
            return
        org, youth, lead = self.ctx.organisation.pk, self.story.youth, self.ctx.lead_id
        rows = [
            ConsultantAssignment(
                organisation_id=org, youth=youth, consultant_id=self.A, starts_on=self.d.R, recorded_by_id=lead
            )
        ]
        if self.B is not None:
            rows.append(
                ConsultantAssignment(
                    organisation_id=org,
                    youth=youth,
                    consultant_id=self.B,
                    previous_consultant_id=self.A,
                    starts_on=self.d.H,
                    recorded_by_id=lead,
                )
            )
        self.story.assignments = rows

    def contact(self, date: dt.date, channel: str, purpose: str, *, agreements: int = 0, profile: str = "") -> Contact:
        rng, ctx = self.rng, self.ctx
        substantive = channel in SUBSTANTIVE_CHANNELS
        participants = ["youth"]
        if substantive:
            participants += [
                p
                for p, chance in (("parent", 0.1), ("network", 0.05), ("chain_partner", 0.08), ("enforcement", 0.02))
                if self.chance(chance)
            ]
        contact = Contact(
            organisation_id=ctx.organisation.pk,
            trajectory=self.story.trajectory,
            date=date,
            channel=channel,
            purpose=purpose,
            phase=self.trajectory_phase(date),
            evaluation_question_asked=substantive and self.chance(0.3),
            notes=rng.choice(names.CONTACT_NOTES) if self.chance(0.3) else "",
            consultant_id=self.consultant_on(date),
        )
        contact.demo_participants = participants
        count = rng.randint(5, 8) if substantive else rng.randint(0, 2)
        codes = ctx.picker.pick(rng, count, profile or self.profile(date))
        # A conversation ticks one to three steps of the method; their elements are among its codes.
        options = ctx.steps.get(self.method_phase(date), ()) if substantive else ()
        wanted = rng.sample(options, min(len(options), rng.randint(1, 3))) if options else []
        step_codes: list[str] = []
        contact.demo_steps = []
        for step_id, elements in wanted:  # as long as the steps' elements fit in the count
            if len(set(step_codes) | set(elements)) <= count:
                contact.demo_steps.append(step_id)
                step_codes += elements
        contact.demo_codes = list(dict.fromkeys([*step_codes, *codes]))[:count]
        self.story.contacts.append(contact)
        if substantive and not agreements and self.chance(0.25):
            agreements = 1
        for _ in range(agreements):
            self.agreement(contact)
        return contact

    def trajectory_phase(self, date: dt.date) -> str:
        """The trajectory's phase on `date` (as koers.trajectories.flow.phase_on would say)."""
        d = self.d
        for day, phase in (
            (d.C, "closed"),
            (d.U, "aftercare"),
            (d.P, "follow_up"),
            (d.F, "search_period"),
            (d.I, "invited"),
        ):
            if day and date >= day:
                return phase
        return "registration"

    def method_phase(self, date: dt.date) -> str:
        d = self.d
        if d.U and date >= d.U:
            return "aftercare"
        if d.P and date >= d.P:
            return "plan_conversation" if date == d.P else "follow_up"
        if d.F and date >= d.F:
            return "first_conversation" if date == d.F else "search_period"
        return "before"

    def profile(self, date: dt.date) -> str:
        if self.d.U and date >= self.d.U:
            return "aftercare"
        return self.d.route if self.d.P and date >= self.d.P else ""

    def agreement(self, contact: Contact) -> None:
        rng, T = self.rng, self.T
        youth_owns = self.chance(0.7)
        due = contact.date + self.days(7, 28)
        horizon = min(self.d.C or T, T)
        done_on = None
        p_done = 0.9 if due < T - D(days=30) else 0.6 if due < T else 0.2
        if horizon > contact.date and self.chance(p_done):
            done_on = min(horizon, contact.date + self.days(1, (due - contact.date).days + 7))
        self.story.agreements.append(
            Agreement(
                organisation_id=self.ctx.organisation.pk,
                trajectory=self.story.trajectory,
                contact=contact,
                owner="youth" if youth_owns else "consultant",
                description=rng.choice(names.AGREEMENTS_YOUTH if youth_owns else names.AGREEMENTS_CONSULTANT),
                due_on=due,
                done_on=done_on,
            )
        )

    def appointment(self, date: dt.date, status: str, channel: str = C.OFFICE) -> None:
        if status == S.PLANNED and date > self.T:
            date = _weekday_from(date)
        self.story.appointments.append(
            Appointment(
                organisation_id=self.ctx.organisation.pk,
                trajectory=self.story.trajectory,
                date=date,
                time=self.rng.choice(TIMES),
                channel=channel,
                status=status,
                description=self.rng.choice(names.APPOINTMENTS),
                created_by_id=self.consultant_on(date),
            )
        )

    def no_show(self, date: dt.date, until: dt.date, follow_up: float = 0.7) -> None:
        self.appointment(date, S.NO_SHOW)
        reach = date + self.days(0, 3)
        if reach <= until and self.chance(follow_up):
            self.contact(reach, pick(self.rng, QUICK_CHANNELS), P.NO_SHOW_FOLLOW_UP)

    def contacts(self, phase: str) -> None:
        d, T = self.d, self.T
        end = min(d.C or T, T)
        running = d.C is None
        if d.I and self.chance(0.6):
            self.contact(d.I, C.MAIL, P.OTHER)
        if phase == Phase.REGISTRATION and self.chance(0.5):
            self.contact(d.R + self.days(0, (T - d.R).days), pick(self.rng, QUICK_CHANNELS), P.OTHER)
        if d.F is None:
            self.invitation_appointments(end, running)
        else:
            self.first_period(end, running)
        if d.P:
            self.follow_up(end, running)
        if d.U:
            self.aftercare(end)
        if d.H:
            introduction = d.H + self.days(0, 12)
            if introduction <= end and self.chance(0.85):
                channel = pick(self.rng, {C.OFFICE: 50, C.HOME_VISIT: 20, C.PHONE: 20, C.VIDEO: 10})
                self.contact(introduction, channel, P.INTRODUCTION)
        if d.C and d.reason != ClosingReason.COMPLETED and self.chance(0.5):
            self.contact(d.C, C.MAIL, P.OTHER)

    def invitation_appointments(self, end: dt.date, running: bool) -> None:
        d = self.d
        if d.I is None:
            return
        misses = 2 if d.reason == ClosingReason.HANDED_OVER else pick(self.rng, {0: 50, 1: 40, 2: 10})
        date = d.I + self.days(5, 10)
        for _ in range(misses):
            if date > end:
                break
            self.no_show(date, end)
            date += self.days(5, 10)
        if running:
            self.appointment(max(date, self.T + self.days(1, 10)), S.PLANNED)

    def first_period(self, end: dt.date, running: bool) -> None:
        d, T = self.d, self.T
        earliest = d.I or d.R
        if self.chance(0.15) and (d.F - earliest).days >= 3:
            self.no_show(d.F - self.days(1, (d.F - earliest).days), d.F, follow_up=1.0)
        self.appointment(d.F, S.HELD)
        self.contact(d.F, C.OFFICE, P.INTAKE, agreements=self.rng.randint(1, 2))
        search_end = min(x for x in (d.P, d.U, end) if x is not None)
        for _ in range(self.rng.randint(0, 2)):
            if (search_end - d.F).days >= 4:
                date = d.F + self.days(3, (search_end - d.F).days - 1)
                self.contact(date, pick(self.rng, QUICK_CHANNELS), P.STATUS_CHECK)
        reminder = d.F + self.days(24, 33)
        if reminder <= end and self.chance(0.9):
            self.contact(reminder, pick(self.rng, QUICK_CHANNELS), P.CONTINUE_APPLICATION)
        if running and not d.P and not d.U:
            second = d.F + D(days=28)
            if second > T:
                self.appointment(second, S.PLANNED)
            elif self.chance(0.5):
                self.appointment(T + self.days(1, 7), S.PLANNED)

    def follow_up(self, end: dt.date, running: bool) -> None:
        d, T, rng = self.d, self.T, self.rng
        self.appointment(d.P, S.HELD)
        self.contact(d.P, C.OFFICE, P.AGREEMENTS, agreements=rng.randint(1, 3))
        until = min(d.U or end, end)
        date = d.P
        gap = LONG_FOLLOW_UP_GAP if self.long else FOLLOW_UP_GAP
        while True:
            date += self.days(*gap)
            if date > until:
                break
            purpose = pick(rng, FOLLOW_UP_PURPOSES)
            channel = pick(rng, CHANNELS)
            self.contact(date, channel, purpose)
            if channel in (C.OFFICE, C.WALK) and self.chance(0.8):
                self.appointment(date, S.HELD, channel)
        if self.chance(0.05) and until > d.P:
            self.appointment(d.P + self.days(1, (until - d.P).days), S.CANCELLED)
        if running and not d.U:
            if self.chance(0.15):
                self.no_show(max(d.P + D(days=1), T - self.days(0, 20)), T, follow_up=0.6)
            if self.chance(0.8):
                self.appointment(T + self.days(1, 21), S.PLANNED, pick(rng, {C.OFFICE: 8, C.WALK: 1, C.VIDEO: 1}))

    def aftercare(self, end: dt.date) -> None:
        d, rng = self.d, self.rng
        self.contact(d.U, C.PHONE, P.STATUS_CHECK, profile="aftercare")
        months = 3 * (1 + len(d.X))
        for k in range(1, months + 1):
            date = add_months(d.U, k) + self.days(-7, 7)
            if d.U < date <= end and self.chance(0.8):
                self.contact(date, pick(rng, CHECK_IN_CHANNELS), P.AFTERCARE_CHECK_IN)
        aftercare_ends = aftercare_end(d.U, len(d.X))
        prepare = aftercare_ends - self.days(14, 28)
        if d.U < prepare <= end and self.chance(0.85):
            self.contact(prepare, pick(rng, {C.PHONE: 6, C.OFFICE: 4}), P.PREPARE_AFTERCARE_END)
        # Sent after the file is closed, so it may lie after the closing date.
        follow_up = add_months(aftercare_ends, 6) + self.days(0, 14)
        if follow_up <= self.T and self.chance(0.7):
            self.contact(follow_up, pick(rng, {C.MESSAGE: 7, C.MAIL: 3}), P.AFTERCARE_FOLLOW_UP)
        if d.C is None and self.chance(0.3):
            self.appointment(self.T + self.days(1, 30), S.PLANNED, C.PHONE)


def _weekday_from(day: dt.date) -> dt.date:
    """The day itself, or the Monday after when it falls in a weekend."""
    return day + D(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day

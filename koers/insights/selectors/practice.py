"""Reads of the insights: a consultant's own practice (from the summary table), and the list of
contacts behind one of its numbers.

A consultant sees their own practice with all numbers: they know their youths. Aggregates that
others see (the team, the organisation, exports) go through koers.lib.small_numbers.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Sum

from koers.accounts.models import User
from koers.contacts.models import Channel, Contact, Intervention
from koers.insights.models import CountKind, FillState, PracticeCount
from koers.lib.workdays import add_months
from koers.method.models import MethodStep, ToolboxItem
from koers.method.selectors import element_groups, working_elements
from koers.trajectories.models import Phase

# The phases in which contacts happen, in the flow chart's order (columns of the matrix).
PRACTICE_PHASES = (Phase.REGISTRATION, Phase.INVITED, Phase.SEARCH_PERIOD, Phase.FOLLOW_UP, Phase.AFTERCARE)
PERIODS = {"3": 3, "6": 6, "12": 12}
DEFAULT_PERIOD = "6"
# An element used in fewer than this share of the contacts counts as "rarely" used.
RARELY = 0.05


@dataclass(frozen=True)
class Period:
    months: int
    first: dt.date  # the first day of the first month
    last: dt.date  # the first day of the last month (this month)


def period_of(choice: str, today: dt.date) -> Period:
    months = PERIODS.get(choice, PERIODS[DEFAULT_PERIOD])
    this_month = today.replace(day=1)
    year, month0 = divmod(this_month.year * 12 + this_month.month - 1 - (months - 1), 12)
    return Period(months=months, first=dt.date(year, month0 + 1, 1), last=this_month)


@dataclass(frozen=True)
class ElementRow:
    code: str
    name: str
    by_phase: tuple[int, ...]  # in PRACTICE_PHASES order
    total: int
    share: float  # of all contacts in the period

    @property
    def rarely(self) -> bool:
        return self.share < RARELY


@dataclass(frozen=True)
class ThemeRows:
    theme: str
    rows: tuple[ElementRow, ...]


@dataclass(frozen=True)
class Used:
    key: str
    text: str
    count: int


@dataclass(frozen=True)
class Practice:
    period: Period
    contacts_by_phase: tuple[int, ...]
    contacts: int
    interventions: int
    themes: tuple[ThemeRows, ...]
    steps: tuple[Used, ...]
    toolbox: tuple[Used, ...]
    counted_until: dt.datetime | None  # when the summary was last filled

    @property
    def per_contact(self) -> float:
        return self.interventions / self.contacts if self.contacts else 0.0

    @property
    def never(self) -> list[ElementRow]:
        return [row for theme in self.themes for row in theme.rows if row.total == 0]

    @property
    def rarely(self) -> list[ElementRow]:
        return [row for theme in self.themes for row in theme.rows if 0 < row.total and row.rarely]


def practice_of(consultant: User, period: Period) -> Practice:
    """The consultant's contacts and what they applied in the period, per phase (five queries:
    the summary rows, the working elements, the step and toolbox texts, the fill state).
    The summary holds a row per month, phase and key, so the cost does not grow with contacts."""
    rows = (
        PracticeCount.objects.filter(
            consultant_key=consultant.pk,
            organisation_id=consultant.organisation_id,
            month__range=(period.first, period.last),
        )
        .values("kind", "key", "phase")
        .annotate(total=Sum("count"))
    )
    phase_index = {phase: i for i, phase in enumerate(PRACTICE_PHASES)}
    contacts = [0] * len(PRACTICE_PHASES)
    elements: dict[str, list[int]] = {}
    steps: dict[str, int] = {}
    toolbox: dict[str, int] = {}
    for row in rows:
        column = phase_index.get(row["phase"])
        if row["kind"] == CountKind.CONTACT and column is not None:
            contacts[column] += row["total"]
        elif row["kind"] == CountKind.ELEMENT and column is not None:
            elements.setdefault(row["key"], [0] * len(PRACTICE_PHASES))[column] += row["total"]
        elif row["kind"] == CountKind.STEP:
            steps[row["key"]] = steps.get(row["key"], 0) + row["total"]
        elif row["kind"] == CountKind.TOOLBOX:
            toolbox[row["key"]] = toolbox.get(row["key"], 0) + row["total"]
    total_contacts = sum(contacts)
    themes = []
    for group in element_groups(working_elements()):
        theme_rows = []
        for code, name in group.elements:
            by_phase = tuple(elements.get(code, [0] * len(PRACTICE_PHASES)))
            total = sum(by_phase)
            theme_rows.append(
                ElementRow(code, name, by_phase, total, total / total_contacts if total_contacts else 0.0)
            )
        themes.append(ThemeRows(group.theme, tuple(theme_rows)))
    state = FillState.objects.filter(name="practice_counts").values_list("updated_at", flat=True).first()
    return Practice(
        period=period,
        contacts_by_phase=tuple(contacts),
        contacts=total_contacts,
        interventions=sum(sum(v) for v in elements.values()),
        themes=tuple(themes),
        steps=_used(steps, MethodStep, "text", consultant.organisation_id),
        toolbox=_used(toolbox, ToolboxItem, "action", consultant.organisation_id),
        counted_until=state,
    )


def _used(counts: dict[str, int], model, text_field: str, organisation_id: int) -> tuple[Used, ...]:
    """Steps or toolbox items by their stable key, with the text of the newest version that has it."""
    texts = dict(
        model.objects.filter(version__organisation_id=organisation_id, key__in=counts)
        .order_by("version__number")
        .values_list("key", text_field)
    )
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Used(key, texts.get(key, key), count) for key, count in ordered)


CONTACTS_PAGE_SIZE = 50


@dataclass(frozen=True)
class ContactLine:
    contact_id: int
    youth_id: int
    youth_name: str
    date: dt.date
    phase_label: str
    channel_label: str


def contacts_behind(
    consultant: User, period: Period, *, element: str = "", phase: str = "", youth_id=None, youths, page_number=1
) -> Page:
    """The consultant's own contacts behind a number of the matrix (an element, a phase, both or
    neither; or one youth), newest first, a page at a time (two queries). `youths` is the queryset of youths the
    consultant may open: a contact with a youth handed over since is left out."""
    first, until = period.first, add_months(period.last, 1)
    contacts = Contact.objects.filter(
        consultant=consultant, date__gte=first, date__lt=until, trajectory__youth__in=youths
    )
    if element:
        contacts = contacts.filter(pk__in=Intervention.objects.filter(element__code=element).values("contact_id"))
    if phase:
        contacts = contacts.filter(phase=phase)
    if youth_id:
        contacts = contacts.filter(trajectory__youth_id=youth_id)
    rows = contacts.order_by("-date", "-pk").values(
        "pk",
        "trajectory__youth_id",
        "trajectory__youth__first_name",
        "trajectory__youth__last_name",
        "date",
        "phase",
        "channel",
    )
    page = Paginator(rows, CONTACTS_PAGE_SIZE).get_page(page_number)
    page.object_list = [
        ContactLine(
            contact_id=row["pk"],
            youth_id=row["trajectory__youth_id"],
            youth_name=f"{row['trajectory__youth__first_name']} {row['trajectory__youth__last_name']}",
            date=row["date"],
            phase_label=str(Phase(row["phase"]).label) if row["phase"] in Phase.values else row["phase"],
            channel_label=str(Channel(row["channel"]).label) if row["channel"] in Channel.values else row["channel"],
        )
        for row in page.object_list
    ]
    return page


@dataclass(frozen=True)
class YouthPractice:
    youth_id: int
    youth_name: str
    contacts: int
    interventions: int
    most_used: tuple[tuple[str, int], ...]  # (element name, count), at most three
    themes_unused: tuple[str, ...]

    @property
    def per_contact(self) -> float:
        return self.interventions / self.contacts if self.contacts else 0.0


YOUTHS_PAGE_SIZE = 50


def practice_by_youth(consultant: User, period: Period, *, youths, page_number=1) -> Page:
    """Per youth the consultant had contacts with in the period (and may still open): the number
    of contacts, elements per contact, the three elements used most and the themes not used.
    Three queries for a page of 50 youths, whatever their history."""
    first, until = period.first, add_months(period.last, 1)
    per_youth = (
        Contact.objects.filter(consultant=consultant, date__gte=first, date__lt=until, trajectory__youth__in=youths)
        .values("trajectory__youth_id", "trajectory__youth__first_name", "trajectory__youth__last_name")
        .annotate(contacts=Count("pk"))
        .order_by("-contacts", "trajectory__youth__last_name", "trajectory__youth_id")
    )
    page = Paginator(per_youth, YOUTHS_PAGE_SIZE).get_page(page_number)
    rows = list(page.object_list)
    ids = [row["trajectory__youth_id"] for row in rows]
    used: dict[int, dict[str, int]] = {}
    for youth_id, code, count in (
        Intervention.objects.filter(consultant=consultant, date__gte=first, date__lt=until, youth_id__in=ids)
        .values("youth_id", "element__code")
        .annotate(n=Count("pk"))
        .values_list("youth_id", "element__code", "n")
    ):
        used.setdefault(youth_id, {})[code] = count
    groups = element_groups(working_elements())
    names = {code: name for group in groups for code, name in group.elements}
    page.object_list = []
    for row in rows:
        counts = used.get(row["trajectory__youth_id"], {})
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
        page.object_list.append(
            YouthPractice(
                youth_id=row["trajectory__youth_id"],
                youth_name=f"{row['trajectory__youth__first_name']} {row['trajectory__youth__last_name']}",
                contacts=row["contacts"],
                interventions=sum(counts.values()),
                most_used=tuple((names.get(code, code), n) for code, n in ranked),
                themes_unused=tuple(
                    group.theme for group in groups if not any(counts.get(code) for code, _name in group.elements)
                ),
            )
        )
    return page

"""The sections of the youth file: one registry that the page, its fragment views and the
query-count tests read. Adding a section is one entry here (and its module and template).

Each entry names its module by path rather than importing it: the sections' write views import
the page (`file.py`, to re-render a refused form), and the page finds the sections here, so
neither imports the other at the top (import-linter forbids a cycle inside koers.web.youths).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """One part of the file: `context(file)` gives its template's variables; `forms` are the forms
    it shows again when they come back with errors; `fragments` are forms that load when their
    panel opens (name → view function name in the module); `queries` is how many queries its
    context runs for an ordinary youth, on top of what the page shares (asserted by the tests).

    A section with a `folded` title is not read with the page: the page shows its heading and a
    link that loads it (htmx, `/jongeren/<id>/deel/<name>/`, or the page with ?open=NAME without
    JavaScript). It is read with the page when it is asked for, or shows a form sent back."""

    name: str
    queries: int
    forms: tuple[str, ...] = ()
    fragments: dict[str, str] = field(default_factory=dict)
    folded: str = ""  # the heading shown while folded ("" for a section always shown)
    # A function of the module that says in a few words what waits inside while folded (one small
    # query at most), e.g. unread messages: "" when there is nothing to say.
    folded_note: str = ""

    @property
    def module(self) -> str:
        return f"koers.web.youths.{self.name}"

    @property
    def template(self) -> str:
        return f"web/youths/sections/{self.name}.html"

    @cached_property
    def context(self):
        return import_string(f"{self.module}.context")

    def note(self, file) -> str:
        return import_string(f"{self.module}.{self.folded_note}")(file) if self.folded_note else ""

    def fragment(self, name: str):
        return import_string(f"{self.module}.{self.fragments[name]}")


SECTIONS: tuple[Section, ...] = (
    Section(
        "flow",
        0,
        forms=("milestone", "correction", "withdraw", "trajectory"),
        fragments={"correction": "correction_fragment"},
    ),
    # the stored items with what they are about (+1 to say why the contact norm is overdue)
    Section("agenda", 1),
    # the working elements; one query for what the history gives the form (the elements used most,
    # the latest channel, the steps done, the latest stress: koers.contacts.selectors.form_history);
    # the method's steps for the phase and the basic methods; the open barriers and the network with
    # consents (shared with those sections: on the page each is read once)
    Section("contact", 6, forms=("contact", "agreements")),
    # a page of contacts, their interventions, participants, steps and agreements
    Section("history", 5, folded=_("Geschiedenis")),
    # the last hand-over (+1 for the target-group tips when the youth has markers; once the
    # trajectory ended, +1 for the organisation's retention terms, +1 for earlier trajectories)
    Section("details", 1),
    # planned, and the latest past ones
    Section(
        "appointments",
        2,
        forms=("appointment",),
        fragments={"appointment": "form_fragment"},
        folded=_("Geplande gesprekken"),
    ),
    # open ones, counted in the same query
    Section("agreements", 1, folded=_("Open afspraken")),
    # open barriers (+1 for the toolbox items when there are barriers, markers or a phase)
    Section("barriers", 1, forms=("barrier",), folded=_("Belemmeringen")),
    # the proposals with their conversation; the latest conversation about it
    Section("enforcement", 2, forms=("enforcement",), folded=_("Handhaving")),
    # the people around the youth (+1 for their open consents when there are any)
    Section("network", 1, forms=("member", "consent"), folded=_("Netwerk")),
    # nothing until its panel opens (then the consents, one query)
    Section(
        "research_consent",
        0,
        forms=("research_consent", "research_revoke"),
        fragments={"research_consent": "panel_fragment"},
    ),
    # the set of domains, assessments, self-ratings (+1 for the scores when assessed)
    Section("progress", 3, forms=("assessment",), folded=_("Voortgang")),
    # the plan, the daily-step choice (+2 for the sub-goals and the last ten versions when there
    # is a plan, +1 for the days done when the youth chose a daily step)
    Section("plan", 2, forms=("plan", "sub_goals"), folded=_("Plan")),
    # the newest 30 messages, the portal access (+1 for their attachments when there are messages)
    # folded: +1 to count the youth's unread messages
    Section("messages", 2, forms=("reply",), folded=_("Berichten"), folded_note="unread_note"),
    # the wishes, interested, tips, introductions (+1 for the matching vacancies when the youth has
    # wishes, +1 for the introductions' working elements when there are any); its forms load when
    # opened (koers.web.youths.work)
    Section(
        "work",
        4,
        forms=("tip", "introduction"),
        fragments={"tip": "tip_fragment", "introduction": "introduction_fragment"},
        folded=_("Werk en vacatures"),
    ),
    # its form (the templates, the next conversation) loads when opened
    Section("letters", 0, forms=("letter",), fragments={"letter": "form_fragment"}),
    # its form (the consultants) loads when opened
    Section("hand_over", 0, forms=("hand_over",), fragments={"hand_over": "form_fragment"}),
)

BY_NAME = {section.name: section for section in SECTIONS}
# Which section shows a form that was sent back with errors.
SECTION_OF_FORM = {form: section for section in SECTIONS for form in section.forms}
FRAGMENTS = {name: section for section in SECTIONS for name in section.fragments}


def file_url(youth_id: int, section: str) -> str:
    """Where a write of `section` goes back to: the file at that section, opened if it is folded."""
    url = reverse("youth_file", args=[youth_id])
    if BY_NAME[section].folded:
        url += f"?open={section}"
    return f"{url}#{section}-heading"

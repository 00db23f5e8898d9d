"""The sections of the youth file: one registry that the page, its fragment views and the
query-count tests read. Adding a section is one entry here (and its module and template).

Each entry names its module by path rather than importing it: the sections' write views import
the page (`file.py`, to re-render a refused form), and the page finds the sections here, so
neither imports the other at the top (import-linter forbids a cycle inside koers.web.youths).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Section:
    """One part of the file: `context(file)` gives its template's variables; `forms` are the forms
    it shows again when they come back with errors; `fragments` are forms that load when their
    panel opens (name → view function name in the module); `queries` is how many queries its
    context runs for an ordinary youth, on top of what the page shares (asserted by the tests)."""

    name: str
    queries: int
    forms: tuple[str, ...] = ()
    fragments: dict[str, str] = field(default_factory=dict)

    @property
    def module(self) -> str:
        return f"koers.web.youths.{self.name}"

    @property
    def template(self) -> str:
        return f"web/youths/sections/{self.name}.html"

    @cached_property
    def context(self):
        return import_string(f"{self.module}.context")

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
    # the working elements; what is used most for this youth (elements, channel); the method's steps
    # for the phase, those done, the basic methods; the open barriers and the network with consents
    # (shared with those sections: on the page each is read once)
    Section("contact", 9, forms=("contact", "agreements")),
    # a page of contacts, their interventions, participants, steps and agreements
    Section("history", 5),
    # the last hand-over (+1 for the target-group tips when the youth has markers)
    Section("details", 1),
    # planned, and the latest past ones
    Section("appointments", 2, forms=("appointment",), fragments={"appointment": "form_fragment"}),
    # open ones, counted in the same query
    Section("agreements", 1),
    # open barriers (+1 for the toolbox items when there are barriers, markers or a phase)
    Section("barriers", 1, forms=("barrier",)),
    # the proposals with their conversation; the latest conversation about it
    Section("enforcement", 2, forms=("enforcement",)),
    # the people around the youth (+1 for their open consents when there are any)
    Section("network", 1, forms=("member", "consent")),
    # nothing until its panel opens (then the consents, one query)
    Section(
        "research_consent",
        0,
        forms=("research_consent", "research_revoke"),
        fragments={"research_consent": "panel_fragment"},
    ),
    # the set of domains, assessments, self-ratings (+1 for the scores when assessed)
    Section("progress", 3, forms=("assessment",)),
    # the plan, the daily-step choice (+2 for the sub-goals and the last ten versions when there
    # is a plan, +1 for the days done when the youth chose a daily step)
    Section("plan", 2, forms=("plan", "sub_goals")),
    # the newest 30 messages, the portal access (+1 for their attachments when there are messages)
    Section("messages", 2, forms=("reply",)),
    # its form (the templates, the next conversation) loads when opened
    Section("letters", 0, forms=("letter",), fragments={"letter": "form_fragment"}),
    # its form (the consultants) loads when opened
    Section("hand_over", 0, forms=("hand_over",), fragments={"hand_over": "form_fragment"}),
)

BY_NAME = {section.name: section for section in SECTIONS}
# Which section shows a form that was sent back with errors.
SECTION_OF_FORM = {form: section for section in SECTIONS for form in section.forms}
FRAGMENTS = {name: section for section in SECTIONS for name in section.fragments}

"""Query counts: bounded on Vandaag and the youth file, per page, per section and per folded
section's fragment, and the same for a youth with 5 contacts as for one with 300, in a caseload of
3 or of 30."""

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import Organisation, Role, Team, User
from koers.agenda.models import DueItem
from koers.contacts.selectors import PHASE_CATEGORIES
from koers.contacts.services import contact_record
from koers.trajectories.models import Barrier, Youth
from koers.web.youths import (
    agenda,
    agreements,
    appointments,
    barriers,
    contact,
    details,
    enforcement,
    flow,
    hand_over,
    history,
    letters,
    messages,
    network,
    plan,
    progress,
)
from koers.web.youths.sections import SECTIONS as FILE_SECTIONS
from koers.web.youths.view import file_view
from tests.conftest import make_user, shared_transaction
from tests.web.conftest import youth_with_history

pytestmark = pytest.mark.django_db

# Per request: session, user and TOTP device (3), the page's own reads and the access-log insert.
# The session is written at most once a minute, so the counts are taken on a second request.
TODAY_MAX = 8
# 32 before issue 9; the plan and the conversation add 4 for a youth without either (plan,
# daily-step choice; messages, portal access), and 3 more with both (sub-goals, versions, attachments).
# +1 with issue 17: who took part in each shown contact (ContactParticipant).
# 37 with every section read; since issue 18 the folded sections (history, plan, messages, ...:
# sections.Section.folded) load on their own (FOLDED_SECTION_MAX each). Measured on the second
# request, with the method's reads in the cache (koers.method.cache; 5 more with an empty cache):
# 12 for a youth seen lately, 13 when the contact norm is overdue (the agenda says why).
# +1 for the unread messages on the folded conversation ("2 ongelezen berichten").
YOUTH_FILE_MAX = 14
# A folded section's fragment (youth_section): the request's 3, the youth, its trajectories and
# milestones, the access-log insert, and the section's own reads (SECTION_QUERIES). The largest
# is the history (5 of its own).
FOLDED_SECTION_MAX = 12
# Each section of the youth file, on top of what the page shares (youth, trajectories, milestones).
SECTION_QUERIES = {
    "flow": 0,
    "agenda": 1,  # the stored items, with what they are about; +1 to say why the contact norm is overdue
    # one for what the history gives the form (the elements used most, the latest channel, the
    # steps done in this trajectory, the latest stress rating: koers.contacts.selectors.form_history);
    # the open barriers and the network with consents (shared with those sections: on the page each
    # is read once). The working elements and the method's steps, basic methods and toolbox come
    # from the cache (koers.method.cache; 4 more, and the current version, with an empty cache).
    "contact": 3,
    "progress": 3,  # the set of domains, assessments, self-ratings; +1 for the scores when assessed
    "network": 1,  # the people around the youth; +1 for their open consents when there are any
    "enforcement": 2,  # the proposals with their conversation; the latest conversation about it
    "barriers": 1,  # open barriers (the toolbox items come from the method's cache)
    "history": 5,  # a page of contacts, their interventions, participants, steps and agreements
    "details": 1,  # the last hand-over; +1 for the target-group tips when the youth has markers
    "appointments": 2,  # planned, and the latest past ones
    "agreements": 1,  # open ones, counted in the same query
    "hand_over": 0,  # its form (the consultants) loads when opened
    "letters": 0,  # its form (the templates, the next conversation) loads when opened
    # the plan, the daily-step choice (+2 for the sub-goals and the last ten versions when there is
    # a plan, +1 for the days done when the youth chose a daily step)
    "plan": 2,
    # the newest 30 messages, the portal access (+1 for their attachments when there are messages,
    # +1 to mark the youth's messages read when the youth's consultant reads unread ones)
    "messages": 2,
}
SECTIONS = {
    "flow": flow,
    "agenda": agenda,
    "contact": contact,
    "history": history,
    "details": details,
    "appointments": appointments,
    "agreements": agreements,
    "barriers": barriers,
    "enforcement": enforcement,
    "network": network,
    "progress": progress,
    "hand_over": hand_over,
    "letters": letters,
    "plan": plan,
    "messages": messages,
}
# The section counts are taken on a youth with 5 contacts and on one with 300. Where a section's
# count depends on the youth (the "+1 ..." above), the youths are built so that it is known which
# branch each takes, and `test_the_youths_take_the_branches_declared` checks that they do:
# - both are in the search period, for which the toolbox has items (from the method's cache);
# - the 5 contacts end 36 days ago, so the contact norm is overdue: +1 in agenda. The 300 contacts
#   end yesterday, so it is not.
BRANCHES = {
    5: {"agenda": 1},
    300: {},
}


@dataclass(frozen=True)
class World:
    """One organisation's consultant and team lead and the ids of the consultant's youths."""

    consultant_id: int
    team_lead_id: int
    youth_ids: tuple[int, ...]

    @property
    def consultant(self) -> User:
        return User.objects.get(pk=self.consultant_id)

    @property
    def team_lead(self) -> User:
        return User.objects.get(pk=self.team_lead_id)


def _world(name: str, youths) -> World:
    """An organisation with a team, a consultant and a team lead; `youths(consultant)` gives the
    consultant's youths."""
    org = Organisation.objects.create(name=f"Gemeente {name}")
    team = Team.objects.create(organisation=org, name=f"Jongerenteam {name}")
    consultant = make_user(f"consulent-{name.lower()}", org, Role.CONSULTANT, team)
    team_lead = make_user(f"teamleider-{name.lower()}", org, Role.TEAM_LEAD, team)
    return World(consultant.pk, team_lead.pk, tuple(youth.pk for youth in youths(consultant)))


def _youths(consultant, first: int, n: int, *, contacts: int = 2) -> list:
    return [youth_with_history(consultant, number, contacts=contacts)[0] for number in range(first, first + n)]


def _with_a_contact_today(consultant, number: int, *, contacts: int):
    """A youth with a contact today too, so that the file shows no overdue contact norm (which costs
    one query more)."""
    youth, trajectory = youth_with_history(consultant, number, contacts=contacts)
    contact_record(actor=consultant, trajectory=trajectory, date=timezone.localdate(), channel="office")
    return youth


@pytest.fixture(scope="module")
def worlds(django_db_setup, django_db_blocker):
    """The caseloads these tests read, built once for the module: a youth with 300 contacts takes
    some ten seconds through the services, and the tests that use them only read.

    Kept in a transaction that is rolled back when the module is done (`shared_transaction`):
    what a test writes (a session, the access log) is undone after it.

    - "today_small": 3 youths with 2 contacts; "today_large": 30 such youths;
    - "file_small": only a youth with 5 contacts and one today; "file_large": its twin, 28 youths
      with 2 contacts and one with 300 contacts: 30 youths;
    - "sections_5": the youth with 5 contacts of the section counts; the one with 300 is the last
      of "file_large" (BRANCHES says what each has).
    """
    with shared_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            built = {
                "today_small": _world("Klein", lambda c: _youths(c, 0, 3)),
                "today_large": _world("Groot", lambda c: _youths(c, 0, 30)),
                "file_small": _world("Een", lambda c: [_with_a_contact_today(c, 901, contacts=5)]),
                "file_large": _world(
                    "Dertig",
                    lambda c: [
                        _with_a_contact_today(c, 901, contacts=5),
                        *_youths(c, 0, 28),
                        youth_with_history(c, 999, contacts=300)[0],
                    ],
                ),
                "sections_5": _world("Vijf", lambda c: [youth_with_history(c, 5, contacts=5)[0]]),
            }
        yield built


def count_queries(client, url, params=None) -> int:
    client.get(url, params or {})  # may renew the session (at most once a minute)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context)


def test_today_is_bounded(consultant, as_user, caseload):
    caseload(consultant, 3)
    client = as_user(consultant)
    assert count_queries(client, reverse("today"), {"period": "all"}) <= TODAY_MAX
    assert count_queries(client, reverse("today"), {"view": "caseload"}) <= TODAY_MAX


def test_youth_file_is_bounded(consultant, as_user, caseload):
    ((youth, _trajectory),) = caseload(consultant, 1, contacts=5)
    assert count_queries(as_user(consultant), reverse("youth_file", args=[youth.pk])) <= YOUTH_FILE_MAX


@pytest.mark.parametrize(
    ("persona", "params"),
    [
        ("consultant", {"period": "all"}),
        ("consultant", {"view": "caseload"}),
        ("team_lead", {"period": "all"}),
        ("team_lead", {"view": "caseload", "consultant": "org"}),
    ],
)
def test_today_does_not_grow_with_the_caseload(worlds, as_user, persona, params):
    # The same page for the same persona in two organisations alike but for the caseload's size.
    small = count_queries(as_user(getattr(worlds["today_small"], persona)), reverse("today"), params)
    # 30 youths with contacts, agreements and due items
    large = count_queries(as_user(getattr(worlds["today_large"], persona)), reverse("today"), params)
    assert small == large
    assert small <= TODAY_MAX + 1  # the team lead's consultant list is one more


def test_youth_file_does_not_grow_with_contacts_or_caseload(worlds, as_user):
    # A youth with 5 contacts alone in a caseload; its twin among 30 youths, one of them with 300 contacts.
    (few,) = worlds["file_small"].youth_ids
    small = count_queries(as_user(worlds["file_small"].consultant), reverse("youth_file", args=[few]))
    large = worlds["file_large"]
    few, *_, many = large.youth_ids
    assert Youth.objects.get(pk=many).trajectories.get().contacts.count() == 300
    client = as_user(large.consultant)
    assert count_queries(client, reverse("youth_file", args=[many])) == small
    assert count_queries(client, reverse("youth_file", args=[few])) == small
    assert small <= YOUTH_FILE_MAX


def _section_youth(worlds, contacts: int) -> Youth:
    world = worlds["sections_5"] if contacts == 5 else worlds["file_large"]
    return Youth.objects.select_related("consultant").get(pk=world.youth_ids[-1])


@pytest.mark.parametrize("contacts", [5, 300])
def test_the_youths_take_the_branches_declared(worlds, contacts):
    youth = _section_youth(worlds, contacts)
    trajectory = youth.trajectories.get()
    assert trajectory.contacts.count() == contacts
    # agenda: the contact norm is overdue for the youth with 5 contacts only
    overdue = DueItem.objects.filter(trajectory=trajectory, kind="contact_norm", due__lt=timezone.localdate())
    assert overdue.exists() == (BRANCHES[contacts].get("agenda") == 1)
    # barriers and contact: the toolbox applies for the phase (its items come from the cache,
    # whatever the barriers or markers; none here)
    assert trajectory.phase in PHASE_CATEGORIES
    assert not Barrier.objects.filter(youth=youth).exists() and not youth.target_groups


@pytest.mark.parametrize("contacts", [5, 300])
@pytest.mark.parametrize("name", list(SECTIONS))
def test_each_section_has_its_own_fixed_count(worlds, name, contacts):
    youth = _section_youth(worlds, contacts)
    request = RequestFactory().get(f"/jongeren/{youth.pk}/")
    request.user = youth.consultant
    SECTIONS[name].context(file_view(request, youth))  # fills the method's cache, as any page before did
    view = file_view(request, youth)
    with CaptureQueriesContext(connection) as context:
        SECTIONS[name].context(view)
    expected = SECTION_QUERIES[name] + BRANCHES[contacts].get(name, 0)
    assert len(context) == expected, [q["sql"][:120] for q in context.captured_queries]


@pytest.mark.parametrize("name", [section.name for section in FILE_SECTIONS if section.folded])
def test_each_folded_section_loads_with_a_fixed_count(worlds, as_user, name):
    # Opened from the file ("Toon ..."): the same for the youth with 5 contacts as for the one with 300.
    counts = []
    for contacts in (5, 300):
        youth = _section_youth(worlds, contacts)
        counts.append(count_queries(as_user(youth.consultant), reverse("youth_section", args=[youth.pk, name])))
    few, many = counts
    assert few == many
    assert few <= FOLDED_SECTION_MAX

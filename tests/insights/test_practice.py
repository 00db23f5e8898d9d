"""Mijn werk: a consultant's own working elements per phase, from the summary table the worker
fills, every number leading to the own contacts behind it; nobody else's contacts counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Contact
from koers.contacts.services import contact_record
from koers.insights.models import CountKind, PracticeCount
from koers.insights.services import practice_counts_fill, practice_counts_rebuild
from koers.method.models import MethodStep
from koers.method.selectors import current_version
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record, trajectory_create, youth_create
from tests.concurrency import at_once
from tests.conftest import born_years_ago, days_ago

PRACTICE = reverse("practice")
CONTACTS = reverse("practice_contacts")
YOUTHS = reverse("practice_youths")


def _youth(consultant, name="Noor"):
    youth = youth_create(
        actor=consultant, consultant=consultant, first_name=name, last_name="Test", birth_date=born_years_ago(21)
    )
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(60), source="uwv")
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(50))
    return youth, trajectory


def _contact(consultant, trajectory, days, codes=(), **extra):
    return contact_record(
        actor=consultant,
        trajectory=trajectory,
        date=days_ago(days),
        channel="office",
        intervention_codes=list(codes),
        **extra,
    )


def _cell(response, code, phase_index):
    practice = response.context["practice"]
    row = next(r for theme in practice.themes for r in theme.rows if r.code == code)
    return row.by_phase[phase_index], row


SEARCH = 2  # the search period's column (registration, invited, search period, follow-up, aftercare)


def test_the_matrix_counts_my_elements_per_phase_with_shares_and_the_mean(consultant, as_user):
    _youth_, trajectory = _youth(consultant)
    _contact(consultant, trajectory, 40, ["trust_personal_attention", "qualities_self_confidence"])
    _contact(consultant, trajectory, 30, ["trust_personal_attention"])
    _contact(consultant, trajectory, 20, [])
    _contact(
        consultant, trajectory, 10, ["trust_personal_attention", "qualities_motivation", "situation_stress_sensitive"]
    )
    assert practice_counts_fill() == 4

    response = as_user(consultant).get(PRACTICE)
    assert response.status_code == 200
    practice = response.context["practice"]
    assert practice.contacts == 4
    assert practice.contacts_by_phase[SEARCH] == 4
    assert practice.interventions == 6
    assert practice.per_contact == pytest.approx(1.5)
    count, row = _cell(response, "trust_personal_attention", SEARCH)
    assert count == 3 and row.total == 3 and row.share == pytest.approx(0.75)
    never = {row.code for row in practice.never}
    assert "trust_second_chance" in never and "trust_personal_attention" not in never
    page = response.content.decode()
    assert "met gemiddeld 1,5 werkzame elementen per contact" in page
    assert "75 %" in page
    # The count links to the contacts behind it, with the element and the phase.
    assert f"{CONTACTS}?element=trust_personal_attention&amp;fase=search_period" in page


def test_a_number_leads_to_exactly_my_contacts_behind_it(consultant, colleague, as_user):
    _youth_, trajectory = _youth(consultant)
    with_element = _contact(consultant, trajectory, 30, ["trust_personal_attention"])
    _contact(consultant, trajectory, 20, ["qualities_motivation"])
    # A colleague of the same team, with the same youth: theirs, not mine.
    _contact(colleague, trajectory, 10, ["trust_personal_attention"])
    practice_counts_fill()

    response = as_user(consultant).get(CONTACTS, {"element": "trust_personal_attention", "fase": "search_period"})
    assert response.status_code == 200
    assert [line.contact_id for line in response.context["page"].object_list] == [with_element.pk]
    assert "Persoonlijke aandacht" in response.content.decode()
    # Opening the list is in the access log, for that youth.
    entry = AccessLogEntry.objects.filter(user=consultant, subject="insights").get()
    assert entry.youth_id == trajectory.youth_id

    colleague_page = as_user(colleague).get(PRACTICE).context["practice"]
    assert colleague_page.contacts == 1


def test_a_youth_handed_over_to_another_team_drops_out_of_my_list_but_not_my_counts(
    consultant, other_team_consultant, as_user
):
    youth, trajectory = _youth(consultant)
    _contact(consultant, trajectory, 30, ["trust_personal_attention"])
    practice_counts_fill()
    youth.consultant = other_team_consultant
    youth.save(update_fields=["consultant"])

    client = as_user(consultant)
    assert client.get(PRACTICE).context["practice"].contacts == 1
    listed = client.get(CONTACTS).context["page"].object_list
    assert listed == []
    assert "Geen contacten gevonden" in client.get(CONTACTS).content.decode()


def test_the_period_leaves_out_older_contacts(consultant, as_user):
    _youth_, trajectory = _youth(consultant)
    Contact.objects.filter(pk=_contact(consultant, trajectory, 20, ["trust_personal_attention"]).pk).update(
        date=days_ago(400)
    )
    _contact(consultant, trajectory, 10, ["trust_personal_attention"])
    practice_counts_rebuild()  # the date was changed in the database: start over

    client = as_user(consultant)
    assert client.get(PRACTICE, {"periode": "12"}).context["practice"].contacts == 1
    assert client.get(PRACTICE, {"periode": "onzin"}).context["practice"].period.months == 6


def test_steps_and_toolbox_items_i_used_are_listed_with_their_text(consultant, as_user):
    _youth_, trajectory = _youth(consultant)
    version = current_version(consultant.organisation_id)
    step = MethodStep.objects.filter(version=version, phase="search_period").first()
    _contact(consultant, trajectory, 10, ["trust_personal_attention"], step_ids=[step.pk])
    practice_counts_fill()

    response = as_user(consultant).get(PRACTICE)
    steps = response.context["practice"].steps
    assert [(used.key, used.count) for used in steps] == [(step.key, 1)]
    assert step.text in response.content.decode()


def test_per_youth_shows_what_i_did_with_each_youth(consultant, as_user):
    _noor, noor_trajectory = _youth(consultant, "Noor")
    _sem, sem_trajectory = _youth(consultant, "Sem")
    _contact(consultant, noor_trajectory, 30, ["trust_personal_attention", "qualities_motivation"])
    _contact(consultant, noor_trajectory, 20, ["trust_personal_attention"])
    _contact(consultant, sem_trajectory, 10, [])

    response = as_user(consultant).get(YOUTHS)
    assert response.status_code == 200
    rows = {row.youth_name: row for row in response.context["page"].object_list}
    assert rows["Noor Test"].contacts == 2 and rows["Noor Test"].per_contact == pytest.approx(1.5)
    assert rows["Noor Test"].most_used[0] == ("Persoonlijke aandacht", 2)
    assert rows["Sem Test"].interventions == 0
    assert "Begeleiding met vertrouwen" not in rows["Noor Test"].themes_unused
    assert AccessLogEntry.objects.filter(user=consultant, subject="insights").count() == 2


@pytest.mark.parametrize("url", [PRACTICE, CONTACTS, YOUTHS])
def test_who_may_open_my_practice(url, consultant, team_lead, admin, outsider, as_user):
    _youth_, trajectory = _youth(consultant)
    _contact(consultant, trajectory, 10, ["trust_personal_attention"])
    practice_counts_fill()
    assert as_user(admin).get(url).status_code == 403
    assert as_user(consultant).get(url).status_code == 200
    # A team lead and someone of another organisation see their own work: none of this.
    for other in (team_lead, outsider):
        response = as_user(other).get(url)
        assert response.status_code == 200
        if url == PRACTICE:
            assert response.context["practice"].contacts == 0
            assert "nog geen contacten vastgelegd" in response.content.decode()
        else:
            assert list(response.context["page"].object_list) == []
    assert reverse("insights") in as_user(consultant).get(reverse("today")).content.decode()
    assert as_user(admin).get(reverse("insights")).status_code == 403


def test_the_pages_cost_the_same_for_a_long_history(consultant, as_user):
    youths = [_youth(consultant, f"Jongere{i}") for i in range(2)]
    for _name, trajectory in youths:
        _contact(consultant, trajectory, 10, ["trust_personal_attention"])
    practice_counts_fill()
    client = as_user(consultant)
    client.get(PRACTICE)  # the first request of a session also saves the session

    def cost(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = {url: cost(url) for url in (PRACTICE, CONTACTS, YOUTHS)}
    for i in range(12):
        _youth_, trajectory = _youth(consultant, f"Later{i}")
        for days in (40, 30, 20):
            _contact(consultant, trajectory, days, ["trust_personal_attention", "qualities_motivation"])
    practice_counts_fill()
    large = {url: cost(url) for url in (PRACTICE, CONTACTS, YOUTHS)}
    assert large == small
    assert small[PRACTICE] <= 6, small  # session, user, second factor, counts, elements, fill state


def test_filling_twice_counts_each_contact_once_and_a_new_contact_is_added(consultant):
    _youth_, trajectory = _youth(consultant)
    _contact(consultant, trajectory, 20, ["trust_personal_attention"])
    assert practice_counts_fill() == 1
    assert practice_counts_fill() == 0
    _contact(consultant, trajectory, 10, ["trust_personal_attention"])
    assert practice_counts_fill() == 1
    total = PracticeCount.objects.filter(kind=CountKind.ELEMENT, key="trust_personal_attention").values_list(
        "count", flat=True
    )
    assert sum(total) == 2
    before = sorted(PracticeCount.objects.values_list("kind", "key", "phase", "count"))
    practice_counts_rebuild()
    assert sorted(PracticeCount.objects.values_list("kind", "key", "phase", "count")) == before


def test_a_round_in_small_steps_counts_the_same_as_one_round(consultant):
    _youth_, trajectory = _youth(consultant)
    for days in (30, 20, 10):
        _contact(consultant, trajectory, days, ["trust_personal_attention"])
    while practice_counts_fill(limit=1):
        pass
    assert _total(kind=CountKind.CONTACT, phase="search_period") == 3


def _total(**filters) -> int:
    """Over the months: 30 and 10 days ago may lie in two months, depending on today."""
    return sum(PracticeCount.objects.filter(**filters).values_list("count", flat=True))


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_count_each_contact_once(taxonomy, consultant):
    _youth_, trajectory = _youth(consultant)
    for days in (30, 20, 10):
        _contact(consultant, trajectory, days, ["trust_personal_attention"])
    results = at_once(4, lambda _i: practice_counts_fill())
    assert sorted(results) == [0, 0, 0, 3], results
    assert _total(kind=CountKind.CONTACT, phase="search_period") == 3
    assert _total(kind=CountKind.ELEMENT, key="trust_personal_attention", phase="search_period") == 3

"""The working method as versioned data: the shipped default, versions, and steps on contacts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.accounts.models import Organisation
from koers.contacts.selectors import checklist_of, history_page
from koers.contacts.services import contact_record
from koers.method.default import default_method
from koers.method.models import MethodPhase, MethodStep, MethodVersion, StepKind, WorkingElement
from koers.method.services import StepChange, method_install_default, method_version_create
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record
from tests.concurrency import at_once
from tests.conftest import days_ago

BARRIERS = {
    "psychosocial",
    "financial",
    "health",
    "addiction",
    "autism_suspected",
    "mild_id_suspected",
    "language",
    "small_network",
    "application_skills",
    "education_unclear",
}


def _step(organisation, key: str) -> MethodStep:
    version = MethodVersion.objects.filter(organisation=organisation).order_by("-number").first()
    return MethodStep.objects.get(version=version, key=key)


def test_the_default_method_is_complete_and_uses_known_codes(db):
    data = default_method()
    codes = set(WorkingElement.objects.values_list("code", flat=True))
    steps = data["steps"]
    assert len({s["key"] for s in steps}) == len(steps)
    assert {s["phase"] for s in steps} == set(MethodPhase.values)
    assert {s["kind"] for s in steps} == set(StepKind.values)
    assert all(set(s["elements"]) <= codes and s["elements"] for s in steps)
    assert all(set(i["elements"]) <= codes for i in data["toolbox"])
    assert {i["barrier"] for i in data["toolbox"]} - {None} == BARRIERS  # every barrier kind has help
    assert {m["key"] for m in data["basic_methods"]} == {
        "motivational_interviewing",
        "solution_focused",
        "stress_sensitive",
    }
    assert {g["marker"] for g in data["target_groups"]} == {
        "autism",
        "mild_intellectual_disability",
        "refugee_residence_permit",
    }
    enforcement = next(s for s in steps if s["key"] == "follow_up.enforcement_conversation_first")
    assert enforcement["phase"] == "follow_up"


def test_a_new_organisation_starts_with_the_default_as_version_1(db):
    organisation = Organisation.objects.create(name="Gemeente Nieuw")
    version = MethodVersion.objects.get(organisation=organisation)
    assert version.number == 1 and version.created_by is None
    assert version.steps.count() == len(default_method()["steps"])
    step = version.steps.get(key="follow_up.enforcement_conversation_first")
    assert set(step.working_elements.values_list("code", flat=True)) == {
        "trust_second_chance",
        "situation_stress_sensitive",
    }
    assert method_install_default(organisation=organisation) == version  # idempotent


@pytest.mark.django_db(transaction=True)
def test_simultaneous_installs_install_once(taxonomy):
    (organisation,) = Organisation.objects.bulk_create([Organisation(name="Gemeente Tegelijk")])  # no signal
    assert not MethodVersion.objects.filter(organisation=organisation).exists()
    results = at_once(5, lambda _i: method_install_default(organisation=organisation))
    # Every call answers with the one version (no call failed, none made a second).
    assert all(isinstance(r, MethodVersion) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert MethodVersion.objects.filter(organisation=organisation).count() == 1


def test_a_new_version_rewords_a_step_and_old_contacts_keep_the_old_text(started, consultant, admin):
    milestone_record(
        actor=consultant, trajectory=started, kind=MilestoneKind.PLAN_CONVERSATION, date=days_ago(1), route="work"
    )
    started.refresh_from_db()
    old = _step(consultant.organisation, "follow_up.enforcement_conversation_first")
    contact = contact_record(
        actor=consultant, trajectory=started, date=days_ago(0), channel="office", step_ids=[old.pk]
    )
    new_version = method_version_create(
        actor=admin,
        organisation=consultant.organisation,
        reason="Eigen woorden van ons team",
        steps=[StepChange(key=old.key, text="Bespreek handhaving altijd eerst persoonlijk met de jongere.")],
    )
    assert new_version.number == 2 and new_version.based_on.number == 1 and new_version.created_by == admin
    assert list(contact.steps.values_list("text", flat=True)) == [old.text]  # history stays true
    page = history_page(trajectory=started, milestones=())
    assert page.entries[0].contact.steps == (old.text,)
    texts = [s.text for s in checklist_of(started).steps.steps]
    assert "Bespreek handhaving altijd eerst persoonlijk met de jongere." in texts and old.text not in texts
    assert checklist_of(started).done[old.key] == days_ago(0)  # done counts across versions, by key


def test_retiring_and_adding_steps(consultant, admin):
    organisation = consultant.organisation
    first = _step(organisation, "follow_up.enforcement_conversation_first")
    version = method_version_create(
        actor=admin,
        organisation=organisation,
        reason="Lokale afspraak",
        steps=[
            StepChange(key=first.key, retire=True),
            StepChange(
                key="follow_up.local_coach",
                phase="follow_up",
                kind="do",
                text="Bel de jobcoach.",
                elements=("skills_job_application",),
            ),
        ],
    )
    keys = set(version.steps.values_list("key", flat=True))
    assert first.key not in keys and "follow_up.local_coach" in keys
    assert MethodStep.objects.filter(pk=first.pk).exists()  # the old version is untouched


def test_only_the_functional_administrator_changes_the_method(consultant, team_lead, admin, outsider):
    for actor in (consultant, team_lead):
        with pytest.raises(ValidationError, match="Alleen de functioneel beheerder van de organisatie"):
            method_version_create(actor=actor, organisation=consultant.organisation, reason="x", steps=[])
    with pytest.raises(ValidationError, match="Alleen de functioneel beheerder van de organisatie"):
        method_version_create(actor=admin, organisation=outsider.organisation, reason="x", steps=[])
    with pytest.raises(ValidationError, match="Schrijf op waarom de werkwijze verandert"):
        method_version_create(actor=admin, organisation=consultant.organisation, reason="  ", steps=[])
    assert MethodVersion.objects.filter(organisation=consultant.organisation).count() == 1


def test_a_ticked_step_records_its_working_elements(started, consultant):
    step = _step(consultant.organisation, "follow_up.enforcement_conversation_first")
    contact = contact_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(0),
        channel="office",
        intervention_codes=["trust_personal_attention"],
        step_ids=[step.pk],
    )
    codes = set(contact.interventions.values_list("code", flat=True))
    assert codes == {"trust_personal_attention", "trust_second_chance", "situation_stress_sensitive"}


def test_steps_of_an_old_version_or_another_organisation_are_refused(started, consultant, admin, outsider):
    old = _step(consultant.organisation, "follow_up.enforcement_conversation_first")
    method_version_create(actor=admin, organisation=consultant.organisation, reason="Nieuwe versie", steps=[])
    foreign = _step(outsider.organisation, "follow_up.enforcement_conversation_first")
    for step in (old, foreign):
        with pytest.raises(ValidationError, match="Deze stappen horen niet bij de werkwijze van nu") as refused:
            contact_record(actor=consultant, trajectory=started, date=days_ago(0), channel="office", step_ids=[step.pk])
        assert "steps" in refused.value.error_dict
    assert not started.contacts.exists()


def test_the_checklist_follows_the_phase(trajectory, consultant):
    # Registered: before the first conversation.
    assert {s.phase for s in checklist_of(trajectory).steps.own} == {"before"}
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.INVITATION, date=days_ago(30))
    trajectory.refresh_from_db()
    invited = checklist_of(trajectory)
    assert {s.phase for s in invited.steps.own} == {"before", "first_conversation"}
    assert invited.steps.attitude and all(s.kind == "attitude" for s in invited.steps.attitude)
    milestone_record(actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(20))
    trajectory.refresh_from_db()
    searching = checklist_of(trajectory)
    assert {s.phase for s in searching.steps.own} == {"search_period", "plan_conversation"}
    carried = [s for s in searching.steps.other if s.source == "earlier"]
    assert carried and {s.phase for s in carried} <= {"before", "first_conversation"}  # the → steps
    assert {m.key for m in searching.basic_methods} >= {"motivational_interviewing"}


def test_the_file_offers_the_steps_and_records_the_ticked_ones(started, consultant, as_user):
    client = as_user(consultant)
    page = client.get(reverse("youth_file", args=[started.youth_id])).content.decode()
    step = _step(consultant.organisation, checklist_of(started).steps.own[0].key)
    assert f'name="contact-steps" value="{step.pk}"' in page
    assert "Houding en basismethoden" in page
    response = client.post(
        reverse("contact_create", args=[started.youth_id]),
        {
            "contact-date": days_ago(0).isoformat(),
            "contact-channel": "office",
            "contact-purpose": "status_check",
            "contact-participants": ["youth"],
            "contact-steps": [str(step.pk)],
            "agreements-TOTAL_FORMS": "1",
            "agreements-INITIAL_FORMS": "0",
            "agreements-0-owner": "youth",
        },
    )
    assert response.status_code == 302
    assert list(started.contacts.get().steps.all()) == [step]
    page = client.get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert "Stappen uit de werkwijze" in page and step.text in page
    assert f"gedaan {days_ago(0).day}" in page


def test_the_api_gives_the_current_method_and_takes_step_ids(started, consultant, api):
    response = api(consultant).get("/method")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1
    assert {p["code"] for p in body["phases"]} == set(MethodPhase.values)
    step = next(s for s in body["steps"] if s["key"] == "follow_up.enforcement_conversation_first")
    assert set(step["working_elements"]) == {"trust_second_chance", "situation_stress_sensitive"}
    assert body["toolbox"] and "target_groups" not in body  # target-group guidance is for the file only
    created = api(consultant).post(
        f"/trajectories/{started.pk}/contacts",
        {"date": days_ago(0).isoformat(), "channel": "phone", "steps": [step["id"]]},
    )
    assert created.status_code == 201, created.content
    assert started.contacts.get().steps.get().pk == step["id"]
    assert api(None).get("/method").status_code == 401

"""The verbetertool: a self-assessment per working element, saved over time, beside the logged
practice; private to the consultant unless they share it with their team lead or their team."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.insights.models import Frequency, SelfAssessment
from koers.insights.services import practice_counts_fill, self_assessment_save
from koers.method.models import WorkingElement
from tests.insights.test_practice import _contact, _youth

TOOL = reverse("self_assessment")
SHARING = reverse("insight_sharing")


def _answers(value=Frequency.SOMETIMES, **overrides):
    answers = {code: int(value) for code in WorkingElement.objects.filter(active=True).values_list("code", flat=True)}
    answers.update({code: int(v) for code, v in overrides.items()})
    return answers


def _post(client, answers, key=None):
    return client.post(
        TOOL, {**{code: str(v) for code, v in answers.items()}, "idempotency_key": key or uuid.uuid4().hex}
    )


def test_every_working_element_has_a_question_and_a_tip(consultant, as_user):
    page = as_user(consultant).get(TOOL)
    assert page.status_code == 200
    form = page.context["form"]
    assert set(form.fields) == set(WorkingElement.objects.filter(active=True).values_list("code", flat=True))
    assert all(field.label.startswith("Hoe vaak") and field.help_text for field in form.fields.values())


def test_answers_are_saved_and_shown_beside_the_logged_practice(consultant, as_user):
    _name, trajectory = _youth(consultant)
    for days in (30, 20, 10):
        _contact(consultant, trajectory, days, ["trust_personal_attention"])
    practice_counts_fill()
    client = as_user(consultant)
    # "(Bijna) altijd" for an element never logged, "nooit" for one logged at every contact.
    answers = _answers(
        trust_second_chance=Frequency.ALWAYS,
        trust_personal_attention=Frequency.NEVER,
        qualities_motivation=Frequency.RARELY,
    )
    response = _post(client, answers)
    assert response.status_code == 302 and response.url.endswith("#vergelijking")

    page = client.get(TOOL)
    rows = {row.question.code: row for _theme, items in page.context["rows"] for row in items}
    assert rows["trust_second_chance"].stands_out
    assert rows["trust_personal_attention"].stands_out and rows["trust_personal_attention"].share == 1.0
    assert not rows["qualities_motivation"].stands_out  # "zelden" and never logged: one step apart
    text = page.content.decode()
    assert "Inschatting: (bijna) altijd; vastgelegd: in 0 % van de contacten." in text
    assert "Inschatting: nooit; vastgelegd: in 100 % van de contacten." in text
    # The form starts from the answers given last time.
    assert page.context["form"].initial["trust_second_chance"] == Frequency.ALWAYS


def test_a_new_filling_in_keeps_the_old_one_to_compare(consultant, as_user):
    client = as_user(consultant)
    _post(client, _answers(Frequency.RARELY))
    _post(client, _answers(Frequency.OFTEN))
    assert SelfAssessment.objects.filter(consultant=consultant).count() == 2
    page = client.get(TOOL)
    assert "Vorige keer" in page.content.decode()
    row = page.context["rows"][0][1][0]
    assert (row.estimate, row.earlier) == (Frequency.OFTEN, Frequency.RARELY)


def test_a_missing_answer_is_named_and_nothing_is_saved(consultant, as_user):
    answers = _answers()
    del answers["trust_second_chance"]
    response = _post(as_user(consultant), answers)
    assert response.status_code == 200
    assert "Kies een antwoord bij: Ruimte voor een tweede kans en time-out." in response.content.decode()
    assert "Er is niets opgeslagen" in response.content.decode()
    assert not SelfAssessment.objects.exists()
    with pytest.raises(ValidationError, match="Beantwoord elke vraag"):
        self_assessment_save(actor=consultant, answers=answers)
    with pytest.raises(ValidationError, match="Onbekende werkzame elementen: flying"):
        self_assessment_save(actor=consultant, answers={**_answers(), "flying": 1})


def test_sending_the_same_form_twice_saves_it_once(consultant, as_user):
    client = as_user(consultant)
    key = uuid.uuid4().hex
    _post(client, _answers(), key)
    _post(client, _answers(), key)
    assert SelfAssessment.objects.filter(consultant=consultant).count() == 1


def test_it_is_private_until_shared(consultant, colleague, other_team_consultant, team_lead, admin, outsider, as_user):
    self_assessment_save(actor=consultant, answers=_answers())
    mine = reverse("self_assessment_colleague", args=[consultant.pk])
    for viewer in (colleague, other_team_consultant, team_lead, outsider):
        assert as_user(viewer).get(mine).status_code == 404, viewer
    assert as_user(admin).get(mine).status_code == 403
    assert as_user(admin).get(TOOL).status_code == 403

    owner = as_user(consultant)
    owner.post(SHARING, {"self_assessment_with_team_lead": "on"})
    assert as_user(team_lead).get(mine).status_code == 200
    assert as_user(colleague).get(mine).status_code == 404
    assert consultant.get_full_name() in as_user(team_lead).get(TOOL).content.decode()  # "Met u gedeeld"

    owner.post(SHARING, {"self_assessment_with_team": "on"})
    assert as_user(team_lead).get(mine).status_code == 404  # taken back; the team is the fellow consultants
    page = as_user(colleague).get(mine)
    assert page.status_code == 200 and page.context["form"] is None  # read only
    assert as_user(other_team_consultant).get(mine).status_code == 404
    assert as_user(outsider).get(mine).status_code == 404

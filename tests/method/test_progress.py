"""Life domains scored together (1-5) and the youth's short self-ratings, shown over time."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.accounts.models import Organisation
from koers.contacts.models import LifeDomainAssessment, SelfRating
from koers.contacts.services import DomainScore, contact_record, life_domains_record
from koers.method.life_domains import LIFE_DOMAIN_SETS
from tests.conftest import days_ago

SEVEN = [code for code, _ in LIFE_DOMAIN_SETS["self_reliance"]]


def _data(date, scores, first=(), occasion="intake"):
    data = {"assessment-date": date.isoformat(), "assessment-occasion": occasion}
    for code, score in zip(SEVEN, scores, strict=True):
        data[f"assessment-score_{code}"] = str(score)
        if code in first:
            data[f"assessment-first_{code}"] = "on"
    return data


def test_an_assessment_over_time_shows_in_a_table(started, consultant, as_user):
    client = as_user(consultant)
    url = reverse("assessment_create", args=[started.youth_id])
    assert client.post(url, _data(days_ago(20), [2, 3, 1, 3, 4, 2, 2], first=("finances",))).status_code == 302
    assert client.post(url, _data(days_ago(1), [3, 3, 3, 4, 4, 3, 3], occasion="plan_evaluation")).status_code == 302
    page = client.get(reverse("youth_file", args=[started.youth_id]), {"open": "progress"}).content.decode()
    assert "Scores per leefgebied, oudste meting eerst" in page
    assert "Financiën" in page and "eerst oplossen" in page
    assert "koers-bar--1" in page and "koers-bar--3" in page
    assert "evaluatie van het plan" in page


def test_every_domain_needs_a_score_and_all_errors_show_at_once(started, consultant, as_user):
    data = _data(days_ago(1), [2, 3, 1, 3, 4, 2, 2])
    del data["assessment-score_housing"], data["assessment-score_finances"]
    response = as_user(consultant).post(reverse("assessment_create", args=[started.youth_id]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies een score voor wonen." in body and "Kies een score voor financiën." in body
    assert not LifeDomainAssessment.objects.exists()


def test_the_service_refuses_incomplete_or_out_of_range_scores(started, consultant):
    with pytest.raises(ValidationError, match="Geef elk leefgebied een score"):
        life_domains_record(
            actor=consultant,
            trajectory=started,
            date=days_ago(0),
            occasion="intake",
            scores=[DomainScore("meaning", 3)],
        )
    with pytest.raises(ValidationError, match="Een score is 1, 2, 3, 4 of 5"):
        life_domains_record(
            actor=consultant,
            trajectory=started,
            date=days_ago(0),
            occasion="intake",
            scores=[DomainScore(code, 6) for code in SEVEN],
        )


def test_an_organisation_may_use_the_five_pillars(started, consultant, as_user):
    Organisation.objects.filter(pk=consultant.organisation_id).update(life_domain_set="mobility_mentoring")
    pillars = [code for code, _ in LIFE_DOMAIN_SETS["mobility_mentoring"]]
    assessment = life_domains_record(
        actor=consultant,
        trajectory=started,
        date=days_ago(0),
        occasion="intake",
        scores=[DomainScore(code, 3) for code in pillars],
    )
    assert sorted(assessment.scores.values_list("domain", flat=True)) == sorted(pillars)
    opened = {"open": "progress"}  # the section is folded until opened
    page = as_user(consultant).get(reverse("youth_file", args=[started.youth_id]), opened).content.decode()
    assert "Stabiliteit in het gezin" in page


def test_self_ratings_are_recorded_at_a_contact_and_shown_as_a_series(started, consultant, as_user):
    for days, stress in ((9, 8), (5, 6), (1, 4)):
        contact_record(
            actor=consultant,
            trajectory=started,
            date=days_ago(days),
            channel="phone",
            ratings={"stress": stress, "confidence": 5, "mark": 7},
        )
    contact_record(actor=consultant, trajectory=started, date=days_ago(0), channel="phone")  # no ratings: no row
    assert SelfRating.objects.count() == 3
    opened = {"open": "progress"}  # the section is folded until opened
    page = as_user(consultant).get(reverse("youth_file", args=[started.youth_id]), opened).content.decode()
    assert "Zelfbeoordelingen, oudste eerst" in page and "koers-bar--ten-8" in page
    with pytest.raises(ValidationError, match="Cijfer: kies een getal van 1 tot en met 10"):
        contact_record(actor=consultant, trajectory=started, date=days_ago(0), channel="phone", ratings={"mark": 0})


def test_other_organisation_cannot_record_an_assessment(started, outsider, as_user):
    url = reverse("assessment_create", args=[started.youth_id])
    assert as_user(outsider).post(url, _data(days_ago(1), [3] * 7)).status_code == 404
    assert not LifeDomainAssessment.objects.exists()


def test_high_stress_brings_the_stress_sensitive_approach_into_the_contact_form(started, consultant, as_user):
    url = reverse("youth_file", args=[started.youth_id])
    assert "De stress is hoog" not in as_user(consultant).get(url).content.decode()
    contact_record(actor=consultant, trajectory=started, date=days_ago(1), channel="phone", ratings={"stress": 8})
    page = as_user(consultant).get(url).content.decode()
    assert "De stress is hoog: 8 van 10" in page and "Stress-sensitieve benadering" in page
    contact_record(actor=consultant, trajectory=started, date=days_ago(0), channel="phone", ratings={"stress": 3})
    assert "De stress is hoog" not in as_user(consultant).get(url).content.decode()  # the latest rating counts

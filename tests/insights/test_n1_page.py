"""N=1-analyse: one youth's series split at the start of an intervention, with the chart, the
table and the effect sizes of koers.lib.single_case; and across youths per intervention, only
the consultant's own youths or (for a team lead) youths with research consent."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Contact
from koers.contacts.services import RATING_RANGES, DomainScore, contact_record, life_domains_record
from koers.insights.effects import number
from koers.insights.selectors.n1 import RATING_KINDS
from koers.lib import single_case
from koers.method.life_domains import domains_of
from koers.method.models import ToolboxItem
from koers.plans.models import DailyStepDone
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import (
    milestone_record,
    research_consent_record,
    research_consent_revoke,
    trajectory_create,
    youth_create,
)
from tests.conftest import ALLOWED, YOUTH_ACCESS, born_years_ago, days_ago

PERSONAL_ATTENTION = "trust_personal_attention"
OVERVIEW = reverse("insights_n1")


def _youth(consultant, name="Noor", registered=400):
    youth = youth_create(
        actor=consultant, consultant=consultant, first_name=name, last_name="Test", birth_date=born_years_ago(21)
    )
    trajectory = trajectory_create(actor=consultant, youth=youth, registered_on=days_ago(registered), source="uwv")
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.FIRST_CONVERSATION, date=days_ago(registered - 5)
    )
    return youth, trajectory


def _rated(consultant, trajectory, days, stress, codes=(), **extra):
    return contact_record(
        actor=consultant,
        trajectory=trajectory,
        date=days_ago(days),
        channel="office",
        intervention_codes=list(codes),
        ratings={"stress": stress},
        **extra,
    )


def _stress_history(consultant, trajectory, before=(7, 8, 6, 5), after=(5, 4, 6, 3), start=60, step=10):
    """Stress ratings every `step` days: `before` ending just before `start` days ago, `after` from
    it on; the first contact after is the first with the working element."""
    for i, value in enumerate(before):
        _rated(consultant, trajectory, start + step * (len(before) - i), value)
    for i, value in enumerate(after):
        _rated(consultant, trajectory, start - step * i, value, codes=[PERSONAL_ATTENTION])


def _page(client, youth, **params):
    return client.get(reverse("youth_n1", args=[youth.pk]), params)


# --- one youth ----------------------------------------------------------------------------------


def test_the_effect_sizes_shown_are_those_of_the_statistics_module(consultant, as_user):
    youth, trajectory = _youth(consultant)
    _stress_history(consultant, trajectory)
    response = _page(as_user(consultant), youth, reeks="rating:stress", aanpak=f"element:{PERSONAL_ATTENTION}")
    assert response.status_code == 200
    analysis = response.context["analysis"]
    a, b = [7, 8, 6, 5], [5, 4, 6, 3]
    assert [p.value for p in analysis.a] == a and [p.value for p in analysis.b] == b
    expected = {
        "nap": single_case.nap(a, b, "decrease"),
        "tau": single_case.tau(a, b, "decrease"),
        "tau_u": single_case.tau_u(a, b, "decrease"),
        "pnd": single_case.pnd(a, b, "decrease"),
        "smd": single_case.smd(a, b, "decrease"),
    }
    page = response.content.decode()
    for code, result in expected.items():
        effect = analysis.effect(code)
        assert effect.estimate == result.estimate, code
        assert effect.shown in page
    nap = expected["nap"]
    assert analysis.effect("nap").shown == number(nap.estimate)
    assert f"{number(nap.ci_lower)} tot {number(nap.ci_upper)}" in page
    assert analysis.effect("pnd").shown == f"{number(expected['pnd'].estimate * 100, 0)} %"
    # Stress: lower is better, and the page says so; every statistic has its reading in words.
    assert "Lager is beter." in page
    assert "In ongeveer 9 van de 10 vergelijkingen was een meting na de start beter dan een meting ervoor." in page
    assert "2 van de 4 metingen na de start waren beter dan de beste meting ervoor." in page
    # LRR is for counts, not for a rating on a scale; it says so instead of a number.
    assert "dit is een cijfer op een schaal, geen aantal" in page
    # The chart and its table: every measurement with its phase.
    assert page.count('koers-n1-phase">A</td>') == 4 and page.count('koers-n1-phase">B</td>') == 4
    assert 'class="koers-n1-chart koers-n1-chart--wide"' in page and "koers-n1-chart__split" in page


def test_koers_proposes_the_first_contact_with_the_intervention_as_the_start(consultant, as_user):
    youth, trajectory = _youth(consultant)
    _stress_history(consultant, trajectory)
    item = ToolboxItem.objects.filter(version__organisation=consultant.organisation).order_by("pk").first()
    _rated(consultant, trajectory, 25, 4, toolbox_ids=[item.pk])
    _rated(consultant, trajectory, 15, 3, toolbox_ids=[item.pk])
    client = as_user(consultant)

    response = _page(client, youth, reeks="rating:stress", aanpak=f"element:{PERSONAL_ATTENTION}")
    assert response.context["split_on"] == days_ago(60)
    assert f'het eerste contact met "{response.context["used"].label}"' in response.content.decode()

    response = _page(client, youth, reeks="rating:stress", aanpak=f"toolbox:{item.key}")
    assert response.context["split_on"] == days_ago(25)
    assert [p.value for p in response.context["analysis"].b] == [4, 3]
    # Only what was used with this youth can be chosen.
    offered = dict(response.context["form"].fields["aanpak"].choices)
    assert f"toolbox:{item.key}" in offered and f"element:{PERSONAL_ATTENTION}" in offered
    assert "element:trust_second_chance" not in offered


def test_a_typed_dutch_date_overrides_the_proposal_and_a_wrong_one_is_explained(consultant, as_user):
    youth, trajectory = _youth(consultant)
    _stress_history(consultant, trajectory)
    client = as_user(consultant)
    typed = days_ago(40)
    response = _page(
        client, youth, reeks="rating:stress", aanpak=f"element:{PERSONAL_ATTENTION}", start=typed.strftime("%d-%m-%Y")
    )
    assert response.context["split_on"] == typed
    assert [p.day for p in response.context["analysis"].b] == [days_ago(40), days_ago(30)]
    assert "(door u gekozen)" in response.content.decode()

    page = _page(client, youth, reeks="rating:stress", start="31-02-2026").content.decode()
    assert "Vul de datum in als dag-maand-jaar, bijvoorbeeld 3-2-2026." in page
    page = _page(client, youth, reeks="rating:stress", start=days_ago(-3).isoformat()).content.decode()
    assert "De startdatum ligt in de toekomst." in page
    page = _page(client, youth, reeks="rating:stress", start=typed.isoformat(), doel="12").content.decode()
    assert "Kies een doel van 0 tot en met 10." in page


def test_a_goal_gives_pogo(consultant, as_user):
    youth, trajectory = _youth(consultant)
    _stress_history(consultant, trajectory)
    response = _page(
        as_user(consultant), youth, reeks="rating:stress", aanpak=f"element:{PERSONAL_ATTENTION}", doel="2"
    )
    pogo = response.context["analysis"].effect("pogo")
    assert pogo.estimate == single_case.pogo([7, 8, 6, 5], [5, 4, 6, 3], 2.0).estimate
    assert "van de weg afgelegd" in response.content.decode()


def test_a_phase_with_too_few_points_is_warned_about_and_smd_says_why_it_is_missing(consultant, as_user):
    youth, trajectory = _youth(consultant)
    _stress_history(consultant, trajectory, before=(7, 8))
    response = _page(as_user(consultant), youth, reeks="rating:stress", aanpak=f"element:{PERSONAL_ATTENTION}")
    page = response.content.decode()
    assert "Fase A (vóór de start) heeft maar 2 metingen." in page
    assert "minstens 3 metingen per fase nodig" in page
    smd = response.context["analysis"].effect("smd")
    assert smd.estimate is None
    assert "Niet te berekenen: SMD heeft minstens 3 metingen in fase A nodig, en er zijn er 2." in page
    # NAP can still be computed from two points, and is.
    assert (
        response.context["analysis"].effect("nap").estimate
        == single_case.nap([7, 8], [5, 4, 6, 3], "decrease").estimate
    )


def test_contacts_per_week_count_empty_weeks_and_give_the_log_response_ratio(consultant, as_user):
    youth, trajectory = _youth(consultant)
    # Two contacts in one week, none the next, one the week after.
    monday = days_ago(70) - dt.timedelta(days=days_ago(70).weekday())
    for offset in (0, 1, 14):
        contact = contact_record(actor=consultant, trajectory=trajectory, date=days_ago(5), channel="office")
        Contact.objects.filter(pk=contact.pk).update(date=monday + dt.timedelta(days=offset))
    client = as_user(consultant)
    response = _page(client, youth, reeks="contacts")
    values = [p.value for p in response.context["series"].points]
    assert values[:3] == [2, 0, 1]
    assert values[3:] and all(v == 0 for v in values[3:])  # the weeks since, up to the last complete one
    assert response.context["series"].points[-1].day == days_ago(0) - dt.timedelta(days=days_ago(0).weekday() + 7)
    assert response.context["analysis"] is None  # no intervention, no date: no split

    # A start in the middle of the week of the third contact: that week counts in B.
    response = _page(client, youth, reeks="contacts", start=(monday + dt.timedelta(days=16)).isoformat())
    analysis = response.context["analysis"]
    a, b = [p.value for p in analysis.a], [p.value for p in analysis.b]
    assert a == [2, 0] and b[0] == 1
    lrr = analysis.effect("lrr")
    assert lrr.name == "LRRi" and lrr.estimate == single_case.lrr_i(a, b).estimate
    assert "De week van de startdatum telt mee in fase B." in response.content.decode()


def test_life_domains_and_daily_steps_are_series_too(consultant, as_user):
    youth, trajectory = _youth(consultant)
    for days, score in ((90, 2), (60, 3)):
        life_domains_record(
            actor=consultant,
            trajectory=trajectory,
            date=days_ago(days),
            occasion="other",
            scores=[DomainScore(code, score) for code, _label in domains_of("self_reliance")],
        )
    DailyStepDone.objects.create(organisation=youth.organisation, youth=youth, day=days_ago(30), step_key="x", text="x")
    response = _page(as_user(consultant), youth)
    keys = [kind.key for kind in response.context["kinds"]]
    assert "domain:housing" in keys and "steps" in keys and "rating:stress" not in keys
    response = _page(as_user(consultant), youth, reeks="domain:housing")
    assert [p.value for p in response.context["series"].points] == [2, 3]


def test_every_self_rating_question_is_a_series_and_for_stress_lower_is_better():
    assert set(RATING_KINDS) == set(RATING_RANGES)
    assert {name: kind.improvement for name, kind in RATING_KINDS.items()} == {
        "stress": "decrease",
        "confidence": "increase",
        "mark": "increase",
    }


def test_a_youth_without_measurements_gets_a_plain_message(consultant, as_user):
    youth = youth_create(
        actor=consultant, consultant=consultant, first_name="Leeg", last_name="Test", birth_date=born_years_ago(20)
    )
    response = _page(as_user(consultant), youth, reeks="rating:stress")
    assert response.status_code == 200
    assert "Er is nog niets om te volgen." in response.content.decode()


@pytest.mark.parametrize("persona", YOUTH_ACCESS)
def test_who_may_open_the_n1_page_of_a_youth(persona, request, consultant, as_user):
    youth, trajectory = _youth(consultant)
    _stress_history(consultant, trajectory)
    user = request.getfixturevalue(persona)
    response = _page(as_user(user), youth, reeks="rating:stress")
    expected = YOUTH_ACCESS[persona]
    assert response.status_code == (200 if expected == ALLOWED else expected)
    if expected == ALLOWED:
        assert AccessLogEntry.objects.filter(user=user, youth_id=youth.pk, subject="n1").exists()
    else:
        assert not AccessLogEntry.objects.filter(user=user, subject="n1").exists()


def test_the_youth_file_links_to_the_n1_page(consultant, as_user):
    youth, _trajectory = _youth(consultant)
    # in the progress section, folded until opened
    page = as_user(consultant).get(reverse("youth_file", args=[youth.pk]), {"open": "progress"}).content.decode()
    assert reverse("youth_n1", args=[youth.pk]) in page


def _queries(client, youth, **params):
    with CaptureQueriesContext(connection) as queries:
        assert _page(client, youth, **params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("series", ["rating:stress", "contacts"])
def test_the_n1_page_runs_the_same_queries_for_a_short_and_a_long_history(series, consultant, as_user):
    short, short_trajectory = _youth(consultant, "Kort")
    _stress_history(consultant, short_trajectory)
    # Three years of ratings, twice a week: more than the page reads.
    long, long_trajectory = _youth(consultant, "Lang", registered=1200)
    _stress_history(consultant, long_trajectory, before=tuple(range(10)) * 30, after=(3, 2) * 10, start=80, step=3)
    client = as_user(consultant)
    params = {"reeks": series, "aanpak": f"element:{PERSONAL_ATTENTION}"}
    _queries(client, short, **params)  # warm the caches of the session
    counts = (_queries(client, short, **params), _queries(client, long, **params))
    assert counts[0] == counts[1] <= 12
    # The long one is capped at two years of measurements.
    assert len(_page(client, long, **params).context["series"].points) <= 104


# --- across youths ------------------------------------------------------------------------------


def _with_history(consultant, name, before=(7, 8, 6, 5), after=(5, 4, 6, 3)):
    youth, trajectory = _youth(consultant, name)
    _stress_history(consultant, trajectory, before=before, after=after)
    return youth


def _overview(client, **params):
    return client.get(OVERVIEW, {"aanpak": f"element:{PERSONAL_ATTENTION}", "reeks": "rating:stress", **params})


def test_a_consultant_sees_the_nap_of_each_of_their_own_youths(consultant, colleague, as_user):
    mine = _with_history(consultant, "Mijn")
    short = _with_history(consultant, "Kort", before=(7,))
    _with_history(colleague, "Collega")
    response = _overview(as_user(consultant))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert [row.youth_id for row in overview.rows] == [mine.pk]
    assert overview.rows[0].value == single_case.nap([7, 8, 6, 5], [5, 4, 6, 3], "decrease").estimate
    assert [row.youth_id for row in overview.too_few] == [short.pk]
    page = response.content.decode()
    assert "Mijn Test" in page and "Collega Test" not in page
    assert 'class="koers-n1-chart koers-n1-strip koers-n1-chart--wide"' in page
    assert set(AccessLogEntry.objects.filter(subject="insights_n1").values_list("youth_id", flat=True)) == {
        mine.pk,
        short.pk,
    }


def test_a_team_lead_sees_only_youths_with_research_consent_and_no_names(consultant, colleague, team_lead, as_user):
    consenting = [_with_history(consultant if i % 2 else colleague, f"Toestemming{i}") for i in range(5)]
    _with_history(consultant, "Zonder")
    client = as_user(team_lead)
    # Fewer than five with consent: no outcomes, counts as "< 5".
    for youth in consenting[:4]:
        research_consent_record(actor=consultant, youth=youth, given_on=days_ago(1))
    page = _overview(client).content.decode()
    assert "minder dan 5 jongeren" in page and "&lt; 5" in page
    assert "koers-n1-strip" not in page
    research_consent_record(actor=consultant, youth=consenting[4], given_on=days_ago(1))
    response = _overview(client)
    overview = response.context["overview"]
    assert sorted(row.youth_id for row in overview.rows) == sorted(y.pk for y in consenting)
    page = response.content.decode()
    assert "Toestemming" not in page and "Zonder" not in page and "Jongere 5" in page
    assert "koers-n1-strip" in page
    # A revoked consent: that youth drops out, and the team lead again sees no outcomes.
    research_consent_revoke(actor=consultant, youth=consenting[0], on=days_ago(0))
    response = _overview(client)
    assert consenting[0].pk not in [row.youth_id for row in response.context["overview"].rows]
    assert "koers-n1-strip" not in response.content.decode()


def test_the_overview_is_for_youth_workers_of_the_own_organisation_only(consultant, admin, outsider, as_user):
    youth = _with_history(consultant, "Mijn")
    research_consent_record(actor=consultant, youth=youth, given_on=days_ago(1))
    assert _overview(as_user(admin)).status_code == 403
    response = _overview(as_user(outsider))
    assert response.status_code == 200
    assert response.context["overview"].used_with == 0 or response.context["overview"].rows == ()
    assert "Mijn Test" not in response.content.decode()


def test_the_overview_runs_the_same_queries_for_few_and_many_youths(consultant, as_user):
    client = as_user(consultant)
    _with_history(consultant, "Een")
    _overview(client)  # warm the caches of the session
    with CaptureQueriesContext(connection) as few:
        _overview(client)
    for i in range(4):
        _with_history(consultant, f"Meer{i}", before=(7, 8, 6, 5) * 3, after=(5, 4) * 3)
    with CaptureQueriesContext(connection) as many:
        assert len(_overview(client).context["overview"].rows) == 5
    assert len(few) == len(many) <= 10

"""Correcting the impact timeline in a session: changing and moving episodes, changing and deleting
points, deleting a scenario (with its costs) and a cost line, and a typed cost with its source's
address and year. Each write: saved, refused with a Dutch message, 404 for another team or
organisation, 403 without the youth's consent, and two moves at once keep the order whole."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from koers.audit.models import AccessChannel
from koers.impact.models import CostLine, Episode, EvaluationPoint, ReferenceScenario, ScenarioItem
from koers.impact.services import cost_line_add, episode_move, episode_save, scenario_item_add
from koers.trajectories.models import ResearchPurpose
from koers.trajectories.services.research import research_consent_revoke
from koers.web.once import new_key
from tests.concurrency import at_once
from tests.impact.case import case_1_for, new_youth
from tests.impact.test_pages import page, post, text_of

pytestmark = pytest.mark.django_db

COMMAND = AccessChannel.COMMAND


def titles(timeline) -> list[str]:
    return list(timeline.episodes.order_by("position", "id").values_list("title", flat=True))


def follow(client, response) -> str:
    """The page a one-button write went back to, as read (with its message)."""
    assert response.status_code == 302
    return text_of(client.get(response["Location"]))


# --- Episodes -------------------------------------------------------------------------------


def test_an_episode_is_changed_in_its_own_form_filled_in(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    episode = case_1_timeline.episodes.get(title="Start")
    html = client.get(page(youth)).content.decode()
    prefix = f"episode-{episode.pk}"
    assert reverse("impact_episode_change", args=[youth.pk, episode.pk]) in html
    assert f'name="{prefix}-title"' in html and 'value="Start"' in html
    data = {
        f"{prefix}-title": "Een goede start",
        f"{prefix}-narrative": "Eerst alleen 's middags.",
        f"{prefix}-actor_role_1": "chain_partner",
        f"{prefix}-actor_did_1": "Legde het contact.",
        f"{prefix}-quote_role_1": "youth",
        f"{prefix}-quote_text_1": "Ze geven je een kans.",
    }
    assert post(client, "impact_episode_change", youth, data, episode.pk).status_code == 302
    episode.refresh_from_db()
    assert (episode.title, episode.position) == ("Een goede start", 1)
    assert [(a.role, a.did) for a in episode.actors.all()] == [("chain_partner", "Legde het contact.")]
    text = text_of(client.get(page(youth)))
    assert "Een goede start" in text and "“Ze geven je een kans.” — jongere" in text
    response = post(client, "impact_episode_change", youth, {**data, f"{prefix}-title": ""}, episode.pk)
    assert response.status_code == 200
    assert "Geef de episode een titel." in text_of(response)
    episode.refresh_from_db()
    assert episode.title == "Een goede start"


def test_changing_an_episode_with_many_actors_keeps_them_all(as_user, consultant, case_1_timeline):
    youth = case_1_timeline.youth
    roles = ["youth", "parent", "consultant", "employer", "relative"]
    episode = episode_save(
        actor=consultant, youth_id=youth.pk, channel=COMMAND, title="Druk", actors=[(r, "") for r in roles]
    )
    client = as_user(consultant)
    html = client.get(page(youth)).content.decode()
    prefix = f"episode-{episode.pk}"
    # A row for each of the five and one empty one, so the form never drops an actor.
    assert f'name="{prefix}-actor_role_6"' in html and f'name="{prefix}-actor_role_7"' not in html
    data = {f"{prefix}-title": "Druk", **{f"{prefix}-actor_role_{n}": r for n, r in enumerate(roles, start=1)}}
    data[f"{prefix}-actor_role_6"] = "employer"
    assert post(client, "impact_episode_change", youth, data, episode.pk).status_code == 302
    assert [a.role for a in episode.actors.all()] == [*roles, "employer"]


def test_an_episode_that_is_gone_cannot_be_changed(consultant, case_1_timeline):
    episode_id = case_1_timeline.episodes.first().pk
    Episode.objects.filter(pk=episode_id).delete()
    with pytest.raises(ValidationError, match="Deze episode bestaat niet"):
        episode_save(
            actor=consultant, youth_id=case_1_timeline.youth_id, channel=COMMAND, title="X", episode_id=episode_id
        )


def test_episodes_move_up_and_down(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    assert titles(case_1_timeline) == ["Beginsituatie", "Start", "Terugval", "Doorstart"]
    html = client.get(page(youth)).content.decode()
    # The first cannot go up, the last not down.
    assert 'aria-label="Omhoog: Beginsituatie"' not in html and 'aria-label="Omlaag: Beginsituatie"' in html
    assert 'aria-label="Omlaag: Doorstart"' not in html and 'aria-label="Omhoog: Doorstart"' in html
    setback = case_1_timeline.episodes.get(title="Terugval")
    text = follow(client, post(client, "impact_episode_up", youth, {}, setback.pk))
    assert "De episode is verplaatst." in text
    assert titles(case_1_timeline) == ["Beginsituatie", "Terugval", "Start", "Doorstart"]
    html = client.get(page(youth)).content.decode()
    assert html.index('heading-3">Terugval</h3>') < html.index('heading-3">Start</h3>')
    follow(client, post(client, "impact_episode_down", youth, {}, setback.pk))
    follow(client, post(client, "impact_episode_down", youth, {}, setback.pk))
    assert titles(case_1_timeline) == ["Beginsituatie", "Start", "Doorstart", "Terugval"]
    # At the bottom already (a second tab, an old page): said, and nothing moves.
    text = follow(client, post(client, "impact_episode_down", youth, {}, setback.pk))
    assert "Deze episode staat al onderaan." in text
    assert titles(case_1_timeline) == ["Beginsituatie", "Start", "Doorstart", "Terugval"]
    first = case_1_timeline.episodes.get(title="Beginsituatie")
    with pytest.raises(ValidationError, match="Deze episode staat al bovenaan."):
        episode_move(actor=consultant, youth_id=youth.pk, channel=COMMAND, episode_id=first.pk, direction="up")


def test_a_move_sent_twice_moves_once(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    start = case_1_timeline.episodes.get(title="Start")
    url = reverse("impact_episode_down", args=[case_1_timeline.youth_id, start.pk])
    data = {"idempotency_key": new_key()}
    client.post(url, data)
    text = follow(client, client.post(url, data))
    assert "Dit formulier was al verstuurd. Het is één keer opgeslagen." in text
    assert titles(case_1_timeline) == ["Beginsituatie", "Terugval", "Start", "Doorstart"]


def test_a_move_mends_positions_left_double_by_a_delete_and_an_add(consultant, case_1_timeline):
    youth_id = case_1_timeline.youth_id
    case_1_timeline.episodes.get(title="Beginsituatie").delete()  # positions 1, 2, 3
    new = episode_save(actor=consultant, youth_id=youth_id, channel=COMMAND, title="Perspectief")  # position 3
    episode_move(actor=consultant, youth_id=youth_id, channel=COMMAND, episode_id=new.pk, direction="up")
    assert titles(case_1_timeline) == ["Start", "Terugval", "Perspectief", "Doorstart"]
    assert sorted(case_1_timeline.episodes.values_list("position", flat=True)) == [0, 1, 2, 3]


# --- Points -----------------------------------------------------------------------------------


def test_a_point_is_changed_and_deleted(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    point = case_1_timeline.points.get(theme="income")
    prefix = f"point-{point.pk}"
    data = {
        "kind": "attention",
        f"{prefix}-theme": "aftercare",
        f"{prefix}-text": "Na de overstap is nazorg nodig.",
        f"{prefix}-youth_view": "Ik wil iemand kunnen bellen.",
    }
    assert post(client, "impact_point_change", youth, data, point.pk).status_code == 302
    point.refresh_from_db()
    assert (point.kind, point.theme, point.youth_view) == ("attention", "aftercare", "Ik wil iemand kunnen bellen.")
    assert "Na de overstap is nazorg nodig. Ik wil iemand kunnen bellen." in text_of(client.get(page(youth)))
    response = post(client, "impact_point_change", youth, {**data, f"{prefix}-text": ""}, point.pk)
    assert response.status_code == 200
    assert "Schrijf op wat de professionals zeggen." in text_of(response)
    # A theme of added value does not fit a point of attention: the service refuses it.
    response = post(
        client, "impact_point_change", youth, {**data, "kind": "added_value", f"{prefix}-theme": "network"}, point.pk
    )
    assert "Kies een thema uit de lijst." in text_of(response)
    point.refresh_from_db()
    assert point.theme == "aftercare"
    text = follow(client, post(client, "impact_point_delete", youth, {}, point.pk))
    assert "Het punt is verwijderd." in text and "Na de overstap is nazorg nodig." not in text
    assert not EvaluationPoint.objects.filter(pk=point.pk).exists()
    text = follow(client, post(client, "impact_point_delete", youth, {}, point.pk))
    assert "Dit punt bestaat niet (meer)." in text


# --- Scenarios and cost lines ---------------------------------------------------------------


def test_a_scenario_is_deleted_with_its_costs_after_saying_so(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    scenario = case_1_timeline.scenarios.get()
    text = text_of(client.get(page(youth)))
    assert 'Scenario "Zonder het traject" verwijderen' in text
    assert "Het scenario en de 4 kostenposten die erbij horen worden verwijderd." in text
    text = follow(client, post(client, "impact_scenario_delete", youth, {}, scenario.pk))
    assert "Het scenario en zijn kosten zijn verwijderd." in text
    assert "Mogelijk bespaard in 12 maanden € 0,00 – € 0,00" in text
    assert not ReferenceScenario.objects.filter(pk=scenario.pk).exists()
    assert not ScenarioItem.objects.filter(scenario_id=scenario.pk).exists()
    text = follow(client, post(client, "impact_scenario_delete", youth, {}, scenario.pk))
    assert "Dit scenario bestaat niet (meer)." in text


def test_a_cost_line_is_deleted(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    line = cost_line_add(actor=consultant, youth_id=youth.pk, channel=COMMAND, label="Begeleiding", value="6298")
    assert "Begeleiding: € 6.298,00" in text_of(client.get(page(youth)))
    text = follow(client, post(client, "impact_cost_line_delete", youth, {}, line.pk))
    assert "De kostenpost is verwijderd." in text and "Begeleiding: € 6.298,00" not in text
    assert not CostLine.objects.filter(pk=line.pk).exists()
    text = follow(client, post(client, "impact_cost_line_delete", youth, {}, line.pk))
    assert "Deze kostenpost bestaat niet (meer)." in text


def test_a_typed_cost_carries_its_sources_address_and_year(as_user, consultant, case_1_timeline):
    client = as_user(consultant)
    youth = case_1_timeline.youth
    scenario = case_1_timeline.scenarios.get()
    prefix = f"item-{scenario.pk}"
    data = {
        f"{prefix}-name": "Schuldhulp",
        f"{prefix}-unit": "once",
        f"{prefix}-low": "1000",
        f"{prefix}-high": "3000",
        f"{prefix}-payer": "municipality",
        f"{prefix}-source": "Landelijk onderzoek schuldhulp",
        f"{prefix}-source_year": "2023",
        f"{prefix}-source_url": "https://example.org/schuldhulp",
    }
    assert post(client, "impact_item_add", youth, data, scenario.pk).status_code == 302
    item = ScenarioItem.objects.get(scenario=scenario, name="Schuldhulp")
    assert (item.source_year, item.source_url) == (2023, "https://example.org/schuldhulp")
    response = client.get(page(youth))
    assert 'href="https://example.org/schuldhulp"' in response.content.decode()
    assert "Landelijk onderzoek schuldhulp (2023)" in text_of(response)
    response = post(client, "impact_item_add", youth, {**data, f"{prefix}-source_year": "1850"}, scenario.pk)
    assert response.status_code == 200
    assert "Vul een jaar in van 1900 tot 2100, bijvoorbeeld 2024." in text_of(response)
    response = post(
        client, "impact_item_add", youth, {**data, f"{prefix}-source_url": "ergens op internet"}, scenario.pk
    )
    assert "Vul een webadres in dat begint met https://, of laat het leeg." in text_of(response)
    assert ScenarioItem.objects.filter(scenario=scenario, name="Schuldhulp").count() == 1
    with pytest.raises(ValidationError) as refused:
        scenario_item_add(
            actor=consultant,
            youth_id=youth.pk,
            channel=COMMAND,
            scenario_id=scenario.pk,
            data={"name": "X", "unit": "once", "low": "1", "high": "2", "payer": "municipality", "source_year": "20ab"},
        )
    assert "source_year" in refused.value.message_dict


# --- Who may correct --------------------------------------------------------------------------


def _writes(timeline) -> list[tuple[str, list, dict]]:
    episode = timeline.episodes.first()
    point = timeline.points.first()
    scenario = timeline.scenarios.get()
    line = CostLine.objects.create(timeline=timeline, label="Overhead", amount="1777.00")
    return [
        ("impact_episode_change", [episode.pk], {f"episode-{episode.pk}-title": "Vreemd"}),
        ("impact_episode_up", [timeline.episodes.last().pk], {}),
        ("impact_episode_down", [episode.pk], {}),
        ("impact_point_change", [point.pk], {"kind": point.kind, f"point-{point.pk}-text": "Vreemd"}),
        ("impact_point_delete", [point.pk], {}),
        ("impact_scenario_delete", [scenario.pk], {}),
        ("impact_cost_line_delete", [line.pk], {}),
    ]


def _unchanged(timeline, before: list[str]) -> None:
    assert titles(timeline) == before
    assert timeline.points.count() == 8 and timeline.scenarios.count() == 1 and timeline.cost_lines.count() == 1
    assert not timeline.points.filter(text="Vreemd").exists()


@pytest.mark.parametrize("persona", ["other_team_consultant", "outsider"])
def test_another_team_or_organisation_gets_404_and_nothing_changes(request, as_user, case_1_timeline, persona):
    client = as_user(request.getfixturevalue(persona))
    before = titles(case_1_timeline)
    for name, args, data in _writes(case_1_timeline):
        assert post(client, name, case_1_timeline.youth, data, *args).status_code == 404, name
    _unchanged(case_1_timeline, before)


def test_without_the_youths_consent_corrections_are_403(as_user, consultant, case_1_timeline):
    youth = case_1_timeline.youth
    research_consent_revoke(actor=consultant, youth=youth, on=timezone.localdate(), purpose=ResearchPurpose.IMPACT)
    client = as_user(consultant)
    before = titles(case_1_timeline)
    for name, args, data in _writes(case_1_timeline):
        assert post(client, name, youth, data, *args).status_code == 403, name
    _unchanged(case_1_timeline, before)


# --- Two moves at once ------------------------------------------------------------------------

THREADS = 12
ROUNDS = 3


@pytest.mark.django_db(transaction=True)
def test_moves_at_once_keep_the_positions_unique_and_each_move_counts(consultant):
    for number in range(ROUNDS):
        timeline = case_1_for(consultant, new_youth(consultant, first_name=f"Race{number}"))
        first = timeline.episodes.get(title="Beginsituatie")

        # Two people move the first episode down at the same moment: under the lock both moves
        # count, one after the other, so it ends third (not second, as two stale swaps would).
        results = at_once(
            2,
            lambda _i, t=timeline, e=first: episode_move(
                actor=consultant, youth_id=t.youth_id, channel=COMMAND, episode_id=e.pk, direction="down"
            ),
        )
        assert all(isinstance(r, Episode) for r in results), results
        assert titles(timeline) == ["Start", "Terugval", "Beginsituatie", "Doorstart"]

        # Many moves of every episode, up and down: whatever the order, the positions stay 0..3.
        ids = list(timeline.episodes.values_list("pk", flat=True))
        results = at_once(
            THREADS,
            lambda i, t=timeline, ids=ids: episode_move(
                actor=consultant,
                youth_id=t.youth_id,
                channel=COMMAND,
                episode_id=ids[i % len(ids)],
                direction="up" if i % 2 else "down",
            ),
        )
        assert all(isinstance(r, Episode | ValidationError) for r in results), results
        positions = list(timeline.episodes.values_list("position", flat=True))
        assert sorted(positions) == [0, 1, 2, 3]
        assert sorted(timeline.episodes.values_list("pk", flat=True)) == sorted(ids)

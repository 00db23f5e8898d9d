"""The functional administrator adapts the method in the admin: each change is a new version."""

from koers.method.models import MethodVersion

EDIT = "/admin/method/methodversion/aanpassen/"


def _current(organisation) -> MethodVersion:
    return MethodVersion.objects.filter(organisation=organisation).order_by("-number").first()


def test_rewording_a_step_makes_a_new_version(admin, as_user):
    client = as_user(admin)
    assert client.get("/admin/method/methodversion/").content.decode().count(EDIT) == 1
    page = client.get(EDIT)
    assert page.status_code == 200 and "U past versie 1 aan." in page.content.decode()
    data = {
        "change": "reword",
        "step": "follow_up.enforcement_conversation_first",
        "text": "Bespreek een korting altijd eerst persoonlijk.",
        "reason": "Eigen woorden van het team",
    }
    response = client.post(EDIT, data)
    new = _current(admin.organisation)
    assert response.status_code == 302 and new.number == 2 and new.created_by == admin
    assert new.steps.get(key="follow_up.enforcement_conversation_first").text == data["text"]
    assert new.reason == "Eigen woorden van het team"


def test_retiring_adding_and_local_partners(admin, as_user):
    client = as_user(admin)
    client.post(EDIT, {"change": "retire", "step": "before.school_work_history", "reason": "Doen we niet meer"})
    client.post(
        EDIT,
        {
            "change": "add",
            "phase": "follow_up",
            "kind": "do",
            "text": "Bel de jobcoach van De Brug.",
            "elements": ["skills_job_application"],
            "reason": "Nieuwe partner",
        },
    )
    item = _current(admin.organisation).toolbox.order_by("position").first()
    client.post(
        EDIT,
        {"change": "partners", "toolbox_item": item.key, "partners": "Wijkteam Noord, De Brug", "reason": "Lokaal"},
    )
    versions = MethodVersion.objects.filter(organisation=admin.organisation).order_by("number")
    assert [v.number for v in versions] == [1, 2, 3, 4]
    latest = versions.last()
    keys = set(latest.steps.values_list("key", flat=True))
    assert "before.school_work_history" not in keys  # retired in version 2, and not back
    assert versions.first().steps.filter(key="before.school_work_history").exists()  # still in version 1
    assert latest.steps.filter(text="Bel de jobcoach van De Brug.").exists()
    assert latest.toolbox.get(key=item.key).partners == ["Wijkteam Noord", "De Brug"]
    assert versions.first().toolbox.get(key=item.key).partners == item.partners  # version 1 unchanged


def test_a_change_without_what_it_needs_is_refused_with_messages(admin, as_user):
    response = as_user(admin).post(EDIT, {"change": "reword", "reason": ""})
    body = response.content.decode()
    assert response.status_code == 200 and "Er is niets opgeslagen." in body
    assert "Kies de stap." in body
    assert MethodVersion.objects.filter(organisation=admin.organisation).count() == 1


def test_only_functional_administrators_edit(consultant, team_lead, as_user):
    for user in (consultant, team_lead):
        response = as_user(user).get(EDIT)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_administrator_edits_only_their_own_organisation(admin, outsider, as_user):
    as_user(admin).post(EDIT, {"change": "retire", "step": "before.school_work_history", "reason": "Eigen keuze"})
    assert _current(outsider.organisation).number == 1
    assert _current(admin.organisation).number == 2


def test_toolbox_items_can_be_reworded_retired_and_added(admin, as_user):
    client = as_user(admin)
    first = _current(admin.organisation).toolbox.order_by("position").first()
    client.post(
        EDIT,
        {
            "change": "tool_reword",
            "toolbox_item": first.key,
            "tool_action": "Bel samen het wijkteam.",
            "reason": "Duidelijker",
        },
    )
    client.post(EDIT, {"change": "tool_retire", "toolbox_item": first.key, "reason": "Doen we anders"})
    client.post(
        EDIT,
        {
            "change": "tool_add",
            "tool_action": "Meld aan bij Coachingsbureau De Brug.",
            "tool_situation": "Bij een klein netwerk",
            "tool_category": "referral",
            "tool_barrier": "small_network",
            "tool_referral": "on",
            "partners": "Coachingsbureau De Brug",
            "reason": "Nieuwe lokale partner",
        },
    )
    versions = list(MethodVersion.objects.filter(organisation=admin.organisation).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3, 4]
    assert versions[1].toolbox.get(key=first.key).action == "Bel samen het wijkteam."
    assert not versions[2].toolbox.filter(key=first.key).exists()
    added = versions[3].toolbox.get(action="Meld aan bij Coachingsbureau De Brug.")
    assert (added.barrier, added.referral, added.partners) == ("small_network", True, ["Coachingsbureau De Brug"])


def test_a_version_is_compared_with_the_one_before(admin, as_user):
    client = as_user(admin)
    client.post(
        EDIT,
        {
            "change": "reword",
            "step": "follow_up.enforcement_conversation_first",
            "text": "Eerst persoonlijk praten.",
            "reason": "Korter",
        },
    )
    new = _current(admin.organisation)
    detail = client.get(f"/admin/method/methodversion/{new.pk}/change/").content.decode()
    assert f"/admin/method/methodversion/{new.pk}/vergelijk/" in detail
    page = client.get(f"/admin/method/methodversion/{new.pk}/vergelijk/").content.decode()
    assert "Anders verwoord" in page and "Eerst persoonlijk praten." in page and "Waarom: Korter" in page
    first = MethodVersion.objects.get(organisation=admin.organisation, number=1)
    assert (
        "niets om mee te vergelijken"
        in client.get(f"/admin/method/methodversion/{first.pk}/vergelijk/").content.decode()
    )


def test_versions_of_another_organisation_cannot_be_compared(admin, outsider, as_user):
    other = _current(outsider.organisation)
    assert as_user(admin).get(f"/admin/method/methodversion/{other.pk}/vergelijk/").status_code == 403

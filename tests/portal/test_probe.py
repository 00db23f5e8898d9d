"""Every portal URL, probed the way an attacker would: without signing in, with another youth's
ids, and the other way round (a youth at the staff pages, staff at the portal).

The URL lists come from the URL configuration itself, so a page added later is probed too."""

import re

import pytest
from django.urls import URLResolver

from koers.api.urls import api
from koers.messaging.models import Message
from koers.plans.models import SubGoalStatus
from koers.portal import urls as portal_urls
from koers.web import urls as web_urls
from tests.conftest import signed_in_client
from tests.portal.conftest import page_text

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Pages anyone may open: signing in and out, and the keep-alive that answers 401 to strangers.
PUBLIC = {"portal_sign_in", "portal_sign_in_code", "portal_sign_in_link", "portal_sign_out", "portal_keep_alive"}
# Not a staff page: the load balancer's health and readiness checks answer everyone, and the public
# registration pages (koers.web.intake.public) are for anyone, a signed-in youth too.
NOT_STAFF = {"health", "readiness", "public_register", "public_callback", "public_receipt", "public_email_check"}


def fill(route: str, values: dict) -> str:
    def value(match):
        name = match["name"]
        if name in values:
            return str(values[name])
        return "1" if match["converter"] == "int" or name.endswith("_id") else "x"

    return PARAMETER.sub(value, route)


def portal_paths(values: dict) -> list[tuple[str, str]]:
    return [
        (pattern.name, "/mijn/" + fill(str(pattern.pattern), values))
        for pattern in portal_urls.urlpatterns
        if pattern.name not in PUBLIC
    ]


def portal_values(items, organisation_items=None) -> dict:
    """URL values of one youth's own items; options and pages of their organisation."""
    return {**items.url_values(), "key": "meeloopdag", "slug": "studiefinanciering", **(organisation_items or {})}


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def assert_no_secrets(response, secrets, where: str) -> None:
    body = body_of(response)
    for secret in secrets:
        assert secret not in body, f"{where} shows {secret!r}"


def is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/mijn/inloggen/")


# (a) Without signing in


def test_every_portal_page_sends_a_stranger_to_the_sign_in_page(client, world):
    own = world["a"]
    for _name, path in portal_paths(portal_values(own)):
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert is_sign_in_redirect(response) or response.status_code == 405, (method, path, response)
            assert_no_secrets(response, own.secrets, f"{method} {path}")


def test_the_keep_alive_answers_a_stranger_with_401(client):
    response = client.post("/mijn/doorgaan/")

    assert response.status_code == 401
    assert response.json() == {"seconds_left": 0}


def test_a_stranger_ticking_a_sub_goal_changes_nothing(client, world):
    goal = world["a"].own_sub_goal

    client.post(f"/mijn/plan/subdoelen/{goal.pk}/gedaan/")

    goal.refresh_from_db()
    assert goal.status == SubGoalStatus.OPEN


# (b) Signed in, with another youth's ids


@pytest.mark.parametrize("other", ["b", "c"])
def test_a_youth_gets_404_for_every_item_of_another_youth(youth_client, world, other):
    theirs = world[other]
    # Vacancies belong to the organisation, not to a youth: B may see A's; nobody sees C's.
    organisation_items = {"key": "alleen-in-fryslan", "slug": "alleen-in-fryslan", "vacancy_id": world["c"].vacancy.pk}
    values = portal_values(theirs, organisation_items)
    messages_before = Message.objects.filter(youth=theirs.youth).count()
    probed = 0
    for name, path in portal_paths(values):
        if not PARAMETER.search(str(next(p for p in portal_urls.urlpatterns if p.name == name).pattern)):
            continue
        for method in ("get", "post"):
            response = getattr(youth_client, method)(path)
            assert response.status_code in (404, 405), (method, path, response)
            assert_no_secrets(response, theirs.secrets, f"{method} {path}")
            probed += response.status_code == 404
    assert probed >= 5  # sub-goal done and note, attachment, option, information page
    theirs.own_sub_goal.refresh_from_db()
    assert theirs.own_sub_goal.status == SubGoalStatus.OPEN and theirs.own_sub_goal.youth_note == ""
    assert Message.objects.filter(youth=theirs.youth).count() == messages_before


def test_no_portal_page_shows_anything_of_another_youth(youth_client, world):
    others = world["b"].secrets + world["c"].secrets
    for _name, path in portal_paths(portal_values(world["a"])):
        response = youth_client.get(path)
        assert response.status_code in (200, 302, 404, 405), (path, response)
        assert_no_secrets(response, others, f"GET {path}")


def test_the_youths_own_items_do_open(youth_client, world):
    own = world["a"]

    assert youth_client.get(f"/mijn/bijlagen/{own.attachment.pk}/").status_code == 200
    assert youth_client.get("/mijn/informatie/studiefinanciering/").status_code == 200
    response = youth_client.post(f"/mijn/plan/subdoelen/{own.own_sub_goal.pk}/gedaan/")
    assert response.status_code == 302
    own.own_sub_goal.refresh_from_db()
    assert own.own_sub_goal.status == SubGoalStatus.DONE


def test_an_option_the_organisation_switched_off_is_not_found(youth_client, world, org):
    from koers.portal.models import Option

    Option.objects.filter(organisation=org, key="meeloopdag").update(active=False)

    assert youth_client.post("/mijn/mogelijkheden/meeloopdag/meer-weten/").status_code == 404
    assert "Meeloopdag" not in page_text(youth_client.get("/mijn/mogelijkheden/"))


# (c) A youth at the staff pages, the admin and the API


def staff_values(world) -> dict:
    youth = world["a"].youth
    trajectory = youth.trajectories.get()
    return {
        "youth_id": youth.pk,
        "trajectory_id": trajectory.pk,
        "attachment_id": world["a"].attachment.pk,
        "milestone_id": trajectory.milestones.first().pk,
        "kind": "outflow",
        "name": "contact",
    }


def refused_to_a_youth(response) -> bool:
    if response.status_code in (401, 403, 405):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(("/inloggen/", "/admin/login/"))


def staff_routes(patterns, prefix=""):
    """Every staff page's (name, route), also those of an included list (/inzicht/...)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from staff_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield pattern.name, prefix + str(pattern.pattern)


def test_a_signed_in_youth_gets_no_staff_page(youth_client, world):
    values = staff_values(world)
    probed = 0
    for name, route in staff_routes(web_urls.urlpatterns):
        if name in NOT_STAFF:
            continue
        path = "/" + fill(route, values)
        for method in ("get", "post"):
            response = getattr(youth_client, method)(path)
            assert refused_to_a_youth(response), (method, path, response)
            assert_no_secrets(response, world["a"].secrets, f"{method} {path}")
            probed += 1
    assert probed > 40


def test_a_signed_in_youth_gets_no_admin_page(youth_client, world):
    for path in ("/admin/", "/admin/trajectories/youth/", f"/admin/trajectories/youth/{world['a'].youth.pk}/change/"):
        response = youth_client.get(path)
        assert refused_to_a_youth(response), (path, response)
        assert_no_secrets(response, world["a"].secrets, path)


def test_a_signed_in_youth_gets_nothing_from_the_api(youth_client, world):
    values = staff_values(world)
    patterns, _app, _namespace = api.urls
    probed = 0
    for pattern in patterns:
        if pattern.name in ("openapi-json", "api-root"):
            continue  # the API's description, no data
        path = "/api/v1/" + fill(str(pattern.pattern), values)
        for method in ("get", "post"):
            response = getattr(youth_client, method)(path, content_type="application/json")
            assert response.status_code in (401, 405), (method, path, response)
            assert_no_secrets(response, world["a"].secrets, f"{method} {path}")
            probed += 1
    assert probed > 20


# Staff are not youths


def test_a_consultant_at_the_portal_is_sent_to_the_portal_sign_in(world, consultant):
    browser = signed_in_client(consultant)
    own = world["a"]
    for _name, path in portal_paths(portal_values(own)):
        response = browser.get(path)
        assert is_sign_in_redirect(response) or response.status_code == 405, (path, response)
        assert_no_secrets(response, own.secrets, f"GET {path}")

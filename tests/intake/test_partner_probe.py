"""A chain partner sees their own referrals and nothing else: every URL pattern of Koers's pages
and every API operation is tried as a partner user, with the ids of a real youth, trajectory and
referral of the same organisation, and must answer 403 (or, in the partner area, only their own)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from koers.api.urls import api as ninja_api
from tests.conftest import signed_in_client
from tests.intake.conftest import refer

# The partner's own area and what every signed-in person may open.
PARTNER_PATHS = (
    "/ketenpartner/",
    "/aanmelden/",
    "/inloggen/",
    "/tweede-stap/",
    "/uitloggen/",
    "/wachtwoord/",
    "/gezond/",
)
PARTNER_OPERATIONS = {("get", "/api/v1/referral-bases"), ("get", "/api/v1/referrals"), ("post", "/api/v1/referrals")}
PARTNER_OPERATIONS |= {("get", "/api/v1/referrals/{referral_id}")}


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if "api/v1" in route or route.startswith("admin/"):
                continue  # the API is probed below by its operations; the admin is Django's
            yield from _walk(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _path(route: str, ids: dict) -> str:
    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "int":
            return str(ids.get(name, ids["youth_id"]))
        return "plan" if name == "name" else "x"

    path = re.sub(r"<(?:(\w+):)?(\w+)>", value, route)
    return "/" + path.lstrip("^").rstrip("$")


@pytest.fixture
def ids(trajectory, youth, referral, other_partner_user):
    theirs = refer(other_partner_user, first_name="Ander")
    return {
        "youth_id": youth.pk,
        "trajectory_id": trajectory.pk,
        "referral_id": theirs.pk,  # another partner's: never to be shown
        "request_id": 1,
    }


def test_every_staff_page_refuses_a_chain_partner(partner_user, ids):
    client = signed_in_client(partner_user)
    routes = list(_walk(get_resolver()))
    assert len(routes) > 40  # the walk found Koers's pages
    checked = 0
    for route in routes:
        path = _path(route, ids)
        if path.startswith(PARTNER_PATHS) or path.startswith(("/static/", "/favicon", "/mijn/")):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            assert response.status_code in (403, 405) or path == "/" and response.status_code == 302, (method, path)
            checked += 1
    assert checked > 80


def test_the_portal_does_not_open_for_a_partner_session(partner_user, ids):
    client = signed_in_client(partner_user)
    for route in _walk(get_resolver()):
        path = _path(route, ids)
        if path.startswith("/mijn/") and path != "/mijn/inloggen/":
            assert client.get(path).status_code in (302, 403, 404, 405), path


def test_another_partners_referral_is_not_found_in_the_partner_area(partner_user, ids):
    client = signed_in_client(partner_user)
    assert client.get(f"/ketenpartner/verwijzingen/{ids['referral_id']}/").status_code == 404


def test_every_api_operation_but_the_referrals_refuses_a_partner(partner_user, ids, api):
    client = api(partner_user)
    schema = ninja_api.get_openapi_schema()
    checked = 0
    for route, operations in schema["paths"].items():
        for method in operations:
            path = re.sub(r"\{(\w+)\}", lambda m: str(ids.get(m.group(1), ids["youth_id"])), route)
            relative = path.removeprefix("/api/v1")
            response = client.get(relative) if method == "get" else client.post(relative, {})
            if (method, route) in PARTNER_OPERATIONS:
                if "{referral_id}" in route:
                    assert response.status_code == 404, route  # another partner's
                continue
            assert response.status_code == 403, (method, route, response.status_code)
            checked += 1
    assert checked >= 10

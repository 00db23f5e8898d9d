"""Every API answer that is not a success has the documented JSON shape, a fault (500) included,
and the endpoints cope with rows the youth made in the portal (no staff user)."""

import json

from django.test import RequestFactory

from koers.api.errors import server_error_view
from koers.api.urls import api as ninja_api
from koers.audit.models import AccessLogEntry


def test_the_access_log_shows_the_youths_own_portal_reads(api, consultant, youth_who_used_the_portal):
    youth = youth_who_used_the_portal
    response = api(consultant).get(f"/youths/{youth.pk}/access-log")

    assert response.status_code == 200, response.content[:300]
    portal = [e for e in response.json() if e["channel"] == "portal"]
    assert sorted(e["subject"] for e in portal) == ["export", "home", "plan"]
    assert {(e["user"], e["role"]) for e in portal} == {(None, "youth")}
    assert AccessLogEntry.objects.filter(youth_id=youth.pk, user__isnull=True).count() == 3


def test_an_unknown_api_path_answers_json(api, consultant):
    response = api(consultant).get("/bestaat-niet")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"] == "Niet gevonden, of u heeft er geen toegang toe."


def test_a_fault_inside_an_endpoint_answers_the_error_shape(db):
    request = RequestFactory().get("/api/v1/youths/1")
    response = ninja_api.on_exception(request, AttributeError("'NoneType' object has no attribute 'username'"))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["detail"].startswith("Er ging iets mis in Koers.")
    assert "NoneType" not in response.content.decode()


def test_a_fault_outside_the_endpoints_answers_json_under_api_and_a_page_elsewhere(db):
    api_response = server_error_view(RequestFactory().get("/api/v1/youths"))
    page = server_error_view(RequestFactory().get("/jongeren/1/"))

    assert api_response.status_code == 500 and api_response["Content-Type"] == "application/json"
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")
    assert "Er ging iets mis" in page.content.decode()


def test_every_operation_documents_500_with_the_error_shape(client, db):
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            fault = operation["responses"].get("500")
            assert fault, (method, path)
            assert fault["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_an_appointment_time_says_what_it_accepts_and_refuses_a_zone(api, consultant, trajectory, client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["AppointmentIn"]
    [time_schema] = [s for s in schema["properties"]["time"]["anyOf"] if s.get("type") == "string"]
    assert "format" not in time_schema
    assert time_schema["pattern"] == "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"

    path = f"/trajectories/{trajectory.pk}/appointments"
    refused = api(consultant).post(path, {"date": "2026-04-24", "time": "00:00:00Z"})
    assert refused.status_code == 422
    assert refused.json()["errors"]["time"] == ["Geef een tijd als UU:MM (Nederlandse tijd, zonder tijdzone)."]
    assert api(consultant).post(path, {"date": "2026-04-24", "time": "09:30"}).status_code == 201

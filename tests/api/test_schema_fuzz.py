"""The OpenAPI document tells the truth: a bounded schemathesis run finds no 5xx and no contradiction.

Schemathesis reads /api/v1/openapi.json and sends generated requests (valid ones and ones the
document says are invalid) to every operation, through the WSGI app in this process, with the
token of a consultant who has a youth with a trajectory, a milestone and an appointment; the youth
uses the portal, so the access log holds rows without a staff user. Every other valid example
gets the real ids in its path (random ids mostly meet a 404); each response must be a documented
status with a body of the documented shape; requests the document calls invalid must be refused.
"""

import datetime as dt
import itertools

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from koers.accounts.services import api_token_create
from koers.api.urls import api
from koers.contacts.services import appointment_create
from koers.trajectories.services import milestone_record
from koers.wsgi import application

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def keep_connection_open():
    """The WSGI app would close the test's database connection after each request, as in production.

    Django's own test client switches that off the same way.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def real_ids(consultant, youth_who_used_the_portal, trajectory, keep_connection_open) -> dict[str, int]:
    youth = youth_who_used_the_portal
    milestone = milestone_record(
        actor=consultant, trajectory=trajectory, kind="first_conversation", date=dt.date(2026, 3, 5)
    )
    appointment = appointment_create(actor=consultant, trajectory=trajectory, date=dt.date(2026, 3, 20))
    return {
        "youth_id": youth.pk,
        "trajectory_id": trajectory.pk,
        "milestone_id": milestone.pk,
        "appointment_id": appointment.pk,
    }


@pytest.fixture
def token(consultant, real_ids):
    return api_token_create(user=consultant)


_every_other = itertools.cycle([True, False])


def _schema():
    """Our own document, served to schemathesis as it is served at /api/v1/openapi.json."""
    config = schemathesis.Config.from_dict(
        {
            "generation": {
                "mode": "all",
                "max-examples": EXAMPLES_PER_OPERATION,
                # Unknown query parameters are ignored, as the document says; the token is ours.
                "allow-extra-parameters": False,
                "with-security-parameters": False,
            }
        }
    )
    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=config)
    loaded.app = application  # requests go to the WSGI app in this process
    return loaded


schema = _schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_keeps_to_its_document(case, token, real_ids):
    if case.path_parameters and not case.meta.is_negative_at(ParameterLocation.PATH) and next(_every_other):
        for name in case.path_parameters:
            if name in real_ids:
                case.path_parameters[name] = real_ids[name]
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


def test_the_document_declares_every_error_with_its_shape(db, client):
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "401" in codes, (method, path, codes)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in codes, (method, path, codes)
            if "{" in path:
                assert "404" in codes, (method, path)
            if method == "post":
                assert {"400", "403", "413"} <= codes, (method, path)
            error = operation["responses"]["401"]["content"]["application/json"]["schema"]["$ref"]
            assert error.endswith("/ErrorOut")
    conflict = document["paths"]["/api/v1/youths"]["post"]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"]["$ref"].endswith("/DuplicateOut")
    contact = document["components"]["schemas"]["ContactIn"]
    assert set(contact["required"]) == {"date", "channel"}

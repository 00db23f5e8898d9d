import json

import pytest
from django.test import Client

from koers.accounts.services import api_token_create


class ApiClient:
    """A JSON client with a bearer token for one user."""

    def __init__(self, user):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {api_token_create(user=user)}"} if user else {}

    def get(self, path, **params):
        return self.client.get("/api/v1" + path, params, headers=self.headers)

    def post(self, path, body=None, raw=None):
        data = raw if raw is not None else json.dumps(body or {})
        return self.client.post("/api/v1" + path, data, content_type="application/json", headers=self.headers)


@pytest.fixture
def api():
    return ApiClient

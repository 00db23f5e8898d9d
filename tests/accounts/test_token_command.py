import io

from django.core.management import call_command
from django.test import Client


def test_token_create_prints_a_working_token_on_its_last_line(consultant):
    out = io.StringIO()
    call_command("token", "create", "consulent", stdout=out, stderr=io.StringIO())
    token = out.getvalue().strip().splitlines()[-1]
    response = Client().get("/api/v1/youths", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_token_create_for_an_unknown_user_fails_clearly(db):
    import pytest
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="geen actieve gebruiker"):
        call_command("token", "create", "niemand", stdout=io.StringIO(), stderr=io.StringIO())

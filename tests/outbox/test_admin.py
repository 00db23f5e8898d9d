"""The admin's "Uitgaande e-mail": read-only, for platform operators only, without the body in the list."""

import pytest

from koers.outbox.services import mail_queue
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(db):
    user = make_user("platform", None, "")
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.fixture
def queued():
    return mail_queue(to="sanne@example.org", subject="Inloggen", body="Uw geheime code staat klaar.", kind="sign_in")


def test_operators_see_the_outbox_without_the_body(operator, queued, as_user):
    client = as_user(operator)
    page = client.get("/admin/outbox/outgoingmail/").content.decode()
    assert "sanne@example.org" in page and "in de wachtrij" in page
    assert "Uw geheime code" not in page
    detail = client.get(f"/admin/outbox/outgoingmail/{queued.pk}/change/").content.decode()
    assert "Inloggen" in detail and "sign_in" in detail
    assert "Uw geheime code" not in detail


def test_operators_cannot_add_change_or_delete_mail(operator, queued, as_user):
    client = as_user(operator)
    assert client.get("/admin/outbox/outgoingmail/add/").status_code == 403
    assert (
        client.post(f"/admin/outbox/outgoingmail/{queued.pk}/change/", {"to": "ander@example.org"}).status_code == 403
    )
    assert client.get(f"/admin/outbox/outgoingmail/{queued.pk}/delete/").status_code == 403
    queued.refresh_from_db()
    assert queued.to == "sanne@example.org"


def test_functional_admins_do_not_see_the_outbox(admin, queued, as_user):
    client = as_user(admin)
    assert client.get("/admin/outbox/outgoingmail/").status_code == 403
    assert "Uitgaande e-mail" not in client.get("/admin/").content.decode()

"""A functional administrator resets a staff member's second factor (lost or new phone)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import AccountEvent, Role, User
from koers.accounts.services import second_factor_reset
from tests.concurrency import at_once
from tests.conftest import make_user, signed_in_client

NOT_YOURS_TO_RESET = "U mag de tweede stap van deze medewerker niet opnieuw instellen"


def _reset_url(user) -> str:
    return f"/admin/accounts/user/{user.pk}/tweede-stap/"


def test_the_change_page_shows_the_second_factor_and_the_way_to_reset_it(admin, consultant, as_user):
    page = as_user(admin).get(f"/admin/accounts/user/{consultant.pk}/change/").content.decode()
    assert "Ingesteld met een authenticator-app." in page
    assert f'href="{_reset_url(consultant)}"' in page


def test_the_confirmation_explains_what_happens(admin, consultant, as_user):
    response = as_user(admin).get(_reset_url(consultant))
    assert response.status_code == 200
    page = response.content.decode()
    assert "De app die nu gekoppeld is, werkt daarna niet meer." in page
    assert "Ja, tweede stap opnieuw instellen" in page
    assert TOTPDevice.objects.filter(user=consultant).exists(), "looking at the page must not reset"


def test_resetting_removes_the_app_and_records_who_did_it(admin, consultant, as_user):
    response = as_user(admin).post(_reset_url(consultant), follow=True)
    assert "De tweede stap is opnieuw ingesteld." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=consultant).exists()
    reset = AccountEvent.objects.get(user=consultant)
    assert (reset.kind, reset.by, reset.organisation_id) == ("second_factor_reset", admin, consultant.organisation_id)
    assert LogEntry.objects.filter(object_id=str(consultant.pk), user=admin).exists()
    page = signed_in_client(admin).get("/admin/accounts/accountevent/").content.decode()
    assert str(consultant) in page


def test_the_staff_member_sets_up_a_new_app_and_open_sessions_stop(admin, consultant, as_user):
    consultants_session = signed_in_client(consultant)
    assert consultants_session.get("/").status_code == 200
    as_user(admin).post(_reset_url(consultant))
    response = consultants_session.get("/")
    assert response.status_code == 302 and "/tweede-stap/" in response["Location"]
    setup = consultants_session.get(response["Location"]).content.decode()
    assert "QR" in setup or "qr" in setup


def test_a_second_reset_says_there_is_nothing_to_reset(admin, consultant, as_user):
    client = as_user(admin)
    client.post(_reset_url(consultant))
    response = client.post(_reset_url(consultant), follow=True)
    assert "Deze medewerker heeft geen tweede stap ingesteld." in response.content.decode()
    assert AccountEvent.objects.filter(user=consultant).count() == 1


def test_an_administrator_of_another_organisation_cannot_reset(consultant, outsider):
    other_admin = make_user("anderbeheer", outsider.organisation, Role.FUNCTIONAL_ADMIN)
    client = signed_in_client(other_admin)
    assert client.get(_reset_url(consultant)).status_code == 404
    assert client.post(_reset_url(consultant)).status_code == 404
    assert TOTPDevice.objects.filter(user=consultant).exists()
    with pytest.raises(PermissionDenied, match=NOT_YOURS_TO_RESET):
        second_factor_reset(actor=other_admin, user_id=consultant.pk)


@pytest.mark.parametrize("who", ["consultant", "team_lead"])
def test_staff_without_the_admin_role_cannot_reset(who, request, colleague):
    actor = request.getfixturevalue(who)
    response = signed_in_client(actor).post(_reset_url(colleague))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert TOTPDevice.objects.filter(user=colleague).exists()
    with pytest.raises(PermissionDenied, match=NOT_YOURS_TO_RESET):
        second_factor_reset(actor=actor, user_id=colleague.pk)


def test_an_administrator_cannot_reset_a_platform_operator(admin):
    operator = User.objects.create_superuser("platform", password="x-very-secret-1", organisation=admin.organisation)
    TOTPDevice.objects.create(user=operator, name="t", confirmed=True)
    with pytest.raises(PermissionDenied, match=NOT_YOURS_TO_RESET):
        second_factor_reset(actor=admin, user_id=operator.pk)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_resets_reset_once(admin, consultant):
    results = at_once(10, lambda _i: second_factor_reset(actor=admin, user_id=consultant.pk))
    assert sum(isinstance(r, AccountEvent) for r in results) == 1
    assert all(isinstance(r, AccountEvent | ValidationError) for r in results), results
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert all("geen tweede stap ingesteld" in r.messages[0] for r in refused), refused
    assert not TOTPDevice.objects.filter(user=consultant).exists()
    assert AccountEvent.objects.filter(user=consultant).count() == 1


def test_the_staff_member_gets_a_mail_about_the_reset(admin, consultant):
    from django.core import mail

    from koers.outbox.services import mail_send_due

    User.objects.filter(pk=consultant.pk).update(email="consulent@gemeente.example")
    second_factor_reset(actor=admin, user_id=consultant.pk)
    mail_send_due()
    (sent,) = [m for m in mail.outbox if m.to == ["consulent@gemeente.example"]]
    assert "opnieuw ingesteld" in sent.subject
    assert "Heeft u hier niet om gevraagd?" in sent.body
    assert admin.get_full_name() not in sent.body  # who did it is in the admin's log, not in the mail

"""The method as a booklet: the organisation's current version on one printable page."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import User
from koers.method.services import StepChange, method_version_create
from tests.conftest import signed_in_client


def test_a_consultant_reads_the_current_version_of_their_own_organisation(consultant, admin, outsider, as_user):
    method_version_create(
        actor=admin,
        organisation=consultant.organisation,
        reason="Eigen woorden",
        steps=[StepChange(key="follow_up.enforcement_conversation_first", text="Eerst persoonlijk praten.")],
        partners={"referral.wijkteam_psychosocial": ["Wijkteam Leeuwarden-Noord"]},
    )
    response = as_user(consultant).get(reverse("method_booklet"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Versie 2" in page and "Eigen woorden" in page
    assert "Eerst persoonlijk praten." in page and "Wijkteam Leeuwarden-Noord" in page
    for heading in ("Stappen per fase", "Houding, het hele traject", "Basismethoden", "Gereedschapskist"):
        assert heading in page
    assert "Tips per doelgroep" in page and "Motiverende gespreksvoering" in page
    assert "data-print" in page
    other = as_user(outsider).get(reverse("method_booklet")).content.decode()
    assert "Versie 1" in other and "Eerst persoonlijk praten." not in other


def test_the_booklet_needs_a_signed_in_member_of_an_organisation(client, db):
    assert client.get(reverse("method_booklet")).status_code == 302
    operator = User.objects.create_superuser("platform", password="x-very-secret-1")
    TOTPDevice.objects.create(user=operator, name="t", confirmed=True)
    assert signed_in_client(operator).get(reverse("method_booklet")).status_code == 403


def test_the_booklet_explains_the_working_elements_per_theme(consultant, taxonomy, as_user):
    page = as_user(consultant).get(reverse("method_booklet")).content.decode()

    assert 'id="werkzame-elementen"' in page
    assert "Werkzame elementen zijn de dingen in de begeleiding waarvan we weten dat ze jongeren helpen" in page
    assert "Ze zijn verdeeld over 9 thema's:" in page
    for theme, element in (
        ("Begeleiding met vertrouwen", "Persoonlijke aandacht"),
        ("Passend onderwijs", "Flexibele instroommomenten"),
    ):
        assert theme in page and element in page

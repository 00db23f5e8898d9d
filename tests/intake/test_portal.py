"""The youth sees in the portal who referred them, when and why, and the referral is in
"Al mijn gegevens"."""

from django.urls import reverse

from koers.intake.services import referral_take_on
from koers.portal.export import data_of
from koers.portal.services import portal_invite
from tests.intake.conftest import refer
from tests.portal.conftest import portal_client


def _taken_on(partner_user, team_lead, consultant):
    referral = refer(partner_user, email="sanne@example.nl")
    youth = referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    portal_invite(actor=consultant, youth=youth)
    return youth


def test_the_youth_reads_who_referred_them_and_why(partner_user, team_lead, consultant):
    youth = _taken_on(partner_user, team_lead, consultant)
    text = portal_client(youth).get(reverse("portal_who_viewed")).content.decode()
    assert "Wie heeft je aangemeld?" in text
    assert "RMC Fryslân heeft je op" in text and "Gestopt met school, zoekt werk." in text


def test_the_referral_is_in_all_my_data(partner_user, team_lead, consultant):
    youth = _taken_on(partner_user, team_lead, consultant)
    rows = data_of(youth)["wie je aanmeldde"]
    assert rows[0]["aangemeld door"] == "RMC Fryslân" and rows[0]["waarom"] == "Gestopt met school, zoekt werk."


def test_a_youth_nobody_referred_sees_no_such_part(invited):
    text = portal_client(invited).get(reverse("portal_who_viewed")).content.decode()
    assert "Wie heeft je aangemeld?" not in text


def test_the_start_page_says_who_referred_the_youth_in_the_first_weeks(partner_user, team_lead, consultant):
    import datetime as dt

    from django.utils import timezone

    from koers.intake.models import Referral

    youth = _taken_on(partner_user, team_lead, consultant)
    client = portal_client(youth)
    start = client.get(reverse("portal_home")).content.decode()
    assert "Hoe je bij ons kwam" in start and "RMC Fryslân heeft je op" in start
    assert "Gestopt met school, zoekt werk." in start
    Referral.objects.filter(youth=youth).update(submitted_at=timezone.now() - dt.timedelta(weeks=9))
    assert "Hoe je bij ons kwam" not in client.get(reverse("portal_home")).content.decode()
    assert "RMC Fryslân heeft je op" in client.get(reverse("portal_who_viewed")).content.decode()


def test_a_youth_who_registered_themselves_reads_it_in_plain_words(team_lead, consultant, org):
    from koers.intake.services.public import self_registration_submit
    from tests.intake.conftest import age_exactly

    referral = self_registration_submit(
        organisation_id=org.pk,
        first_name="Noor",
        last_name="Bakker",
        birth_date=age_exactly(19),
        email="noor@example.nl",
        reason="Ik zoek werk.",
    )
    youth = referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    portal_invite(actor=consultant, youth=youth)
    start = portal_client(youth).get(reverse("portal_home")).content.decode()
    assert "zelf bij ons aangemeld" in start and "jijzelf" not in start

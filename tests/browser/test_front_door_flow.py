"""The front door from end to end in a real browser: a chain partner refers a youth, the team lead
distributes it, the consultant invites the youth to the portal, the youth reads who referred them
and why, says what work they look for, the consultant tips a vacancy and the youth sees it on a
phone (360 px). Then every page the front door added is checked at 1280 and 360 px: no serious
or critical axe violation and no sideways scroll."""

import re

import pytest

from koers.accounts.models import ChainPartner, ChainPartnerKind
from koers.intake.models import Referral, ReferralStatus
from koers.intake.services.public import callback_request_submit
from koers.notifications.models import PortalAccess
from koers.trajectories.models import Milestone, MilestoneKind, Source, Youth
from koers.work.models import VacancyKind
from koers.work.services import employer_save
from tests.browser.conftest import layout_problems, use_session
from tests.browser.test_consultant_flow import shot, sign_in
from tests.browser.test_intake import _partner_sign_in
from tests.conftest import signed_in_client
from tests.intake.conftest import age_exactly, make_partner_user
from tests.portal.conftest import portal_client
from tests.work.conftest import make_vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def _sign_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


@pytest.fixture
def partner(org):
    rmc = ChainPartner.objects.create(organisation=org, name="RMC Fryslân", kind=ChainPartnerKind.RMC)
    return make_partner_user("rmc-medewerker", rmc)


@pytest.fixture
def vacancies(consultant):
    employer = employer_save(actor=consultant, name="Zorggroep De Linde", sector="Q", socially_committed=True)
    return {
        "care": make_vacancy(consultant, employer, "Helpende in de thuiszorg", hours=16),
        "placement": make_vacancy(
            consultant, employer, "Stage zorg en welzijn", kind=VacancyKind.WORK_PLACEMENT, hours=24
        ),
    }


def test_from_a_partners_referral_to_a_tipped_vacancy_on_the_youths_phone(
    live_server, page, taxonomy, partner, team_lead, consultant, vacancies
):
    base = live_server.url

    # The partner refers Sanne, on a phone.
    page.set_viewport_size(PHONE)
    _partner_sign_in(page, base, partner)
    page.get_by_role("link", name="Jongere verwijzen").click()
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Geboortedatum").fill(age_exactly(19).isoformat())
    page.get_by_label("E-mailadres").fill("sanne@example.nl")
    page.get_by_label("Waarom verwijst u de jongere?").fill("Gestopt met school en zoekt werk in de zorg.")
    page.get_by_label(re.compile("Participatiewet")).check()
    page.get_by_role("button", name="Verwijzing versturen").click()
    referral = Referral.objects.get()
    assert page.get_by_text(referral.reference).first.is_visible()
    shot(page, "75-front-door-1-partner-receipt-360")
    _sign_out(page)

    # The team lead distributes it: the suggestion is a consultant of the organisation.
    page.set_viewport_size(DESKTOP)
    sign_in(page, base, team_lead)
    page.get_by_role("link", name="Instroom").click()
    page.get_by_role("link", name=referral.reference).click()
    assert "Gestopt met school en zoekt werk in de zorg." in page.content()
    page.get_by_label("Consulent", exact=True).select_option(str(consultant.pk))
    page.get_by_role("button", name="Aannemen", exact=True).click()
    youth = Youth.objects.get()
    page.wait_for_url(re.compile(rf"/jongeren/{youth.pk}/$"))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.TAKEN_ON and youth.consultant == consultant
    registration = Milestone.objects.get(trajectory__youth=youth, kind=MilestoneKind.REGISTRATION)
    assert registration.source == Source.REFERRAL
    _sign_out(page)

    # The partner sees that the youth was taken on (a second sign-in within the same 30 seconds
    # would reuse the one-time code, which the second step refuses: a session instead).
    use_session(page, signed_in_client(partner))
    page.goto(base + "/ketenpartner/")
    assert "aangenomen" in page.locator("main").inner_text()

    # The consultant invites the youth to the portal from the file.
    use_session(page, signed_in_client(consultant))
    page.goto(base + f"/jongeren/{youth.pk}/?open=messages")
    page.get_by_role("button", name="Uitnodigen voor het portaal").click()
    page.wait_for_load_state("networkidle")
    assert PortalAccess.objects.filter(youth=youth).exists()

    # The youth, on a phone: who referred them and why, then what work they look for.
    use_session(page, portal_client(youth))
    page.set_viewport_size(PHONE)
    page.goto(base + "/mijn/")
    card = page.locator("section", has=page.get_by_role("heading", name="Hoe je bij ons kwam"))
    assert "RMC Fryslân heeft je op" in card.inner_text()
    assert "Gestopt met school en zoekt werk in de zorg." in card.inner_text()
    shot(page, "75-front-door-2-youth-start-360")
    page.goto(base + "/mijn/werk/")
    page.get_by_role("link", name="Vertel wat voor werk je zoekt").click()
    page.get_by_label("Zorg en welzijn").check()
    page.get_by_label("Minstens").fill("12")
    page.get_by_label("Hoogstens").fill("24")
    page.get_by_role("button", name="Bewaren").click()
    assert "past bij je interesse: Zorg en welzijn" in page.locator(f"#vacature-{vacancies['care'].pk}").inner_text()

    # The consultant sees the interests in the file and tips the work placement.
    use_session(page, signed_in_client(consultant))
    page.set_viewport_size(DESKTOP)
    page.goto(base + f"/jongeren/{youth.pk}/")
    page.get_by_role("link", name="Toon werk en vacatures").click()
    section = page.locator("#work")
    section.get_by_text("Zorg en welzijn").first.wait_for()
    section.locator("summary", has_text="Vacature tippen").click()
    page.get_by_label("Vacature", exact=True).select_option(str(vacancies["placement"].pk))
    page.get_by_label("Waarom past deze vacature bij de jongere?").fill("Hier leer je het vak in de zorg.")
    page.get_by_role("button", name="Tippen").click()
    assert "Vacature getipt" in page.content()

    # The youth sees the tip on the phone, without sideways scroll.
    use_session(page, portal_client(youth))
    page.set_viewport_size(PHONE)
    page.goto(base + "/mijn/werk/")
    tips = page.locator("#tips-heading").locator("..")
    assert "Stage zorg en welzijn" in tips.inner_text()
    assert "Hier leer je het vak in de zorg." in tips.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "75-front-door-3-youth-vacancies-360")


def _problems(page, base: str, pages: dict[str, str]) -> list[str]:
    return [
        problem
        for name, path in pages.items()
        for problem in layout_problems(page, path, url=base + path, shot_name=f"75-front-door-page-{name}")
    ]


def test_every_page_of_the_front_door_is_accessible_at_both_widths(
    live_server, page, taxonomy, org, partner, team_lead, consultant
):
    from koers.intake.services import referral_submit, referral_take_on
    from koers.intake.services.routing import routing_rule_save
    from koers.portal.services import portal_invite

    org.phone, org.opening_hours = "058 233 4455", "maandag tot en met vrijdag 9.00-17.00 uur"
    org.save(update_fields=["phone", "opening_hours"])
    referral = referral_submit(
        actor=partner,
        first_name="Sanne",
        last_name="de Vries",
        birth_date=age_exactly(19),
        phone="0612345678",
        email="sanne@example.nl",
        reason="Gestopt met school.",
        partner_action="Gesprek gehad.",
        needs=["debt"],
        basis_code="participatiewet",
        consent=None,
    )
    waiting = callback_request_submit(organisation_id=org.pk, first_name="Daan", phone="0699988877")
    youth = referral_take_on(actor=team_lead, referral_id=referral.pk, consultant=consultant)
    portal_invite(actor=consultant, youth=youth)
    rule = routing_rule_save(actor=team_lead, partner_kind="rmc", chain_partner_id=None, team_id=consultant.team_id)

    base = live_server.url
    problems = _problems(
        page,
        base,
        {"public-register": f"/aanmelden/{org.pk}/", "public-callback": f"/aanmelden/{org.pk}/terugbellen/"},
    )
    use_session(page, signed_in_client(partner))
    problems += _problems(
        page,
        base,
        {
            "partner-home": "/ketenpartner/",
            "partner-new": "/ketenpartner/verwijzen/",
            "partner-referral": f"/ketenpartner/verwijzingen/{referral.pk}/",
        },
    )
    use_session(page, signed_in_client(team_lead))
    problems += _problems(
        page,
        base,
        {
            "queue": "/instroom/",
            "item-callback": f"/instroom/{waiting.pk}/",
            "item-decided": f"/instroom/{referral.pk}/",
            "routing": "/instroom/routering/",
            "routing-edit": f"/instroom/routering/{rule.pk}/",
            "specialisms": "/instroom/specialismen/",
            "specialisms-one": f"/instroom/specialismen/{consultant.pk}/",
            "insights-referrals": "/inzicht/verwijzingen/",
            "insights-work": "/inzicht/werkgevers/",
        },
    )
    use_session(page, signed_in_client(consultant))
    problems += _problems(page, base, {"own-specialisms": "/instellingen/specialismen/"})
    use_session(page, portal_client(youth))
    problems += _problems(
        page, base, {"portal-start": "/mijn/", "portal-who-referred": "/mijn/wie-bekeek-mijn-gegevens/"}
    )
    assert problems == [], "\n".join(problems)

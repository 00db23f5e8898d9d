"""Work in a real browser: the youth registers what work they look for and says "Ik heb interesse"
on a phone (360 px), the consultant sees it in the file and tips a vacancy, and the youth sees the
tip at 360 px. Every new page has no serious or critical axe violation at 1280 and 360 px and does
not scroll sideways."""

import pytest

from koers.portal.services import portal_invite
from koers.work.models import VacancyKind
from koers.work.services import employer_contact_record, employer_save, introduction_record
from tests.browser.conftest import layout_problems, use_session
from tests.browser.test_consultant_flow import shot
from tests.conftest import days_ago, signed_in_client
from tests.portal.conftest import portal_client
from tests.work.conftest import make_vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def work_world(consultant, youth, trajectory):
    employer = employer_save(actor=consultant, name="Zorggroep De Linde", sector="Q", socially_committed=True)
    care = make_vacancy(consultant, employer, "Helpende in de thuiszorg", hours=16)
    placement = make_vacancy(consultant, employer, "Stage zorg en welzijn", kind=VacancyKind.WORK_PLACEMENT, hours=24)
    make_vacancy(consultant, employer, "Vrijwilliger buurthuis", kind=VacancyKind.VOLUNTEERING, hours=4, closes_in=None)
    employer_contact_record(
        actor=consultant, employer=employer, date=days_ago(3), channel="phone", notes="Stageplekken besproken"
    )
    introduction_record(actor=consultant, youth=youth, employer=employer, date=days_ago(2))
    portal_invite(actor=consultant, youth=youth)
    return {"employer": employer, "care": care, "placement": placement}


def test_the_youth_registers_interests_and_sees_the_consultants_tip_on_a_phone(
    live_server, page, taxonomy, consultant, youth, work_world
):
    base = live_server.url
    # The youth, on a phone: what work they look for, then interest in a vacancy that fits.
    use_session(page, portal_client(youth))
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base + "/mijn/werk/")
    page.get_by_role("link", name="Vertel wat voor werk je zoekt").click()
    page.get_by_label("Zorg en welzijn").check()
    page.get_by_label("Minstens").fill("12")
    page.get_by_label("Hoogstens").fill("20")
    page.get_by_role("button", name="Bewaren").click()
    card = page.locator(f"#vacature-{work_world['care'].pk}")
    assert "16 uur, jij wilt 12–20 uur" in card.inner_text()
    assert "past bij je interesse: Zorg en welzijn" in card.inner_text()
    card.get_by_role("button", name="Ik heb interesse").click()
    assert "Je consulent weet nu dat je interesse hebt" in page.content()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")

    # The consultant: the interest is in the file; they tip the work placement.
    use_session(page, signed_in_client(consultant))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + f"/jongeren/{youth.pk}/")
    page.get_by_role("link", name="Toon werk en vacatures").click()
    section = page.locator("#work")
    section.get_by_text("Helpende in de thuiszorg — Zorggroep De Linde, Leeuwarden").first.wait_for()
    section.locator("summary", has_text="Vacature tippen").click()
    page.get_by_label("Vacature", exact=True).select_option(str(work_world["placement"].pk))
    page.get_by_label("Waarom past deze vacature bij de jongere?").fill("Hier leer je het vak.")
    page.get_by_role("button", name="Tippen").click()
    assert "Vacature getipt" in page.content()

    # The youth sees the tip on the phone.
    use_session(page, portal_client(youth))
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(base + "/mijn/werk/")
    tips = page.locator("#tips-heading").locator("..")
    assert "Stage zorg en welzijn" in tips.inner_text() and "Hier leer je het vak." in tips.inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "70-work-youth-tip-360")


def _problems(page, base: str, path: str, name: str) -> list[str]:
    return layout_problems(page, path, url=base + path, shot_name=f"70-work-{name}")


def test_every_new_page_is_accessible_at_both_widths(live_server, page, taxonomy, consultant, youth, work_world):
    base = live_server.url
    employer = work_world["employer"]
    use_session(page, signed_in_client(consultant))
    staff = {
        "vacatures": "/werk/vacatures/",
        "vacature-nieuw": "/werk/vacatures/nieuw/",
        "vacature-wijzigen": f"/werk/vacatures/{work_world['care'].pk}/wijzigen/",
        "importeren": "/werk/vacatures/importeren/",
        "werkgevers": "/werk/werkgevers/",
        "werkgever": f"/werk/werkgevers/{employer.pk}/",
        "werkgever-nieuw": "/werk/werkgevers/nieuw/",
        "dossier-werk": f"/jongeren/{youth.pk}/?open=work&open=tip&open=introduction",
    }
    problems = [
        p
        for name, path in staff.items()
        for p in layout_problems(page, path, url=base + path, shot_name=f"70-work-{name}")
    ]
    use_session(page, portal_client(youth))
    portal = {
        "portaal-werk": "/mijn/werk/",
        "portaal-wensen": "/mijn/werk/wensen/",
        "portaal-vacature": f"/mijn/werk/vacatures/{work_world['care'].pk}/",
    }
    problems += [
        p
        for name, path in portal.items()
        for p in layout_problems(page, path, url=base + path, shot_name=f"70-work-{name}")
    ]
    assert problems == [], "\n".join(problems)

"""The method in the file, in a real browser: a consultant ticks three steps of the plan
conversation and a toolbox referral while logging a contact, and sees them in the history, as
done, and the referral's follow-up on the agenda."""

import pytest

from koers.contacts.models import Contact
from koers.method.models import BarrierKind
from koers.trajectories.services import barrier_record
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in
from tests.conftest import days_ago
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ticking_steps_of_the_plan_conversation(live_server, page, taxonomy, consultant):
    youth, trajectory = youth_with_history(consultant, 7, contacts=1)  # in the search period
    barrier_record(actor=consultant, youth=youth, kind=BarrierKind.PSYCHOSOCIAL, noted_on=days_ago(3), source="youth")
    sign_in(page, live_server.url, consultant)
    page.goto(f"{live_server.url}/jongeren/{youth.pk}/#contact")
    form = page.locator("form.koers-contact-form")
    form.locator("summary", has_text="Stappen uit de werkwijze").click()  # folded until opened
    plan = form.locator("fieldset.koers-theme--steps", has_text="2e gesprek (plan)")
    assert_no_serious_axe_violations(page)
    boxes = plan.get_by_role("checkbox")
    texts = []
    for index in range(3):
        box = boxes.nth(index)
        texts.append(box.evaluate("b => b.labels[0].innerText"))
        box.check()
    form.locator("summary", has_text="Uit de gereedschapskist").click()
    referral = form.locator("fieldset.koers-toolbox").get_by_role("checkbox", name="Verwijzen").first
    referral.check()
    form.get_by_role("button", name="Contact opslaan").click()
    page.locator(".koers-messages").wait_for()

    saved = Contact.objects.filter(trajectory=trajectory).latest("id")
    assert saved.steps.count() == 3
    assert saved.toolbox_items.count() == 1
    assert saved.interventions.exists()  # the steps' and the referral's working elements
    page.get_by_role("link", name="Toon geschiedenis").click()  # folded until opened
    page.locator("#history:not(.koers-folded)").wait_for()
    history = page.locator("#history").inner_text()
    for text in texts:
        step_text = text.split(":", 1)[1].strip()
        assert step_text in history
    assert "Verwijzing opvolgen" in history  # the referral as an agreement of the contact
    assert "Verwijzing opvolgen" in page.locator("#agenda").inner_text()  # and on the agenda
    done = page.locator("fieldset.koers-theme--steps", has_text="2e gesprek (plan)").locator(".koers-badge--ok")
    assert done.count() == 3
    shot(page, "50-werkwijze-stappen")
    assert_no_serious_axe_violations(page)


def test_the_booklet_prints_without_the_menu(live_server, page, taxonomy, consultant):
    sign_in(page, live_server.url, consultant)
    page.get_by_role("link", name="Werkwijze").click()
    page.wait_for_url("**/werkwijze/")
    assert page.get_by_role("heading", level=1, name="Werkwijze").is_visible()
    assert_no_serious_axe_violations(page)
    page.emulate_media(media="print")
    assert not page.locator(".koers-header").is_visible()
    assert not page.get_by_role("button", name="Afdrukken of opslaan als pdf").is_visible()
    assert page.get_by_role("heading", name="Gereedschapskist").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000

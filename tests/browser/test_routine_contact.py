"""The everyday task, counted: from Vandaag, a routine contact (the usual channel, two
interventions, one agreement) in at most 6 interactions, on a desk and on a phone, axe clean."""

import pytest

from koers.contacts.models import Contact
from koers.contacts.services import contact_record
from tests.browser.conftest import assert_no_serious_axe_violations
from tests.browser.test_consultant_flow import shot, sign_in
from tests.conftest import days_ago
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_INTERACTIONS = 6


class Counted:
    """Counts what the user does: each click, check or fill is one interaction."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator_action, *args, **kwargs):
        self.count += 1
        return locator_action(*args, **kwargs)


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 780)], ids=["desktop", "phone"])
def test_a_routine_contact_from_vandaag(live_server, page, taxonomy, consultant, width, height):
    youth, trajectory = youth_with_history(consultant, 5, contacts=3)  # at the office, with personal attention
    for _ in range(4):  # lately mostly by phone, on job applications
        contact_record(
            actor=consultant,
            trajectory=trajectory,
            date=days_ago(1),
            channel="phone",
            intervention_codes=["skills_job_application"],
        )
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, live_server.url, consultant)  # not counted: the day starts signed in
    before = Contact.objects.filter(trajectory=trajectory).count()
    act = Counted()

    row = page.locator("tr", has=page.get_by_role("link", name=youth.full_name)).first
    act(row.get_by_role("link", name="Contact vastleggen").click)
    form = page.locator("form.koers-contact-form")
    form.wait_for()
    assert_no_serious_axe_violations(page)
    heading_box = page.locator("#contact-heading").bounding_box()
    assert 0 <= heading_box["y"] < height  # the form opens in view, not below other forms
    frequent = form.locator("fieldset.koers-interventions fieldset.koers-theme").first
    assert "Vaak gebruikt" in frequent.inner_text()
    assert form.get_by_label("telefoon", exact=True).is_checked()  # the usual channel
    act(frequent.get_by_label("Sollicitatievaardigheden").check)
    act(frequent.get_by_label("Persoonlijke aandacht").check)
    agreement = form.locator("fieldset.koers-agreement").first
    act(agreement.get_by_role("textbox", name="Afspraak").fill, "Cv opsturen naar de werkgever")
    shot(page, f"08-contact-{width}")
    act(form.get_by_role("button", name="Contact opslaan").click)

    page.locator(".koers-messages").wait_for()
    assert "Contact opgeslagen" in page.locator(".koers-messages").inner_text()
    assert page.evaluate("document.activeElement.classList.contains('koers-messages')")  # focus on the confirmation
    assert act.count <= MAX_INTERACTIONS
    # The file is updated: the open agreements (folded) show the new one once opened (not counted:
    # the contact is saved by now).
    page.get_by_role("link", name="Toon open afspraken").click()
    page.locator("#agreements:not(.koers-folded)").wait_for()
    assert "Cv opsturen naar de werkgever" in page.locator("#agreements").inner_text()
    assert Contact.objects.filter(trajectory=trajectory).count() == before + 1
    saved = Contact.objects.filter(trajectory=trajectory).latest("id")
    assert saved.channel == "phone" and saved.date == days_ago(0)
    assert sorted(saved.interventions.values_list("code", flat=True)) == [
        "skills_job_application",
        "trust_personal_attention",
    ]
    assert saved.agreements.get().description == "Cv opsturen naar de werkgever"
    assert_no_serious_axe_violations(page)


@pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "phone"])
def test_a_refused_contact_shows_every_error_at_once_where_the_user_is(live_server, page, taxonomy, consultant, width):
    youth, trajectory = youth_with_history(consultant, 6, contacts=1)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, consultant)
    page.goto(f"{live_server.url}/jongeren/{youth.pk}/#contact")
    form = page.locator("form.koers-contact-form")
    form.get_by_label("Datum").fill(days_ago(-3).isoformat())  # in the future
    agreement = form.locator("fieldset.koers-agreement").first
    agreement.get_by_label("Uiterlijk op").fill(days_ago(-10).isoformat())  # a date without a description
    form.get_by_role("button", name="Contact opslaan").click()

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.title().startswith("Fout: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.get_by_role("link")
    assert links.count() >= 2, summary.inner_text()  # the date and the agreement, in one round
    assert 0 <= summary.bounding_box()["y"] < 900  # the user stays at the refused form
    links.first.click()
    assert page.evaluate("document.activeElement.name").endswith("date")
    shot(page, f"09-contact-fouten-{width}")
    assert_no_serious_axe_violations(page)
    assert Contact.objects.filter(trajectory=trajectory).count() == 1


# "About two phone screens": from the top of the form to the bottom of "Contact opslaan" on a phone,
# with the method's steps and the toolbox folded away (one tap each, with their count).
PHONE_HEIGHT = 780
ROUTINE_PATH_MAX = 2 * PHONE_HEIGHT


def test_the_routine_path_fits_in_two_phone_screens(live_server, page, taxonomy, consultant):
    from koers.trajectories.services import milestone_record

    youth, trajectory = youth_with_history(consultant, 6, contacts=3)
    milestone_record(actor=consultant, trajectory=trajectory, kind="plan_conversation", date=days_ago(1), route="work")
    page.set_viewport_size({"width": 360, "height": PHONE_HEIGHT})
    sign_in(page, live_server.url, consultant)
    page.goto(f"{live_server.url}/jongeren/{youth.pk}/#contact")
    form = page.locator("form.koers-contact-form")
    top = form.bounding_box()["y"]
    frequent = form.locator("fieldset.koers-interventions fieldset.koers-theme").first
    save = form.get_by_role("button", name="Contact opslaan").bounding_box()

    assert "Vaak gebruikt" in frequent.inner_text()
    assert frequent.bounding_box()["y"] - top < PHONE_HEIGHT  # the frequent elements on the first screen
    routine = save["y"] + save["height"] - top
    assert routine <= ROUTINE_PATH_MAX, routine
    steps = form.locator("summary", has_text="Stappen uit de werkwijze")
    assert steps.is_visible() and "(" in steps.inner_text()  # folded, with the count
    assert not form.locator(".koers-steps").is_visible()
    shot(page, "09-contact-form-360")

"""Vernietigen in a real browser: the functional administrator keeps one file longer and reviews
the list, a team lead approves it, the nightly job destroys the files after the waiting period,
and the list stays as the declaration of destruction. Each page at 1280 and 360 px: no serious or
critical axe violation, no sideways scroll."""

import datetime as dt

import pytest
from django.utils import timezone

from koers.retention.models import DestructionStatus
from koers.retention.services.destruction import destruction_carry_out, destruction_propose
from koers.trajectories.models import Youth
from tests.browser.conftest import layout_problems, use_session
from tests.browser.test_consultant_flow import shot
from tests.conftest import signed_in_client
from tests.retention.conftest import PAST
from tests.retention.test_destruction import _closed_youth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_list_from_review_to_the_declaration_of_destruction(
    live_server, page, taxonomy, admin, team_lead, consultant
):
    youths = [_closed_youth(consultant, name) for name in ("Ali", "Bo", "Cas")]
    proposed = destruction_propose(admin.organisation_id, today=PAST)
    base = live_server.url
    detail = f"{base}/instellingen/vernietigen/{proposed.pk}/"

    # Functional admin: the list, then one file kept longer with a reason, then reviewed.
    use_session(page, signed_in_client(admin))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/instellingen/vernietigen/")
    assert page.get_by_role("link", name=f"Lijst {proposed.pk}").is_visible()
    assert (
        layout_problems(page, "lists", url=f"{base}/instellingen/vernietigen/", shot_name="80-destruction-lists") == []
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(detail)
    shot(page, "80-destruction-list-proposed")
    assert "Ali" not in page.content()  # numbers, not names
    page.get_by_text(f"Langer bewaren (dossier {youths[0].pk})").click()
    page.get_by_label("Reden (zonder naam van de jongere)").first.fill("Bezwaar loopt nog")
    page.get_by_role("button", name="Een jaar langer bewaren").first.click()
    assert page.get_by_text("Het dossier blijft langer bewaard").is_visible()
    page.get_by_role("button", name="Lijst is beoordeeld").click()
    assert page.get_by_text("De lijst is beoordeeld en wacht op een teamleider.").is_visible()

    # The team lead approves (a second person).
    use_session(page, signed_in_client(team_lead))
    page.goto(detail)
    assert layout_problems(page, "approval", url=detail, shot_name="81-destruction-approval") == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(detail)
    page.get_by_role("button", name="Goedkeuren").click()
    assert page.get_by_text("Na de wachttijd vernietigt Koers de dossiers.").is_visible()

    # The nightly job after the waiting period; then the declaration.
    proposed.refresh_from_db()
    assert proposed.status == DestructionStatus.APPROVED
    moment = max(proposed.destroy_after, timezone.make_aware(dt.datetime.combine(PAST, dt.time(3))))
    assert destruction_carry_out(now=moment) == 2
    page.goto(detail)
    assert page.get_by_role("heading", name="Verklaring van vernietiging").is_visible()
    assert layout_problems(page, "report", url=detail, shot_name="82-destruction-report") == []
    assert Youth.objects.filter(pk__in=[y.pk for y in youths], destroyed_on__isnull=False).count() == 2

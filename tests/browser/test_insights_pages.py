"""The consultant's and team lead's insight pages in a real browser at 1280 and 360 px: Mijn werk,
the verbetertool, the team profile, the learning network and the index. Nothing scrolls sideways
and axe-core finds no serious or critical violation (the team page, throughput, the experiment and
N=1 have their own browser tests)."""

import pytest

from koers.accounts.models import Organisation
from koers.insights.services import practice_counts_fill
from tests.browser.conftest import SERIOUS_IMPACTS, axe_results
from tests.browser.test_consultant_flow import shot
from tests.browser.test_team_page import NAMED_RULES, _use_session
from tests.conftest import signed_in_client
from tests.insights.test_practice import _contact, _youth

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "consultant": [
        ("/inzicht/", "Inzicht"),
        ("/inzicht/mijn-werk/", "Mijn werk"),
        ("/inzicht/verbetertool/", "Verbetertool"),
        ("/inzicht/teamprofiel/", "Teamprofiel"),
    ],
    "team_lead": [
        ("/inzicht/", "Inzicht"),
        ("/inzicht/teamprofiel/", "Teamprofiel"),
        ("/inzicht/lerend-netwerk/", "Lerend netwerk"),
    ],
}

WIDTH_JS = "() => ({width: document.documentElement.scrollWidth, view: window.innerWidth})"


@pytest.mark.parametrize("persona", list(PAGES))
def test_the_insight_pages_fit_both_widths_without_serious_axe_violations(
    live_server, page, taxonomy, consultant, colleague, team_lead, persona
):
    for person, name in ((consultant, "Noor"), (consultant, "Sem"), (colleague, "Lieke")):
        _y, trajectory = _youth(person, name)
        for day in range(6):
            _contact(
                person, trajectory, 30 - day, ["trust_personal_attention", "qualities_self_confidence"][: 1 + day % 2]
            )
    Organisation.objects.filter(pk=consultant.organisation_id).update(in_learning_network=True)
    practice_counts_fill()
    _use_session(page, signed_in_client(consultant if persona == "consultant" else team_lead))

    problems = []
    for path, heading in PAGES[persona]:
        for width in (1280, 360):
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            assert heading in page.locator("h1").inner_text(), path
            size = page.evaluate(WIDTH_JS)
            if size["width"] > size["view"]:
                problems.append(f"{path} at {width}px scrolls sideways: {size['width']} > {size['view']}")
            shot(page, f"75-{persona}-{path.strip('/').replace('/', '-')}-{width}")
            problems += [
                f"axe {path} at {width}px: {v['id']} [{v['impact']}] at {v['nodes'][0]['target']}"
                for v in axe_results(page)["violations"]
                if v.get("impact") in SERIOUS_IMPACTS or v["id"] in NAMED_RULES
            ]
    assert not problems, "\n".join(problems)

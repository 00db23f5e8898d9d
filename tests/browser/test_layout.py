"""Every staff, admin and portal page, with every <details> opened, at 1280 and at 360 px: no input
lies outside its form's box, nothing scrolls sideways, and axe-core finds no serious or critical
violation. (The plan editor's sub-goal fields once sat outside their card, and the page was 499 px
wide on a phone; only a check over all pages catches the next one.)"""

import pytest
from django.conf import settings
from django.utils import timezone

from koers.method.models import MethodVersion
from koers.method.services import method_version_create
from koers.plans.models import SubGoalOwner
from koers.plans.services import SubGoalInput, plan_save
from koers.trajectories.models import NetworkInfluence, NetworkRelation
from koers.trajectories.services import network_consent_record, network_member_add
from tests.browser.conftest import SERIOUS_IMPACTS, axe_results
from tests.browser.test_consultant_flow import shot
from tests.conftest import days_ago, signed_in_client
from tests.portal.conftest import portal_client
from tests.web.conftest import youth_with_history

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 360)

# Inputs, selects, text areas and buttons outside the box of their form; and the page's width.
LAYOUT_JS = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const outside = [];
    for (const form of document.querySelectorAll('form')) {
        const box = form.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        for (const el of form.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;  // not shown
            // An inline form's box is only a line high, so only a block form is checked top to bottom.
            const block = getComputedStyle(form).display !== 'inline';
            const sideways = r.left < box.left - 1 || r.right > box.right + 1;
            const below = block && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
            if (sideways || below) {
                outside.push((el.name || el.id || el.tagName) + ' @ ' + Math.round(r.left) + '..' + Math.round(r.right)
                    + ' in form ' + Math.round(box.left) + '..' + Math.round(box.right));
            }
        }
    }
    return {outside, width: document.documentElement.scrollWidth, view: window.innerWidth};
}"""


def _use_session(page, client) -> None:
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": "localhost", "path": "/"}])


def _check(page, base: str, path: str, name: str) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(base + path)
        assert response.status < 400, (path, response.status)
        result = page.evaluate(LAYOUT_JS)
        if result["outside"]:
            problems.append(f"{path} at {width}px: {result['outside'][:5]}")
        if result["width"] > result["view"]:
            problems.append(f"{path} at {width}px scrolls sideways: {result['width']} > {result['view']}")
        shot(page, f"60-layout-{name}-{width}")
        if width == WIDTHS[0]:
            problems += [f"{path}: axe {v['id']} [{v['impact']}] at {v['nodes'][0]['target']}" for v in _axe(page)]
    return problems


# Besides every serious or critical violation: three rules a new user's probe found, whatever their impact.
NAMED_RULES = {"link-in-text-block", "landmark-unique", "empty-table-header"}


def _axe(page) -> list[dict]:
    violations = axe_results(page)["violations"]
    return [v for v in violations if v.get("impact") in SERIOUS_IMPACTS or v["id"] in NAMED_RULES]


@pytest.fixture
def rich_youth(consultant):
    """A youth with a history, a plan, a network member with consent, and portal access."""
    from koers.portal.services import portal_invite

    youth, trajectory = youth_with_history(consultant, 1, contacts=4)
    plan_save(
        actor=consultant,
        trajectory=trajectory,
        main_goal="Ik ontdek welk werk bij mij past.",
        sub_goals=[
            SubGoalInput(text="Cv bijwerken", owner=SubGoalOwner.YOUTH, due_on=timezone.localdate()),
            SubGoalInput(text="Werkgever bellen", owner=SubGoalOwner.CONSULTANT),
        ],
    )
    member = network_member_add(
        actor=consultant,
        youth=youth,
        name="Tante Joke",
        relation=NetworkRelation.FAMILY,
        influence=NetworkInfluence.SUPPORTIVE,
    )
    network_consent_record(
        actor=consultant, member=member, purpose="meedenken", given_by="de jongere", given_on=days_ago(5)
    )
    type(youth).objects.filter(pk=youth.pk).update(email="jongere@example.org")
    youth.refresh_from_db()
    portal_invite(actor=consultant, youth=youth)
    return youth


def test_staff_pages_keep_their_forms_together(live_server, page, taxonomy, consultant, rich_youth):
    _use_session(page, signed_in_client(consultant))
    file = f"/jongeren/{rich_youth.pk}/"
    pages = {
        "vandaag": "/",
        "zoeken": "/zoeken/",
        "caseload": "/?view=caseload",
        "nieuw": "/jongeren/nieuw/",
        "werkwijze": "/werkwijze/",
        "dossier": file,
        "dossier-gesprek": file + "?open=appointment",
        "dossier-correctie": file + "?open=correction",
        "dossier-overdracht": file + "?open=hand_over",
        "dossier-brief": file + "?open=letter",
    }
    problems = [problem for name, path in pages.items() for problem in _check(page, live_server.url, path, name)]
    assert problems == [], "\n".join(problems)


def test_team_lead_and_admin_pages_keep_their_forms_together(live_server, page, taxonomy, team_lead, admin, consultant):
    _use_session(page, signed_in_client(team_lead))
    problems = _check(page, live_server.url, "/rollen/", "rollen") + _check(
        page, live_server.url, "/?consultant=org", "org"
    )
    page.context.clear_cookies()
    _use_session(page, signed_in_client(admin))
    method_version_create(actor=admin, organisation=admin.organisation, reason="Lokale partners erbij", steps=[])
    version = MethodVersion.objects.filter(organisation=admin.organisation).order_by("-number").first()
    for name, path in {
        "admin": "/admin/",
        "admin-medewerkers": "/admin/accounts/user/",
        "admin-medewerker": f"/admin/accounts/user/{consultant.pk}/change/",
        "admin-nieuw": "/admin/accounts/user/add/",
        "admin-wijzigingen": "/admin/accounts/accountevent/",
        "admin-werkwijze": f"/admin/method/methodversion/{version.pk}/change/",
        "admin-werkwijzen": "/admin/method/methodversion/",
        "admin-werkwijze-aanpassen": "/admin/method/methodversion/aanpassen/",
        "admin-werkwijze-vergelijken": f"/admin/method/methodversion/{version.pk}/vergelijk/",
        "admin-elementen": "/admin/method/workingelement/",
        "admin-brieven": "/admin/messaging/lettertemplate/",
    }.items():
        problems += _check(page, live_server.url, path, name)
    assert problems == [], "\n".join(problems)


def test_portal_pages_keep_their_forms_together(live_server, page, taxonomy, rich_youth):
    problems = _check(page, live_server.url, "/mijn/inloggen/", "portaal-inloggen")
    _use_session(page, portal_client(rich_youth))
    for name, path in {
        "portaal-start": "/mijn/",
        "portaal-plan": "/mijn/plan/",
        "portaal-berichten": "/mijn/berichten/",
        "portaal-mogelijkheden": "/mijn/mogelijkheden/",
        "portaal-informatie": "/mijn/informatie/",
        "portaal-instellingen": "/mijn/instellingen/",
        "portaal-wie-bekeek": "/mijn/wie-bekeek-mijn-gegevens/",
        "portaal-gegevens": "/mijn/mijn-gegevens/",
        "portaal-nazorg": "/mijn/nazorg/",
    }.items():
        problems += _check(page, live_server.url, path, name)
    assert problems == [], "\n".join(problems)

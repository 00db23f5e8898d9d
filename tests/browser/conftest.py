"""Browser tests: Playwright (sync API) driving Debian's Chromium, with axe-core for accessibility.

Only /usr/bin/chromium is used, never a browser that Playwright downloads
(`scripts/ensure-test-deps.sh`, run by `make test`, installs it).

    from tests.browser.conftest import assert_no_serious_axe_violations

    @pytest.mark.browser
    def test_login_page(page, live_server):
        page.goto(live_server.url + "/login/")
        assert_no_serious_axe_violations(page)
"""

import functools
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; without this, ORM calls in a test
# that also drives the browser (and pytest-django's live_server set-up) raise
# SynchronousOnlyOperation. Django reads the variable at each call, so setting it here suffices.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = [
    "--no-sandbox",  # root in CI; the sandbox needs user namespaces we may not have
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machines reach no network but the package registries: keep Chromium from calling home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SERIOUS_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Debian Chromium for the whole test session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: browser tests use Debian's Chromium. "
            "Run scripts/ensure-test-deps.sh (or: apt-get install chromium).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium_browser):
    """A page in a fresh browser context (own cookies and storage): Dutch, Amsterdam time."""
    context = chromium_browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    try:
        yield context.new_page()
    finally:
        context.close()


@functools.cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def _inject_axe(page) -> None:
    if page.evaluate("typeof window.axe !== 'undefined'"):
        return
    # Evaluated through the DevTools protocol: our Content-Security-Policy (script-src 'self')
    # would block a script tag, and does not apply here.
    page.evaluate(_axe_source())
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        pytest.fail(f"could not load axe-core from {AXE_JS} into {page.url}", pytrace=False)


def axe_results(page, *, context=None, options=None) -> dict:
    """Run axe-core on the page as it is now and return its results object.

    `context` is an axe context (a selector, or {"include": [...], "exclude": [...]}),
    `options` axe.run options, e.g. {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}.
    """
    _inject_axe(page)
    return page.evaluate(
        "([context, options]) => window.axe.run(context || document, options || {})",
        [context, options],
    )


def assert_no_serious_axe_violations(page, *, context=None, options=None) -> None:
    """Fail listing every axe-core violation of impact serious or critical on the page."""
    # Only the violations are read: axe then reports every node of those and skips the work of
    # collecting the passes and the rules that did not apply (its `resultTypes` option).
    options = {"resultTypes": ["violations"], **(options or {})}
    results = axe_results(page, context=context, options=options)
    serious = [v for v in results["violations"] if v.get("impact") in SERIOUS_IMPACTS]
    if not serious:
        return
    lines = [f"{len(serious)} serious/critical accessibility violation(s) on {page.url}:"]
    for violation in serious:
        nodes = violation.get("nodes", [])
        targets = [" ".join(map(str, node.get("target", []))) for node in nodes[:3]]
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}]: {violation['help']} ({violation.get('helpUrl', '')})"
        )
        lines.append(f"    at: {', '.join(targets)}{more}")
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture
def axe_check():
    """The function assert_no_serious_axe_violations, for tests that prefer a fixture."""
    return assert_no_serious_axe_violations


def use_session(page, client) -> None:
    """The browser takes over a test client's session (signed in as staff, or a youth's portal)."""
    from django.conf import settings

    page.context.clear_cookies()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "domain": "localhost", "path": "/"}])


def layout_problems(page, label: str, *, url: str | None = None, open_folds: bool = True, shot_name: str = "") -> list:
    """At 1280 and 360 px: a sideways scroll or a serious or critical axe violation, in words.
    With `url` the page is opened at each width (and must not fail); without, the page as it is.
    `open_folds` opens every <details> first, so folded forms are checked too."""
    from tests.browser.test_consultant_flow import shot

    found = []
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 800})
        if url is not None:
            response = page.goto(url)
            assert response.status < 400, (url, response.status)
        if open_folds:
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.wait_for_load_state("networkidle")
        size = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if size[0] > size[1]:
            found.append(f"{label} at {width}px scrolls sideways: {size}")
        found += [
            f"{label} at {width}px: axe {v['id']} [{v['impact']}] at {v['nodes'][0]['target']}"
            for v in axe_results(page)["violations"]
            if v.get("impact") in SERIOUS_IMPACTS
        ]
        if shot_name:
            shot(page, f"{shot_name}-{width}")
    return found

"""The portal's youths and signed-in browsers (tests/portal/conftest.py), for the youth's side of
the plan: ticking sub-goals off, the plan page and its PDF, the daily step."""

from tests.portal.conftest import (  # noqa: F401 - fixtures
    invitation,
    youth_client,
)

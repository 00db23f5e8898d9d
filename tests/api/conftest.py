"""API fixtures: most live in tests/conftest.py (`api`), shared with tests that cross pages and API."""

import pytest

from koers.audit.models import AccessAction, AccessChannel
from koers.audit.services import access_log_write
from koers.portal.services import portal_invite


@pytest.fixture
def youth_who_used_the_portal(youth, consultant):
    """The youth, invited to the portal, with the access-log rows the portal writes (no staff user)."""
    portal_invite(actor=consultant, youth=youth)
    for subject in ("home", "plan", "export"):
        access_log_write(
            user=None,
            organisation_id=youth.organisation_id,
            youth_id=youth.pk,
            action=AccessAction.VIEW,
            channel=AccessChannel.PORTAL,
            subject=subject,
        )
    return youth

"""The portal never reads the target-group guidance: tips for staff about a youth's autism (or
other marker) are not the youth's to be shown, and no portal page even queries them."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from koers.method.models import TargetGroupGuidance
from koers.portal import urls as portal_urls
from koers.trajectories.models import Youth
from tests.conftest import signed_in_client
from tests.portal.test_probe import PUBLIC, body_of, fill, portal_values

GUIDANCE_TABLE = TargetGroupGuidance._meta.db_table  # method_targetgroupguidance


@pytest.fixture
def autistic_youth(world, invited):
    Youth.objects.filter(pk=invited.pk).update(target_groups=["autism"])
    return invited


@pytest.fixture
def autism_tips(autistic_youth) -> list[str]:
    tips = [
        tip
        for tips in TargetGroupGuidance.objects.filter(
            marker="autism", version__organisation_id=autistic_youth.organisation_id
        ).values_list("tips", flat=True)
        for tip in tips
    ]
    assert tips, "the organisation's method has tips for autism"
    return tips


def readable(response) -> str:
    if response.get("Content-Type") == "application/pdf":
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return body_of(response)


def portal_get_paths(world) -> list[str]:
    values = portal_values(world["a"])
    return ["/mijn/" + fill(str(p.pattern), values) for p in portal_urls.urlpatterns if p.name not in PUBLIC]


def test_the_staff_see_the_tips_so_the_test_would_notice_them(autistic_youth, autism_tips, consultant):
    page = signed_in_client(consultant).get(f"/jongeren/{autistic_youth.pk}/").content.decode()

    assert any(tip in page for tip in autism_tips)


def test_no_portal_page_queries_the_target_group_guidance(youth_client, autistic_youth, world):
    for path in portal_get_paths(world):
        with CaptureQueriesContext(connection) as queries:
            response = youth_client.get(path)
        assert response.status_code in (200, 405), (path, response)
        found = [q["sql"] for q in queries.captured_queries if GUIDANCE_TABLE in q["sql"]]
        assert found == [], path


def test_no_portal_page_shows_a_tip_for_the_youths_target_group(youth_client, autism_tips, world):
    shown = 0
    for path in portal_get_paths(world):
        response = youth_client.get(path)
        if response.status_code != 200:
            continue
        text = readable(response)
        shown += 1
        for tip in autism_tips:
            assert tip not in text, (path, tip)
    assert shown >= 12  # the pages, the attachment, the PDFs and the data download

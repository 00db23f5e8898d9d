"""The method's reads kept in the cache (koers.method.cache, ADR 0012): a youth file that is opened
again reads no method table, and what changes is seen on the next page at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.method.models import MethodStep, WorkingElement
from koers.method.services import StepChange, method_version_create
from koers.trajectories.models import MilestoneKind
from koers.trajectories.services import milestone_record
from tests.conftest import days_ago

METHOD_TABLES = ("method_workingelement", "method_methodstep", "method_basicmethod", "method_toolboxitem")


def _method_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in context.captured_queries if any(f'FROM "{t}"' in q["sql"] for t in METHOD_TABLES)]


def _in_follow_up(trajectory, consultant):
    milestone_record(
        actor=consultant, trajectory=trajectory, kind=MilestoneKind.PLAN_CONVERSATION, date=days_ago(1), route="work"
    )
    return trajectory


def test_the_second_view_of_a_file_reads_no_method_table(started, consultant, as_user):
    client = as_user(consultant)
    url = reverse("youth_file", args=[started.youth_id])
    assert _method_queries(client, url)  # the first view fills the cache
    assert _method_queries(client, url) == []
    assert "Contact vastleggen" in client.get(url).content.decode()  # the form is still all there


def test_a_new_version_of_the_method_shows_on_the_next_page(started, consultant, admin, as_user):
    _in_follow_up(started, consultant)
    client = as_user(consultant)
    url = reverse("youth_file", args=[started.youth_id])
    step = MethodStep.objects.get(
        version__organisation=consultant.organisation, key="follow_up.enforcement_conversation_first"
    )
    assert step.text in client.get(url).content.decode()  # cached now
    method_version_create(
        actor=admin,
        organisation=consultant.organisation,
        reason="Eigen woorden",
        steps=[StepChange(key=step.key, text="Bespreek handhaving eerst persoonlijk, in eigen woorden.")],
    )
    page = client.get(url).content.decode()
    assert "Bespreek handhaving eerst persoonlijk, in eigen woorden." in page
    assert step.text not in page


def test_a_retired_working_element_leaves_the_contact_form_at_once(started, consultant, as_user):
    client = as_user(consultant)
    url = reverse("youth_file", args=[started.youth_id])
    element = WorkingElement.objects.get(code="trust_personal_attention")
    assert f'value="{element.code}"' in client.get(url).content.decode()
    element.active = False
    element.save()
    assert f'value="{element.code}"' not in client.get(url).content.decode()


def test_the_cache_is_forgotten_again_when_the_version_commits(
    started, consultant, admin, django_capture_on_commit_callbacks
):
    # A page read between the change and its commit could put the old version back: the commit forgets it again.
    from django.core.cache import cache

    from koers.method.cache import current_version_key

    key = current_version_key(consultant.organisation_id)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        method_version_create(actor=admin, organisation=consultant.organisation, reason="Nieuw", steps=[])
        cache.set(key, 12345)  # as if an old read landed in between
    for callback in callbacks:
        callback()
    assert cache.get(key) is None

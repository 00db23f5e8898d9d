"""Parts of the contact form that every youth gets alike are rendered once (koers.web.fragments),
and never stand in for a form shown again with what was typed, or for another day or language."""

import datetime as dt
import re
import uuid

import time_machine
from django.template import engines
from django.urls import reverse
from django.utils import translation

from koers.contacts.models import Channel
from koers.contacts.services import contact_record
from koers.web.jinja import Jinja2
from tests.web.test_contacts import post_contact

TEMPLATE = '{% call static_fragment("test-part", key, cache=cache) %}{{ render() }}{% endcall %}'


def rendered(**context) -> str:
    jinja = next(engine for engine in engines.all() if isinstance(engine, Jinja2))
    return jinja.from_string(TEMPLATE).render(context)


def test_a_part_is_rendered_once_per_key_and_language():
    calls = []
    a, b = uuid.uuid4().hex, uuid.uuid4().hex  # keys no other test used in this process

    def render():
        calls.append(translation.get_language())
        return f"deel {len(calls)}"

    first = rendered(key=a, cache=True, render=render)
    assert rendered(key=a, cache=True, render=render) == first == "deel 1"
    assert rendered(key=b, cache=True, render=render) == "deel 2"
    with translation.override("en"):
        assert rendered(key=a, cache=True, render=render) == "deel 3"
    assert rendered(key=a, cache=False, render=render) == "deel 4"
    assert calls == ["nl", "nl", "en", "nl"]


def test_what_was_typed_in_a_refused_save_is_never_shown_to_the_next_youth(started, consultant, as_user):
    client = as_user(consultant)
    client.get(reverse("youth_file", args=[started.youth_id]))  # the empty parts are now remembered
    refused = post_contact(
        client,
        started.youth_id,
        **{"contact-date": "2026-01-05", "contact-notes": "Typte dit net", "agreements-0-description": "Cv sturen"},
    )
    assert "Typte dit net" in refused.content.decode() and 'value="Cv sturen"' in refused.content.decode()
    again = client.get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert "Typte dit net" not in again and "Cv sturen" not in again
    assert 'name="agreements-0-description"' in again and 'name="contact-notes"' in again


def test_the_empty_form_follows_the_day_and_the_usual_channel(started, consultant, as_user, today):
    client = as_user(consultant)
    body = client.get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert f'name="contact-date" value="{today.isoformat()}"' in body
    assert _checked_channel(body) == Channel.OFFICE

    contact_record(
        actor=consultant,
        trajectory=started,
        date=today,
        channel=Channel.PHONE,
        purpose="status_check",
        participants=["youth"],
        intervention_codes=[],
        step_ids=[],
        toolbox_ids=[],
        network_member_ids=[],
        ratings={},
        agreements=[],
        notes="",
        evaluation_question_asked=False,
    )
    body = client.get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert _checked_channel(body) == Channel.PHONE

    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(10)).astimezone()
    with time_machine.travel(tomorrow, tick=False):
        body = as_user(consultant).get(reverse("youth_file", args=[started.youth_id])).content.decode()
    assert f'name="contact-date" value="{(today + dt.timedelta(days=1)).isoformat()}"' in body


def _checked_channel(body: str) -> str:
    return re.search(r'name="contact-channel" value="(\w+)"[^>]*checked', body).group(1)

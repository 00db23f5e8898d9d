"""Youths with portal access, and browsers signed in as them.

`youth` (Sanne, of `consultant`) is youth A; `youth_b` (Bram) is in the same organisation and has
the same consultant; `youth_c` (Chantal) is in `other_org`. Each is invited to the portal, so each
has a mail with a code and a link. `youth_client` signed in the way a youth does: with the code
from the invitation mail, through the pages. `portal_client(youth)` gives a signed-in browser for
any youth without going through the mail (the sign-in tests use the real flow). `invited` (youth A
after the invitation), `private_media` and `jpeg_bytes` are shared with the whole suite, in
tests/conftest.py.
"""

import datetime as dt
import io
import re
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from koers.accounts.models import Role
from koers.messaging.services import message_send
from koers.messaging.uploads import clean_upload
from koers.outbox.models import OutgoingMail
from koers.plans.models import SubGoalOwner
from koers.plans.services import SubGoalInput, plan_save
from koers.portal.access import portal_session_start
from koers.portal.services import portal_invite, sign_in_requests_process
from koers.trajectories.services import trajectory_create, youth_create
from tests.conftest import born_years_ago, jpeg_bytes, make_user

SIGN_IN = "/mijn/inloggen/"
CODE_PAGE = "/mijn/inloggen/code/"
CODE_IN_MAIL = re.compile(r"Je code is: (\d{6})")
LINK_PAGE = "/mijn/inloggen/link/"
LINK_IN_MAIL = re.compile(r"https?://[^/\s]+(/mijn/inloggen/link/\?sleutel=([A-Za-z0-9_-]+))")


# Mail


def ask_for_a_code(client: Client, email: str, **options):
    """Type the address on the first sign-in page; the worker's next round mails the code."""
    response = client.post(SIGN_IN, {"email": email}, **options)
    sign_in_requests_process()
    return response


def mails_to(address: str) -> list[OutgoingMail]:
    """The queued mails to an address, oldest first."""
    return list(OutgoingMail.objects.filter(to=address).order_by("created_at", "id"))


def last_mail_to(address: str) -> OutgoingMail:
    found = mails_to(address)
    assert found, f"no mail to {address}"
    return found[-1]


def code_in(mail: OutgoingMail) -> str:
    return CODE_IN_MAIL.search(mail.body).group(1)


def token_in(mail: OutgoingMail) -> str:
    return LINK_IN_MAIL.search(mail.body).group(2)


def link_in(mail: OutgoingMail) -> str:
    """The path of the sign-in link in the mail, with its key."""
    return LINK_IN_MAIL.search(mail.body).group(1)


# Signing in


def sign_in_with_code(client: Client, email: str, code: str):
    """Type the e-mail address and the code on the code page, as the youth does."""
    return client.post(CODE_PAGE, {"email": email, "code": code})


def press_sign_in_button(client: Client, token: str, **options):
    """Press "Inloggen" on the page the mailed link opens (the key is in a hidden field)."""
    return client.post(LINK_PAGE, {"sleutel": token}, **options)


def follow_link(client: Client, mail: OutgoingMail, **options):
    """Open the link from the mail and press the button on that page, as the youth does."""
    page = client.get(link_in(mail)).content.decode()
    token = re.search(r'name="sleutel" value="([^"]*)"', page).group(1)
    return press_sign_in_button(client, token, **options)


def portal_client(youth) -> Client:
    """A browser with a portal session for `youth`, started by the portal's own helper."""
    client = Client()
    engine = import_module(settings.SESSION_ENGINE)
    request = RequestFactory().get("/mijn/")
    request.session = engine.SessionStore()
    portal_session_start(request, youth)
    request.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = request.session.session_key
    return client


def page_text(response) -> str:
    return response.content.decode()


# Youths


def make_youth(actor, first_name: str, last_name: str, email: str, *, birth_day: int = 1):
    youth = youth_create(
        actor=actor,
        consultant=actor,
        first_name=first_name,
        last_name=last_name,
        birth_date=born_years_ago(23, month=3, day=birth_day),
        email=email,
    )
    trajectory_create(actor=actor, youth=youth, registered_on=dt.date(2026, 3, 2), source="uwv")
    return youth


@pytest.fixture
def invitation(invited) -> OutgoingMail:
    return last_mail_to(invited.email)


@pytest.fixture
def youth_client(invited, invitation) -> Client:
    """A browser signed in as youth A with the code from the invitation mail."""
    client = Client()
    response = sign_in_with_code(client, invited.email, code_in(invitation))
    assert response.status_code == 302 and response["Location"] == "/mijn/", response
    return client


@pytest.fixture
def youth_b(consultant):
    youth = make_youth(consultant, "Bram", "Bakker", "bram@example.org", birth_day=2)
    portal_invite(actor=consultant, youth=youth)
    return youth


@pytest.fixture
def other_org_consultant(other_org):
    return make_user("fryske", other_org, Role.CONSULTANT)


@pytest.fixture
def youth_c(other_org_consultant):
    youth = make_youth(other_org_consultant, "Chantal", "Cornelissen", "chantal@example.org", birth_day=3)
    portal_invite(actor=other_org_consultant, youth=youth)
    return youth


# Plans, messages and attachments


def plan_for(youth, *, actor, main_goal: str, own_step: str, consultant_step: str, due_on: dt.date | None = None):
    """A plan with one sub-goal for the youth and one for the consultant."""
    trajectory = youth.trajectories.get()
    due_on = due_on or timezone.localdate() + dt.timedelta(days=14)
    return plan_save(
        actor=actor,
        trajectory=trajectory,
        main_goal=main_goal,
        sub_goals=[
            SubGoalInput(text=own_step, owner=SubGoalOwner.YOUTH, due_on=due_on),
            SubGoalInput(text=consultant_step, owner=SubGoalOwner.CONSULTANT, due_on=due_on),
        ],
    )


def send_photo(youth, *, name: str, body: str, from_youth: bool = True, author=None):
    """A message with a photo attachment, as it would be stored after the upload checks."""
    photo = clean_upload(io.BytesIO(jpeg_bytes()), name=name)
    return message_send(youth=youth, from_youth=from_youth, author=author, body=body, files=[photo])


def _open_vacancy(actor, tag: str):
    """An open vacancy of the youth's organisation (the portal's vacancy page shows it)."""
    from koers.work.models import VacancyKind
    from koers.work.services import VacancyInput, employer_save, vacancy_save

    employer = employer_save(actor=actor, name=f"Werkgever {tag}", sector="Q")
    data = VacancyInput(
        employer=employer,
        title=f"Vacature {tag}",
        hours_per_week=16,
        place="Leeuwarden",
        sector="Q",
        kind=VacancyKind.PAID,
    )
    return vacancy_save(actor=actor, data=data)


class Items:
    """One youth's own things in the portal: what a probe fills URLs with, and what must not leak."""

    def __init__(self, youth, *, actor, tag: str):
        self.youth = youth
        self.plan = plan_for(
            youth,
            actor=actor,
            main_goal=f"Hoofddoel {tag}",
            own_step=f"Eigen stap {tag}",
            consultant_step=f"Stap van de consulent {tag}",
        )
        goals = {goal.owner: goal for goal in self.plan.sub_goals.all()}
        self.own_sub_goal = goals[SubGoalOwner.YOUTH]
        self.consultant_sub_goal = goals[SubGoalOwner.CONSULTANT]
        message = send_photo(youth, name=f"foto-{tag}.jpg", body=f"Bericht van {tag}")
        self.attachment = message.attachments.get()
        self.reply = message_send(youth=youth, from_youth=False, author=actor, body=f"Antwoord aan {tag}")
        self.vacancy = _open_vacancy(actor, tag)
        self.secrets = [
            youth.first_name,
            youth.last_name,
            youth.email,
            f"Hoofddoel {tag}",
            f"Eigen stap {tag}",
            f"Stap van de consulent {tag}",
            f"Bericht van {tag}",
            f"Antwoord aan {tag}",
            f"foto-{tag}",
        ]

    def url_values(self) -> dict:
        return {"sub_goal_id": self.own_sub_goal.pk, "attachment_id": self.attachment.pk, "vacancy_id": self.vacancy.pk}


@pytest.fixture
def world(invited, consultant, youth_b, youth_c, other_org_consultant, other_org):
    """Youth A (signed in through `youth_client`), B (same organisation, same consultant) and C
    (another organisation), each with a plan, a message with a photo and a reply; and an option
    and an information page that only C's organisation has."""
    from koers.portal.models import InformationPage, Option

    items = {
        "a": Items(invited, actor=consultant, tag="Anna-4711"),
        "b": Items(youth_b, actor=consultant, tag="Bert-5822"),
        "c": Items(youth_c, actor=other_org_consultant, tag="Cees-6933"),
    }
    Option.objects.create(
        organisation=other_org,
        key="alleen-in-fryslan",
        kind="training",
        title="Cursus alleen in Fryslân",
        summary="Alleen voor de andere organisatie.",
    )
    InformationPage.objects.create(
        organisation=other_org,
        slug="alleen-in-fryslan",
        title="Pagina alleen in Fryslân",
        summary="Alleen voor de andere organisatie.",
        body="Geheim van de andere organisatie.",
    )
    items["c"].secrets += ["Cursus alleen in Fryslân", "Pagina alleen in Fryslân"]
    return items

"""Create demo organisations with staff and youths, and list the demo users' sign-in details.

All demo users share one password and one TOTP key, so anyone trying the demo can sign in with
any of them (the key is printed, and `koers otp_code USERNAME` shows the current code).
"""

import random
import string
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import Organisation, Role, Team, User
from koers.demo import bulk, names
from koers.demo.histories import OrgContext, build_story
from koers.demo.impact import add_impact_demo
from koers.demo.intake import add_intake_demo
from koers.demo.interventions import InterventionPicker
from koers.demo.portal import add_portal_demo
from koers.demo.retention import CLOSED_BEFORE_A_FIRST_CONVERSATION, add_destruction_demo
from koers.demo.timeline import phases_for
from koers.demo.work import add_work_demo
from koers.method.models import MethodVersion, StepKind, WorkingElement

DEMO_PASSWORD = "koers-demo-2026"  # noqa: S105 - published on purpose: fictional demo data only
TOTP_KEY_HEX = "3132333435363738393031323334353637383930"  # the RFC 6238 test key "1234...890"
TOTP_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # noqa: S105 - the same key in base32
TOTP_DEVICE_NAME = "Koers demo"
YOUTHS_PER_CONSULTANT = 40
BATCH_SIZE = 2000  # youths per transaction
# Every organisation of 10 youths or more has at least one file with years of history (and 1 %
# more by chance, see koers.demo.histories), so the demo shows what a long file looks like.
LONGEST_HISTORY_INDEX = 0
ROLE_ORDER = {
    Role.TEAM_LEAD: 0,
    Role.CONSULTANT: 1,
    Role.FUNCTIONAL_ADMIN: 2,
    Role.RESEARCHER: 3,
    Role.CHAIN_PARTNER: 4,
}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    users: list[DemoUser]
    organisation_id: int | None = None  # for the public registration page's address


@dataclass(frozen=True)
class Summary:
    organisations: int
    youths: int
    due_items: int


def organisation_name(number: int) -> str:
    if number <= len(names.ORGANISATION_NAMES):
        return names.ORGANISATION_NAMES[number - 1]
    return f"Gemeente Demo {number}"


def consultant_count(youths: int) -> int:
    return max(2, round(youths / YOUTHS_PER_CONSULTANT))


# A Dutch youth team has about a dozen consultants; a large municipality has many such teams
# (the team page and team profile are read per team, so the benchmark needs realistic teams).
CONSULTANTS_PER_TEAM = 12


def demo_team_count(consultants: int, number: int) -> int:
    """Two teams in the small demo (one for a very small extra organisation), more for a big one."""
    small = 2 if consultants >= 6 or number == 1 else 1
    return max(small, -(-consultants // CONSULTANTS_PER_TEAM))


def letters(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, ... (stable usernames however many consultants there are)."""
    result = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        result = string.ascii_lowercase[rest] + result
    return result


def generate(
    *,
    organisations: int,
    youths: int,
    seed: int,
    first_number: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[str], None] = lambda message: None,
) -> Summary:
    """Create `organisations` organisations with `youths` youths each, numbered from `first_number`
    (see `next_free_number`, so a second run adds organisations beside the first)."""
    bulk.check_backend()
    element_ids = dict(WorkingElement.objects.filter(active=True).values_list("code", "id"))
    if not element_ids:
        raise RuntimeError("De werkzame elementen ontbreken; voer eerst `koers migrate` uit.")
    picker = InterventionPicker(list(element_ids))
    today = timezone.localdate()
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: hashing per user takes seconds
    due_items = 0
    with bulk.without_sql_log():
        for number in range(first_number, first_number + organisations):
            rng = random.Random(f"koers-demo/{seed}/{number}")
            with transaction.atomic():
                ctx = _create_staff(number, youths, rng, password_hash, today, picker)
            phases = phases_for(rng, youths)
            for start in range(0, youths, batch_size):
                stories = [
                    build_story(
                        ctx,
                        random.Random(f"koers-demo/{seed}/{number}/{index}"),
                        (number - 1) * youths + index + 1,
                        phases[index],
                        long=index == LONGEST_HISTORY_INDEX and youths >= 10,
                    )
                    for index in range(start, min(start + batch_size, youths))
                ]
                due_items += bulk.save_stories(stories, element_ids)
                progress(f"{ctx.organisation.name}: {start + len(stories)} van {youths} jongeren")
            add_portal_demo(ctx.organisation)
            add_work_demo(ctx.organisation)
            add_intake_demo(
                ctx.organisation,
                number=number,
                password_hash=password_hash,
                totp_key_hex=TOTP_KEY_HEX,
                device_name=TOTP_DEVICE_NAME,
            )
            add_impact_demo(ctx.organisation)
            add_destruction_demo(ctx.organisation)
    # Beside the stories: the youths whose closed registrations are on the demo's destruction list.
    extra = len(CLOSED_BEFORE_A_FIRST_CONVERSATION)
    return Summary(organisations=organisations, youths=organisations * (youths + extra), due_items=due_items)


def next_free_number() -> int:
    """The first organisation number whose name and usernames are still free."""
    number = 1
    while (
        Organisation.objects.filter(name=organisation_name(number)).exists()
        or User.objects.filter(username__in=[f"teamleider{number}", f"beheer{number}", f"consulent{number}a"]).exists()
    ):
        number += 1
    return number


def _create_staff(
    number: int, youths: int, rng: random.Random, password_hash: str, today, picker: InterventionPicker
) -> OrgContext:
    name = organisation_name(number)
    phone, address = names.ORGANISATION_CONTACTS.get(name, names.OTHER_ORGANISATION_CONTACT)
    organisation = Organisation.objects.create(
        name=name, phone=phone, address=address, opening_hours=names.ORGANISATION_OPENING_HOURS
    )
    consultants = consultant_count(youths)
    team_count = demo_team_count(consultants, number)
    teams = Team.objects.bulk_create(
        Team(organisation=organisation, name=names.team_name(index)) for index in range(team_count)
    )

    def user(username: str, role: str, team: Team | None, names_from: random.Random = rng) -> User:
        return User(
            username=username,
            password=password_hash,
            organisation=organisation,
            role=role,
            team=team,
            first_name=names_from.choice(names.FIRST_NAMES),
            last_name=names_from.choice(names.LAST_NAMES),
            email=f"{username}@example.org",
            is_staff=role == Role.FUNCTIONAL_ADMIN,
        )

    lead = user(f"teamleider{number}", Role.TEAM_LEAD, teams[0])
    staff = [user(f"consulent{number}{letters(i)}", Role.CONSULTANT, teams[i % team_count]) for i in range(consultants)]
    admin = user(f"beheer{number}", Role.FUNCTIONAL_ADMIN, None)
    # Opens no youth file; downloads the pseudonymised data of the youths who consented (/onderzoek/).
    # Its own random for the name: the organisation's draws (and so every youth) stay as they were.
    researcher = user(f"onderzoeker{number}", Role.RESEARCHER, None, random.Random(f"{number}/researcher"))
    everyone = (lead, *staff, admin, researcher)
    User.objects.bulk_create(everyone)
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=u, name=TOTP_DEVICE_NAME, key=TOTP_KEY_HEX, confirmed=True) for u in everyone
    )
    return OrgContext(
        organisation=organisation,
        consultant_ids=tuple(u.pk for u in staff),
        lead_id=lead.pk,
        today=today,
        picker=picker,
        steps=_steps_by_phase(organisation),
    )


def _steps_by_phase(organisation: Organisation) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """The organisation's method steps (a new organisation has the default), for ticking."""
    version = MethodVersion.objects.filter(organisation=organisation).order_by("-number").first()
    if version is None:
        return {}
    steps: dict[str, list] = {}
    for step in version.steps.exclude(kind=StepKind.ATTITUDE).prefetch_related("working_elements"):
        steps.setdefault(step.phase, []).append((step.pk, tuple(e.code for e in step.working_elements.all())))
    return {phase: tuple(rows) for phase, rows in steps.items()}


def demo_portal_emails() -> list[str]:
    """The demo youths who may sign in to the portal (at most three per organisation)."""
    from koers.notifications.models import PortalAccess

    return list(
        PortalAccess.objects.filter(active=True, youth__email__endswith="@example.org")
        .order_by("organisation_id", "youth__sort_name")
        .values_list("youth__email", flat=True)[:6]
    )


def demo_sign_in() -> list[DemoOrganisation]:
    """The demo users (those with the shared demo key) per organisation, in creation order."""
    rows = (
        TOTPDevice.objects.filter(key=TOTP_KEY_HEX, name=TOTP_DEVICE_NAME, confirmed=True)
        .select_related("user__organisation")
        .order_by("user__organisation_id")
    )
    grouped: dict[int | None, tuple[str, list[DemoUser]]] = {}  # by organisation id
    for device in rows:
        organisation = device.user.organisation
        key = organisation.pk if organisation else None
        entry = grouped.setdefault(key, (organisation.name if organisation else "", []))
        entry[1].append(DemoUser(username=device.user.username, role=device.user.role))
    return [
        DemoOrganisation(
            name=name,
            users=sorted(users, key=lambda u: (ROLE_ORDER.get(u.role, 9), len(u.username), u.username)),
            organisation_id=organisation_id,
        )
        for organisation_id, (name, users) in grouped.items()
    ]

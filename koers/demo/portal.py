"""The portal in the demo: a few youths of each organisation's first consultant get access, a
plan with sub-goals, some messages and (one of them) a daily step, through the services."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from koers.accounts.models import Organisation, Role, User
from koers.messaging.services import message_send
from koers.notifications.models import PortalAccess
from koers.plans.models import SubGoalOwner
from koers.plans.services import SubGoalInput, daily_step_choose, plan_save, sub_goal_mark_done
from koers.trajectories.models import Phase, Trajectory

PORTAL_YOUTHS = 3
GOALS = [
    (
        "Ik ontdek welk werk bij mij past.",
        [
            ("Cv bijwerken en naar je consulent mailen", SubGoalOwner.YOUTH, 7),
            ("Twee vacatures uitzoeken die je leuk vindt", SubGoalOwner.YOUTH, 14),
            ("Meeloopdag regelen bij een werkgever", SubGoalOwner.CONSULTANT, 21),
            ("Sollicitatietraining volgen", SubGoalOwner.PARTNER, 42),
        ],
    ),
    (
        "Ik leer hoe ik een opleiding kies die bij mij past.",
        [
            ("Een open dag van het mbo bezoeken", SubGoalOwner.YOUTH, 10),
            ("Beroepskeuzetest doen", SubGoalOwner.YOUTH, 20),
            ("Gesprek met loopbaanadviseur plannen", SubGoalOwner.CONSULTANT, 14),
        ],
    ),
]


def add_portal_demo(organisation: Organisation) -> list[str]:
    """Returns the e-mail addresses of the youths with portal access (for the sign-in details)."""
    consultant = (
        User.objects.filter(organisation=organisation, role=Role.CONSULTANT, is_active=True)
        .order_by("username")
        .first()
    )
    if consultant is None:
        return []
    trajectories = list(
        Trajectory.objects.filter(youth__consultant=consultant, phase__in=[Phase.SEARCH_PERIOD, Phase.FOLLOW_UP])
        .exclude(youth__email="")
        .select_related("youth")
        .order_by("youth__sort_name")[:PORTAL_YOUTHS]
    )
    today = timezone.localdate()
    emails = []
    for index, trajectory in enumerate(trajectories):
        youth = trajectory.youth
        with transaction.atomic():
            PortalAccess.objects.get_or_create(
                youth=youth,
                defaults={"organisation": organisation, "invited_by": consultant, "invited_at": timezone.now()},
            )
            goal, steps = GOALS[index % len(GOALS)]
            plan = plan_save(
                actor=consultant,
                trajectory=trajectory,
                main_goal=goal,
                sub_goals=[
                    SubGoalInput(
                        text=text,
                        owner=owner,
                        partner_name="Werkcentrum" if owner == SubGoalOwner.PARTNER else "",
                        due_on=today + dt.timedelta(days=days),
                    )
                    for text, owner, days in steps
                ],
                agreements="We zien elkaar elke twee weken. Lukt een afspraak niet? Stuur dan een bericht.",
            )
            first = plan.sub_goals.order_by("position").first()
            if index == 0 and first is not None:
                sub_goal_mark_done(sub_goal=first, by_youth=True, note="Gelukt, ik heb hem gisteren gestuurd.")
            message_send(
                youth=youth,
                from_youth=False,
                author=consultant,
                body=f"Hoi {youth.first_name}, je plan staat nu in Koers. Kijk je er even naar?",
                client_key=f"demo:{youth.pk}:1",
            )
            message_send(
                youth=youth,
                from_youth=True,
                body="Ja, ik heb het gezien. Ik ga deze week met mijn cv aan de slag.",
                client_key=f"demo:{youth.pk}:2",
            )
            if index == 0:
                daily_step_choose(actor=consultant, youth=youth, active=True)
        emails.append(youth.email)
    return emails

"""Work in the demo: a handful of employers (some socially committed), about fifteen vacancies of
every kind (volunteering too), wishes for the portal youths, one tip and one introduction, made
through the services of koers.work."""

import datetime as dt

from django.utils import timezone

from koers.accounts.models import Organisation, Role, User
from koers.contacts.models import Channel
from koers.notifications.models import PortalAccess
from koers.work.models import IntroductionOutcome, StartSupport, VacancyKind
from koers.work.services import (
    VacancyInput,
    employer_contact_record,
    employer_save,
    introduction_outcome_record,
    introduction_record,
    vacancy_save,
    vacancy_tip,
    work_interest_save,
)

PAID, PLACEMENT, TRIAL, VOLUNTEER = (
    VacancyKind.PAID,
    VacancyKind.WORK_PLACEMENT,
    VacancyKind.TRIAL_PLACEMENT,
    VacancyKind.VOLUNTEERING,
)

# name, sector, contact person, socially committed
EMPLOYERS = [
    ("Zorggroep De Linde", "Q", "Marieke Hoekstra", True),
    ("Bouwbedrijf Van der Meer", "F", "Sjoerd van der Meer", True),
    ("Supermarkt De Hoek", "G", "Anouk Visser", False),
    ("Stichting Buurtkracht", "S", "Jelle de Boer", True),
    ("Logistiek Noord", "H", "Petra Kramer", False),
    ("Eetcafé De Haven", "I", "Tom Bakker", False),
]

# employer index, title, hours, place, kind, days until it closes (None: no date)
VACANCIES = [
    (0, "Helpende in de thuiszorg", 16, "Leeuwarden", PAID, 30),
    (0, "Stage zorg en welzijn", 24, "Leeuwarden", PLACEMENT, 45),
    (0, "Gastvrouw of gastheer in het verpleeghuis", 8, "Sneek", VOLUNTEER, None),
    (1, "Leerling timmerman", 32, "Heerenveen", PAID, 21),
    (1, "Proefplaatsing bouwplaats", 20, "Heerenveen", TRIAL, 14),
    (2, "Vakkenvuller", 12, "Leeuwarden", PAID, 20),
    (2, "Medewerker kassa", 16, "Drachten", PAID, 25),
    (2, "Proefplaatsing magazijn winkel", 16, "Leeuwarden", TRIAL, 30),
    (3, "Vrijwilliger buurthuis", 4, "Leeuwarden", VOLUNTEER, None),
    (3, "Maatje voor een oudere", 3, "Sneek", VOLUNTEER, 60),
    (3, "Helper bij de voedselbank", 6, "Drachten", VOLUNTEER, None),
    (4, "Orderpicker", 24, "Drachten", PAID, 18),
    (4, "Stage logistiek", 32, "Drachten", PLACEMENT, 40),
    (5, "Afwasser", 12, "Leeuwarden", PAID, 10),
    (5, "Stage keuken", 20, "Leeuwarden", PLACEMENT, 35),
]

WISHES = [
    {
        "sectors": ["Q", "S"],
        "hours_min": 8,
        "hours_max": 24,
        "places": ["Leeuwarden", "Sneek"],
        "support": [StartSupport.PART_TIME_START],
    },
    {
        "sectors": ["F", "H"],
        "hours_min": 16,
        "hours_max": 40,
        "kinds": [PAID, TRIAL],
        "support": [StartSupport.JOB_COACH],
    },
    {"sectors": ["G", "I"], "hours_max": 16, "places": ["Leeuwarden"], "support": [StartSupport.COME_ALONG]},
]


def add_work_demo(organisation: Organisation) -> None:
    consultant = (
        User.objects.filter(organisation=organisation, role=Role.CONSULTANT, is_active=True)
        .order_by("username")
        .first()
    )
    if consultant is None:
        return
    today = timezone.localdate()
    employers = [
        employer_save(
            actor=consultant,
            name=name,
            sector=sector,
            contact_person=person,
            socially_committed=committed,
            notes="Wil graag jongeren een kans geven. Liefst eerst kennismaken." if committed else "",
        )
        for name, sector, person, committed in EMPLOYERS
    ]
    vacancies = [
        vacancy_save(
            actor=consultant,
            data=VacancyInput(
                employer=employers[index],
                title=title,
                hours_per_week=hours,
                place=place,
                sector=employers[index].sector,
                kind=kind,
                starts_on=today + dt.timedelta(days=14) if kind != VOLUNTEER else None,
                closes_on=today + dt.timedelta(days=days) if days is not None else None,
                description="Je werkt in een vast team. Ervaring is niet nodig: je leert het op de werkvloer.",
            ),
        )
        for index, title, hours, place, kind, days in VACANCIES
    ]
    employer_contact_record(
        actor=consultant,
        employer=employers[0],
        date=today - dt.timedelta(days=7),
        channel=Channel.PHONE,
        person=employers[0].contact_person,
        notes="Gebeld over stageplekken dit voorjaar. Twee plekken vrij, ook voor jongeren zonder diploma.",
    )
    youths = [
        access.youth
        for access in PortalAccess.objects.filter(youth__consultant=consultant, active=True)
        .select_related("youth")
        .order_by("youth__sort_name")
    ]
    for youth, wishes in zip(youths, WISHES, strict=False):
        work_interest_save(youth=youth, **wishes)
    if youths:
        vacancy_tip(
            actor=consultant,
            youth=youths[0],
            vacancy=vacancies[1],
            note="Je vertelde dat je graag met mensen werkt. Dit is een fijne plek om te beginnen.",
        )
        introduction = introduction_record(
            actor=consultant,
            youth=youths[0],
            employer=employers[0],
            vacancy=vacancies[0],
            date=today - dt.timedelta(days=5),
            note="Samen langs geweest voor een kop koffie.",
        )
        introduction_outcome_record(
            actor=consultant,
            introduction=introduction,
            outcome=IntroductionOutcome.INTERVIEW_PLANNED,
            on=today - dt.timedelta(days=2),
        )

"""Intake in the demo: three chain partners (RMC, school, wijkteam) with a user each (role
chain_partner, the demo password and second factor), a routing rule (RMC to the first team), a
few specialisms, and four referrals waiting in the intake queue, made through koers.intake."""

import datetime as dt

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.accounts.models import ChainPartner, ChainPartnerKind, Organisation, Role, Team, User
from koers.intake.models import ConsultantSpecialism, RoutingRule, Specialism
from koers.intake.services import referral_submit
from koers.intake.services.public import callback_request_submit, self_registration_submit

PARTNERS = (
    ("rmc", "RMC Fryslân", ChainPartnerKind.RMC),
    ("school", "Friesland College", ChainPartnerKind.SCHOOL),
    ("wijkteam", "Wijkteam Oost", ChainPartnerKind.DISTRICT_TEAM),
)
REFERRALS = (
    ("rmc", "Milan", "Bakker", 18, "Is dit jaar gestopt met de opleiding en zit thuis.", ["school"]),
    ("rmc", "Noor", "Visser", 19, "Geen startkwalificatie en zoekt werk; wil graag aan de slag.", []),
    ("school", "Daan", "Smit", 17, "Wordt binnenkort 18 en verlaat de school zonder diploma.", ["lvb"]),
    ("wijkteam", "Fenna", "Mulder", 23, "Heeft schulden en een uitkering; wil naar werk.", ["debt"]),
)


def _birth_date(years: int, today: dt.date) -> dt.date:
    # 17 means 17 years and 10 months: a referral before the 18th birthday, as the pilot allowed.
    months = years * 12 + (10 if years == 17 else 2)
    year, month0 = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month0 + 1, min(today.day, 28))


def add_intake_demo(
    organisation: Organisation, *, number: int, password_hash: str, totp_key_hex: str, device_name: str
):
    today = timezone.localdate()
    users = {}
    for slug, name, kind in PARTNERS:
        partner = ChainPartner.objects.create(organisation=organisation, name=name, kind=kind)
        user = User.objects.create(
            username=f"{slug}{number}",
            password=password_hash,
            organisation=organisation,
            role=Role.CHAIN_PARTNER,
            chain_partner=partner,
            first_name=name.split()[0],
            last_name="(demo)",
            email=f"{slug}{number}@example.org",
        )
        TOTPDevice.objects.create(user=user, name=device_name, key=totp_key_hex, confirmed=True)
        users[slug] = user
    first_team = Team.objects.filter(organisation=organisation).order_by("pk").first()
    if first_team is not None:
        RoutingRule.objects.create(organisation=organisation, partner_kind=ChainPartnerKind.RMC, team=first_team)
    consultants = list(User.objects.filter(organisation=organisation, role=Role.CONSULTANT).order_by("pk")[:3])
    for consultant, specialism in zip(consultants, (Specialism.DEBT, Specialism.LVB, Specialism.SCHOOL), strict=False):
        ConsultantSpecialism.objects.create(consultant=consultant, specialism=specialism)
    for slug, first_name, last_name, years, reason, needs in REFERRALS:
        referral_submit(
            actor=users[slug],
            first_name=first_name,
            last_name=last_name,
            birth_date=_birth_date(years, today),
            phone="06" + str(12000000 + len(first_name) * 1111 + number),
            email=f"{first_name.lower()}.{number}@example.org",
            reason=reason,
            partner_action="Een gesprek gehad en de jongere verteld wat de gemeente kan doen.",
            needs=needs,
            basis_code="rmc" if slug == "rmc" else "participatiewet",
            consent=None,
        )
    self_registration_submit(
        organisation_id=organisation.pk,
        first_name="Sem",
        last_name="de Boer",
        birth_date=_birth_date(20, today),
        phone="06" + str(13000000 + number),
        needs=[Specialism.DEBT],
        reason="Ik wil graag werk, maar ik heb ook schulden.",
    )
    callback_request_submit(
        organisation_id=organisation.pk,
        first_name="Lotte",
        phone="06" + str(14000000 + number),
        callback_when="dinsdag na 15.00 uur",
        reason="Ik snap het formulier niet goed.",
    )

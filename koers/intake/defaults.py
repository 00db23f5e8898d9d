"""The purposes and legal bases a new organisation starts with; its administrator adapts them."""

from koers.accounts.models import Organisation

SELF_APPLICATION_BASIS = "aanvraag"

# (code, label, needs_consent). A municipality processes for a task named in law; consent is a
# basis of its own only where no task covers the referral (the AP: consent cannot replace a basis).
DEFAULT_BASES = (
    (
        "participatiewet",
        "Participatiewet art. 7: ondersteuning bij arbeidsinschakeling (taak van de gemeente)",
        False,
    ),
    ("rmc", "Taak RMC: jongeren zonder startkwalificatie (Wet educatie en beroepsonderwijs, art. 8.3.1)", False),
    ("wmo_jeugd", "Wmo 2015 / Jeugdwet: afstemming met het wijkteam over ondersteuning", True),
    ("consent", "Toestemming van de jongere (geen wettelijke taak van toepassing)", True),
    # The youth's own application on the public page (self-registration and call-back request):
    # never offered to a chain partner (koers.intake.selectors.referrals.bases_of).
    (
        SELF_APPLICATION_BASIS,
        "Eigen aanvraag van de jongere: hulp bij werk of school (Participatiewet art. 7)",
        False,
    ),
)


def install_referral_bases(organisation: Organisation) -> None:
    """Idempotent: codes the organisation already has are left as they are."""
    from koers.intake.models import ReferralBasis  # the app registry is ready when this runs

    existing = set(ReferralBasis.objects.filter(organisation=organisation).values_list("code", flat=True))
    ReferralBasis.objects.bulk_create(
        ReferralBasis(organisation=organisation, code=code, label=label, needs_consent=needs, position=index)
        for index, (code, label, needs) in enumerate(DEFAULT_BASES)
        if code not in existing
    )

"""Referrals by a chain partner's system: the organisation's bases, a new referral, and the
partner's own referrals (another partner's answer 404). The same service as the partner's page."""

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema, Status
from pydantic import Field

from koers.api.auth import PartnerBearerToken
from koers.api.once import respond_once
from koers.api.schemas import READ_ERRORS, WRITE_ERRORS, Input, responses
from koers.api.types import IdempotencyKeyHeader, IdPath, IsoDate
from koers.api.youths import Page
from koers.intake.models import Referral
from koers.intake.selectors.referrals import bases_of, partner_referral, partner_referrals, require_chain_partner
from koers.intake.services import REASON_MAX_LENGTH, referral_submit

router = Router(tags=["verwijzingen"], auth=PartnerBearerToken())


class BasisOut(Schema):
    code: str
    label: str
    needs_consent: bool


class ConsentIn(Input):
    given_by: str = Field(
        max_length=200, description="Wie gaf toestemming (de jongere, of een wettelijk vertegenwoordiger)."
    )
    given_on: IsoDate
    how: str = Field(max_length=200, description="Hoe: mondeling, op papier, ...")


class ReferralIn(Input):
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=150)
    birth_date: IsoDate
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    reason: str = Field(max_length=REASON_MAX_LENGTH)
    partner_action: str = Field("", max_length=REASON_MAX_LENGTH)
    needs: list[str] = Field(default_factory=list, max_length=10, description="schulden, LVB, GGZ, ... (codes)")
    basis: str = Field(max_length=40, description="Een code uit GET /referral-bases.")
    consent: ConsentIn | None = None


class ReferralCreated(Schema):
    id: int
    reference: str
    status: str


class ReferralOut(Schema):
    id: int
    reference: str
    status: str
    submitted_at: str
    first_name: str
    last_name: str
    refusal_reason: str


def referral_out(referral: Referral) -> dict:
    return {
        "id": referral.pk,
        "reference": referral.reference,
        "status": referral.status,
        "submitted_at": referral.submitted_at.isoformat(),
        "first_name": referral.first_name,
        "last_name": referral.last_name,
        "refusal_reason": referral.refusal_reason,
    }


# The service's field names where the API's body nests them.
_API_FIELDS = {
    "consent_given_by": "consent.given_by",
    "consent_given_on": "consent.given_on",
    "consent_how": "consent.how",
}


@router.get("/referral-bases", response=responses({200: list[BasisOut]}, (401, 403)), summary="Doelen en grondslagen")
def referral_bases(request):
    # No youth data: staff may read the list too.
    return [
        {"code": b.code, "label": b.label, "needs_consent": b.needs_consent}
        for b in bases_of(organisation_id=request.auth.organisation_id)
    ]


@router.post(
    "/referrals",
    response=responses({201: ReferralCreated}, WRITE_ERRORS),
    summary="Jongere verwijzen",
    description=(
        "Alleen met de sleutel van een ketenpartner. 422 met een melding per veld bij een leeftijd buiten 17 jaar "
        "en 9 maanden tot 28 jaar, zonder telefoon of e-mail, of bij een grondslag die toestemming vraagt zonder "
        "consent."
    ),
)
def create_referral(request, payload: ReferralIn, idempotency_key: IdempotencyKeyHeader = None):
    user = request.auth
    require_chain_partner(user)

    def write() -> tuple[int, dict]:
        referral = referral_submit(
            actor=user,
            first_name=payload.first_name,
            last_name=payload.last_name,
            birth_date=payload.birth_date,
            phone=payload.phone,
            email=payload.email,
            reason=payload.reason,
            partner_action=payload.partner_action,
            needs=payload.needs,
            basis_code=payload.basis,
            consent=payload.consent.dict() if payload.consent else None,
        )
        return 201, {"id": referral.pk, "reference": referral.reference, "status": referral.status}

    try:
        return respond_once(request, idempotency_key, write)
    except ValidationError as error:
        errors = {_API_FIELDS.get(name, name): messages for name, messages in error.message_dict.items()}
        # 422 as for invalid input (the existing error shape): the rules are about the body's fields.
        return Status(422, {"detail": "Controleer de invoer: " + "; ".join(errors) + ".", "errors": errors})


@router.get("/referrals", response=responses({200: list[ReferralOut]}, (401, 403, 422)), summary="Uw verwijzingen")
def list_referrals(request, page: Query[Page]):
    return [referral_out(r) for r in partner_referrals(request.auth)[page.offset : page.offset + page.limit]]


@router.get("/referrals/{referral_id}", response=responses({200: ReferralOut}, READ_ERRORS), summary="Eén verwijzing")
def get_referral(request, referral_id: IdPath):
    return referral_out(partner_referral(request.auth, referral_id))

"""Youth endpoints: create, read, list, and the youth's access log."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from koers.accounts.models import Role
from koers.accounts.selectors import consultant_by_username
from koers.api.once import respond_once
from koers.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    AccessLogOut,
    Created,
    DuplicateOut,
    YouthIn,
    YouthOut,
    responses,
)
from koers.api.types import IdempotencyKeyHeader, IdPath
from koers.audit.models import AccessAction, AccessChannel, AccessLogEntry
from koers.audit.selectors import access_log_page
from koers.audit.services import access_log_write_many
from koers.trajectories.access import duplicate_shown, require_youth_worker, visible_youths, youth_for
from koers.trajectories.models import Youth
from koers.trajectories.selectors import with_trajectories
from koers.trajectories.services import DuplicateYouth, youth_create

router = Router(tags=["jongeren"])


class Page(Schema):
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10**9)


def youth_out(youth: Youth) -> dict:
    return {
        "id": youth.pk,
        "first_name": youth.first_name,
        "last_name": youth.last_name,
        "name": youth.full_name,
        "birth_date": youth.birth_date,
        "email": youth.email,
        "phone": youth.phone,
        "has_start_qualification": youth.has_start_qualification,
        "target_groups": youth.target_groups,
        "consultant": youth.consultant.username if youth.consultant else None,
        "contact_interval_days": youth.contact_interval_days,
        "face_to_face_norm": youth.face_to_face_norm,
        "treatment_elsewhere": youth.treatment_elsewhere,
        "trajectories": [{"id": t.pk, "phase": t.phase} for t in youth.trajectories.all()],
    }


@router.post(
    "/youths",
    response=responses({201: Created}, WRITE_ERRORS, {409: DuplicateOut}),
    summary="Jongere aanmaken",
    description=(
        "Bestaat er in uw caseload al een jongere met dezelfde naam en geboortedatum, dan volgt 409 met het id "
        "van die jongere. Is het echt iemand anders, stuur dan confirm_duplicate: true mee."
    ),
)
def create_youth(request, payload: YouthIn, idempotency_key: IdempotencyKeyHeader = None):
    user = request.auth
    require_youth_worker(user)
    consultant = None
    if payload.consultant:
        consultant = consultant_by_username(organisation_id=user.organisation_id, username=payload.consultant)
        if consultant is None:
            raise ValidationError({"consultant": _("Geen consulent met deze gebruikersnaam in uw organisatie.")})
    elif user.role == Role.CONSULTANT:
        consultant = user
    fields = payload.dict(exclude={"name", "consultant"})

    def write() -> tuple[int, dict]:
        youth = youth_create(actor=user, consultant=consultant, channel=AccessChannel.API, **fields)
        return 201, {"id": youth.pk}

    try:
        return respond_once(request, idempotency_key, write)
    except DuplicateYouth as duplicate:
        duplicate_shown(user, duplicate.youth_id, channel=AccessChannel.API)
        errors = {field: [str(m) for m in messages] for field, messages in duplicate.message_dict.items()}
        detail = errors["confirm_duplicate"][0]
        return Status(409, {"detail": detail, "errors": errors, "existing_id": duplicate.youth_id})


@router.get(
    "/youths", response=responses({200: list[YouthOut]}, (401, 403, 422)), summary="Jongeren van uw organisatie"
)
def list_youths(request, page: Query[Page]):
    youths = list(
        with_trajectories(visible_youths(request.auth)).order_by("id")[page.offset : page.offset + page.limit]
    )
    access_log_write_many(
        user=request.auth,
        organisation_id=request.auth.organisation_id,
        youth_ids=[y.pk for y in youths],
        channel=AccessChannel.API,
        subject="youth_list",
    )
    return [youth_out(youth) for youth in youths]


@router.get("/youths/{youth_id}", response=responses({200: YouthOut}, READ_ERRORS), summary="Eén jongere")
def get_youth(request, youth_id: IdPath):
    youth = youth_for(request.auth, youth_id, action=AccessAction.VIEW, channel=AccessChannel.API)
    return youth_out(get_object_or_404(with_trajectories(Youth.objects), pk=youth.pk))


@router.get(
    "/youths/{youth_id}/access-log",
    response=responses({200: list[AccessLogOut]}, READ_ERRORS),
    summary="Wie bekeek of wijzigde deze jongere",
)
def youth_access_log(request, youth_id: IdPath, page: Query[Page]):
    youth = youth_for(request.auth, youth_id, action=AccessAction.VIEW, channel=AccessChannel.API, subject="access_log")
    entries = access_log_page(youth.pk, offset=page.offset, limit=page.limit)
    return [access_log_out(entry) for entry in entries]


def access_log_out(entry: AccessLogEntry) -> dict:
    # The youth's own reads in the portal have no staff user: they are the youth's.
    return {
        "at": entry.at,
        "user": entry.user.username if entry.user else None,
        "role": entry.user.role if entry.user else "youth",
        "action": entry.action,
        "channel": entry.channel,
        "subject": entry.subject,
    }

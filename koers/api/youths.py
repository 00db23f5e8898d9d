"""Youth endpoints: create, read, list, and the youth's access log."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from koers.accounts.models import Role, User
from koers.api.schemas import AccessLogOut, Created, YouthIn, YouthOut
from koers.audit.models import AccessLogEntry
from koers.audit.services import access_log_write_many
from koers.trajectories.access import require_youth_worker, visible_youths, youth_for
from koers.trajectories.models import Trajectory, Youth
from koers.trajectories.services import youth_create

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


def _with_trajectories(youths):
    return youths.select_related("consultant").prefetch_related(
        Prefetch("trajectories", queryset=Trajectory.objects.order_by("created_at").only("id", "phase", "youth_id"))
    )


@router.post("/youths", response={201: Created}, summary="Jongere aanmaken")
def create_youth(request, payload: YouthIn):
    user = request.auth
    require_youth_worker(user)
    consultant = None
    if payload.consultant:
        consultant = User.objects.filter(
            username=payload.consultant, organisation_id=user.organisation_id, role=Role.CONSULTANT
        ).first()
        if consultant is None:
            raise ValidationError({"consultant": _("Geen consulent met deze gebruikersnaam in uw organisatie.")})
    elif user.role == Role.CONSULTANT:
        consultant = user
    fields = payload.dict(exclude={"name", "consultant"})
    youth = youth_create(actor=user, consultant=consultant, channel="api", **fields)
    return Status(201, {"id": youth.pk})


@router.get("/youths", response=list[YouthOut], summary="Jongeren van uw organisatie")
def list_youths(request, page: Query[Page]):
    youths = list(
        _with_trajectories(visible_youths(request.auth)).order_by("id")[page.offset : page.offset + page.limit]
    )
    access_log_write_many(
        user=request.auth,
        organisation_id=request.auth.organisation_id,
        youth_ids=[y.pk for y in youths],
        channel="api",
        subject="youth_list",
    )
    return [youth_out(youth) for youth in youths]


@router.get("/youths/{youth_id}", response=YouthOut, summary="Eén jongere")
def get_youth(request, youth_id: int):
    youth = youth_for(request.auth, youth_id, action="view", channel="api")
    return youth_out(get_object_or_404(_with_trajectories(Youth.objects), pk=youth.pk))


@router.get("/youths/{youth_id}/access-log", response=list[AccessLogOut], summary="Wie bekeek of wijzigde deze jongere")
def youth_access_log(request, youth_id: int, page: Query[Page]):
    youth = youth_for(request.auth, youth_id, action="view", channel="api", subject="access_log")
    entries = AccessLogEntry.objects.filter(youth=youth).select_related("user")[page.offset : page.offset + page.limit]
    return [
        {
            "at": e.at,
            "user": e.user.username,
            "role": e.user.role,
            "action": e.action,
            "channel": e.channel,
            "subject": e.subject,
        }
        for e in entries
    ]

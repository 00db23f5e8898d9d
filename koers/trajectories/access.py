"""The access helpers: the only way pages and the API reach a youth or a trajectory.

Each helper checks the role (403 when the role may not work with youth files at all), the
organisation and the caseload (404 for "missing" and "not yours" alike, so ids reveal nothing),
and writes an access-log entry for the read or change.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from koers.accounts.models import Role, User
from koers.audit.models import AccessAction
from koers.audit.services import access_log_write, access_log_write_many
from koers.trajectories.models import Trajectory, Youth
from koers.trajectories.selectors import matching_youths


def require_youth_worker(user: User) -> None:
    if not (user.is_authenticated and user.works_with_youths):
        raise PermissionDenied("Uw rol geeft geen toegang tot dossiers van jongeren.")


def visible_youths(user: User) -> QuerySet[Youth]:
    """Youths the user may open: team leads the whole organisation, consultants their team's."""
    require_youth_worker(user)
    # A destroyed file (koers.retention) is only counted, never opened.
    youths = Youth.objects.filter(organisation_id=user.organisation_id, destroyed_on__isnull=True)
    if user.role == Role.TEAM_LEAD:
        return youths
    if user.team_id:
        # One IN (subquery) rather than "mine OR my team's": PostgreSQL then reads the team's youths
        # through the consultant index instead of filtering every youth of the organisation.
        team = User.objects.filter(Q(pk=user.pk) | Q(team_id=user.team_id)).values("pk")
        return youths.filter(consultant__in=team)
    return youths.filter(consultant=user)


def youth_for(user: User, youth_id: int, *, action: str, channel: str, subject: str = "youth") -> Youth:
    youth = visible_youths(user).select_related("consultant").filter(pk=youth_id).first()
    if youth is None:
        raise Http404("Deze jongere bestaat niet of valt niet onder uw caseload.")
    access_log_write(
        user=user,
        organisation_id=youth.organisation_id,
        youth_id=youth.pk,
        action=action,
        channel=channel,
        subject=subject,
    )
    return youth


def trajectory_for(
    user: User, trajectory_id: int, *, action: str, channel: str, subject: str = "trajectory"
) -> Trajectory:
    trajectory = (
        Trajectory.objects.select_related("youth", "youth__consultant")
        .filter(pk=trajectory_id, youth__in=visible_youths(user))
        .first()
    )
    if trajectory is None:
        raise Http404("Dit traject bestaat niet of valt niet onder uw caseload.")
    access_log_write(
        user=user,
        organisation_id=trajectory.organisation_id,
        youth_id=trajectory.youth_id,
        action=action,
        channel=channel,
        subject=subject,
    )
    return trajectory


def may_hand_over(user: User, youth: Youth) -> bool:
    """The youth's own consultant and team leads may hand the youth over to a colleague."""
    return user.role == Role.TEAM_LEAD or youth.consultant_id == user.pk


def duplicate_shown(user: User, youth_id: int, *, channel: str) -> None:
    """Log that a duplicate-registration message pointed the user to an existing youth.

    The services only find twins among `visible_youths(user)`; the message reveals that the youth
    exists (and the page links to the file), so it counts as a read of that youth.
    """
    access_log_write(
        user=user,
        organisation_id=user.organisation_id,
        youth_id=youth_id,
        action=AccessAction.VIEW,
        channel=channel,
        subject="duplicate_check",
    )


def search_youths(user: User, query: str, *, channel: str) -> list[Youth]:
    """Youths the user may open that match the query; each one shown gets a 'view' entry."""
    found = matching_youths(visible_youths(user), query)
    access_log_write_many(
        user=user,
        organisation_id=user.organisation_id,
        youth_ids=[youth.pk for youth in found],
        channel=channel,
        subject="search",
    )
    return found

"""Who may work with employers and vacancies: consultants and team leads of the organisation
(the roles that guide youths to work). Another organisation's employer or vacancy is "not
found" (404), like a missing one, so ids reveal nothing."""

from django.http import Http404

from koers.accounts.models import User
from koers.trajectories.access import require_youth_worker
from koers.work.models import Employer, Vacancy


def require_work_staff(user: User) -> None:
    """403 for administrators and researchers: the employer pages are part of guiding youths."""
    require_youth_worker(user)


def employer_for(user: User, employer_id: int, *, for_update: bool = False) -> Employer:
    require_work_staff(user)
    employers = Employer.objects.filter(organisation_id=user.organisation_id, pk=employer_id)
    employer = (employers.select_for_update() if for_update else employers).first()
    if employer is None:
        raise Http404("Deze werkgever bestaat niet of hoort niet bij uw organisatie.")
    return employer


def vacancy_for(user: User, vacancy_id: int) -> Vacancy:
    require_work_staff(user)
    vacancy = (
        Vacancy.objects.select_related("employer").filter(organisation_id=user.organisation_id, pk=vacancy_id).first()
    )
    if vacancy is None:
        raise Http404("Deze vacature bestaat niet of hoort niet bij uw organisatie.")
    return vacancy

"""Which dates Koers accepts for events, so a typo cannot distort the agenda (or overflow it)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST_EVENT = dt.date(2000, 1, 1)
# Appointments and due dates may be planned ahead, but not beyond this many days.
PLANNING_HORIZON_DAYS = 2 * 366


def check_past_event(field: str, date: dt.date) -> None:
    """Something that happened (a milestone, a contact) lies between 2000 and today."""
    today = timezone.localdate()
    if date > today:
        raise ValidationError({field: _("Deze datum ligt in de toekomst. Leg vast wat al gebeurd is.")})
    if date < EARLIEST_EVENT:
        raise ValidationError({field: _("Deze datum ligt te ver terug (vóór 2000).")})


def check_planned_date(field: str, date: dt.date) -> None:
    """Something planned (an appointment, an agreement's due date) lies between 2000 and two years ahead."""
    latest = timezone.localdate() + dt.timedelta(days=PLANNING_HORIZON_DAYS)
    if date > latest:
        raise ValidationError(
            {field: _("Plan niet verder vooruit dan %(date)s.") % {"date": date_format(latest, "j F Y")}}
        )
    if date < EARLIEST_EVENT:
        raise ValidationError({field: _("Deze datum ligt te ver terug (vóór 2000).")})


def check_birth_date(date: dt.date) -> None:
    if date.year < 1900 or date > timezone.localdate():
        raise ValidationError({"birth_date": _("Deze geboortedatum kan niet kloppen.")})

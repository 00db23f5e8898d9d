"""Self-registrations and call-back requests nobody took on are not kept for ever (Open Forms'
practice, and the AVG's storage limitation): after `KOERS_INTAKE_ANONYMISE_AFTER_DAYS` days still
'received', the names, contact details, birth date, reason and needs are removed. The reference
stays, and the history gains a row "geanonimiseerd" (append-only), so the team can still say
"that registration came in, and was not handled in time".

Referrals by chain partners are left alone: the partner follows them and the team lead decides.

Run by `koers intake_anonymise` and as a worker job (koers/jobs/schedules.py). Rows are claimed with
`SELECT ... FOR UPDATE SKIP LOCKED` and re-checked in the same statement, so two runs at once
anonymise each row once, and a row a team lead is taking on at that moment is skipped (and then
taken on): taking on locks the same row.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.intake.models import IntakeSource, Referral, ReferralStatus, ReferralStatusChange

ANONYMOUS_NAME = "—"
BATCH_SIZE = 200

# What a call-back or self-registration holds about the person, and what it becomes.
_CLEARED = {
    "first_name": ANONYMOUS_NAME,
    "last_name": ANONYMOUS_NAME,
    "birth_date": None,
    "phone": "",
    "email": "",
    "reason": "",
    "partner_action": "",
    "needs": [],
    "callback_when": "",
    "consent_given_by": "",
    "consent_given_on": None,
    "consent_how": "",
    "awaits_email_check": False,
    "status": ReferralStatus.ANONYMISED,
}


def anonymise_before(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.KOERS_INTAKE_ANONYMISE_AFTER_DAYS)


def intake_anonymise(*, now: dt.datetime | None = None) -> int:
    """Anonymise every open self-registration and call-back request older than the set number of
    days; returns how many. Repeating it finds nothing more to do."""
    before = anonymise_before(now)
    done = 0
    while True:
        with transaction.atomic():
            ids = list(
                Referral.objects.select_for_update(skip_locked=True)
                .filter(
                    status=ReferralStatus.RECEIVED,
                    source__in=(IntakeSource.SELF, IntakeSource.CALLBACK),
                    submitted_at__lt=before,
                )
                .order_by("submitted_at", "pk")
                .values_list("pk", flat=True)[:BATCH_SIZE]
            )
            if not ids:
                return done
            Referral.objects.filter(pk__in=ids, status=ReferralStatus.RECEIVED).update(**_CLEARED)
            reason = _("Niet op tijd behandeld: na %(days)s dagen zijn de gegevens gewist.") % {
                "days": settings.KOERS_INTAKE_ANONYMISE_AFTER_DAYS
            }
            ReferralStatusChange.objects.bulk_create(
                ReferralStatusChange(referral_id=pk, status=ReferralStatus.ANONYMISED, reason=reason) for pk in ids
            )
            done += len(ids)

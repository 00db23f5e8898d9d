"""All of a youth's data, for the AVG right of access: readable (PDF) and machine-readable (JSON).

Everything Koers holds about the youth, also what staff wrote (contact notes) and the people of
the youth's own network as recorded; without staff-only method knowledge (the target-group
guidance), and of staff only the role of who looked at the file."""

from koers.audit.models import AccessLogEntry
from koers.contacts.models import Agreement, Appointment, Contact, SelfRating
from koers.messaging.models import Message
from koers.plans.models import DailyStepDone, Plan, PlanRevision, SubGoal
from koers.trajectories.models import Barrier, Milestone, NetworkMember, TargetGroup, Trajectory, Youth


def data_of(youth: Youth) -> dict:
    trajectories = list(Trajectory.objects.filter(youth=youth).order_by("created_at"))
    ids = [t.pk for t in trajectories]
    target_labels = dict(TargetGroup.choices)
    return {
        "gegevens": {
            "voornaam": youth.first_name,
            "achternaam": youth.last_name,
            "geboortedatum": youth.birth_date,
            "e-mailadres": youth.email,
            "telefoonnummer": youth.phone,
            "startkwalificatie": youth.has_start_qualification,
            "kenmerken": [str(target_labels.get(k, k)) for k in youth.target_groups],
            "organisatie": youth.organisation.name,
        },
        "trajecten": [
            {
                "fase": t.get_phase_display(),
                "mijlpalen": [
                    {"soort": m.get_kind_display(), "datum": m.date, "toelichting": m.extra_label}
                    for m in Milestone.objects.filter(trajectory=t, withdrawn=False)
                ],
            }
            for t in trajectories
        ],
        "contacten": [
            {"datum": c.date, "kanaal": c.get_channel_display(), "doel": c.get_purpose_display(), "notities": c.notes}
            for c in Contact.objects.filter(trajectory_id__in=ids).order_by("date", "pk")
        ],
        "afspraken": [
            {"wat": a.description, "wie": a.get_owner_display(), "uiterlijk": a.due_on, "gedaan": a.done_on}
            for a in Agreement.objects.filter(trajectory_id__in=ids).order_by("pk")
        ],
        "gesprekken": [
            {"datum": a.date, "tijd": a.time, "status": a.get_status_display(), "omschrijving": a.description}
            for a in Appointment.objects.filter(trajectory_id__in=ids).order_by("date", "pk")
        ],
        "zelfbeoordelingen": [
            {"datum": r.date, "stress": r.stress, "vertrouwen": r.confidence, "cijfer": r.mark}
            for r in SelfRating.objects.filter(trajectory_id__in=ids)
        ],
        "belemmeringen": [
            {"wat": b.get_kind_display(), "sinds": b.noted_on, "opgelost": b.resolved_on, "toelichting": b.note}
            for b in Barrier.objects.filter(youth=youth)
        ],
        "netwerk": [
            {"naam": n.name, "relatie": n.get_relation_display()} for n in NetworkMember.objects.filter(youth=youth)
        ],
        "plannen": [
            {
                "hoofddoel": p.main_goal,
                "afspraken": p.agreements,
                "evaluatie": p.evaluation_on,
                "subdoelen": [
                    {"wat": g.text, "wie": g.owner_label, "klaar op": g.due_on, "stand": g.get_status_display()}
                    for g in SubGoal.objects.filter(plan=p)
                ],
                "versies": PlanRevision.objects.filter(plan=p).count(),
            }
            for p in Plan.objects.filter(youth=youth)
        ],
        "dagelijkse_stappen": [
            {"dag": d.day, "stap": d.text} for d in DailyStepDone.objects.filter(youth=youth).order_by("day")
        ],
        "berichten": [
            {"van": "jij" if m.from_youth else "consulent", "op": m.created_at, "tekst": m.body}
            for m in Message.objects.filter(youth=youth).order_by("created_at")
        ],
        "wie_bekeek": [
            {
                "wanneer": e.at,
                "rol": e.user.get_role_display() if e.user else "",
                "wat": e.subject,
                "actie": e.get_action_display(),
            }
            for e in AccessLogEntry.objects.filter(youth_id=youth.pk, user__isnull=False).select_related("user")[:1000]
        ],
    }


def readable(value):
    """The same data for the PDF, in words: ja/nee, Dutch dates, local times, nothing for empty."""
    import datetime as dt

    from django.utils import timezone
    from django.utils.formats import date_format

    if isinstance(value, dict):
        return {key: readable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [readable(item) for item in value]
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value

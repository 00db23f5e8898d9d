"""Dutch names of the kinds of due items, for pages and the API."""

from django.utils.translation import gettext_lazy as _

from koers.lib.due_rules import DUE_KINDS

DUE_KIND_LABELS = {
    "second_conversation": _("2e gesprek"),
    "continue_application": _("Aanvraag doorzetten"),
    "no_show_follow_up": _("Contact na niet verschijnen"),
    "contact_norm": _("Contactnorm"),
    "agreement": _("Afspraak"),
    "aftercare_check_in": _("Nazorg: check-in"),
    "aftercare_end_preparation": _("Nazorg: einde voorbereiden"),
    "aftercare_follow_up": _("Nazorg: bericht na 6 maanden"),
    "handover_introduction": _("Kennismaking nieuwe consulent"),
    "sub_goal": _("Subdoel van het plan"),
    "plan_evaluation": _("Plan evalueren"),
}

DUE_KIND_CHOICES = [(kind, DUE_KIND_LABELS[kind]) for kind in DUE_KINDS]


def due_kind_label(kind: str) -> str:
    return str(DUE_KIND_LABELS.get(kind, kind))

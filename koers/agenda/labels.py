"""Dutch names of the kinds of due items, for pages and the API."""

from django.utils.translation import gettext_lazy as _

from koers.lib.due_rules import DUE_KINDS, DueKind

DUE_KIND_LABELS = {
    DueKind.SECOND_CONVERSATION: _("2e gesprek"),
    DueKind.CONTINUE_APPLICATION: _("Aanvraag doorzetten"),
    DueKind.NO_SHOW_FOLLOW_UP: _("Contact na niet verschijnen"),
    DueKind.CONTACT_NORM: _("Contactnorm"),
    DueKind.AGREEMENT: _("Afspraak"),
    DueKind.AFTERCARE_CHECK_IN: _("Nazorg: check-in"),
    DueKind.AFTERCARE_END_PREPARATION: _("Nazorg: einde voorbereiden"),
    DueKind.AFTERCARE_FOLLOW_UP: _("Nazorg: bericht na 6 maanden"),
    DueKind.HANDOVER_INTRODUCTION: _("Kennismaking nieuwe consulent"),
    DueKind.SUB_GOAL: _("Subdoel van het plan"),
    DueKind.PLAN_EVALUATION: _("Plan evalueren"),
    DueKind.NO_CONSULTANT: _("Jongere zonder consulent"),
    DueKind.INVITATION: _("Uitnodigen voor 1e gesprek"),
}

DUE_KIND_CHOICES = [(str(kind), DUE_KIND_LABELS[kind]) for kind in DUE_KINDS]


def due_kind_label(kind: str) -> str:
    return str(DUE_KIND_LABELS.get(kind, kind))

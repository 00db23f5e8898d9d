"""Section: logging a contact, with interventions coded to the working elements and agreements."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from koers.audit.models import AccessAction, AccessChannel
from koers.contacts.models import AgreementOwner, Channel, Participant, Purpose
from koers.contacts.selectors import Checklist, Toolbox, checklist_of, contact_form_history, toolbox_for
from koers.contacts.services import (
    AGREEMENTS_MAX,
    NOTES_MAX_LENGTH,
    NewAgreement,
    check_participants,
    contact_record,
    rating_message,
)
from koers.method.models import MethodPhase, StepKind, WorkingElement
from koers.method.selectors import working_elements
from koers.trajectories.access import youth_for
from koers.trajectories.dates import check_past_event, check_planned_date
from koers.trajectories.selectors import current_trajectory, network_of
from koers.web.forms import IdsField, KoersForm, date_field
from koers.web.youths.file import section_post


def _rating_errors(name: str) -> dict:
    """The service's message for a self-rating, which names it: "Stress: kies een getal van 0 tot en met 10."."""
    message = lazy(rating_message, str)(name)
    return {"min_value": message, "max_value": message, "invalid": message}


class ContactForm(KoersForm):
    date = date_field(gettext_lazy("Datum"), today=True)
    channel = forms.ChoiceField(
        label=gettext_lazy("Hoe was het contact?"),
        choices=Channel.choices,
        initial=Channel.OFFICE,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies hoe het contact was.")},
    )
    purpose = forms.ChoiceField(label=gettext_lazy("Doel"), choices=Purpose.choices, initial=Purpose.STATUS_CHECK)
    # Not required here: "someone took part" is the service's rule (contact_record), with its message.
    participants = forms.MultipleChoiceField(
        label=gettext_lazy("Wie waren erbij?"),
        choices=Participant.choices,
        initial=[Participant.YOUTH],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    network = IdsField(
        label=gettext_lazy("Wie uit het netwerk deed mee?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Alleen mensen met toestemming van de jongere."),
    )
    steps = IdsField(
        label=gettext_lazy("Stappen uit de werkwijze"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    toolbox = IdsField(
        label=gettext_lazy("Uit de gereedschapskist"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interventions = forms.MultipleChoiceField(
        label=gettext_lazy("Wat heeft u gedaan?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stress = forms.IntegerField(
        label=gettext_lazy("Stress (0 tot en met 10)"),
        min_value=0,
        max_value=10,
        required=False,
        error_messages=_rating_errors("stress"),
    )
    confidence = forms.IntegerField(
        label=gettext_lazy("Vertrouwen in de volgende stap (0 tot en met 10)"),
        min_value=0,
        max_value=10,
        required=False,
        error_messages=_rating_errors("confidence"),
    )
    mark = forms.IntegerField(
        label=gettext_lazy("Cijfer voor hoe het traject gaat (1 tot en met 10)"),
        min_value=1,
        max_value=10,
        required=False,
        error_messages=_rating_errors("mark"),
    )
    evaluation_question_asked = forms.BooleanField(
        label=gettext_lazy("Ik heb gevraagd wat de jongere aan het gesprek had"),
        required=False,
    )
    # Asked once: a contact with nothing ticked is saved only after "toch opslaan" (the working
    # elements are what the consultant's own mirror and the team's insights count).
    confirm_no_interventions = forms.BooleanField(
        label=gettext_lazy("Toch opslaan zonder interventies"), required=False
    )
    notes = forms.CharField(
        label=gettext_lazy("Notities"),
        max_length=NOTES_MAX_LENGTH,
        required=False,
        # The service's words (koers.trajectories.text.text_field), with the length typed.
        error_messages={
            "max_length": gettext_lazy("Deze tekst is te lang: %(show_value)s tekens, het maximum is %(limit_value)s.")
        },
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Schrijf alleen op wat nodig is voor de begeleiding."),
    )

    service_checks = {"date": lambda day: check_past_event("date", day)}

    def __init__(
        self,
        *args,
        elements: list[WorkingElement],
        checklist: Checklist,
        toolbox: Toolbox,
        network: list = (),
        frequent: tuple[str, ...] = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [(str(e.member.pk), e.member.name) for e in network if e.consent]
        self.checklist = checklist
        self.suggestions = toolbox.suggestions
        self.fields["toolbox"].choices = [(str(s.id), s.action) for s in toolbox.suggestions]
        self.fields["steps"].choices = [(str(s.id), s.text) for s in checklist.steps.steps]
        self.fields["interventions"].choices = [(e.code, e.name) for e in elements]
        self._themes = {e.code: e.theme for e in elements}
        self._frequent = [code for code in frequent if code in self._themes]

    def clean(self):
        cleaned = super().clean()
        try:  # the service's rule, brought forward so every error shows in one round
            check_participants(cleaned.get("participants") or [], cleaned.get("network") or [])
        except ValidationError as error:
            self.add_error("participants", error.message_dict["participants"])
        nothing = not (cleaned.get("interventions") or cleaned.get("steps") or cleaned.get("toolbox"))
        if nothing and not cleaned.get("confirm_no_interventions"):
            self.asks_to_confirm_none = True
            self.add_error(
                "interventions",
                gettext_lazy(
                    "Geen interventies aangevinkt. Vink aan wat u deed, of kies 'Toch opslaan zonder interventies'."
                ),
            )
        return cleaned

    asks_to_confirm_none = False

    def step_groups(self) -> list[tuple[str, list[tuple]]]:
        """The step checkboxes per phase of the method (the phase's own first, then those from
        other phases that apply too), each phase's steps in the order bespreken, doen, hoe.
        Each as (checkbox, kind label, date done in this trajectory or None)."""
        boxes = {checkbox.data["value"]: checkbox for checkbox in self["steps"]}
        done = self.checklist.done
        kinds = {kind: index for index, kind in enumerate(StepKind.values)}
        groups: dict[str, tuple[str, list]] = {}
        for step in sorted(self.checklist.steps.steps, key=lambda s: kinds[s.kind]):
            group = step.phase if step.source == "own" else "other"
            label = MethodPhase(step.phase).label if step.source == "own" else _("Ook uit andere fasen")
            entry = (boxes[str(step.id)], StepKind(step.kind).label, done.get(step.key))
            groups.setdefault(group, (str(label), []))[1].append(entry)
        order = [*self.checklist.steps.phases, "other"]
        return [groups[key] for key in order if key in groups]

    def toolbox_boxes(self) -> list[tuple]:
        """The suggested toolbox items as (checkbox, suggestion): why it is shown, and partners."""
        boxes = {checkbox.data["value"]: checkbox for checkbox in self["toolbox"]}
        return [(boxes[str(s.id)], s) for s in self.suggestions]

    def has_frequent(self) -> bool:
        return bool(self._frequent)

    def phase_names(self) -> str:
        return ", ".join(str(MethodPhase(p).label) for p in self.checklist.steps.phases)

    def intervention_groups(self) -> list[tuple[str, list]]:
        """The intervention checkboxes: first those used most for this youth ("Vaak gebruikt"),
        then the others per working-element theme, in the taxonomy's order. Each box once."""
        boxes = {checkbox.data["value"]: checkbox for checkbox in self["interventions"]}
        groups: dict[int | str, tuple[str, list]] = {}
        if self._frequent:
            groups["frequent"] = (_("Vaak gebruikt bij deze jongere"), [boxes[code] for code in self._frequent])
        for code, checkbox in boxes.items():
            if code not in self._frequent:
                theme = self._themes[code]
                groups.setdefault(theme.pk, (theme.name, []))[1].append(checkbox)
        return list(groups.values())


class AgreementForm(KoersForm):
    owner = forms.ChoiceField(
        label=gettext_lazy("Voor wie"), choices=AgreementOwner.choices, initial=AgreementOwner.YOUTH
    )
    description = forms.CharField(label=gettext_lazy("Afspraak"), max_length=300, required=False)
    due_on = date_field(gettext_lazy("Uiterlijk op"), required=False)

    service_checks = {"due_on": lambda day: check_planned_date("due_on", day)}

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("description") or "").strip() and cleaned.get("due_on"):
            self.add_error("description", gettext_lazy("Beschrijf de afspraak, of maak de datum leeg."))
        return cleaned

    @property
    def is_filled(self) -> bool:
        return bool(self.is_bound and self.cleaned_data.get("description", "").strip())


# Three empty rows on the page; the service's limit (AGREEMENTS_MAX) holds for pages and API alike.
AgreementFormSet = forms.formset_factory(AgreementForm, extra=3, max_num=AGREEMENTS_MAX, validate_max=True)
AGREEMENTS_PREFIX = "agreements"


def context(file) -> dict:
    if not file.can_change:
        return {}
    return {
        "contact_form": file.form("contact", lambda: _new_contact_form(file)),
        "agreement_formset": file.form("agreements", lambda: AgreementFormSet(prefix=AGREEMENTS_PREFIX)),
    }


def _new_contact_form(file) -> "ContactForm":
    """Today's date, and what the consultant usually records for this youth offered first."""
    history = contact_form_history(file.trajectory)
    habits = history.habits
    initial = {"channel": habits.channel} if habits.channel else {}
    return ContactForm(
        prefix="contact",
        elements=working_elements(),
        checklist=checklist_of(file.trajectory, history),
        toolbox=file.read_once("toolbox", lambda: toolbox_for(file.youth, file.phase)),
        network=file.read_once("network", lambda: network_of(file.youth)),
        frequent=habits.elements,
        initial=initial,
    )


@login_required
@require_POST
def contact_create_view(request, youth_id: int):
    youth = youth_for(request.user, youth_id, action=AccessAction.CHANGE, channel=AccessChannel.WEB, subject="contact")
    trajectory = current_trajectory(youth)
    if trajectory is None:
        raise Http404(_("Deze jongere heeft nog geen traject."))
    form = ContactForm(
        request.POST,
        prefix="contact",
        elements=working_elements(),
        checklist=checklist_of(trajectory),
        toolbox=toolbox_for(youth, trajectory.phase),
        network=network_of(youth),
    )
    formset = AgreementFormSet(request.POST, prefix=AGREEMENTS_PREFIX)

    def write() -> str:
        data = form.cleaned_data
        agreements = [
            NewAgreement(
                owner=row.cleaned_data["owner"],
                description=row.cleaned_data["description"],
                due_on=row.cleaned_data.get("due_on"),
            )
            for row in formset
            if row.is_filled
        ]
        contact_record(
            actor=request.user,
            trajectory=trajectory,
            date=data["date"],
            channel=data["channel"],
            purpose=data["purpose"],
            participants=data["participants"],
            intervention_codes=data["interventions"],
            step_ids=data["steps"],
            toolbox_ids=data["toolbox"],
            network_member_ids=data["network"],
            ratings={name: data[name] for name in ("stress", "confidence", "mark")},
            agreements=agreements,
            notes=data["notes"],
            evaluation_question_asked=data["evaluation_question_asked"],
        )
        return reverse("youth_file", args=[youth.pk])

    return section_post(
        request, youth, forms={"contact": form, "agreements": formset}, write=write, success=_("Contact opgeslagen")
    )

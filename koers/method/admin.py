"""The working-element taxonomy (visible to functional administrators, changed by the platform) and
the organisation's versions of the method (read-only)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from koers.accounts.admin import is_functional_admin
from koers.method.models import (
    BarrierKind,
    MethodPhase,
    MethodStep,
    MethodVersion,
    StepKind,
    WorkingElement,
    WorkingElementTheme,
)
from koers.method.services import StepChange, ToolboxChange, method_compare, method_version_create


class TaxonomyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser or is_functional_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False  # coded contacts refer to these codes


@admin.register(WorkingElementTheme)
class WorkingElementThemeAdmin(TaxonomyAdmin):
    list_display = ["name", "code", "position"]


@admin.register(WorkingElement)
class WorkingElementAdmin(TaxonomyAdmin):
    list_display = ["name", "code", "theme", "active"]
    list_filter = ["theme", "active"]
    search_fields = ["name", "code"]


class StepInline(admin.TabularInline):
    model = MethodStep
    template = "admin/method/methodversion/steps_inline.html"
    fields = ["phase", "kind", "text", "later", "earlier"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser or is_functional_admin(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MethodVersion)
class MethodVersionAdmin(admin.ModelAdmin):
    """The organisation's versions of the method, read-only: a version is never changed once made
    (a change makes a new version, `method_version_create`), so contacts keep their step texts."""

    list_display = ["number", "created_at", "created_by", "reason"]
    readonly_fields = ["number", "based_on", "created_at", "created_by", "reason"]
    fields = readonly_fields
    inlines = [StepInline]
    change_list_template = "admin/method/methodversion/change_list.html"

    change_form_template = "admin/method/methodversion/change_form.html"

    def get_urls(self):
        own = [
            path("aanpassen/", self.admin_site.admin_view(self.edit_view), name="method_methodversion_edit"),
            path(
                "<int:version_id>/vergelijk/",
                self.admin_site.admin_view(self.compare_view),
                name="method_methodversion_compare",
            ),
        ]
        return own + super().get_urls()

    def compare_view(self, request, version_id: int):
        """What this version changed compared with the one it was based on."""
        version = self.get_queryset(request).filter(pk=version_id).select_related("based_on").first()
        if version is None or not self.has_view_permission(request, version):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Versie %(number)s vergeleken met de vorige") % {"number": version.number},
            "opts": self.opts,
            "version": version,
            "diff": method_compare(version.based_on, version) if version.based_on else None,
        }
        return TemplateResponse(request, "admin/method/methodversion/compare.html", context)

    def edit_view(self, request):
        """Change the organisation's method: every saved change is a new version (who, when, why)."""
        if not is_functional_admin(request.user):
            raise PermissionDenied
        organisation = request.user.organisation
        version = MethodVersion.objects.filter(organisation=organisation).order_by("-number").first()
        if version is None:
            raise PermissionDenied
        form = MethodChangeForm(request.POST or None, version=version)
        if request.method == "POST" and form.is_valid():
            try:
                new = method_version_create(
                    actor=request.user,
                    organisation=organisation,
                    reason=form.cleaned_data["reason"],
                    steps=form.step_changes(version),
                    partners=form.partner_changes(),
                    toolbox=form.toolbox_changes(version),
                )
            except ValidationError as error:
                for field, messages_ in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages_)
            else:
                self.message_user(
                    request,
                    _("Versie %(number)s van de werkwijze is gemaakt.") % {"number": new.number},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:method_methodversion_change", args=[new.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Werkwijze aanpassen"),
            "opts": self.opts,
            "form": form,
            "version": version,
            "groups": [
                (_("Wat verandert er?"), ["change"]),
                (_("Een bestaande stap"), ["step", "text"]),
                (_("Een nieuwe stap"), ["phase", "kind", "elements"]),
                (_("Gereedschapskist"), ["toolbox_item", "partners", "tool_action", "tool_situation"]),
                (_("Eigen hulp (nieuw)"), ["tool_category", "tool_barrier", "tool_referral"]),
                (_("Waarom"), ["reason"]),
            ],
        }
        return TemplateResponse(request, "admin/method/methodversion/edit.html", context)

    def get_queryset(self, request):
        versions = super().get_queryset(request).select_related("created_by")
        if request.user.is_superuser:
            return versions
        return versions.filter(organisation_id=request.user.organisation_id)

    def has_module_permission(self, request):
        return request.user.is_superuser or is_functional_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MethodChangeForm(forms.Form):
    """One change to the organisation's method; saving makes a new version (the old one stays)."""

    REWORD, RETIRE, ADD, PARTNERS = "reword", "retire", "add", "partners"
    TOOL_REWORD, TOOL_RETIRE, TOOL_ADD = "tool_reword", "tool_retire", "tool_add"
    change = forms.ChoiceField(
        label=_("Wat wilt u doen?"),
        choices=[
            (REWORD, _("Een stap anders verwoorden")),
            (RETIRE, _("Een stap niet meer gebruiken")),
            (ADD, _("Een stap toevoegen")),
            (PARTNERS, _("Lokale partners bij hulp uit de gereedschapskist")),
            (TOOL_REWORD, _("Hulp uit de gereedschapskist anders verwoorden")),
            (TOOL_RETIRE, _("Hulp uit de gereedschapskist niet meer gebruiken")),
            (TOOL_ADD, _("Eigen hulp toevoegen aan de gereedschapskist")),
        ],
        widget=forms.RadioSelect,
    )
    step = forms.ChoiceField(label=_("Stap"), required=False)
    text = forms.CharField(
        label=_("Nieuwe tekst van de stap"),
        max_length=200,
        required=False,
        help_text=_("Bij anders verwoorden en bij een nieuwe stap."),
    )
    phase = forms.ChoiceField(label=_("Fase (nieuwe stap)"), choices=MethodPhase.choices, required=False)
    kind = forms.ChoiceField(label=_("Soort (nieuwe stap)"), choices=StepKind.choices, required=False)
    elements = forms.MultipleChoiceField(label=_("Werkzame elementen (nieuwe stap)"), required=False)
    toolbox_item = forms.ChoiceField(label=_("Hulp uit de gereedschapskist"), required=False)
    partners = forms.CharField(
        label=_("Lokale partners"),
        required=False,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: Wijkteam Noord, Coachingsbureau De Brug"),
    )
    tool_action = forms.CharField(label=_("Wat is de hulp?"), max_length=300, required=False)
    tool_situation = forms.CharField(label=_("Wanneer past deze hulp?"), max_length=300, required=False)
    tool_category = forms.ChoiceField(
        label=_("Categorie"),
        required=False,
        choices=[
            ("custom", _("maatwerk")),
            ("referral", _("verwijzing")),
            ("network", _("netwerk")),
            ("test", _("test")),
            ("information", _("informatie")),
            ("work", _("werk")),
            ("distance", _("op afstand")),
            ("approach", _("aanpak")),
        ],
    )
    tool_barrier = forms.ChoiceField(
        label=_("Past bij belemmering"), required=False, choices=[("", "---------"), *BarrierKind.choices]
    )
    tool_referral = forms.BooleanField(label=_("Het is een verwijzing (opvolgen na twee weken)"), required=False)
    reason = forms.CharField(label=_("Waarom verandert de werkwijze?"), max_length=300)

    def __init__(self, *args, version: MethodVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", "---------")] + [
            (s.key, f"{s.get_phase_display()} · {s.text}") for s in version.steps.order_by("position")
        ]
        self.fields["toolbox_item"].choices = [("", "---------")] + [
            (i.key, f"{i.action} ({', '.join(i.partners) or _('geen partners')})")
            for i in version.toolbox.order_by("position")
        ]
        self.fields["elements"].choices = list(WorkingElement.objects.filter(active=True).values_list("code", "name"))

    def clean(self):
        cleaned = super().clean()
        change = cleaned.get("change")
        if change in (self.REWORD, self.RETIRE) and not cleaned.get("step"):
            self.add_error("step", _("Kies de stap."))
        if change in (self.REWORD, self.ADD) and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Schrijf de tekst van de stap."))
        if change in (self.PARTNERS, self.TOOL_REWORD, self.TOOL_RETIRE) and not cleaned.get("toolbox_item"):
            self.add_error("toolbox_item", _("Kies de hulp uit de gereedschapskist."))
        if change in (self.TOOL_REWORD, self.TOOL_ADD) and not (cleaned.get("tool_action") or "").strip():
            self.add_error("tool_action", _("Beschrijf de hulp."))
        return cleaned

    def toolbox_changes(self, version: MethodVersion) -> list[ToolboxChange]:
        data = self.cleaned_data
        if data["change"] == self.TOOL_REWORD:
            return [ToolboxChange(key=data["toolbox_item"], action=data["tool_action"])]
        if data["change"] == self.TOOL_RETIRE:
            return [ToolboxChange(key=data["toolbox_item"], retire=True)]
        if data["change"] == self.TOOL_ADD:
            return [
                ToolboxChange(
                    key=f"local.v{version.number + 1}_{version.toolbox.count() + 1}",
                    action=data["tool_action"],
                    situation=data["tool_situation"],
                    category=data["tool_category"] or "custom",
                    barrier=data["tool_barrier"],
                    referral=data["tool_referral"],
                    partners=tuple(p.strip() for p in data["partners"].split(",") if p.strip()),
                )
            ]
        return []

    def step_changes(self, version: MethodVersion) -> list[StepChange]:
        data = self.cleaned_data
        if data["change"] == self.REWORD:
            return [StepChange(key=data["step"], text=data["text"])]
        if data["change"] == self.RETIRE:
            return [StepChange(key=data["step"], retire=True)]
        if data["change"] == self.ADD:
            key = f"{data['phase']}.local_{version.number + 1}_{version.steps.count() + 1}"
            return [
                StepChange(
                    key=key, text=data["text"], phase=data["phase"], kind=data["kind"], elements=tuple(data["elements"])
                )
            ]
        return []

    def partner_changes(self) -> dict:
        data = self.cleaned_data
        if data["change"] != self.PARTNERS:
            return {}
        return {data["toolbox_item"]: [p.strip() for p in data["partners"].split(",") if p.strip()]}

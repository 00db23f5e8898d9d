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
from koers.method.models import MethodPhase, MethodStep, MethodVersion, StepKind, WorkingElement, WorkingElementTheme
from koers.method.services import StepChange, method_version_create


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

    def get_urls(self):
        own = [
            path("aanpassen/", self.admin_site.admin_view(self.edit_view), name="method_methodversion_edit"),
        ]
        return own + super().get_urls()

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
                (_("Lokale partners"), ["toolbox_item", "partners"]),
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
    change = forms.ChoiceField(
        label=_("Wat wilt u doen?"),
        choices=[
            (REWORD, _("Een stap anders verwoorden")),
            (RETIRE, _("Een stap niet meer gebruiken")),
            (ADD, _("Een stap toevoegen")),
            (PARTNERS, _("Lokale partners bij hulp uit de gereedschapskist")),
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
        if change == self.PARTNERS and not cleaned.get("toolbox_item"):
            self.add_error("toolbox_item", _("Kies de hulp uit de gereedschapskist."))
        return cleaned

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

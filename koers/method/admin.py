"""The working-element taxonomy (visible to functional administrators, changed by the platform) and
the organisation's versions of the method (read-only)."""

from django.contrib import admin

from koers.accounts.admin import is_functional_admin
from koers.method.models import MethodStep, MethodVersion, WorkingElement, WorkingElementTheme


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

"""The working-element taxonomy: visible to functional administrators, changed by the platform."""

from django.contrib import admin

from koers.accounts.admin import is_functional_admin
from koers.method.models import WorkingElement, WorkingElementTheme


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

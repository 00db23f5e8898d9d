"""Django admin for functional administrators, scoped to their own organisation.

Superusers (platform operators) see everything. A functional administrator manages the teams and
staff of their organisation; they cannot create superusers or move people to another organisation.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import Organisation, Role, Team, User


def is_functional_admin(user) -> bool:
    return user.is_active and user.is_staff and user.role == Role.FUNCTIONAL_ADMIN and user.organisation_id is not None


class OrganisationScopedAdmin(admin.ModelAdmin):
    """Rows are limited to the administrator's organisation; new rows get it automatically."""

    organisation_field = "organisation"

    def _allowed(self, request) -> bool:
        return request.user.is_superuser or is_functional_admin(request.user)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.organisation_field: request.user.organisation_id})

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser:
            excluded.append(self.organisation_field)
        return excluded

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            setattr(obj, f"{self.organisation_field}_id", request.user.organisation_id)
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "team" and not request.user.is_superuser:
            kwargs["queryset"] = Team.objects.filter(organisation_id=request.user.organisation_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_field = "id"
    list_display = ["name"]

    def get_exclude(self, request, obj=None):
        return []

    def has_add_permission(self, request):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        admin.ModelAdmin.save_model(self, request, obj, form, change)


@admin.register(Team)
class TeamAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation"]


@admin.register(User)
class StaffAdmin(OrganisationScopedAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", ("team", admin.RelatedOnlyFieldListFilter), "is_active"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Werk"), {"fields": ["organisation", "team", "role", "is_active", "is_staff"]}),
    ]
    superuser_fieldsets = [*fieldsets, (_("Platform"), {"fields": ["is_superuser"]})]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2", "first_name", "last_name", "email", "team", "role"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        fieldsets = self.superuser_fieldsets if request.user.is_superuser else self.fieldsets
        if not request.user.is_superuser:
            return [(name, {"fields": [f for f in opts["fields"] if f != "organisation"]}) for name, opts in fieldsets]
        return fieldsets

    def get_exclude(self, request, obj=None):
        return []

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.is_superuser = False
            # Only functional administrators get into this admin.
            obj.is_staff = obj.role == Role.FUNCTIONAL_ADMIN
        super().save_model(request, obj, form, change)

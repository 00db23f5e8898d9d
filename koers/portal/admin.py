"""The organisation edits its own portal content: the options catalogue and the information pages."""

from django.contrib import admin

from koers.accounts.admin import OrganisationScopedAdmin
from koers.portal.models import InformationPage, Option


@admin.register(Option)
class OptionAdmin(OrganisationScopedAdmin):
    list_display = ["title", "kind", "active", "position"]
    list_filter = ["kind", "active"]
    fields = ["title", "kind", "summary", "for_whom", "what_you_do", "how_long", "key", "active", "position"]
    prepopulated_fields = {"key": ["title"]}


@admin.register(InformationPage)
class InformationPageAdmin(OrganisationScopedAdmin):
    list_display = ["title", "active", "position"]
    list_filter = ["active"]
    fields = ["title", "summary", "body", "links", "slug", "active", "position"]
    prepopulated_fields = {"slug": ["title"]}

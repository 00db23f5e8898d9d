"""The organisation edits its own portal content: the options catalogue and the information pages."""

from django.contrib import admin

from koers.accounts.admin import OrganisationScopedAdmin, is_functional_admin
from koers.portal.models import InformationLink, InformationPage, Option


@admin.register(Option)
class OptionAdmin(OrganisationScopedAdmin):
    list_display = ["title", "kind", "active", "position"]
    list_filter = ["kind", "active"]
    fields = ["title", "kind", "summary", "for_whom", "what_you_do", "how_long", "key", "active", "position"]
    prepopulated_fields = {"key": ["title"]}


class InformationLinkInline(admin.TabularInline):
    """The page's links as rows (text and web address), not as JSON to type."""

    model = InformationLink
    fields = ["label", "url", "position"]
    extra = 1

    # The page's own admin decides (its organisation's functional administrator); Django's model
    # permissions are not used in Koers.
    def _allowed(self, request, obj=None) -> bool:
        return request.user.is_superuser or is_functional_admin(request.user)

    has_view_permission = has_add_permission = has_change_permission = has_delete_permission = _allowed


@admin.register(InformationPage)
class InformationPageAdmin(OrganisationScopedAdmin):
    list_display = ["title", "active", "position"]
    list_filter = ["active"]
    fields = ["title", "summary", "body", "slug", "active", "position"]
    inlines = [InformationLinkInline]
    prepopulated_fields = {"slug": ["title"]}

"""The functional administrator manages chain partners, the referral bases, routing rules and
consultants' specialisms of their own organisation (koers.accounts.admin's scoping)."""

from django.contrib import admin

from koers.accounts.admin import OrganisationScopedAdmin
from koers.accounts.models import ChainPartner, Role, User
from koers.intake.models import ConsultantSpecialism, ReferralBasis, RoutingRule


@admin.register(ChainPartner)
class ChainPartnerAdmin(OrganisationScopedAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]


@admin.register(ReferralBasis)
class ReferralBasisAdmin(OrganisationScopedAdmin):
    list_display = ["label", "code", "needs_consent", "active", "position"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(OrganisationScopedAdmin):
    """Read only: rules are written on /instroom/routering/ through koers.intake.services.routing,
    which checks the partner's kind and gives the Dutch messages."""

    list_display = ["partner_kind", "chain_partner", "team"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsultantSpecialism)
class ConsultantSpecialismAdmin(OrganisationScopedAdmin):
    organisation_field = "consultant__organisation"
    list_display = ["consultant", "specialism"]
    list_filter = ["specialism"]

    def get_exclude(self, request, obj=None):
        return []

    def save_model(self, request, obj, form, change):
        admin.ModelAdmin.save_model(self, request, obj, form, change)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "consultant":
            consultants = User.objects.filter(role=Role.CONSULTANT)
            if not request.user.is_superuser:
                consultants = consultants.filter(organisation_id=request.user.organisation_id)
            kwargs["queryset"] = consultants
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

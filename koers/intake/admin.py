"""The functional administrator manages chain partners, the referral bases, routing rules and
consultants' specialisms of their own organisation (koers.accounts.admin's scoping)."""

from django.contrib import admin

from koers.accounts.admin import OrganisationScopedAdmin
from koers.accounts.models import ChainPartner, Role, Team, User
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
    list_display = ["partner_kind", "chain_partner", "team"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            organisation_id = request.user.organisation_id
            if db_field.name == "chain_partner":
                kwargs["queryset"] = ChainPartner.objects.filter(organisation_id=organisation_id)
            if db_field.name == "team":
                kwargs["queryset"] = Team.objects.filter(organisation_id=organisation_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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

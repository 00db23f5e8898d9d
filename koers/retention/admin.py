"""The functional administrator sets the organisation's own retention terms (koers.accounts.admin's
scoping); without a row the Selectielijst 2020's term applies (docs/retention.md)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from koers.accounts.admin import OrganisationScopedAdmin
from koers.retention.models import RetentionPolicy
from koers.retention.rules import SELECTIELIJST


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(OrganisationScopedAdmin):
    list_display = ["line", "years", "weeks", "selectielijst_term", "note"]

    @admin.display(description=_("termijn Selectielijst 2020"))
    def selectielijst_term(self, obj) -> str:
        term = SELECTIELIJST[obj.line]
        return (
            _("%(years)s jaar") % {"years": term.years} if term.years else _("%(weeks)s weken") % {"weeks": term.weeks}
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        organisation_id = request.user.organisation_id

        class OnePerLine(form):
            # The organisation is not on the administrator's form, so Django's own unique check
            # leaves it out: check here, with a message, instead of failing on the constraint.
            def clean(self):
                cleaned = super().clean()
                line = cleaned.get("line")
                if line and "organisation" not in self.fields:
                    taken = RetentionPolicy.objects.filter(organisation_id=organisation_id, line=line)
                    if taken.exclude(pk=self.instance.pk).exists():
                        self.add_error("line", _("Voor deze regel is al een termijn vastgelegd. Pas die aan."))
                return cleaned

        return OnePerLine

    def has_delete_permission(self, request, obj=None):
        # Removing the row brings back the Selectielijst's term.
        return self._allowed(request)

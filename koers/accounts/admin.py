"""Django admin for functional administrators, scoped to their own organisation.

Superusers (platform operators) see everything. A functional administrator manages the teams and
staff of their organisation; they cannot create superusers or move people to another organisation.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import (
    AccountEvent,
    ChainPartner,
    Organisation,
    Role,
    RoleChange,
    RoleRequest,
    RoleRequestStatus,
    Team,
    User,
)
from koers.accounts.passwords import LINK_DAYS, password_link_send
from koers.accounts.services import (
    REQUEST,
    Access,
    access_of,
    has_second_factor,
    role_change_decision,
    role_request_decide,
    second_factor_reset,
    staff_save,
)


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
        if db_field.name == "chain_partner" and not request.user.is_superuser:
            kwargs["queryset"] = ChainPartner.objects.filter(organisation_id=request.user.organisation_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_field = "id"
    list_display = ["name"]

    def get_exclude(self, request, obj=None):
        return []

    def get_readonly_fields(self, request, obj=None):
        # The four-eyes rule is the platform's to set, not the administrator's it binds.
        return [] if request.user.is_superuser else ["role_changes_need_approval"]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        admin.ModelAdmin.save_model(self, request, obj, form, change)


@admin.register(Team)
class TeamAdmin(OrganisationScopedAdmin):
    list_display = ["name", "organisation"]


class StaffAddForm(forms.ModelForm):
    """A new account made by a functional administrator: no password field. The new colleague
    chooses one through the link Koers mails to the address given here."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "team", "role", "chain_partner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "Het werkadres van de medewerker. Daar komt de link om zelf een wachtwoord te kiezen."
        )


@admin.register(User)
class StaffAdmin(OrganisationScopedAdmin, UserAdmin):
    # One name column: with seven, the headers did not fit beside the menu and the filters.
    list_display = ["username", "name", "role", "team", "is_active"]
    list_filter = ["role", ("team", admin.RelatedOnlyFieldListFilter), "is_active"]
    # Django's own add form has an English hint; ours says it in Dutch.
    add_form_template = "admin/accounts/user/add_form.html"
    readonly_fields = ["second_factor", "password_link"]
    # A functional administrator never sets someone's password: "password_link" mails a link instead.
    fieldsets = [
        (None, {"fields": ["username", "password_link", "second_factor"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Werk"), {"fields": ["team", "role", "chain_partner", "is_active"]}),
    ]
    superuser_fieldsets = [
        (None, {"fields": ["username", "password", "second_factor"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Werk"), {"fields": ["organisation", "team", "role", "chain_partner", "is_active"]}),
        (_("Platform"), {"fields": ["is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "first_name", "last_name", "email", "team", "role", "chain_partner"]})
    ]
    superuser_add_fieldsets = [
        (
            None,
            {
                "fields": [
                    *("username", "password1", "password2", "first_name", "last_name", "email"),
                    *("team", "role", "chain_partner"),
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.superuser_add_fieldsets if request.user.is_superuser else self.add_fieldsets
        return self.superuser_fieldsets if request.user.is_superuser else self.fieldsets

    def get_object(self, request, object_id, from_field=None):
        user = super().get_object(request, object_id, from_field)
        if user is not None:
            user.password_set_by = request.user  # a platform operator's password change is recorded as theirs
        return user

    def get_exclude(self, request, obj=None):
        return []

    @admin.display(description=_("Naam"), ordering="last_name")
    def name(self, obj: User) -> str:
        return obj.get_full_name()

    @admin.display(description=_("Tweede stap"))
    def second_factor(self, obj: User) -> str:
        if obj.pk is None or not has_second_factor(obj):
            return _("Nog niet ingesteld: de medewerker stelt de app in bij de volgende keer inloggen.")
        return format_html(
            '{} <a class="button" href="{}">{}</a>',
            _("Ingesteld met een authenticator-app."),
            reverse("admin:accounts_user_second_factor_reset", args=[obj.pk]),
            _("Tweede stap opnieuw instellen"),
        )

    @admin.display(description=_("Wachtwoord"))
    def password_link(self, obj: User) -> str:
        if obj.pk is None:
            return ""
        return format_html(
            '{} <a class="button" href="{}">{}</a>',
            _("De medewerker kiest het wachtwoord zelf. Niemand anders kent het."),
            reverse("admin:accounts_user_password_link", args=[obj.pk]),
            _("Link sturen om een wachtwoord te kiezen"),
        )

    def get_urls(self):
        own = [
            path(
                "<int:user_id>/tweede-stap/",
                self.admin_site.admin_view(self.second_factor_reset_view),
                name="accounts_user_second_factor_reset",
            ),
            path(
                "<int:user_id>/wachtwoord-link/",
                self.admin_site.admin_view(self.password_link_view),
                name="accounts_user_password_link",
            ),
        ]
        return own + super().get_urls()

    def password_link_view(self, request, user_id: int):
        """Confirm, then mail the staff member's own address a link to choose a password."""
        return self._confirmed_action(
            request,
            user_id,
            run=lambda user: password_link_send(actor=request.user, user_id=user.pk),
            changed=_("Wachtwoord"),
            done=lambda user: (
                _("De link is verstuurd naar het e-mailadres van %(name)s. Hij werkt %(days)s dagen.")
                % {"name": user.get_full_name() or user.username, "days": LINK_DAYS}
            ),
            title=_("Link sturen om een wachtwoord te kiezen"),
            template="admin/accounts/user/password_link.html",
            context=lambda user: {"days": LINK_DAYS},
        )

    def second_factor_reset_view(self, request, user_id: int):
        """Confirm, then remove the staff member's authenticator app (lost or new phone)."""
        return self._confirmed_action(
            request,
            user_id,
            run=lambda user: second_factor_reset(actor=request.user, user_id=user.pk),
            changed=_("Tweede stap"),
            done=lambda user: (
                _(
                    "De tweede stap is opnieuw ingesteld. "
                    "Bij de volgende keer inloggen stelt %(name)s een nieuwe app in."
                )
                % {"name": user.get_full_name() or user.username}
            ),
            title=_("Tweede stap opnieuw instellen"),
            template="admin/accounts/user/second_factor_reset.html",
            context=lambda user: {"has_second_factor": has_second_factor(user)},
        )

    def _confirmed_action(self, request, user_id: int, *, run, changed, done, title, template, context):
        """A page that asks "are you sure?" about one staff member, then runs the service on POST."""
        user = self.get_queryset(request).filter(pk=user_id).first()
        if user is None or not self.has_change_permission(request, user):
            raise Http404
        change_url = reverse("admin:accounts_user_change", args=[user.pk])
        if request.method == "POST":
            try:
                run(user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                self.log_change(request, user, [{"changed": {"fields": [str(changed)]}}])
                self.message_user(request, done(user), messages.SUCCESS)
            return redirect(change_url)
        page = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "staff_member": user,
            "change_url": change_url,
            **context(user),
        }
        return TemplateResponse(request, template, page)

    def get_form(self, request, obj=None, **kwargs):
        """The form refuses, with a message at the role, a change the administrator may not make."""
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = StaffAddForm
        base = super().get_form(request, obj, **kwargs)
        actor = request.user

        class CheckedStaffForm(base):
            def clean(self):
                cleaned = super().clean()
                if actor.is_superuser:
                    return cleaned
                adding = self.instance.pk is None
                old = None if adding else access_of(User.objects.get(pk=self.instance.pk))
                team = cleaned.get("team", self.instance.team) if "team" in self.fields else self.instance.team
                new = Access(
                    role=cleaned.get("role", self.instance.role),
                    active=cleaned.get("is_active", True if adding else self.instance.is_active),
                    team_id=team.pk if team else None,
                )
                try:
                    role_change_decision(actor=actor, organisation=actor.organisation, old=old, new=new)
                except ValidationError as error:
                    self.add_error("role" if "role" in self.fields else None, error.messages)
                return cleaned

        return CheckedStaffForm

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.organisation_id = request.user.organisation_id
        old, old_email = None, ""
        if change:
            stored = User.objects.select_for_update().get(pk=obj.pk)
            old, old_email = access_of(stored), stored.email
        if staff_save(actor=request.user, user=obj, old=old, old_email=old_email) == REQUEST:
            self.message_user(
                request,
                _(
                    "De toegang tot dossiers is aangevraagd en nog niet gegeven. Een teamleider moet de aanvraag "
                    "goedkeuren (Koers, menu Rollen)."
                ),
                messages.WARNING,
            )

    def user_change_password(self, request, id, form_url=""):
        """Choosing someone's password would let the administrator sign in as them, now or after a
        later role change: only the owner chooses it (a mailed link), or the platform operator."""
        if not request.user.is_superuser:
            raise PermissionDenied(
                _(
                    "U kunt het wachtwoord van een ander niet instellen. "
                    "Stuur de medewerker een link om zelf een wachtwoord te kiezen."
                )
            )
        return super().user_change_password(request, id, form_url)


class RoleLogAdmin(OrganisationScopedAdmin):
    """Read-only lists of role requests and changes, for the administrator's own organisation."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # One column for the change itself: with a column per field the headers did not fit.
    @admin.display(description=_("Wijziging"))
    def change(self, obj) -> str:
        before = obj.get_from_role_display() or _("nieuw")
        after = obj.get_to_role_display()
        if not obj.to_active:
            after = _("%(role)s (niet actief)") % {"role": after}
        return f"{before} → {after}"


@admin.register(RoleRequest)
class RoleRequestAdmin(RoleLogAdmin):
    list_display = ["user", "change", "status", "requested_by", "requested_at", "decided_by"]
    list_filter = ["status"]
    actions = ["approve", "reject"]

    def get_actions(self, request):
        # Only superusers decide here; team leads decide in Koers itself (menu Rollen).
        return super().get_actions(request) if request.user.is_superuser else {}

    def _decide(self, request, queryset, *, approve: bool):
        for role_request in queryset.filter(status=RoleRequestStatus.PENDING):
            role_request_decide(actor=request.user, request_id=role_request.pk, approve=approve)
        self.message_user(request, _("Besluit vastgelegd."))

    @admin.action(description=_("Goedkeuren"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Afwijzen"))
    def reject(self, request, queryset):
        self._decide(request, queryset, approve=False)


@admin.register(AccountEvent)
class AccountEventAdmin(RoleLogAdmin):
    list_display = ["at", "user", "kind", "by"]
    list_filter = ["kind"]


@admin.register(RoleChange)
class RoleChangeAdmin(RoleLogAdmin):
    list_display = ["at", "user", "change", "changed_by", "approved_by"]

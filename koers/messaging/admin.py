"""The organisation edits its own letter templates."""

from django.contrib import admin

from koers.accounts.admin import OrganisationScopedAdmin
from koers.messaging.models import LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(OrganisationScopedAdmin):
    list_display = ["title", "subject", "active"]
    fields = ["title", "subject", "body", "key", "active"]
    prepopulated_fields = {"key": ["title"]}

"""The organisation edits its own letter templates."""

from django import forms
from django.contrib import admin

from koers.accounts.admin import OrganisationScopedAdmin
from koers.messaging.letters import PLACEHOLDER_HELP, letter_template_check
from koers.messaging.models import LetterTemplate


class LetterTemplateForm(forms.ModelForm):
    """Lists the placeholders beside the text; the service refuses one it does not know, so a
    letter never prints "{consulnt}"."""

    class Meta:
        model = LetterTemplate
        fields = ["title", "subject", "body", "key", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("subject", "body"):
            if name in self.fields:
                self.fields[name].help_text = PLACEHOLDER_HELP

    def clean(self):
        cleaned = super().clean()
        letter_template_check(subject=cleaned.get("subject") or "", body=cleaned.get("body") or "")
        return cleaned


@admin.register(LetterTemplate)
class LetterTemplateAdmin(OrganisationScopedAdmin):
    form = LetterTemplateForm
    list_display = ["title", "subject", "active"]
    fields = ["title", "subject", "body", "key", "active"]
    prepopulated_fields = {"key": ["title"]}

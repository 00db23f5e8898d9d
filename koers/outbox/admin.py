"""The outbox in the Django admin: read-only, for platform operators.

Mail has no organisation, so functional administrators do not see it. The body is not shown, in
the list nor on the detail page: a sign-in mail carries a code and a link that would let the
reader sign in as the youth. Nor are the attachment's bytes.
"""

from django.contrib import admin

from koers.db.admin import SuperuserReadOnlyAdmin
from koers.outbox.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(SuperuserReadOnlyAdmin):
    list_display = ["to", "kind", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    # No search on the address: the query would end up in the URL.
    date_hierarchy = "created_at"
    fields = [
        "to",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
        "dedupe_key",
        "attachment_name",
        "attachment_type",
        "subject",
    ]
    readonly_fields = fields

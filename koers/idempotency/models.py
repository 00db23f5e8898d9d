"""Keys of requests that must have their effect only once (a double click, a retried API call)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class IdempotencyKey(models.Model):
    """One write per (user, key); the stored outcome answers a repeat of the same request."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    # What the key was used for, and a hash of the request (API): the same key for another request
    # is refused rather than answered with an unrelated outcome.
    scope = models.CharField(max_length=80)
    fingerprint = models.CharField(max_length=64, blank=True)
    outcome = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique_per_user")]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"

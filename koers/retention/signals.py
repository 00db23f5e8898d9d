"""Forget an organisation's cached retention terms when one is saved or deleted (the admin's bulk
delete too: it sends post_delete for every row)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from koers.method.cache import forget
from koers.retention.models import RetentionPolicy
from koers.retention.selectors import terms_key


@receiver([post_save, post_delete], sender=RetentionPolicy)
def forget_terms(sender, instance: RetentionPolicy, **kwargs) -> None:
    forget(terms_key(instance.organisation_id))

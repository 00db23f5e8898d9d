"""A new organisation starts with the portal's options and information pages (as with the method)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.accounts.models import Organisation
from koers.portal.defaults import install_portal_defaults


@receiver(post_save, sender=Organisation, dispatch_uid="portal_defaults_for_new_organisation")
def install_defaults_for_new_organisation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        install_portal_defaults(instance)

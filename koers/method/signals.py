"""A new organisation starts with the method Koers ships (admin, demo and tests alike)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.accounts.models import Organisation
from koers.method.services import method_install_default


@receiver(post_save, sender=Organisation, dispatch_uid="method_install_default")
def install_default_method(sender, instance: Organisation, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        method_install_default(organisation=instance)

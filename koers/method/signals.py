"""A new organisation starts with the method Koers ships (admin, demo and tests alike); what the
method's cache keeps is forgotten when the taxonomy changes or a version is made (koers.method.cache)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from koers.accounts.models import Organisation
from koers.method import cache
from koers.method.models import MethodVersion, WorkingElement, WorkingElementTheme
from koers.method.services import method_install_default


@receiver(post_save, sender=Organisation, dispatch_uid="method_install_default")
def install_default_method(sender, instance: Organisation, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        method_install_default(organisation=instance)


@receiver(post_save, sender=MethodVersion, dispatch_uid="method_forget_current_version")
@receiver(post_delete, sender=MethodVersion, dispatch_uid="method_forget_deleted_version")
def forget_current_version(sender, instance: MethodVersion, **kwargs) -> None:
    cache.forget(cache.current_version_key(instance.organisation_id))


@receiver(post_save, sender=WorkingElement, dispatch_uid="method_forget_elements")
@receiver(post_delete, sender=WorkingElement, dispatch_uid="method_forget_deleted_elements")
@receiver(post_save, sender=WorkingElementTheme, dispatch_uid="method_forget_themes")
@receiver(post_delete, sender=WorkingElementTheme, dispatch_uid="method_forget_deleted_themes")
def forget_elements(sender, **kwargs) -> None:
    cache.forget(cache.ELEMENTS_KEY)

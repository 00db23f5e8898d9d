"""A new organisation starts with the default list of referral bases (as with the method)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.accounts.models import Organisation
from koers.intake.defaults import install_referral_bases


@receiver(post_save, sender=Organisation, dispatch_uid="referral_bases_for_new_organisation")
def install_bases_for_new_organisation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        install_referral_bases(instance)

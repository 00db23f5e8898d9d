"""A new organisation starts with Koers's letter templates."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from koers.accounts.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="letter_defaults_for_new_organisation")
def install_letters_for_new_organisation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from koers.messaging.letters import install_letter_defaults

        install_letter_defaults(instance)

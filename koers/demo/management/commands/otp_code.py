"""`koers otp_code USERNAME`: the current second-factor code of a demo user.

Only for the demo users' shared, published key (or any user with KOERS_DEBUG=true): printing a
real person's code would defeat the second factor.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.demo.generator import TOTP_DEVICE_NAME


class Command(BaseCommand):
    help = "Toon de huidige inlogcode (tweede stap) van een demogebruiker."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username!r} heeft geen ingestelde tweede stap.")
        if device.name != TOTP_DEVICE_NAME and not settings.DEBUG:
            raise CommandError("Alleen voor demogebruikers, of in de demo-omgeving (KOERS_DEBUG=true).")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(str(code).zfill(device.digits))

"""Existing organisations get the default referral bases, as a new one does (koers.intake.signals)."""

from django.db import migrations

from koers.intake.defaults import DEFAULT_BASES


def install(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    ReferralBasis = apps.get_model("intake", "ReferralBasis")
    for organisation in Organisation.objects.all():
        existing = set(ReferralBasis.objects.filter(organisation=organisation).values_list("code", flat=True))
        ReferralBasis.objects.bulk_create(
            ReferralBasis(organisation=organisation, code=code, label=label, needs_consent=needs, position=index)
            for index, (code, label, needs) in enumerate(DEFAULT_BASES)
            if code not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

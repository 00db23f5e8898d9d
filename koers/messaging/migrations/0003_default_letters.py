"""Give every existing organisation Koers's letter templates."""

from django.db import migrations

from koers.messaging.letters import install_letter_defaults


def forwards(apps, schema_editor):
    model = apps.get_model("messaging", "LetterTemplate")
    for organisation in apps.get_model("accounts", "Organisation").objects.all():
        install_letter_defaults(organisation, model=model)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0002_letter_templates")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

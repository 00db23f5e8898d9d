"""Give every existing organisation the portal's starting options and information pages."""

from django.db import migrations

from koers.portal.defaults import install_portal_defaults


def forwards(apps, schema_editor):
    models = (apps.get_model("portal", "Option"), apps.get_model("portal", "InformationPage"))
    for organisation in apps.get_model("accounts", "Organisation").objects.all():
        install_portal_defaults(organisation, models=models)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

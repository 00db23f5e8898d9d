from django.db import migrations

from koers.method.taxonomy import load_taxonomy


def forwards(apps, schema_editor):
    load_taxonomy(apps.get_model("method", "WorkingElementTheme"), apps.get_model("method", "WorkingElement"))


class Migration(migrations.Migration):
    dependencies = [("method", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

"""Give every existing organisation the default method as its version 1."""

from django.db import migrations

from koers.method.default import default_method, fill_version

MODELS = ("MethodStep", "BasicMethod", "ToolboxItem", "TargetGroupGuidance", "WorkingElement")


def forwards(apps, schema_editor):
    version_model = apps.get_model("method", "MethodVersion")
    models = {name: apps.get_model("method", name) for name in MODELS}
    data = default_method()
    for organisation in apps.get_model("accounts", "Organisation").objects.all():
        if version_model.objects.filter(organisation=organisation).exists():
            continue
        version = version_model.objects.create(
            organisation=organisation, number=1, reason="De werkwijze zoals Koers die meelevert."
        )
        fill_version(version, data, models=models)


class Migration(migrations.Migration):
    dependencies = [("method", "0004_working_method"), ("accounts", "0004_dutch_field_names")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

# The DueItem model, moved here from koers.trajectories (its table already exists: see
# trajectories/0002), so this changes only Django's state.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("trajectories", "0002_move_due_item_to_agenda"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="DueItem",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=40)),
                        ("due", models.DateField()),
                        ("starts", models.DateField()),
                        ("ref", models.CharField(max_length=60)),
                        ("consultant", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="accounts.organisation")),
                        ("trajectory", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="due_items", to="trajectories.trajectory")),
                        ("youth", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="trajectories.youth")),
                    ],
                    options={
                        "ordering": ["due", "kind"],
                        "indexes": [
                            models.Index(fields=["organisation", "consultant", "due"], name="trajectorie_organis_3ca384_idx"),
                            models.Index(fields=["organisation", "due"], name="trajectorie_organis_fedd67_idx"),
                        ],
                    },
                )
            ],
        )
    ]

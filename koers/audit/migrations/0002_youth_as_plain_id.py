# The access log keeps the youth as a plain id (no foreign key into koers.trajectories): the audit
# app sits below the youth files, and the log must outlive the youth's own rows.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial"), ("trajectories", "0001_initial")]

    operations = [
        # Drop the constraint in the database, keep the column, its data and its index.
        migrations.AlterField(
            model_name="accesslogentry",
            name="youth",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="access_log",
                to="trajectories.youth",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveIndex(model_name="accesslogentry", name="audit_acces_youth_i_ac8d10_idx"),
                migrations.RemoveField(model_name="accesslogentry", name="youth"),
                migrations.AddField(
                    model_name="accesslogentry", name="youth_id", field=models.BigIntegerField(db_index=True, null=True)
                ),
                migrations.AddIndex(
                    model_name="accesslogentry",
                    index=models.Index(fields=["youth_id", "at"], name="audit_acces_youth_i_ac8d10_idx"),
                ),
            ],
        ),
    ]

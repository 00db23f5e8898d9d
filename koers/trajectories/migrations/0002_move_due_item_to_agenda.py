# The DueItem model moves to the agenda app (koers.agenda.models): the table is renamed here and
# the model removed from this app's state; agenda/0001 adds it to the agenda's state.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("trajectories", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable(name="dueitem", table="agenda_dueitem")],
            state_operations=[migrations.DeleteModel(name="DueItem")],
        )
    ]

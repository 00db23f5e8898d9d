"""Insert a row that may exist already, without an error on the database server.

Koers lets a unique index decide which of two equal writes counts (an idempotency key, a message's
client key, a mail's dedupe key, one row per youth and day). Letting the second INSERT fail would
work, but PostgreSQL writes every failed statement to its log with the values in it (the default
`log_min_error_statement = error`, and Django binds values into the SQL text), and those values
are message texts, mail bodies and addresses. `insert_if_absent` asks the database to skip the
row instead (`INSERT ... ON CONFLICT DO NOTHING`; `INSERT OR IGNORE` on SQLite): nothing fails,
so nothing is logged. Like a plain INSERT, it waits for another transaction that inserted the
same key and has not ended yet, and then inserts or skips depending on how that one ended.
"""

from django.db import connections, router
from django.db.models import Model
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery


def insert_if_absent(obj: Model) -> bool:
    """Insert `obj` and return True; return False (obj stays unsaved) when a row with one of its
    unique values exists. Signals are not sent, as with `bulk_create`."""
    model = type(obj)
    meta = model._meta
    using = router.db_for_write(model, instance=obj)
    fields = [field for field in meta.local_concrete_fields if not (field is meta.auto_field and obj.pk is None)]
    query = InsertQuery(model, on_conflict=OnConflict.IGNORE)
    query.insert_values(fields, [obj])
    compiler = query.get_compiler(using=using)
    compiler.returning_fields = [meta.pk]
    [(sql, params)] = compiler.as_sql()
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = using
    return True

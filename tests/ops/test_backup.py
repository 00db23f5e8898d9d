"""A back-up restores: `koers backup` of a database with demo data and a stored photo, then
`koers restore` (its own process, as an operator would run it on a spare server) into a new
database and a new media folder finds every table's rows and every file back.

The back-up reads committed data over its own connections (pg_dump): `transactional_db`.
"""

import hashlib
import io
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from koers.messaging.services import message_send
from koers.messaging.uploads import clean_upload
from koers.trajectories.models import Youth
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PHOTO_TEXT = "Mijn diploma, gemaakt met de telefoon van mijn zus"


def _conninfo(name: str) -> dict:
    db = connection.settings_dict
    return {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db["PASSWORD"], "dbname": name}


def _database_url(name: str) -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{quote(db['USER'], safe='')}{password}@{db['HOST']}:{db['PORT']}/{quote(name)}"


@pytest.fixture
def new_database():
    """An empty database on the test server, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL")
    name = f"koers_restore_{secrets.token_hex(4)}"
    with psycopg.connect(**_conninfo("postgres"), autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(**_conninfo("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _row_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def _restore(folder: Path, *, database: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KOERS_DATABASE_URL": _database_url(database), "KOERS_PRIVATE_MEDIA_ROOT": str(media)}
    command = [sys.executable, "-m", "koers.cli", "restore", str(folder)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_a_backup_restores_every_row_and_file_into_a_new_database(taxonomy, tmp_path, private_media, new_database):
    call_command(
        "demo", "--organisations", "1", "--youths", "20", "--seed", "1", stdout=io.StringIO(), stderr=io.StringIO()
    )
    youth = Youth.objects.order_by("pk").first()
    photo = clean_upload(io.BytesIO(jpeg_bytes()), name="diploma.jpg")
    message_send(youth=youth, from_youth=True, body=PHOTO_TEXT, files=[photo])
    with connection.cursor() as cursor:
        rows_before = _row_counts(cursor)
    files_before = _hashes(private_media)
    assert files_before and rows_before["messaging_attachment"] >= 1

    backup = tmp_path / "backup"
    output = io.StringIO()
    started = time.monotonic()
    call_command("backup", str(backup), stdout=output)
    backup_seconds = time.monotonic() - started
    restored_media = tmp_path / "restored-media"
    started = time.monotonic()
    restore = _restore(backup, database=new_database, media=restored_media)
    restore_seconds = time.monotonic() - started

    assert restore.returncode == 0, restore.stderr
    assert "compleet" in restore.stdout
    with psycopg.connect(**_conninfo(new_database)) as restored, restored.cursor() as cursor:
        assert _row_counts(cursor) == rows_before
    assert _hashes(restored_media) == files_before
    # What the commands print and the manifest say nothing about the youth.
    manifest = (backup / "manifest.json").read_text()
    for said in (manifest, output.getvalue(), restore.stdout, restore.stderr):
        assert PHOTO_TEXT not in said and youth.last_name not in said and "diploma" not in said
    print(f"\nbackup {backup_seconds:.2f} s, restore {restore_seconds:.2f} s, {sum(rows_before.values())} rows")  # noqa: T201


def test_a_restore_refuses_a_database_that_has_tables(tmp_path, private_media, new_database):
    backup = tmp_path / "backup"
    call_command("backup", str(backup), stdout=io.StringIO())
    assert _restore(backup, database=new_database, media=tmp_path / "first").returncode == 0
    with psycopg.connect(**_conninfo(new_database)) as restored, restored.cursor() as cursor:
        rows = _row_counts(cursor)

    again = _restore(backup, database=new_database, media=tmp_path / "second")

    assert again.returncode != 0
    assert "bevat al" in again.stderr and "--force" in again.stderr
    with psycopg.connect(**_conninfo(new_database)) as restored, restored.cursor() as cursor:
        assert _row_counts(cursor) == rows


def test_a_backup_goes_into_a_new_or_empty_folder_only(tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "earlier.dump").write_bytes(b"an earlier back-up")

    with pytest.raises(CommandError, match="is niet leeg"):
        call_command("backup", str(folder), stdout=io.StringIO())
    assert sorted(path.name for path in folder.iterdir()) == ["earlier.dump"]

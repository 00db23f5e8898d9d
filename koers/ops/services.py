"""Make a back-up of the database and the private media folder, and restore one.

A back-up folder holds the database (`database.dump`, pg_dump's custom format, or
`database.sqlite3`), the private media folder (`private-media/`) and `manifest.json`. The files
are copied after the dump, so every file a row of the dump points at is there (an attachment is
written before its row is committed).
"""

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from koers.ops import postgres
from koers.ops import sqlite as sqlite_copy
from koers.ops.manifest import (
    MANIFEST,
    MEDIA,
    applied_migrations,
    differences,
    file_hashes,
    manifest_build,
    manifest_read,
    manifest_write,
    row_counts,
    sha256,
    table_names,
)

DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int
    created_at: str
    migrations_to_apply: int


def backup_make(folder: Path) -> dict:
    """Write a back-up into `folder` (new or empty) and return its manifest."""
    vendor = _vendor()
    if folder.exists() and any(folder.iterdir()):
        raise CommandError(f"De map {folder} is niet leeg. Kies een nieuwe map voor de back-up.")
    # The back-up holds personal data: only the owner may read it.
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    dump = folder / DUMP_NAMES[vendor]
    if vendor == "postgresql":
        counts, migrations = _postgres_dump(dump)
    else:
        counts, migrations = _sqlite_dump(dump)
    dump.chmod(0o600)
    media = folder / MEDIA
    source = Path(settings.PRIVATE_MEDIA_ROOT)
    if source.is_dir():
        shutil.copytree(source, media, symlinks=False)
    else:
        media.mkdir(mode=0o700)
    manifest = manifest_build(vendor=vendor, dump=dump, counts=counts, migrations=migrations, files=file_hashes(media))
    manifest_write(folder, manifest)
    return manifest


def _vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise CommandError(f"Een back-up van een {connection.vendor}-database kan Koers niet maken.")
    return connection.vendor


def _postgres_dump(dump: Path) -> tuple[dict, dict]:
    """pg_dump of a snapshot that this transaction exports and counts: the counts in the manifest
    are those of the dump, also while the app keeps writing."""
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        postgres.dump(
            dump, settings_dict=connection.settings_dict, server_version=connection.pg_version, snapshot=snapshot
        )
        return row_counts(cursor, "postgresql"), applied_migrations(cursor)


def _sqlite_dump(dump: Path) -> tuple[dict, dict]:
    sqlite_copy.copy(connection.settings_dict["NAME"], dump)
    # Counted in the copy itself, which nobody writes to.
    copied = sqlite3.connect(dump)
    try:
        cursor = copied.cursor()
        return row_counts(cursor, "sqlite"), applied_migrations(cursor)
    finally:
        copied.close()


def backup_restore(folder: Path, *, force: bool = False) -> Restored:
    """Restore the back-up in `folder` into the configured database and media folder, then check
    every table's row count and every file's hash against its manifest.

    Refuses a database with tables or a media folder with files, unless `force`."""
    manifest = _checked_manifest(folder)
    vendor = manifest["database"]["vendor"]
    dump = folder / manifest["database"]["file"]
    media = Path(settings.PRIVATE_MEDIA_ROOT)
    if not force:
        _refuse_if_in_use(media)
    if vendor == "postgresql":
        postgres.restore(
            dump, settings_dict=connection.settings_dict, server_version=connection.pg_version, clean=force
        )
    else:
        connection.close()
        sqlite_copy.copy(dump, connection.settings_dict["NAME"])
    connection.close()  # the restored catalogue, not what this connection cached
    _files_copy(folder / MEDIA, media)
    with connection.cursor() as cursor:
        counts = row_counts(cursor, vendor)
    problems = differences(manifest, counts=counts, media=media)
    if problems:
        shown = "\n".join(f"- {problem}" for problem in problems[:50])
        raise CommandError(f"De database en de bestanden zijn teruggezet, maar wijken af van de back-up:\n{shown}")
    return Restored(
        tables=len(manifest["tables"]),
        rows=manifest["rows"],
        files=manifest["files"]["count"],
        created_at=manifest["created_at"],
        migrations_to_apply=_migrations_to_apply(),
    )


def _checked_manifest(folder: Path) -> dict:
    if not (folder / MANIFEST).is_file():
        raise CommandError(f"In {folder} staat geen {MANIFEST}. Geef de map van een back-up van `koers backup`.")
    manifest = manifest_read(folder)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise CommandError(
            f"Deze back-up is van een {vendor}-database; de ingestelde database is {connection.vendor}. "
            "Zet KOERS_DATABASE_URL op een database van dezelfde soort."
        )
    dump = folder / manifest["database"]["file"]
    if not dump.is_file() or sha256(dump) != manifest["database"]["sha256"]:
        raise CommandError(f"{dump.name} ontbreekt of is beschadigd (de SHA-256 klopt niet met het manifest).")
    return manifest


def _refuse_if_in_use(media: Path) -> None:
    with connection.cursor() as cursor:
        tables = table_names(cursor, connection.vendor)
    if tables:
        raise CommandError(
            f"De database {connection.settings_dict['NAME']} bevat al {len(tables)} tabellen. "
            "Zet een back-up terug in een lege database, of gebruik --force om de tabellen te overschrijven."
        )
    if media.is_dir() and any(path.is_file() for path in media.rglob("*")):
        raise CommandError(
            f"De map {media} (KOERS_PRIVATE_MEDIA_ROOT) bevat al bestanden. "
            "Zet een back-up terug in een lege map, of gebruik --force om ze te overschrijven."
        )


def _files_copy(source: Path, target: Path) -> None:
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, symlinks=False, dirs_exist_ok=True)


def _migrations_to_apply() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))

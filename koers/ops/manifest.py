"""What a back-up holds, written beside it so that a restore can prove it got everything back.

The manifest names tables, migrations and stored files (random names, koers.messaging.storage),
with counts and SHA-256 hashes: no personal data.
"""

import datetime as dt
import hashlib
import json
from importlib import metadata
from pathlib import Path

MANIFEST = "manifest.json"
MEDIA = "private-media"
FORMAT = 1


def koers_version() -> str:
    try:
        return metadata.version("koers")
    except metadata.PackageNotFoundError:
        return "onbekend"


def quoted(name: str) -> str:
    """A table name as an SQL identifier (PostgreSQL and SQLite quote alike)."""
    return '"' + name.replace('"', '""') + '"'


def table_names(cursor, vendor: str) -> list[str]:
    if vendor == "postgresql":
        cursor.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        )
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1")
    return [row[0] for row in cursor.fetchall()]


def row_counts(cursor, vendor: str) -> dict[str, int]:
    counts = {}
    for name in table_names(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {quoted(name)}")  # noqa: S608 (a table name from the catalogue)
        counts[name] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, id")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def file_hashes(folder: Path) -> dict[str, str]:
    """Every regular file under `folder`, by its path relative to it."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def manifest_build(*, vendor: str, dump: Path, counts: dict, migrations: dict, files: dict) -> dict:
    return {
        "format": FORMAT,
        "koers_version": koers_version(),
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": {"vendor": vendor, "file": dump.name, "sha256": sha256(dump)},
        "migrations": migrations,
        "tables": counts,
        "rows": sum(counts.values()),
        "files": {"count": len(files), "sha256": files},
    }


def manifest_write(folder: Path, manifest: dict) -> None:
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def manifest_read(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text())


def differences(manifest: dict, *, counts: dict[str, int], media: Path) -> list[str]:
    """What the restored database and folder lack compared with the manifest (empty: all back)."""
    problems = []
    for table, expected in manifest["tables"].items():
        found = counts.get(table)
        if found is None:
            problems.append(f"tabel {table} ontbreekt")
        elif found != expected:
            problems.append(f"tabel {table}: {expected} rijen verwacht, {found} gevonden")
    for name, expected in manifest["files"]["sha256"].items():
        path = media / name
        if not path.is_file():
            problems.append(f"bestand {name} ontbreekt")
        elif sha256(path) != expected:
            problems.append(f"bestand {name} wijkt af van de back-up")
    return problems

"""pg_dump and pg_restore against the configured database.

The password goes to the tools in PGPASSWORD, never on their command line (which `ps` shows to
every user of the machine) and never in Koers's output.
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.core.management.base import CommandError

# The connection options in KOERS_DATABASE_URL's query string that libpq itself understands.
_LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslcrl",
    "connect_timeout",
    "application_name",
    "target_session_attrs",
    "gssencmode",
}


def tool(name: str, server_version: int) -> str:
    """The tool of the server's major version (Debian: /usr/lib/postgresql/15/bin), else a newer
    one, else the one on PATH: pg_dump refuses a server newer than itself."""
    major = server_version // 10000
    installed = Path("/usr/lib/postgresql")
    versions = sorted(
        (int(folder.name) for folder in installed.iterdir() if folder.name.isdigit()) if installed.is_dir() else []
    )
    for version in [major] + [v for v in versions if v > major]:
        candidate = installed / str(version) / "bin" / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise CommandError(
            f"{name} is niet gevonden. Installeer de PostgreSQL-client: apt-get install postgresql-client-{major}."
        )
    return found


def _conninfo_value(value) -> str:
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def conninfo(settings_dict: dict) -> str:
    """A libpq connection string without the password (host, port, user, database, SSL)."""
    parts = {
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
        "user": settings_dict.get("USER"),
        "dbname": settings_dict["NAME"],
    }
    options = settings_dict.get("OPTIONS") or {}
    parts.update({key: value for key, value in options.items() if key in _LIBPQ_OPTIONS})
    return " ".join(f"{key}={_conninfo_value(value)}" for key, value in parts.items() if value)


def environment(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def run(command: list[str], *, settings_dict: dict) -> None:
    """Run a tool; on failure stop with its error lines only."""
    result = subprocess.run(  # noqa: S603 (a fixed tool, our own arguments)
        command, env=environment(settings_dict), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise CommandError(f"{Path(command[0]).name} is mislukt:\n{_error_lines(result.stderr)}")


def _error_lines(stderr: str) -> str:
    """The tool's own lines (`pg_restore: error: ...`), not the DETAIL, CONTEXT or statement
    lines after them: those can quote a row's values, which are personal data."""
    lines = [line[:300] for line in stderr.splitlines() if line.startswith(("pg_dump:", "pg_restore:"))]
    return "\n".join(lines[:10]) or "(geen foutmelding)"


def dump(target: Path, *, settings_dict: dict, server_version: int, snapshot: str) -> None:
    """A custom-format dump of the snapshot `snapshot` (exported by the caller's open transaction)."""
    command = [
        tool("pg_dump", server_version),
        "--format=custom",
        "--no-password",
        f"--snapshot={snapshot}",
        f"--file={target}",
        f"--dbname={conninfo(settings_dict)}",
    ]
    run(command, settings_dict=settings_dict)


def restore(source: Path, *, settings_dict: dict, server_version: int, clean: bool) -> None:
    """Restore into the configured database in one transaction: all of it, or nothing.

    No owner and no grants from the dump: the tables belong to the configured user, whatever
    the roles of the server the back-up came from."""
    command = [
        tool("pg_restore", server_version),
        "--no-owner",
        "--no-acl",
        "--exit-on-error",
        "--single-transaction",
        "--no-password",
        f"--dbname={conninfo(settings_dict)}",
    ]
    if clean:
        command += ["--clean", "--if-exists"]
    run(command + [str(source)], settings_dict=settings_dict)

"""Strict parsing of KOERS_* environment variables (used by settings.py)."""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, *, default: str, required_unless_debug: bool | None = None) -> str:
    value = _raw(name)
    if value:
        return value
    if required_unless_debug is False:
        raise ImproperlyConfigured(f"{name} must be set when KOERS_DEBUG is false.")
    return default


def env_bool(name: str, *, default: bool) -> bool:
    value = _raw(name)
    if not value:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, *, default: int, minimum: int | None = None) -> int:
    value = _raw(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = _raw(name)
    if not value:
        return default
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name} is a comma-separated list without empty items.")
    return items


def env_database(name: str, *, default_sqlite: Path) -> dict:
    """Read a database URL: sqlite:///path/to/file or postgres://user:pass@host:port/name."""
    value = _raw(name)
    if not value:
        return _sqlite(str(default_sqlite))
    url = urlsplit(value)
    if url.scheme == "sqlite":
        # sqlite:///var/koers.db and sqlite:////var/koers.db both mean the absolute path /var/koers.db.
        path = "/" + unquote(url.path).lstrip("/")
        if path == "/":
            raise ImproperlyConfigured(f"{name}: a sqlite URL needs a file path, e.g. sqlite:///koers.db")
        return _sqlite(path)
    if url.scheme in {"postgres", "postgresql"}:
        database = unquote(url.path.lstrip("/"))
        if not database:
            raise ImproperlyConfigured(f"{name}: a postgres URL needs a database name.")
        options = {key: values[-1] for key, values in parse_qs(url.query).items()}
        host = options.pop("host", None) or url.hostname or ""
        try:
            port = url.port
        except ValueError:
            raise ImproperlyConfigured(f"{name}: the port is not a number.") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": database,
            "USER": unquote(url.username or ""),
            "PASSWORD": unquote(url.password or ""),
            "HOST": host,
            "PORT": str(port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(f"{name} must start with sqlite:// or postgres://, not {url.scheme!r}.")


def _sqlite(path: str) -> dict:
    # The server runs several processes: wait for a lock instead of failing, and let readers
    # work while one process writes (WAL).
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }

"""Strict parsing of the KOERS_* environment variables."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from koers.config import env_bool, env_database, env_int, env_list


def test_database_urls(monkeypatch, tmp_path):
    monkeypatch.setenv("KOERS_DATABASE_URL", "postgres://koers:geheim@db.example:5433/koers?sslmode=require")
    config = env_database("KOERS_DATABASE_URL", default_sqlite=tmp_path / "x.sqlite3")
    assert (config["ENGINE"], config["NAME"], config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "django.db.backends.postgresql",
        "koers",
        "koers",
        "geheim",
        "db.example",
        "5433",
    )
    assert config["OPTIONS"] == {"sslmode": "require"}
    monkeypatch.setenv("KOERS_DATABASE_URL", "sqlite:////var/lib/koers/koers.db")
    assert env_database("KOERS_DATABASE_URL", default_sqlite=tmp_path / "x")["NAME"] == "/var/lib/koers/koers.db"
    monkeypatch.delenv("KOERS_DATABASE_URL")
    assert env_database("KOERS_DATABASE_URL", default_sqlite=tmp_path / "x.sqlite3")["NAME"] == str(
        tmp_path / "x.sqlite3"
    )


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host", "sqlite://", "postgres://h:port/db"])
def test_bad_database_urls_name_the_variable(monkeypatch, tmp_path, url):
    monkeypatch.setenv("KOERS_DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="KOERS_DATABASE_URL"):
        env_database("KOERS_DATABASE_URL", default_sqlite=tmp_path / "x")


def test_booleans_numbers_and_lists_are_strict(monkeypatch):
    monkeypatch.setenv("KOERS_DEBUG", "ja")
    with pytest.raises(ImproperlyConfigured, match="KOERS_DEBUG"):
        env_bool("KOERS_DEBUG", default=False)
    monkeypatch.setenv("KOERS_DEBUG", "TRUE")
    assert env_bool("KOERS_DEBUG", default=False) is True
    monkeypatch.setenv("KOERS_SESSION_MINUTES", "1")
    with pytest.raises(ImproperlyConfigured, match="at least 5"):
        env_int("KOERS_SESSION_MINUTES", default=30, minimum=5)
    monkeypatch.setenv("KOERS_SESSION_MINUTES", "dertig")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("KOERS_SESSION_MINUTES", default=30, minimum=5)
    monkeypatch.setenv("KOERS_ALLOWED_HOSTS", "koers.nl,,x")
    with pytest.raises(ImproperlyConfigured, match="comma-separated list without empty items"):
        env_list("KOERS_ALLOWED_HOSTS", default=[])
    monkeypatch.setenv("KOERS_ALLOWED_HOSTS", "koers.nl, www.koers.nl")
    assert env_list("KOERS_ALLOWED_HOSTS", default=[]) == ["koers.nl", "www.koers.nl"]


def test_production_without_a_secret_key_does_not_start(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("KOERS_")}
    env.update(DJANGO_SETTINGS_MODULE="koers.settings", KOERS_DEBUG="false")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "KOERS_SECRET_KEY must be set" in result.stderr

"""Small things a user notices: a favicon, and commands that find the demo database anywhere."""

import subprocess
import sys
from pathlib import Path

from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]


def test_the_favicon_is_there(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("koers/favicon.svg")
    assert finders.find("koers/favicon.svg")
    assert 'rel="icon"' in client.get("/inloggen/").content.decode()


def test_the_default_database_does_not_depend_on_the_working_directory(tmp_path):
    """`koers otp_code` run from another folder must use the database `make run` created."""
    script = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    env = {"PATH": "/usr/bin:/bin", "KOERS_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "koers.settings"}
    name = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(name) == ROOT / "koers.sqlite3"


def test_a_missing_setting_is_said_plainly_without_a_traceback(tmp_path):
    koers = Path(sys.executable).parent / "koers"
    result = subprocess.run(
        [str(koers), "otp_code", "consulent1a"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "KOERS_SECRET_KEY must be set" in result.stderr
    assert "Traceback" not in result.stderr

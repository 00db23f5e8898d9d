"""SQLite (the `make run` default): the sqlite3 backup API copies a consistent database while
the app keeps working, which copying the file (and its -wal file) would not."""

import sqlite3
from pathlib import Path


def copy(source: str | Path, target: str | Path) -> None:
    origin, destination = sqlite3.connect(source), sqlite3.connect(target)
    try:
        origin.backup(destination)
    finally:
        origin.close()
        destination.close()

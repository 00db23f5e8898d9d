"""Jobs for the tests, found by dotted path as the real ones are (in this process or a cluster's)."""

import os

RUNS_FILE = "KOERS_TEST_JOB_RUNS_FILE"


def note_run() -> int:
    """Append a line to the file named by the environment: one line per run, whatever process ran it."""
    with open(os.environ[RUNS_FILE], "a") as runs:
        runs.write(f"{os.getpid()}\n")
    return os.getpid()


def always_fails() -> None:
    raise RuntimeError("this job always fails")

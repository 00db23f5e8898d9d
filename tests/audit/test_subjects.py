"""Every subject the access log writes has words for the youth, so "Wie heeft mijn gegevens
bekeken?" never shows a code such as "youth_list"."""

import re
from pathlib import Path

import koers
from koers.audit.subjects import LIST_SUBJECTS, PARTS
from koers.web.youths.sections import FRAGMENTS

SOURCE = Path(koers.__file__).parent
# `subject="..."` in a call, and `subject: str = "..."`, the access helpers' default.
WRITTEN = re.compile(r'subject(?:: str)? ?= ?"([a-z_]+)"')


def written_subjects() -> set[str]:
    """The subjects written in koers/ (literals passed as `subject=`, the helpers' defaults, and
    the youth file's form fragments, logged under their own name). The portal's own subjects are
    left out: the youth's own visits (channel portal) are never listed."""
    found = {
        name
        for path in SOURCE.rglob("*.py")
        if "portal" not in path.relative_to(SOURCE).parts
        for name in WRITTEN.findall(path.read_text(encoding="utf-8"))
    }
    return found | set(FRAGMENTS)


def test_the_scan_finds_the_subjects_of_the_list_pages_and_the_file():
    assert {"today", "search", "youth_list", "youth", "trajectory", "history", "correction"} <= written_subjects()


def test_every_subject_written_has_words_for_the_youth():
    assert written_subjects() - set(LIST_SUBJECTS) - set(PARTS) == set()

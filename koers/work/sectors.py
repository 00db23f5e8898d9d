"""The sectors a vacancy or a youth's interest names: the sections A–U of the CBS Standaard
Bedrijfsindeling (SBI 2008), shipped in data/sbi_sections.json with the source named there."""

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Sector:
    code: str
    name: str  # CBS's own name, for staff
    short: str  # a short name in everyday words, for the youth


@functools.cache
def sectors() -> tuple[Sector, ...]:
    text = resources.files("koers.work").joinpath("data/sbi_sections.json").read_text(encoding="utf-8")
    return tuple(Sector(**row) for row in json.loads(text)["sections"])


@functools.cache
def by_code() -> dict[str, Sector]:
    return {sector.code: sector for sector in sectors()}


def sector_choices() -> list[tuple[str, str]]:
    return [(s.code, f"{s.short} ({s.code})") for s in sectors()]


def short_name(code: str) -> str:
    sector = by_code().get(code)
    return sector.short if sector else code


def sector_of(text: str) -> Sector | None:
    """A sector from an import: its letter, CBS's name or the short name (any case)."""
    wanted = text.strip().casefold()
    for sector in sectors():
        if wanted in (sector.code.casefold(), sector.name.casefold(), sector.short.casefold()):
            return sector
    return None

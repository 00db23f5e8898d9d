"""The export as files: a zip with one CSV per table (the standard library), or one Excel
workbook with a sheet per table (openpyxl in write-only mode, ADR 0001). Both keep memory bounded:
the zip is written as it streams to the browser; the workbook's sheets go to temporary files on
disk, then into one anonymous temporary file that is removed when the download is closed.

A text that Excel would run as a formula (it starts with =, +, -, @ or a tab) is written with a
leading apostrophe, so opening a file can never start a calculation or a link.
"""

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from koers.research.selectors import Table

ROWS_PER_PIECE = 1000  # CSV rows written between two pieces sent to the browser
EXCEL_MAX_ROWS = 1_048_576  # rows in one sheet, the header included; a longer table goes on in a next sheet
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _Pieces:
    """A file that only collects what is written, for the zip to be sent piece by piece."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data) -> int:
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def csv_zip(tables: Iterable[Table]) -> Iterator[bytes]:
    """The zip, piece by piece: `<table>.csv` in UTF-8, comma-separated, a header row first."""
    pieces = _Pieces()
    with zipfile.ZipFile(pieces, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            text = io.TextIOWrapper(archive.open(f"{table.name}.csv", "w"), encoding="utf-8", newline="")
            writer = csv.writer(text)
            writer.writerow(table.columns)
            for number, row in enumerate(table.rows(), start=1):
                writer.writerow([_safe(value) for value in row])
                if number % ROWS_PER_PIECE == 0:
                    text.flush()
                    yield pieces.take()
            text.close()
            yield pieces.take()
    yield pieces.take()


def _sheet_value(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", _safe(value))
    return value


def xlsx_file(tables: Iterable[Table]) -> BinaryIO:
    """The workbook in an anonymous temporary file, read from its start; close it when sent."""
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet, used, part = None, EXCEL_MAX_ROWS, 0
        for row in table.rows():
            if used >= EXCEL_MAX_ROWS:
                part += 1
                sheet = workbook.create_sheet(table.name if part == 1 else f"{table.name} ({part})")
                sheet.append(table.columns)
                used = 1
            sheet.append([_sheet_value(value) for value in row])
            used += 1
        if sheet is None:  # an empty table still gets its sheet with the header
            workbook.create_sheet(table.name).append(table.columns)
    output = tempfile.TemporaryFile()  # closed by the response that sends it
    try:
        workbook.save(output)
    except BaseException:
        output.close()
        raise
    output.seek(0)
    return output

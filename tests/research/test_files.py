"""The export's file formats: a zip of CSV files sent piece by piece, an Excel workbook with a
sheet per table (continued on a next sheet past Excel's row limit); no text runs as a formula."""

import csv
import io
import zipfile

from openpyxl import load_workbook

from koers.lib.pseudonyms import Pseudonymiser, pseudonym
from koers.research import files
from koers.research.selectors import Table


def table(name, rows, columns=("code", "text")) -> Table:
    return Table(name, columns, lambda: iter(rows))


def test_the_csv_zip_comes_in_pieces_with_one_file_per_table(monkeypatch):
    monkeypatch.setattr(files, "ROWS_PER_PIECE", 10)
    pieces = list(files.csv_zip([table("a", [(n, f"rij {n}") for n in range(95)]), table("leeg", [])]))
    assert len(pieces) > 10  # sent while it is written, not at the end

    with zipfile.ZipFile(io.BytesIO(b"".join(pieces))) as archive:
        assert archive.namelist() == ["a.csv", "leeg.csv"]
        rows = list(csv.reader(io.StringIO(archive.read("a.csv").decode())))
        assert rows[0] == ["code", "text"] and rows[95] == ["94", "rij 94"] and len(rows) == 96
        assert archive.read("leeg.csv").decode().strip() == "code,text"


def test_no_text_runs_as_a_formula_in_csv_or_excel():
    rows = [(1, '=HYPERLINK("https://example.org")'), (2, "+31 6"), (3, "@SUM(A1)"), (4, "gewoon")]
    with zipfile.ZipFile(io.BytesIO(b"".join(files.csv_zip([table("t", rows)])))) as archive:
        text = archive.read("t.csv").decode()
    assert "'=HYPERLINK" in text and "'+31 6" in text and "'@SUM" in text and "\n4,gewoon" in text

    sheet = load_workbook(files.xlsx_file([table("t", rows)])).active
    cells = [sheet.cell(row=r, column=2) for r in range(2, 6)]
    assert all(cell.data_type == "s" for cell in cells)
    assert cells[0].value.startswith("'=") and cells[3].value == "gewoon"


def test_a_table_longer_than_a_sheet_goes_on_in_the_next(monkeypatch):
    monkeypatch.setattr(files, "EXCEL_MAX_ROWS", 4)  # the header and 3 rows
    workbook = load_workbook(files.xlsx_file([table("contacts", [(n, "x") for n in range(7)]), table("leeg", [])]))
    assert workbook.sheetnames == ["contacts", "contacts (2)", "contacts (3)", "leeg"]
    assert [row[0] for row in workbook["contacts (3)"].iter_rows(values_only=True)] == ["code", 6]
    assert [list(row) for row in workbook["leeg"].iter_rows(values_only=True)] == [["code", "text"]]


def test_pseudonyms_depend_on_the_key_and_the_kind():
    key, other = b"k" * 32, b"o" * 32
    assert pseudonym(key, "youth", 12) == pseudonym(key, "youth", 12)
    assert len(pseudonym(key, "youth", 12)) == 16
    assert pseudonym(key, "youth", 12) != pseudonym(other, "youth", 12)
    assert pseudonym(key, "youth", 12) != pseudonym(key, "contact", 12)
    code = Pseudonymiser(key, remember=2)
    assert [code("youth", n) for n in (12, 13, 14, 12)] == [pseudonym(key, "youth", n) for n in (12, 13, 14, 12)]
    assert code("staff", None) == ""

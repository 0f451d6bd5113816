"""Reading an import file: CSV (UTF-8 with or without BOM, or Windows-1252; `;`, `,` or tab as
found by `csv.Sniffer`) or XLSX (one sheet per kind, or a single sheet), into sheets of rows with
their detected kind and column mapping.

A file may be hostile: an XLSX is a zip archive that can unpack to gigabytes (a "decompression
bomb"), a sheet can declare a million empty rows or a cell of 400 MB. The limits are checked
before and while reading, never after: the archive's unpacked size and compression ratio from
its directory (zipfile stops each part at its declared size), then row by row the number of rows
(empty ones count), the columns of each row and the length of each cell. The settings are
`IMPORT_MAX_*` (docs/configuration.md); `sandbox` adds a time and memory budget.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from openpyxl import load_workbook

from coordination.services.importing.cells import detect_kind, detect_mapping

SNIFF_CHARS = 64 * 1024
# Parts of an archive smaller than this are not judged by their compression ratio (small XML
# parts of ordinary workbooks can be packed very well).
RATIO_FROM_BYTES = 2**20


class ImportFileError(Exception):
    """The file cannot be read as an import (German message)."""


# --- reading files -------------------------------------------------------------------------------

@dataclass
class Sheet:
    """One table of the file: its name, headers and rows as (row number in the file, cells)."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list]]
    kind: str | None = None
    mapping: dict[int, str] = field(default_factory=dict)

    def remap(self) -> None:
        self.mapping = detect_mapping(self.kind, self.headers) if self.kind else {}


@dataclass
class ImportFile:
    filename: str
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def row_count(self) -> int:
        return sum(len(sheet.rows) for sheet in self.sheets)


def max_rows() -> int:
    return current_app.config["IMPORT_MAX_ROWS"]


@dataclass(frozen=True)
class Limits:
    rows: int  # rows of the file, empty ones included, all sheets together
    columns: int  # up to the last non-empty cell of a row
    cell_chars: int
    unpacked_bytes: int  # XLSX: all parts of the archive unpacked
    compression_ratio: int  # XLSX: unpacked / packed size of one part

    @classmethod
    def from_config(cls) -> Limits:
        config = current_app.config
        return cls(rows=config["IMPORT_MAX_ROWS"], columns=config["IMPORT_MAX_COLUMNS"],
                   cell_chars=config["IMPORT_MAX_CELL_CHARS"],
                   unpacked_bytes=config["IMPORT_MAX_UNPACKED_BYTES"],
                   compression_ratio=config["IMPORT_MAX_COMPRESSION_RATIO"])


class _RowBudget:
    """Counts the rows read so far and checks each one as it arrives."""

    def __init__(self, limits: Limits):
        self.limits, self.rows = limits, 0

    def check(self, cells: list, sheet: str, number: int) -> list:
        """`cells` without its trailing empty cells; ImportFileError if a limit is passed."""
        self.rows += 1
        if self.rows > self.limits.rows:
            raise ImportFileError(_("Die Datei hat mehr als %(max)d Zeilen (leere Zeilen mitgezählt). Bitte "
                                    "teilen Sie sie in mehrere Dateien auf oder löschen Sie leere Zeilen.",
                                    max=self.limits.rows))
        while cells and cells[-1] in (None, ""):
            cells.pop()
        if len(cells) > self.limits.columns:
            raise ImportFileError(_("Blatt „%(sheet)s“, Zeile %(row)d: mehr als %(max)d Spalten. Bitte "
                                    "entfernen Sie nicht benötigte Spalten.",
                                    sheet=sheet, row=number, max=self.limits.columns))
        if any(isinstance(cell, str) and len(cell) > self.limits.cell_chars for cell in cells):
            raise ImportFileError(_("Blatt „%(sheet)s“, Zeile %(row)d: eine Zelle hat mehr als %(max)d "
                                    "Zeichen.", sheet=sheet, row=number, max=self.limits.cell_chars))
        return cells


def max_bytes() -> int:
    """The largest import file: IMPORT_MAX_BYTES, else MAX_CONTENT_LENGTH."""
    return current_app.config.get("IMPORT_MAX_BYTES") or current_app.config["MAX_CONTENT_LENGTH"]


def read_upload(upload) -> bytes:
    """The content of an uploaded file (a werkzeug FileStorage, or None when the form had
    none); ImportFileError when no file was chosen or it is larger than max_bytes()."""
    if upload is None or not upload.filename:
        raise ImportFileError(_("Bitte wählen Sie eine Datei aus."))
    content = upload.read(max_bytes() + 1)
    if len(content) > max_bytes():
        raise ImportFileError(_("Die Datei ist zu groß (höchstens %(mb)d MB).",
                                mb=max_bytes() // 2**20))
    return content


def read_file(filename: str, content: bytes) -> ImportFile:
    """Parse CSV or XLSX `content` (by content, not by name) and detect kinds and columns."""
    if not content.strip():
        raise ImportFileError(_("Die Datei ist leer."))
    limits = Limits.from_config()
    if content[:2] == b"PK":
        _check_archive(content, limits)
        result = _read_xlsx(filename, content, _RowBudget(limits))
    elif content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(_("Das ist eine alte Excel-Datei (.xls). Bitte speichern Sie sie in "
                                "Excel als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV."))
    else:
        result = _read_csv(filename, content, _RowBudget(limits))
    for sheet in result.sheets:
        sheet.kind = detect_kind(sheet.name if len(result.sheets) > 1 or content[:2] == b"PK" else None,
                                 sheet.headers)
        sheet.remap()
    known = [sheet for sheet in result.sheets if sheet.kind]
    if len(result.sheets) > 1 and known:  # e.g. the template's sheet of accepted values
        result.sheets = known
    return result


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace"), "Windows-1252"


def _read_csv(filename: str, content: bytes, budget: _RowBudget) -> ImportFile:
    text, encoding = _decode(content)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    numbered = []
    try:
        for number, row in enumerate(reader, 1):
            cells = budget.check([_clean_text(cell) for cell in row], filename, number)
            if cells:
                numbered.append((number, cells))
    except csv.Error as error:
        raise ImportFileError(_("Die CSV-Datei ist fehlerhaft (Zeile %(line)d): %(error)s",
                                line=reader.line_num, error=str(error))) from error
    if not numbered:
        raise ImportFileError(_("Die Datei ist leer."))
    (_header_number, headers), rows = numbered[0], numbered[1:]
    headers = [_clean_header(h) for h in headers]
    return ImportFile(filename, [Sheet(filename, headers, rows)], encoding=encoding, delimiter=delimiter)


def _delimiter(text: str) -> str:
    """`;`, `,` or tab, as `csv.Sniffer` finds it in the first lines; `;` (German Excel) when the
    lines do not tell (a single column)."""
    sample = text[:SNIFF_CHARS]
    if len(text) > SNIFF_CHARS and "\n" in sample:
        sample = sample[:sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        return ";"


def _check_archive(content: bytes, limits: Limits) -> None:
    """Refuse an XLSX whose parts unpack to more than the limit, or any part packed suspiciously
    well (what a decompression bomb is made of), before anything is unpacked."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise ImportFileError(_("Die Excel-Datei lässt sich nicht lesen. Bitte speichern Sie sie "
                                "erneut als .xlsx oder als CSV.")) from error
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.unpacked_bytes:
        raise ImportFileError(_("Die Excel-Datei ist entpackt größer als %(mb)d MB. Bitte teilen Sie sie "
                                "auf oder speichern Sie sie als CSV.", mb=limits.unpacked_bytes // 2**20))
    if any(part.file_size > RATIO_FROM_BYTES
           and part.file_size > limits.compression_ratio * max(part.compress_size, 1) for part in parts):
        raise ImportFileError(_("Die Excel-Datei ist ungewöhnlich stark gepackt (mehr als das %(ratio)d-Fache) "
                                "und wird deshalb nicht gelesen. Bitte speichern Sie sie in Excel neu oder "
                                "als CSV.", ratio=limits.compression_ratio))


def _read_xlsx(filename: str, content: bytes, budget: _RowBudget) -> ImportFile:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ImportFileError(_("Die Excel-Datei lässt sich nicht lesen. Bitte speichern Sie sie "
                                "erneut als .xlsx oder als CSV.")) from error
    sheets = []
    try:
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()  # a declared size of 16,384 columns would pad every row
            rows, headers = [], None
            for number, row in enumerate(worksheet.iter_rows(values_only=True), 1):
                cells = budget.check([_clean_cell(value) for value in row], worksheet.title, number)
                if not cells:
                    continue
                if headers is None:
                    headers = [_clean_header(h) for h in cells]
                    continue
                rows.append((number, cells))
            if headers is not None:
                while headers and not headers[-1]:
                    headers.pop()
                sheets.append(Sheet(worksheet.title, headers, rows))
    finally:
        workbook.close()
    if not sheets:
        raise ImportFileError(_("Die Datei ist leer."))
    return ImportFile(filename, sheets)


def _clean_header(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _clean_text(value: str) -> str:
    return value.replace("\u00a0", " ").strip()


def _clean_cell(value):
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, datetime):
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


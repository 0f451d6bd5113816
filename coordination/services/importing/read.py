"""Reading an import file: CSV (UTF-8 with or without BOM, or Windows-1252; `;`, `,` or tab as
found by `csv.Sniffer`) or XLSX (one sheet per kind, or a single sheet), into sheets of rows with
their detected kind and column mapping.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _

from coordination.services.importing.cells import detect_kind, detect_mapping

SNIFF_CHARS = 64 * 1024

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


def read_file(filename: str, content: bytes) -> ImportFile:
    """Parse CSV or XLSX `content` (by content, not by name) and detect kinds and columns."""
    if not content.strip():
        raise ImportFileError(_("Die Datei ist leer."))
    if content[:2] == b"PK":
        result = _read_xlsx(filename, content)
    elif content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(_("Das ist eine alte Excel-Datei (.xls). Bitte speichern Sie sie in "
                                "Excel als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV."))
    else:
        result = _read_csv(filename, content)
    if result.row_count > max_rows():
        raise ImportFileError(_("Die Datei hat %(rows)d Datenzeilen; erlaubt sind höchstens %(max)d. "
                                "Bitte teilen Sie sie in mehrere Dateien auf.",
                                rows=result.row_count, max=max_rows()))
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


def _read_csv(filename: str, content: bytes) -> ImportFile:
    text, encoding = _decode(content)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [row for row in reader]
    except csv.Error as error:
        raise ImportFileError(_("Die CSV-Datei ist fehlerhaft (Zeile %(line)d): %(error)s",
                                line=reader.line_num, error=str(error))) from error
    numbered = [(number, row) for number, row in enumerate(records, 1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise ImportFileError(_("Die Datei ist leer."))
    (_header_number, headers), rows = numbered[0], numbered[1:]
    headers = [_clean_header(h) for h in headers]
    return ImportFile(filename, [Sheet(filename, headers, [(n, [_clean_text(c) for c in row])
                                                           for n, row in rows])],
                      encoding=encoding, delimiter=delimiter)


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


def _read_xlsx(filename: str, content: bytes) -> ImportFile:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ImportFileError(_("Die Excel-Datei lässt sich nicht lesen. Bitte speichern Sie sie "
                                "erneut als .xlsx oder als CSV.")) from error
    sheets, total = [], 0
    try:
        for worksheet in workbook.worksheets:
            rows, headers = [], None
            for number, row in enumerate(worksheet.iter_rows(values_only=True), 1):
                cells = [_clean_cell(value) for value in row]
                if not any(cell not in (None, "") for cell in cells):
                    continue
                if headers is None:
                    headers = [_clean_header(h) for h in cells]
                    continue
                rows.append((number, cells))
                total += 1
                if total > max_rows():
                    raise ImportFileError(_(
                        "Die Datei hat mehr als %(max)d Datenzeilen. Bitte teilen Sie sie in mehrere "
                        "Dateien auf.", max=max_rows()))
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


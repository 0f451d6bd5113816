"""Tabular exports: CSV (for Excel in Germany), XLSX and Markdown.

Spreadsheet formula injection: a cell whose text starts with "=", "+", "-", "@", a tab or a
carriage return would be read as a formula by Excel or LibreOffice ("=HYPERLINK(...)" in an
actor's name). `neutralise` puts an apostrophe in front, the usual defence (OWASP "CSV
injection"); the apostrophe is visible, the formula is not run. Numbers stay numbers.
"""
from __future__ import annotations

import csv
import io
import json
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` as it may go into a spreadsheet cell: text that a spreadsheet would read as a
    formula gets a leading apostrophe; None becomes ""; lists are joined with ", ".

    >>> neutralise("=1+1"), neutralise("Caritas"), neutralise(3)
    ("'=1+1", 'Caritas', 3)
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(item) for item in value)
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass
class Table:
    """One sheet: a title (sheet name), column headers and rows of plain values.

    `widths` are optional column widths for XLSX (characters); `wrap` names columns whose text
    wraps (long explanations).
    """

    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    widths: list[int] | None = None
    wrap: frozenset[int] = frozenset()


def csv_bytes(table: Table) -> bytes:
    """The table as CSV for Excel in Germany: UTF-8 with byte order mark, ";" as separator,
    every field quoted where needed, lines ended by CRLF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([neutralise(name) for name in table.columns])
    for row in table.rows:
        writer.writerow([neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(tables: list[Table], *, title: str = "", creator: str = "Integrationsnetz") -> bytes:
    """A workbook with one sheet per table: bold header on a coloured fill, autofilter, frozen
    header row, column widths; text cells are neutralised and stored as text. Written in
    openpyxl's streaming mode (a few milliseconds per thousand rows)."""

    workbook = Workbook(write_only=True)
    workbook.properties.creator = creator
    workbook.properties.title = title
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    header_alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        widths = table.widths or [_width(table, index) for index in range(len(table.columns))]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        last_column = get_column_letter(max(1, len(table.columns)))
        sheet.auto_filter.ref = f"A1:{last_column}{max(1, len(table.rows) + 1)}"
        sheet.freeze_panes = "A2"

        wrapped_style = WriteOnlyCell(sheet)
        wrapped_style.alignment = wrap

        def cell(value, wrapped=False, sheet=sheet, wrapped_style=wrapped_style._style):
            value = neutralise(value)
            result = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                result.data_type = "s"  # text, never a formula
            if wrapped:
                # the style's ids copied from one styled cell: setting `alignment` looks the
                # style up in the workbook's list by hash, a tenth of the time at 15,000 rows
                result._style = copy(wrapped_style)
            return result

        header = []
        for name in table.columns:
            item = cell(name)
            item.font, item.fill, item.alignment = header_font, header_fill, header_alignment
            header.append(item)
        sheet.row_dimensions[1].height = 30
        sheet.append(header)
        for row in table.rows:
            # plain values need no cell object: neutralised text never starts with "="
            sheet.append([cell(value, True) if index in table.wrap else neutralise(value)
                          for index, value in enumerate(row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    for character in "[]:*?/\\":
        title = title.replace(character, " ")
    return title[:31] or "Tabelle"


def _width(table: Table, index: int) -> int:
    longest = max([len(str(table.columns[index]))] +
                  [len(str(neutralise(row[index]))) for row in table.rows[:500] if index < len(row)])
    return max(8, min(60, longest + 2))


# --- Markdown -----------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = "\\`*_[]<>#|"


def md_escape(text) -> str:
    """User text safe inside Markdown: its special characters (also "<", so no raw HTML gets
    through to a renderer) are backslash-escaped, line breaks become spaces."""
    text = " ".join(str(text if text is not None else "").split())
    return "".join("\\" + character if character in _MARKDOWN_SPECIAL else character
                   for character in text)


def md_table(columns: list[str], rows: list[list]) -> str:
    """A GitHub-flavoured Markdown table; every cell escaped."""
    lines = ["| " + " | ".join(md_escape(c) for c in columns) + " |",
             "| " + " | ".join("---" for _ in columns) + " |"]
    for row in rows:
        lines.append("| " + " | ".join(md_escape(", ".join(map(str, v)) if isinstance(v, list) else v)
                                       for v in row) + " |")
    return "\n".join(lines)


def json_bytes(payload: dict) -> bytes:
    """Pretty-printed UTF-8 JSON (keys in the given order)."""
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

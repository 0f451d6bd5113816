"""Import of monitoring values from CSV or XLSX, and the template to fill in.

The file is read by the import package (coordination.services.importing: the upload check,
the reader with its limits, run in a child process with a time and memory budget). One sheet holds the values, one row each: Indikator
(name or key), Jahr, Gebiet (empty or "gesamt" for the whole commune, else a district) and Wert
(German or plain number). Rows without a value are skipped, so the template's prepared rows may
stay empty. As with actors, the import is all or nothing: one bad row and nothing is written. A
value for a year and area that already has one replaces it; values not named stay.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from coordination.extensions import db
from coordination.models import District, Indicator, User
from coordination.services.importing import ImportFile, fold_name, text_of
from coordination.services.importing.cells import WHOLE_COMMUNE_WORDS as DISTRICT_CELL_WHOLE
from coordination.services.importing.cells import fold_header
from coordination.services.importing.plan import Problem
from coordination.services.monitoring import ValueRow, merge_values, parse_number, year_error
from coordination.wording import current_wording

HEADERS = {
    "indicator": ("indikator", "indicator", "schluessel", "key"),
    "year": ("jahr", "year"),
    "area": ("gebiet", "stadtteil", "district", "area", "ortsteil", "gemeinde"),
    "value": ("wert", "value"),
}
COLUMN_LABELS = {"indicator": _l("Indikator"), "year": _l("Jahr"), "area": _l("Gebiet"),
                 "value": _l("Wert")}
WHOLE_COMMUNE_WORDS = DISTRICT_CELL_WHOLE | {"", "total", "whole municipality"}
VALUES_SHEET = _l("Werte")
TEMPLATE_ROWS = 1000  # rows of the values sheet that offer the choice lists


class ValuesImportError(Exception):
    """The file holds no sheet with the value columns (German message)."""


@dataclass
class ValuesPlan:
    """What a file would import: the values per indicator id, and every problem found."""

    sheet: str
    values: dict[int, list[ValueRow]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0

    @property
    def count(self) -> int:
        return sum(len(rows) for rows in self.values.values())

    @property
    def ok(self) -> bool:
        return not self.problems


def _mapping(headers: list[str]) -> dict[str, int]:
    folded = [fold_header(header) for header in headers]
    return {name: folded.index(alias) for name, aliases in HEADERS.items()
            for alias in aliases if alias in folded}


def _values_sheet(import_file: ImportFile):
    for sheet in import_file.sheets:
        mapping = _mapping(sheet.headers)
        if {"indicator", "year", "value"} <= mapping.keys():
            return sheet, mapping
    raise ValuesImportError(_("Die Datei hat kein Blatt mit den Spalten „Indikator“, „Jahr“ und "
                              "„Wert“. Bitte nutzen Sie die Vorlage."))


def _year(cell) -> int:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = text_of(cell)
    if not text.isdigit() or year_error(int(text)):
        raise ValueError(text)
    return int(text)


def check_values(import_file: ImportFile) -> ValuesPlan:
    """Every row checked against the indicators and districts (two queries in all)."""
    sheet, mapping = _values_sheet(import_file)
    indicators = {}
    for indicator_id, key, name in db.session.execute(
            sa.select(Indicator.id, Indicator.key, Indicator.name)):
        indicators[fold_name(name)] = indicator_id
        if key:
            indicators.setdefault(fold_name(key), indicator_id)
    districts = {fold_name(name): district_id for district_id, name in db.session.execute(
        sa.select(District.id, District.name))}
    plan = ValuesPlan(sheet.name)
    seen: dict[tuple[int, int, int | None], int] = {}

    def cell(cells, name):
        index = mapping.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def problem(row, name, message):
        plan.problems.append(Problem(sheet.name, row, str(COLUMN_LABELS[name]), message))

    for row_number, cells in sheet.rows:
        value_cell = cell(cells, "value")
        if not text_of(value_cell):
            plan.skipped += 1
            continue
        errors = len(plan.problems)
        indicator_text = text_of(cell(cells, "indicator"))
        indicator_id = indicators.get(fold_name(indicator_text)) if indicator_text else None
        if indicator_id is None:
            problem(row_number, "indicator", _("Unbekannter Indikator „%(name)s“.",
                                               name=indicator_text) if indicator_text
                    else _("Bitte den Indikator angeben."))
        try:
            year = _year(cell(cells, "year"))
        except ValueError:
            problem(row_number, "year", year_error(None))
            year = None
        area = text_of(cell(cells, "area"))
        district_id = None
        if fold_name(area) not in WHOLE_COMMUNE_WORDS:
            district_id = districts.get(fold_name(area))
            if district_id is None:
                problem(row_number, "area", current_wording().per_kind(
                    _("Unbekanntes Gebiet „%(name)s“ (leer lassen für die ganze Stadt).", name=area),
                    _("Unbekanntes Gebiet „%(name)s“ (leer lassen für den ganzen Landkreis).", name=area),
                    _("Unbekanntes Gebiet „%(name)s“ (leer lassen für die ganze Gemeinde).", name=area)))
        try:
            value = parse_number(value_cell)
        except ValueError:
            problem(row_number, "value", _("Bitte eine Zahl angeben, z. B. 12,5."))
            value = None
        if len(plan.problems) > errors:
            continue
        place = (indicator_id, year, district_id)
        if place in seen:
            problem(row_number, "year", _("Für diesen Indikator, dieses Jahr und Gebiet steht "
                                          "schon ein Wert in Zeile %(row)d.", row=seen[place]))
            continue
        seen[place] = row_number
        plan.values.setdefault(indicator_id, []).append(ValueRow(year, value, district_id))
    return plan


def import_values(plan: ValuesPlan, *, by: User | None) -> int:
    """Write a plan without problems in one transaction; the number of indicators changed."""
    if not plan.ok:
        raise ValueError("a plan with problems is not imported")
    return merge_values(plan.values, by=by)


def template_xlsx() -> bytes:
    """A workbook to fill in: the sheet "Werte" with one prepared row per indicator for last
    year (values empty), choice lists for indicator and area, and the indicators and areas on
    sheets of their own."""

    indicators = db.session.execute(sa.select(Indicator.name, Indicator.unit, Indicator.source,
                                              Indicator.note)
                                    .order_by(Indicator.position, Indicator.id)).all()
    districts = db.session.scalars(sa.select(District.name)
                                   .order_by(District.position, District.name)).all()
    with force_locale("de"):
        bold = Font(bold=True)
        workbook = Workbook()
        values = workbook.active
        values.title = str(VALUES_SHEET)
        values.append([str(COLUMN_LABELS[name]) for name in HEADERS])
        for name, *_rest in indicators:
            values.append([name, date.today().year - 1, "", None])
        listed = workbook.create_sheet(_("Indikatoren"))
        listed.append([_("Indikator"), _("Einheit"), _("Quelle"), _("Hinweis")])
        for row in indicators:
            listed.append(list(row))
        areas = workbook.create_sheet(_("Gebiete"))
        areas.append([_("Gebiet")])
        areas.append([_("gesamt")])
        for name in districts:
            areas.append([name])
        for sheet, widths in ((values, (60, 8, 24, 12)), (listed, (60, 10, 40, 60)),
                              (areas, (30,))):
            for cell in sheet[1]:
                cell.font = bold
            sheet.freeze_panes = "A2"
            for index, width in enumerate(widths):
                sheet.column_dimensions[chr(ord("A") + index)].width = width
        for column, source in (("A", f"'{listed.title}'!$A$2:$A${len(indicators) + 1}"),
                               ("C", f"'{areas.title}'!$A$2:$A${len(districts) + 2}")):
            choice = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
            choice.add(f"{column}2:{column}{TEMPLATE_ROWS}")
            values.add_data_validation(choice)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Write the Integrationsmonitoring: create, change and delete indicators, and replace an
indicator's values (the table form and the import both end here).

Values are kept per indicator, year and district (None: the whole commune). Every change is an
audit entry, so the cached analysis (rule `monitoring-outdated`) sees it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import AuditAction, District, Indicator, IndicatorValue, User
from coordination.models.common import utcnow
from coordination.services.base import (
    History,
    ValidationError,
    check_lengths,
    check_version,
    name_clash,
    record,
    snapshot,
    transaction,
)
from coordination.wording import current_wording

INDICATOR_FIELDS = ("name", "unit", "source", "note")
HISTORY = History(lambda indicator: snapshot(indicator, INDICATOR_FIELDS))
NOTE_MAX = 2000
FIRST_YEAR, LAST_YEAR = 1950, 2100
_GERMAN_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


@dataclass
class IndicatorFields:
    """What the form, the import or the API supplies for an indicator."""

    name: str
    unit: str = ""
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class ValueRow:
    """One value to keep: year, district (None: whole commune) and the value."""

    year: int
    value: float
    district_id: int | None = None


def parse_number(text) -> float | None:
    """"14,2", "1.234,5", "14.2" or a number -> float; None for an empty cell; ValueError for
    anything else (also for "1.234" without a comma, which could be either)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, bool):
        raise ValueError(text)
    if isinstance(text, (int, float)):
        if not math.isfinite(text):
            raise ValueError(text)
        return float(text)
    cleaned = str(text).strip().replace("\u202f", "").replace(" ", "")
    if _PLAIN_NUMBER.match(cleaned) and not re.match(r"^[+-]?\d{1,3}\.\d{3}$", cleaned):
        return float(cleaned)
    if _GERMAN_NUMBER.match(cleaned) and ("," in cleaned or "." not in cleaned):
        return float(cleaned.replace(".", "").replace(",", "."))
    raise ValueError(text)


def year_error(year) -> str | None:
    """A German message if `year` is no plausible year of a statistic, else None."""
    if not isinstance(year, int) or isinstance(year, bool) or not FIRST_YEAR <= year <= LAST_YEAR:
        return _("Bitte ein Jahr zwischen %(first)d und %(last)d angeben.", first=FIRST_YEAR,
                 last=LAST_YEAR)
    return None


# --- indicators ----------------------------------------------------------------------------------

def _validate(fields: IndicatorFields, indicator: Indicator | None) -> dict[str, str]:
    for name in INDICATOR_FIELDS:
        setattr(fields, name, (getattr(fields, name) or "").strip())
    errors: dict[str, str] = {}
    check_lengths(Indicator, {name: getattr(fields, name) for name in INDICATOR_FIELDS}, errors)
    if not fields.name:
        errors["name"] = _("Bitte geben Sie einen Namen an.")
    elif "name" not in errors and (other := name_clash(Indicator, fields.name,
                                                       getattr(indicator, "id", None))):
        errors["name"] = _("Den Indikator „%(name)s“ gibt es bereits.", name=other)
    if len(fields.note) > NOTE_MAX:
        errors["note"] = _("Höchstens %(max)d Zeichen erlaubt.", max=NOTE_MAX)
    return errors


def _apply(indicator: Indicator, fields: IndicatorFields, *, position: int | None = None) -> None:
    if position is not None:
        indicator.position = position
    for name in INDICATOR_FIELDS:
        setattr(indicator, name, getattr(fields, name))


def create_indicator(fields: IndicatorFields, *, by: User | None) -> Indicator:
    """Add an indicator at the end of the list."""
    errors = _validate(fields, None)
    if errors:
        raise ValidationError(errors)
    with transaction():
        last = db.session.scalar(sa.select(sa.func.max(Indicator.position)))
        position = (last + 1) if last is not None else 0
        return HISTORY.create(Indicator, lambda indicator: _apply(indicator, fields, position=position), by=by)


def update_indicator(indicator: Indicator, fields: IndicatorFields, *, version: int | None,
                     by: User | None) -> Indicator:
    """Change name, unit, source or note (a seeded indicator keeps its key)."""
    check_version(indicator, version)
    errors = _validate(fields, indicator)
    if errors:
        raise ValidationError(errors)
    HISTORY.update(indicator, lambda: _apply(indicator, fields), by=by)
    return indicator


def delete_indicator(indicator: Indicator, *, version: int | None, by: User | None) -> None:
    """Delete the indicator with all its values."""
    check_version(indicator, version)
    with transaction():
        count = db.session.scalar(sa.select(sa.func.count(IndicatorValue.id))
                                  .where(IndicatorValue.indicator_id == indicator.id)) or 0
        record(AuditAction.DELETE, indicator, by, changes={"values": [count, 0]})
        db.session.delete(indicator)


# --- values --------------------------------------------------------------------------------------

def district_value_clashes(district_id: int, other_id: int) -> int:
    """How many indicator years have values for both districts (they cannot be merged: one
    district holds one value per indicator and year)."""
    first = sa.select(IndicatorValue.indicator_id, IndicatorValue.year).where(
        IndicatorValue.district_id == district_id)
    second = sa.select(IndicatorValue.indicator_id, IndicatorValue.year).where(
        IndicatorValue.district_id == other_id)
    both = sa.intersect(first, second).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(both)) or 0


def district_names() -> dict[int, str]:
    return dict(db.session.execute(sa.select(District.id, District.name)).all())


def _value_label(year: int, district_id: int | None, names: dict[int, str]) -> str:
    return f"{year} {names.get(district_id, '')}".strip() if district_id else str(year)


def check_rows(rows: list[ValueRow], names: dict[int, str],
               positions: list[int] | None = None) -> dict[str, str]:
    """Errors of a set of values, keyed "rows-<position>-<field>": bad years, unknown districts,
    the same year and area twice. `positions` are the rows' places in the form (counted from 0;
    default: their index); messages count lines from 1."""
    positions = positions if positions is not None else list(range(len(rows)))
    errors: dict[str, str] = {}
    seen: dict[tuple[int, int | None], int] = {}
    for position, row in zip(positions, rows):
        message = year_error(row.year)
        if message:
            errors[f"rows-{position}-year"] = message
        if row.district_id is not None and row.district_id not in names:
            errors[f"rows-{position}-district_id"] = current_wording().per_kind(
                _("Unbekannter Stadtteil."), _("Unbekannte Gemeinde."), _("Unbekannter Ortsteil."))
        if not math.isfinite(row.value):
            errors[f"rows-{position}-value"] = _("Bitte eine Zahl angeben.")
        place = (row.year, row.district_id)
        if place in seen and not message:
            errors[f"rows-{position}-year"] = _(
                "Für %(year)d und dieses Gebiet steht schon ein Wert in Zeile %(row)d.",
                year=row.year, row=seen[place] + 1)
        seen.setdefault(place, position)
    return errors


def _replace_values(indicator: Indicator, rows: list[ValueRow], names: dict[int, str],
                    by: User | None) -> bool:
    """Make `rows` the indicator's values (inside a transaction); True if anything changed."""
    current = {(v.year, v.district_id): v for v in db.session.scalars(
        sa.select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id))}
    wanted = {(row.year, row.district_id): row.value for row in rows}
    changes = {}
    for place, stored in current.items():
        if place not in wanted:
            changes[_value_label(*place, names)] = [stored.value, None]
            db.session.delete(stored)
        elif stored.value != wanted[place]:
            changes[_value_label(*place, names)] = [stored.value, wanted[place]]
            stored.value = wanted[place]
    db.session.flush()
    for place, value in wanted.items():
        if place not in current:
            changes[_value_label(*place, names)] = [None, value]
            db.session.add(IndicatorValue(indicator_id=indicator.id, year=place[0],
                                          district_id=place[1], value=value))
    if changes:
        indicator.updated_by, indicator.updated_at = by, utcnow()  # a new version: forms go stale
        record(AuditAction.UPDATE, indicator, by, changes=dict(sorted(changes.items())))
    return bool(changes)


def save_values(indicator: Indicator, rows: list[ValueRow], *, version: int | None,
                by: User | None, positions: list[int] | None = None) -> bool:
    """Replace all values of `indicator` with `rows` (the table form; `positions` as in
    check_rows). All or nothing: any bad row leaves the stored values as they were. True if
    anything changed."""
    check_version(indicator, version)
    names = district_names()
    errors = check_rows(rows, names, positions)
    if errors:
        raise ValidationError(errors)
    with transaction():
        return _replace_values(indicator, rows, names, by)


def merge_values(rows_by_indicator: dict[int, list[ValueRow]], *, by: User | None) -> int:
    """Add or overwrite values of several indicators in one transaction (the import); values not
    named stay. Returns the number of indicators changed. The caller has checked the rows."""
    names = district_names()
    changed = 0
    with transaction():
        for indicator_id, rows in rows_by_indicator.items():
            indicator = db.session.get(Indicator, indicator_id)
            kept = {(year, district): value for year, district, value in db.session.execute(
                sa.select(IndicatorValue.year, IndicatorValue.district_id, IndicatorValue.value)
                .where(IndicatorValue.indicator_id == indicator_id))}
            kept.update({(row.year, row.district_id): row.value for row in rows})
            merged = [ValueRow(year, value, district) for (year, district), value in kept.items()]
            changed += _replace_values(indicator, merged, names, by)
    return changed

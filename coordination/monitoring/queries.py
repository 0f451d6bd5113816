"""Read side of the monitoring pages: the page's indicators with chart text and tables, chart
images cached per data version, the value rows of the table form."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import abort, current_app
from flask_babel import gettext as _

from coordination.exports import indicator_charts
from coordination.extensions import db
from coordination.models import District, Indicator, IndicatorValue
from coordination.queries.indicator_data import Series, all_series, latest_value_year
from coordination.services.base import data_version
from coordination.services.monitoring import ValueRow, parse_number

_CHART_CACHE = "coordination.monitoring.charts"
CHARTS_KEPT = 64


@dataclass(frozen=True)
class DistrictTable:
    """Values per district (rows) and year (columns)."""

    years: tuple[int, ...]
    rows: tuple[tuple[str, tuple[float | None, ...]], ...]


@dataclass(frozen=True)
class IndicatorView:
    series: Series
    alt: str
    districts: DistrictTable | None


@dataclass(frozen=True)
class MonitoringPage:
    indicators: list[IndicatorView]
    latest_year: int | None
    updated_at: datetime | None


def _district_table(series: Series) -> DistrictTable | None:
    points = series.district_points
    if not points:
        return None
    years = tuple(sorted({p.year for p in points}))
    by_district: dict[str, dict[int, float]] = {}
    for point in points:
        by_district.setdefault(point.district, {})[point.year] = point.value
    return DistrictTable(years, tuple((name, tuple(values.get(year) for year in years))
                                      for name, values in by_district.items()))


def monitoring_page() -> MonitoringPage:
    views = [IndicatorView(series, indicator_charts.alt_text(series), _district_table(series))
             for series in all_series()]
    updated = db.session.scalar(sa.select(sa.func.max(Indicator.updated_at)))
    return MonitoringPage(views, latest_value_year(), updated)


def series_or_404(indicator_id: int) -> Series:
    found = [s for s in all_series() if s.id == indicator_id]
    if not found:
        abort(404)
    return found[0]


def cached_chart(series: Series, image_format: str) -> bytes:
    """The chart of `series`, drawn once per data version (drawing takes some 100 ms)."""
    cache = current_app.extensions.setdefault(
        _CHART_CACHE, {"lock": threading.Lock(), "charts": OrderedDict()})
    key = (series.id, image_format, data_version())
    with cache["lock"]:
        if key in cache["charts"]:
            cache["charts"].move_to_end(key)
            return cache["charts"][key]
    body = indicator_charts.chart(series, image_format)
    with cache["lock"]:
        cache["charts"][key] = body
        while len(cache["charts"]) > CHARTS_KEPT:
            cache["charts"].popitem(last=False)
    return body


def values_in_order(indicator: Indicator) -> list[IndicatorValue]:
    """The commune-wide values first, then per district; each part by year."""
    return list(db.session.scalars(
        sa.select(IndicatorValue).outerjoin(District, District.id == IndicatorValue.district_id)
        .where(IndicatorValue.indicator_id == indicator.id)
        .order_by(IndicatorValue.district_id.is_not(None), District.position, District.name,
                  IndicatorValue.year)))


def district_choices() -> list[tuple[int, str]]:
    return [tuple(row) for row in db.session.execute(
        sa.select(District.id, District.name).order_by(District.position, District.name))]


def rows_from_form(form) -> tuple[list[ValueRow], list[int], dict[str, str]]:
    """The filled rows of the values form as ValueRows with their places in the form, and
    errors "rows-<index>-<field>" for cells that are no year or no number. A row without a
    value is left out (emptying a value deletes it)."""
    rows: list[ValueRow] = []
    positions: list[int] = []
    errors: dict[str, str] = {}
    for index, entry in enumerate(form.rows):
        year_text = (entry.year.data or "").strip()
        value_text = (entry.value.data or "").strip()
        if not value_text:
            continue
        try:
            value = parse_number(value_text)
        except ValueError:
            errors[f"rows-{index}-value"] = _("Bitte eine Zahl angeben, z. B. 12,5.")
            value = None
        if not year_text.isdigit():
            errors[f"rows-{index}-year"] = _("Bitte das Jahr angeben, z. B. 2024.")
            continue
        district = entry.district_id.data
        if value is not None:
            rows.append(ValueRow(int(year_text), value, int(district) if district else None))
            positions.append(index)
    return rows, positions, errors

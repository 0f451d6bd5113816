"""Read the Integrationsmonitoring: the indicators with their values, the newest value of each,
the newest year with any value. Used by the monitoring page, the documents, the analysis
(rule `monitoring-outdated`, evidence for commitments 3 and 10) and the API.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from coordination.analysis.data import latest_year
from coordination.extensions import db
from coordination.models import District, Indicator, IndicatorValue


@dataclass(frozen=True)
class Point:
    """One value: the year, the district (None: the whole commune) and the value."""

    year: int
    value: float
    district_id: int | None = None
    district: str = ""


@dataclass(frozen=True)
class Series:
    """An indicator and all its values, commune-wide ones first, each part by year."""

    id: int
    key: str | None
    name: str
    unit: str
    source: str
    note: str
    points: tuple[Point, ...]

    @property
    def commune_points(self) -> tuple[Point, ...]:
        return tuple(point for point in self.points if point.district_id is None)

    @property
    def district_points(self) -> tuple[Point, ...]:
        return tuple(point for point in self.points if point.district_id is not None)

    @property
    def latest(self) -> Point | None:
        """The newest commune-wide value (None without any)."""
        points = self.commune_points
        return points[-1] if points else None

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({point.year for point in self.points}))


def latest_value_year(on: date | None = None) -> int | None:
    """The newest year up to the Stichtag's (`on`, default today) for which any indicator has a
    value (None: no value at all); a value for a later year does not count yet."""
    return latest_year(value_years(), on or date.today())


def value_years() -> tuple[tuple[str | None, int], ...]:
    """Every (indicator key, year) with a value, commune-wide or for a district. One query."""
    return tuple(db.session.execute(
        sa.select(Indicator.key, IndicatorValue.year).distinct()
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)).tuples())


def all_series(keys: tuple[str, ...] | None = None) -> list[Series]:
    """Every indicator (or those with the given keys) in list order, with its values: two
    queries however many indicators and values there are."""
    statement = sa.select(Indicator).order_by(Indicator.position, Indicator.id)
    if keys is not None:
        statement = statement.where(Indicator.key.in_(keys))
    indicators = db.session.scalars(statement).all()
    points: dict[int, list[Point]] = {indicator.id: [] for indicator in indicators}
    rows = db.session.execute(
        sa.select(IndicatorValue.indicator_id, IndicatorValue.year, IndicatorValue.value,
                  IndicatorValue.district_id, District.name)
        .outerjoin(District, District.id == IndicatorValue.district_id)
        .where(IndicatorValue.indicator_id.in_(list(points)))
        .order_by(IndicatorValue.district_id.is_not(None), District.position, District.name,
                  IndicatorValue.year))
    for indicator_id, year, value, district_id, district in rows:
        points[indicator_id].append(Point(year, value, district_id, district or ""))
    return [Series(indicator.id, indicator.key, indicator.name, indicator.unit, indicator.source,
                   indicator.note, tuple(points[indicator.id])) for indicator in indicators]

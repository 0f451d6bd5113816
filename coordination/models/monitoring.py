"""Integrationsmonitoring: indicators from official statistics and their values per year,
optionally per district (see docs/domain.md, Integrationsmonitoring).

Seeded indicators carry a stable `key` (e.g. the staff indicators that evidence commitment 3);
indicators added by users have none.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db
from coordination.models.common import Tracked
from coordination.models.lists import District

NAME_LENGTH = 200
UNIT_LENGTH = 40


class Indicator(Tracked, db.Model):
    """One monitoring indicator: what is measured, in which unit, from which source."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(NAME_LENGTH), unique=True)
    unit: Mapped[str] = mapped_column(sa.String(UNIT_LENGTH), default="")
    source: Mapped[str] = mapped_column(sa.String(300), default="")
    note: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", passive_deletes=True,
        order_by="IndicatorValue.year")

    def __str__(self) -> str:
        return self.name


class IndicatorValue(db.Model):
    """The value of an indicator for one year, for the whole commune (district None) or one
    district. The services keep one commune-wide value per indicator and year (a unique
    constraint cannot, as NULL districts never collide)."""

    __tablename__ = "indicator_values"
    __table_args__ = (sa.UniqueConstraint("indicator_id", "year", "district_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("indicators.id", ondelete="CASCADE"))
    year: Mapped[int]
    district_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("districts.id", ondelete="CASCADE"), index=True)
    value: Mapped[float]

    indicator: Mapped[Indicator] = relationship(back_populates="values")
    district: Mapped[District | None] = relationship()

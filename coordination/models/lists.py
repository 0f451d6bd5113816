"""Editable lists (actor types, fields of action, target groups, districts, languages).

Seeded entries carry a stable `key` so the analysis can recognise e.g. the Jobcenter type even
after an admin renamed it; entries added by users have no key.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db


class ListEntry:
    """Columns every editable list shares."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    position: Mapped[int] = mapped_column(default=0)

    def __str__(self) -> str:
        return self.name


class ActorType(ListEntry, db.Model):
    __tablename__ = "actor_types"


class FieldOfAction(ListEntry, db.Model):
    __tablename__ = "fields_of_action"


class TargetGroup(ListEntry, db.Model):
    __tablename__ = "target_groups"


class Language(ListEntry, db.Model):
    __tablename__ = "languages"


class District(ListEntry, db.Model):
    """A Stadtteil, Sozialraum, Quartier – or a Gemeinde/Ortsteil inside a Landkreis (see parent)."""

    __tablename__ = "districts"

    is_funding_area: Mapped[bool] = mapped_column(default=False)  # Soziale Stadt / ESF
    special_need: Mapped[bool] = mapped_column(default=False)  # besonderer Handlungsbedarf
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id", ondelete="RESTRICT"))
    parent: Mapped[District | None] = relationship(remote_side="District.id", back_populates="children")
    children: Mapped[list[District]] = relationship(back_populates="parent")

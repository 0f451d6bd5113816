"""Editable lists (actor types, fields of action, target groups, districts, languages).

Seeded entries carry a stable `key` so the analysis can recognise e.g. the Jobcenter type even
after an admin renamed it; entries added by users have no key.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db

# What "MSO" means in every count, chart, rule and document (legends and documents quote it).
MSO_DEFINITION = _l("Als Migrantenorganisationen (MSO) zählen alle migrantisch geführten Akteure: "
                    "jeder Akteur des Typs Migrantenorganisation und jeder andere Akteur, der als "
                    "migrantisch geführt markiert ist (etwa eine Moscheegemeinde oder ein Verein).")


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

    # The seeded type "Migrantenorganisation (MSO)": its actors are migrant-led by definition, and
    # "MSO" everywhere (counts, rules, charts, documents) means the migrant-led flag. Actors of
    # other types may be flagged too (docs/domain.md).
    MIGRANT_ORGANISATION_KEY = "mso"

    @property
    def implies_migrant_led(self) -> bool:
        return self.key == self.MIGRANT_ORGANISATION_KEY


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

"""The commune itself, the ten commitments and the five structural prerequisites."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db
from coordination.models.common import enum_column
from coordination.models.enums import CommuneKind


class Commune(db.Model):
    """Settings of the one commune this installation serves (a single row, created by setup)."""

    __tablename__ = "commune"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    kind: Mapped[CommuneKind] = mapped_column(enum_column(CommuneKind))
    advisory_body_name: Mapped[str] = mapped_column(sa.String(120), default="Integrationsbeirat")
    # the Mitteilungsvorlage fields of the last status report (lead office, Beratungsfolge, …),
    # offered again as defaults for the next one
    report_defaults: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # Erklärung zur Barrierefreiheit: who takes feedback, and the Land's enforcement body
    accessibility_contact: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    accessibility_email: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    accessibility_enforcement: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    accessibility_reviewed_on: Mapped[date | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    @property
    def council(self) -> str:
        """Stadtrat, Kreistag or Gemeinderat."""
        return self.kind.council


class Commitment(db.Model):
    """One of the ten self-commitments of the National Integration Plan 2007 (pp. 31-33)."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    short_title: Mapped[str] = mapped_column(sa.String(120))
    full_text: Mapped[str] = mapped_column(sa.Text)

    def __str__(self) -> str:
        return f"{self.number}. {self.short_title}"


class Prerequisite(db.Model):
    """A structural prerequisite named by the motion (Gesamtstrategie, Moderation, …)."""

    __tablename__ = "prerequisites"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(40), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")

    def __str__(self) -> str:
        return self.name

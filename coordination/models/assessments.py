"""Assessments: the coordinator's verdict on a commitment or prerequisite (for the council report).

Each assessment is kept; the newest one per commitment/prerequisite is the current status.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db
from coordination.models.common import enum_column, utcnow
from coordination.models.commune import Commitment, Prerequisite
from coordination.models.enums import AssessmentStatus


class Assessment(db.Model):
    __tablename__ = "assessments"
    __table_args__ = (
        sa.CheckConstraint("(commitment_id IS NULL) <> (prerequisite_id IS NULL)",
                           name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    prerequisite_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("prerequisites.id", ondelete="CASCADE"), index=True)
    status: Mapped[AssessmentStatus] = mapped_column(enum_column(AssessmentStatus))
    justification: Mapped[str] = mapped_column(sa.Text, default="")
    assessed_on: Mapped[date]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    commitment: Mapped[Commitment | None] = relationship()
    prerequisite: Mapped[Prerequisite | None] = relationship()
    author = relationship("User")

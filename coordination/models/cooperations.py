"""Cooperations (undirected ties between two actors) and bodies (Gremien: groups of actors)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from coordination.extensions import db
from coordination.models.actors import Actor, link_table
from coordination.models.common import Tracked, enum_column
from coordination.models.commune import Commitment
from coordination.models.enums import BodyKind, CooperationKind
from coordination.text import normalize_name

cooperation_commitments = link_table("cooperation_commitments", "cooperations", "commitments")


class Cooperation(Tracked, db.Model):
    """An undirected tie; stored with actor_a_id < actor_b_id so each pair has one spelling."""

    __tablename__ = "cooperations"
    __table_args__ = (
        sa.CheckConstraint("actor_a_id < actor_b_id", name="ordered_pair"),
        sa.CheckConstraint("intensity BETWEEN 1 AND 3", name="intensity_range"),
        sa.Index("ix_cooperations_pair", "actor_a_id", "actor_b_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_a_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"))
    actor_b_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[CooperationKind] = mapped_column(enum_column(CooperationKind))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    intensity: Mapped[int] = mapped_column(default=2)  # 1 = lose, 2 = regelmäßig, 3 = eng
    written_agreement: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(sa.Text, default="")

    actor_a: Mapped[Actor] = relationship(foreign_keys=[actor_a_id])
    actor_b: Mapped[Actor] = relationship(foreign_keys=[actor_b_id])
    commitments: Mapped[list[Commitment]] = relationship(secondary=cooperation_commitments,
                                                         order_by="Commitment.number")

    def is_active(self, on: date) -> bool:
        return (self.start_date is None or self.start_date <= on) and (
            self.end_date is None or self.end_date >= on)

    def partner_of(self, actor: Actor) -> Actor:
        return self.actor_b if actor.id == self.actor_a_id else self.actor_a

    def __str__(self) -> str:
        return f"{self.actor_a} – {self.actor_b}"


class Body(Tracked, db.Model):
    """A Gremium (Runder Tisch, Arbeitskreis, Steuerungsgruppe …): a group, not pairwise ties."""

    __tablename__ = "bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    name_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[BodyKind] = mapped_column(enum_column(BodyKind))
    lead_actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("actors.id", ondelete="SET NULL"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # valid time, as for actors: from `active_since` (None: the day it was entered) until the day
    # before `dissolved_on`
    active_since: Mapped[date | None]
    dissolved_on: Mapped[date | None]
    description: Mapped[str] = mapped_column(sa.Text, default="")

    lead_actor: Mapped[Actor | None] = relationship()
    memberships: Mapped[list[BodyMembership]] = relationship(
        back_populates="body", cascade="all, delete-orphan", passive_deletes=True,
        order_by="BodyMembership.id")

    @validates("name")
    def _keep_name_key(self, _key, name: str) -> str:
        self.name_key = normalize_name(name)
        return name

    def __str__(self) -> str:
        return self.name


class BodyMembership(db.Model):
    __tablename__ = "body_memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(sa.ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(120), default="")
    since: Mapped[date | None]
    until: Mapped[date | None]

    body: Mapped[Body] = relationship(back_populates="memberships")
    actor: Mapped[Actor] = relationship()

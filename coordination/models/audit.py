"""Audit trail: who changed what, when. Written by the service layer, never by views."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db
from coordination.models.common import enum_column, utcnow
from coordination.models.enums import AuditAction


class AuditEntry(db.Model):
    """One change of one entity. `changes` maps field -> [old, new] (as display strings).

    `actor_ids` name the actors in whose history the entry appears (the actor itself, the actor
    of a contact person, both partners of a cooperation, …). They are no foreign keys, so the
    history outlives a deleted actor. The highest id doubles as the data version for caches:
    every write adds an entry.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (sa.Index("ix_audit_entries_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                 index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(sa.String(80), default="")
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction))
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int | None]
    label: Mapped[str] = mapped_column(sa.String(300), default="")
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    user = relationship("User")
    actor_links: Mapped[list[AuditEntryActor]] = relationship(cascade="all, delete-orphan",
                                                              passive_deletes=True)

    @property
    def actor_ids(self) -> list[int]:
        return [link.actor_id for link in self.actor_links]


class AuditEntryActor(db.Model):
    """An actor in whose history an audit entry appears."""

    __tablename__ = "audit_entry_actors"

    audit_entry_id: Mapped[int] = mapped_column(
        sa.ForeignKey("audit_entries.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(primary_key=True, index=True)

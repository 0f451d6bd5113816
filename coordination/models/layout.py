"""Stored positions of the actors in the network picture (so no page view pays for a layout)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db
from coordination.models.common import utcnow


class NodePosition(db.Model):
    """Where an actor is drawn in the network picture (vis-network canvas units).

    `computed_x/y` is what the layout computed; `x/y` is what is shown: the computed position,
    or the one a coordinator dragged the node to and saved (`pinned`). "Reset" copies the
    computed position back; "re-run layout" recomputes both for every actor.
    """

    __tablename__ = "node_positions"

    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"),
                                          primary_key=True)
    x: Mapped[float]
    y: Mapped[float]
    computed_x: Mapped[float]
    computed_y: Mapped[float]
    pinned: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)

    def __repr__(self) -> str:
        return f"<NodePosition actor={self.actor_id} ({self.x:.0f}, {self.y:.0f})>"

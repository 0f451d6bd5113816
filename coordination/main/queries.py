"""Figures for the dashboard."""
from __future__ import annotations

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import (Actor, ActorStatus, AuditEntry, Body, Contribution,
                                 ContributionStatus, Cooperation)


def totals() -> dict[str, int]:
    def count(model, *where) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))

    return {
        "actors": count(Actor, Actor.status == ActorStatus.ACTIVE),
        "mso": count(Actor, Actor.status == ActorStatus.ACTIVE, Actor.migrant_led),
        "contributions": count(Contribution, Contribution.status == ContributionStatus.ACTIVE),
        "cooperations": count(Cooperation),
        "bodies": count(Body, Body.active),
    }


def recent_changes(limit: int = 15) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))

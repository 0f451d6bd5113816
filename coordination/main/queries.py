"""Figures for the dashboard."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import (Actor, ActorStatus, AuditEntry, Body, Commitment, Contribution,
                                 ContributionParticipant, ContributionStatus, Cooperation)


@dataclass
class CommitmentCount:
    commitment: Commitment
    contributions: int  # active contributions
    actors: int  # distinct actors taking part in them


def commitment_counts() -> list[CommitmentCount]:
    """Active contributions and distinct actors per commitment, in one grouped query."""
    rows = db.session.execute(
        sa.select(Commitment,
                  sa.func.count(sa.distinct(Contribution.id)),
                  sa.func.count(sa.distinct(ContributionParticipant.actor_id)))
        .outerjoin(Contribution, sa.and_(Contribution.commitment_id == Commitment.id,
                                         Contribution.status == ContributionStatus.ACTIVE))
        .outerjoin(ContributionParticipant, ContributionParticipant.contribution_id == Contribution.id)
        .group_by(Commitment.id).order_by(Commitment.number)).all()
    return [CommitmentCount(commitment, contributions, actors) for commitment, contributions, actors in rows]


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

"""Read-side queries for the commitments and structural prerequisites and their assessments."""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import aliased, selectinload

from coordination.extensions import db
from coordination.models import (
    Actor,
    Assessment,
    Commitment,
    Contribution,
    ContributionParticipant,
    ContributionStatus,
    Prerequisite,
)
from coordination.queries import report_trends
from coordination.queries.analysis import current_analysis


@dataclass
class CommitmentRow:
    commitment: Commitment
    contributions: int  # active contributions
    actors: int  # distinct actors taking part in them
    assessment: Assessment | None  # the current one


@dataclass
class PrerequisiteRow:
    prerequisite: Prerequisite
    assessment: Assessment | None


def current_assessments(subject: str) -> dict[int, Assessment]:
    """{commitment or prerequisite id: its current assessment} in one query.

    `subject` is "commitment" or "prerequisite". The current assessment is the newest by date;
    of several on the same day the one entered last.
    """
    column = Assessment.commitment_id if subject == "commitment" else Assessment.prerequisite_id
    ranked = (sa.select(Assessment.id, sa.func.row_number().over(
        partition_by=column, order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()))
        .label("rank")).where(column.is_not(None)).subquery())
    current = aliased(Assessment)
    rows = db.session.scalars(
        sa.select(current).join(ranked, ranked.c.id == current.id).where(ranked.c.rank == 1))
    return {getattr(row, f"{subject}_id"): row for row in rows}


def commitment_overview() -> list[CommitmentRow]:
    """The ten commitments with active contributions, distinct actors (one grouped query) and
    their current assessment (one more query)."""
    rows = db.session.execute(
        sa.select(Commitment,
                  sa.func.count(sa.distinct(Contribution.id)),
                  sa.func.count(sa.distinct(ContributionParticipant.actor_id)))
        .outerjoin(Contribution, sa.and_(Contribution.commitment_id == Commitment.id,
                                         Contribution.status == ContributionStatus.ACTIVE))
        .outerjoin(ContributionParticipant, ContributionParticipant.contribution_id == Contribution.id)
        .group_by(Commitment.id).order_by(Commitment.number)).all()
    assessments = current_assessments("commitment")
    return [CommitmentRow(commitment, contributions, actors, assessments.get(commitment.id))
            for commitment, contributions, actors in rows]


def prerequisite_overview() -> list[PrerequisiteRow]:
    prerequisites = db.session.scalars(
        sa.select(Prerequisite).order_by(Prerequisite.position, Prerequisite.id)).all()
    assessments = current_assessments("prerequisite")
    return [PrerequisiteRow(p, assessments.get(p.id)) for p in prerequisites]


STATUS_ORDER = sa.case((Contribution.status == ContributionStatus.ACTIVE, 0),
                       (Contribution.status == ContributionStatus.PLANNED, 1), else_=2)


def commitment_contributions(commitment: Commitment) -> list[Contribution]:
    """The commitment's contributions: active first, then planned, then ended; by title."""
    return list(db.session.scalars(
        sa.select(Contribution).where(Contribution.commitment_id == commitment.id)
        .options(selectinload(Contribution.participants).selectinload(ContributionParticipant.actor)
                 .selectinload(Actor.type))
        .order_by(STATUS_ORDER, Contribution.title)))


@dataclass
class ActorShare:
    actor: Actor
    active: int = 0  # active contributions under the commitment
    total: int = 0
    leads: int = 0
    titles: list[str] = field(default_factory=list)


def distinct_actors(contributions: list[Contribution]) -> list[ActorShare]:
    """The actors taking part in `contributions`, most active first, then by name."""
    shares: dict[int, ActorShare] = {}
    for contribution in contributions:
        for participant in contribution.participants:
            share = shares.setdefault(participant.actor_id, ActorShare(participant.actor))
            share.total += 1
            share.active += contribution.status == ContributionStatus.ACTIVE
            share.leads += participant.is_lead
    return sorted(shares.values(), key=lambda s: (-s.active, -s.total, s.actor.name_key))


def assessment_history(*, commitment: Commitment | None = None,
                       prerequisite: Prerequisite | None = None) -> list[Assessment]:
    """All assessments of one commitment or prerequisite, newest (= current) first."""
    if commitment is not None:
        condition = Assessment.commitment_id == commitment.id
    else:
        condition = Assessment.prerequisite_id == prerequisite.id
    return list(db.session.scalars(
        sa.select(Assessment).where(condition).options(selectinload(Assessment.author))
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())))


def todays_trend(number: int) -> dict:
    """The commitment's trend as of today (queries.report_trends). The trends of all
    commitments are counted once per data version and day, alongside the cached analysis."""
    analysis = current_analysis()
    trends = analysis.memo("commitment_trends",
                           lambda: report_trends.commitment_trends(analysis.on))
    return trends[number]

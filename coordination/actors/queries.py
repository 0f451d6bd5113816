"""Read-side queries for actors: the filtered list and the parts of an actor's page."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from coordination.extensions import db
from coordination.models import (Actor, ActorType, AuditEntry, Body, BodyMembership, Contribution,
                                 ContributionParticipant, Cooperation,
                                 actors as actor_models, contributions as contribution_models)
from coordination.models.audit import AuditEntryActor
from coordination.models.common import normalize_name


@dataclass
class ActorFilter:
    q: str = ""
    type_id: int | None = None
    district_id: int | None = None
    commitment_id: int | None = None
    target_group_id: int | None = None
    mso: str = ""  # "", "yes", "no"
    status: str = ""
    sort: str = "name"
    descending: bool = False


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


SORT_COLUMNS = {
    "name": Actor.sort_name,
    "type": ActorType.name,
    "status": Actor.status,
    "reviewed": Actor.last_reviewed,
    "updated": Actor.updated_at,
}


def activity_counts(actor_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{actor id: (number of contributions, number of cooperations)} in two grouped queries."""
    contributions = dict(db.session.execute(
        sa.select(ContributionParticipant.actor_id, sa.func.count())
        .where(ContributionParticipant.actor_id.in_(actor_ids))
        .group_by(ContributionParticipant.actor_id)).all())
    ends = sa.union_all(
        sa.select(Cooperation.actor_a_id.label("actor_id")).where(Cooperation.actor_a_id.in_(actor_ids)),
        sa.select(Cooperation.actor_b_id.label("actor_id")).where(Cooperation.actor_b_id.in_(actor_ids)),
    ).subquery()
    cooperations = dict(db.session.execute(
        sa.select(ends.c.actor_id, sa.func.count()).group_by(ends.c.actor_id)).all())
    return {i: (contributions.get(i, 0), cooperations.get(i, 0)) for i in actor_ids}


def actor_list_query(filters: ActorFilter) -> sa.Select:
    """Actors matching `filters`, sorted, with type and districts loaded."""
    query = (sa.select(Actor)
             .join(Actor.type)
             .options(selectinload(Actor.districts), contains_eager(Actor.type)))
    if filters.q.strip():
        pattern = f"%{_escape_like(filters.q.strip())}%"
        key_pattern = f"%{_escape_like(normalize_name(filters.q))}%"
        query = query.where(sa.or_(Actor.name_key.like(key_pattern, escape="\\"),
                                   Actor.description.ilike(pattern, escape="\\"),
                                   Actor.address.ilike(pattern, escape="\\"),
                                   ActorType.name.ilike(pattern, escape="\\")))
    if filters.type_id:
        query = query.where(Actor.type_id == filters.type_id)
    if filters.district_id:
        query = query.where(sa.or_(Actor.whole_commune, Actor.id.in_(
            sa.select(actor_models.actor_districts.c.actor_id).where(
                actor_models.actor_districts.c.district_id == filters.district_id))))
    if filters.commitment_id:
        query = query.where(Actor.id.in_(
            sa.select(ContributionParticipant.actor_id).join(Contribution).where(
                Contribution.commitment_id == filters.commitment_id)))
    if filters.target_group_id:
        query = query.where(sa.or_(
            Actor.id.in_(sa.select(actor_models.actor_target_groups.c.actor_id).where(
                actor_models.actor_target_groups.c.target_group_id == filters.target_group_id)),
            Actor.id.in_(sa.select(ContributionParticipant.actor_id).join(
                contribution_models.contribution_target_groups,
                contribution_models.contribution_target_groups.c.contribution_id
                == ContributionParticipant.contribution_id).where(
                contribution_models.contribution_target_groups.c.target_group_id
                == filters.target_group_id))))
    if filters.mso in ("yes", "no"):
        query = query.where(Actor.migrant_led.is_(filters.mso == "yes"))
    if filters.status:
        query = query.where(Actor.status == filters.status)
    column = SORT_COLUMNS.get(filters.sort, Actor.sort_name)
    ordering = column.desc() if filters.descending else column.asc()
    return query.order_by(ordering, Actor.sort_name)


def actor_contributions(actor: Actor) -> list[Contribution]:
    """The actor's contributions (as lead or partner), by commitment number."""
    from coordination.models import Commitment
    return list(db.session.scalars(
        sa.select(Contribution).join(ContributionParticipant).join(Contribution.commitment)
        .where(ContributionParticipant.actor_id == actor.id)
        .options(selectinload(Contribution.participants).selectinload(ContributionParticipant.actor),
                 selectinload(Contribution.commitment))
        .order_by(Commitment.number, Contribution.title)))


def actor_cooperations(actor: Actor) -> list[Cooperation]:
    return list(db.session.scalars(
        sa.select(Cooperation)
        .where(sa.or_(Cooperation.actor_a_id == actor.id, Cooperation.actor_b_id == actor.id))
        .options(selectinload(Cooperation.actor_a), selectinload(Cooperation.actor_b),
                 selectinload(Cooperation.commitments))
        .order_by(Cooperation.start_date.desc(), Cooperation.id)))


def actor_memberships(actor: Actor) -> list[BodyMembership]:
    return list(db.session.scalars(
        sa.select(BodyMembership).join(Body).where(BodyMembership.actor_id == actor.id)
        .options(selectinload(BodyMembership.body)).order_by(Body.name)))


def led_bodies(actor: Actor) -> list[Body]:
    return list(db.session.scalars(sa.select(Body).where(Body.lead_actor_id == actor.id).order_by(Body.name)))


def actor_history(actor: Actor, limit: int = 50) -> list[AuditEntry]:
    return list(db.session.scalars(
        sa.select(AuditEntry).join(AuditEntryActor).where(AuditEntryActor.actor_id == actor.id)
        .order_by(AuditEntry.id.desc()).limit(limit)))

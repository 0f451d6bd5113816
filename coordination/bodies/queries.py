"""Read-side queries for bodies: the list with member counts and the members of one body."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from coordination.extensions import db
from coordination.models import Actor, Body, BodyMembership


@dataclass
class BodyRow:
    body: Body
    members: int  # current members (membership not ended)


def current_membership(today: date | None = None):
    """SQL condition: the membership has not ended."""
    today = today or date.today()
    return sa.or_(BodyMembership.until.is_(None), BodyMembership.until >= today)


def body_list(active: str = "", kind: str = "") -> list[BodyRow]:
    """Bodies with lead actor and number of current members, in one query.

    `active` is "", "yes" or "no"; `kind` a BodyKind value or "".
    """
    members = (sa.select(BodyMembership.body_id, sa.func.count(BodyMembership.id).label("members"))
               .where(current_membership()).group_by(BodyMembership.body_id).subquery())
    query = (sa.select(Body, sa.func.coalesce(members.c.members, 0))
             .outerjoin(members, members.c.body_id == Body.id)
             .options(joinedload(Body.lead_actor))
             .order_by(Body.name_key))
    if active in ("yes", "no"):
        query = query.where(Body.active.is_(active == "yes"))
    if kind:
        query = query.where(Body.kind == kind)
    return [BodyRow(body, count) for body, count in db.session.execute(query).all()]


def body_memberships(body: Body) -> list[BodyMembership]:
    """All memberships of `body`: current ones first, then former ones; by actor name."""
    ended = sa.and_(BodyMembership.until.is_not(None), BodyMembership.until < date.today())
    return list(db.session.scalars(
        sa.select(BodyMembership).join(BodyMembership.actor)
        .where(BodyMembership.body_id == body.id)
        .options(selectinload(BodyMembership.actor).selectinload(Actor.type))
        .order_by(sa.case((ended, 1), else_=0), Actor.name_key, BodyMembership.since)))


def actor_choices(not_member_of: Body | None = None) -> list[tuple[int, str]]:
    """(id, name) of all actors, for the lead and member selects; with `not_member_of`, the
    actors without a current membership in that body."""
    query = sa.select(Actor.id, Actor.name).order_by(Actor.name_key)
    if not_member_of is not None:
        query = query.where(Actor.id.not_in(sa.select(BodyMembership.actor_id).where(
            BodyMembership.body_id == not_member_of.id, current_membership())))
    return [(row.id, row.name) for row in db.session.execute(query)]

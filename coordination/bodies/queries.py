"""Read-side queries for bodies: the list with member counts and the members of one body."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, joinedload, selectinload

from coordination.exports.tables import Table
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


def body_list(active: str = "", kind: str = "", sort: str = "name") -> list[BodyRow]:
    """Bodies with lead actor and number of current members, in one query.

    `active` is "", "yes" or "no"; `kind` a BodyKind value or ""; `sort` a column ("name",
    "kind", "lead", "members", "active"), with "-" in front for descending order.
    """
    members = (sa.select(BodyMembership.body_id, sa.func.count(BodyMembership.id).label("members"))
               .where(current_membership()).group_by(BodyMembership.body_id).subquery())
    member_count = sa.func.coalesce(members.c.members, 0)
    lead = aliased(Actor)
    columns = {"name": Body.name_key, "kind": Body.kind, "lead": sa.func.coalesce(lead.sort_name, "~"),
               "members": member_count, "active": Body.active}
    column = columns.get(sort.lstrip("-"), Body.name_key)
    query = (sa.select(Body, member_count)
             .outerjoin(members, members.c.body_id == Body.id)
             .outerjoin(lead, Body.lead_actor_id == lead.id)
             .options(joinedload(Body.lead_actor))
             .order_by(column.desc() if sort.startswith("-") else column.asc(), Body.name_key))
    if active in ("yes", "no"):
        query = query.where(Body.active.is_(active == "yes"))
    if kind:
        query = query.where(Body.kind == kind)
    return [BodyRow(body, count) for body, count in db.session.execute(query).all()]


def body_table(rows: list[BodyRow]) -> Table:
    """The body list as a table for download."""
    return Table(_("Gremien"), [_("Name"), _("Art"), _("federführend"), _("Mitglieder"), _("Status")], [
        [row.body.name, row.body.kind.label, row.body.lead_actor.name if row.body.lead_actor else "",
         row.members, _("aktiv") if row.body.active else _("inaktiv")] for row in rows],
        widths=[40, 30, 36, 12, 10])


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

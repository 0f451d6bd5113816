"""Read-side queries for actors: the filtered list and the parts of an actor's page."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from coordination.exports.tables import Table
from coordination.extensions import db
from coordination.list_downloads import german_date
from coordination.models import (Actor, ActorType, AuditEntry, Body, BodyMembership, Contribution,
                                 ContributionParticipant, Cooperation, District,
                                 actors as actor_models, contributions as contribution_models)
from coordination.models.audit import AuditEntryActor
from coordination.search import search_clause


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
    with_lists: bool = False  # also load target groups, fields of action, languages (downloads)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _first_district():
    """Sort key of the Wirkungsraum: "" for the whole commune (first), else the first district."""
    links = actor_models.actor_districts
    first = (sa.select(sa.func.min(District.name)).join(links, links.c.district_id == District.id)
             .where(links.c.actor_id == Actor.id).scalar_subquery())
    return sa.case((Actor.whole_commune, ""), else_=sa.func.coalesce(first, "~"))


def _count_of(statement):
    return sa.func.coalesce(statement.scalar_subquery(), 0)


SORT_COLUMNS = {
    "name": Actor.sort_name,
    "type": ActorType.name,
    "districts": _first_district(),
    "contributions": _count_of(sa.select(sa.func.count()).select_from(ContributionParticipant)
                               .where(ContributionParticipant.actor_id == Actor.id)),
    "cooperations": _count_of(sa.select(sa.func.count()).select_from(Cooperation).where(
        sa.or_(Cooperation.actor_a_id == Actor.id, Cooperation.actor_b_id == Actor.id))),
    "status": Actor.status,
    "reviewed": Actor.last_reviewed,
    "updated": Actor.updated_at,
}


def actor_table(actors: list[Actor]) -> Table:
    """The actor list as a table for download (no contact persons)."""
    counts = activity_counts([actor.id for actor in actors])
    yes_no = {True: _("ja"), False: _("nein")}
    rows = [[actor.name, actor.type.name, yes_no[actor.migrant_led], yes_no[actor.municipal],
             actor.status.label,
             _("ganze Kommune") if actor.whole_commune else ", ".join(d.name for d in actor.districts),
             ", ".join(t.name for t in actor.target_groups), ", ".join(f.name for f in actor.fields_of_action),
             ", ".join(language.name for language in actor.languages), actor.address, actor.website,
             actor.email, actor.phone, *counts[actor.id], german_date(actor.last_reviewed)]
            for actor in actors]
    return Table(_("Akteure"), [
        _("Name"), _("Typ"), _("migrantisch geführt (MSO)"), _("Teil der Kommunalverwaltung"), _("Status"),
        _("Wirkungsraum"), _("Zielgruppen"), _("Handlungsfelder"), _("Sprachen"), _("Anschrift"),
        _("Website"), _("E-Mail"), _("Telefon"), _("Beiträge"), _("Kooperationen"), _("zuletzt geprüft am")],
        rows, widths=[40, 24, 10, 10, 10, 30, 30, 30, 20, 30, 28, 28, 16, 10, 12, 14])


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
    if filters.with_lists:
        query = query.options(selectinload(Actor.target_groups), selectinload(Actor.fields_of_action),
                              selectinload(Actor.languages))
    matches = search_clause(filters.q, Actor.search_name, Actor.search_text)
    if matches is not None:
        pattern = f"%{_escape_like(filters.q.strip())}%"
        query = query.where(sa.or_(matches, ActorType.name.ilike(pattern, escape="\\")))
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

"""The filtered actor list: the actors page (and its downloads) and the API's /actors serve the
same query."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from coordination.models import (
    Actor,
    ActorType,
    ContactPerson,
    Contribution,
    ContributionParticipant,
    Cooperation,
    District,
)
from coordination.models import actors as actor_models
from coordination.models import contributions as contribution_models
from coordination.search import search_clause
from coordination.text import escape_like


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
    with_districts: bool = True  # load the districts (the API reads them apart)
    with_lists: bool = False  # also load target groups, fields of action, languages (downloads)
    with_contacts: bool = False  # the search also looks at contact persons (who may see them)

    def chosen_by(self) -> frozenset[str] | None:
        """The fields of actors (as their history records them, services.actors) by which the
        list can choose and order them; None where it depends on more (a search reads most of
        an actor's text, a sort by the last change its time)."""
        return None if self.q or self.sort == "updated" else LIST_FIELDS


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


# Every field of actors an unsearched list filters or sorts by (a superset of what one list does).
LIST_FIELDS = frozenset(("name", "type", "districts", "whole_commune", "target_groups", "migrant_led",
                         "status", "last_reviewed"))


def actor_list_query(filters: ActorFilter) -> sa.Select:
    """Actors matching `filters`, sorted, with type and (unless told otherwise) districts loaded."""
    query = sa.select(Actor).join(Actor.type).options(contains_eager(Actor.type))
    if filters.with_districts:
        query = query.options(selectinload(Actor.districts))
    if filters.with_lists:
        query = query.options(selectinload(Actor.target_groups), selectinload(Actor.fields_of_action),
                              selectinload(Actor.languages))
    matches = search_clause(filters.q, Actor.search_name, Actor.search_text)
    if matches is not None:
        pattern = f"%{escape_like(filters.q.strip())}%"
        alternatives = [matches, ActorType.name.ilike(pattern, escape="\\")]
        if filters.with_contacts:
            alternatives.append(Actor.id.in_(sa.select(ContactPerson.actor_id).where(
                search_clause(filters.q, ContactPerson.search_text))))
        query = query.where(sa.or_(*alternatives))
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

"""Read-side queries of the API and the JSON shape of each entity.

Contact persons are personal data: no function here reads them, so they cannot leave through
the API (the actor's own functional e-mail and phone are not personal and are included).
"""
from __future__ import annotations

from datetime import UTC, date, datetime
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from coordination.extensions import db
from coordination.models.actors import Actor, actor_districts, actor_fields, actor_languages, actor_target_groups
from coordination.models.commune import Commitment
from coordination.models.contributions import Contribution, ContributionParticipant
from coordination.models.cooperations import Body, BodyMembership, Cooperation, cooperation_commitments
from coordination.models.lists import ActorType, District, FieldOfAction, Language, TargetGroup
from coordination.security import bounded_int


def plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):  # stored in UTC; SQLite gives it back without the offset
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def ref(entity, *extra: str) -> dict | None:
    """{"id", "name"} of a related row (plus `extra` attributes), None for no row."""
    if entity is None:
        return None
    result = {"id": entity.id, "name": entity.name}
    for name in extra:
        result[name] = plain(getattr(entity, name))
    return result


def actor_ref(actor: Actor | None) -> dict | None:
    return None if actor is None else {"id": actor.id, "name": actor.name}


# --- actors --------------------------------------------------------------------------------------

ACTOR_OPTIONS = (selectinload(Actor.type), selectinload(Actor.districts), selectinload(Actor.target_groups),
                 selectinload(Actor.fields_of_action), selectinload(Actor.languages))

# The lists of an actor in its JSON: name -> (link table, listed model, whether the items carry
# their key, order as in the model's relationship).
ACTOR_LISTS = {
    "districts": (actor_districts, District, False, District.name),
    "target_groups": (actor_target_groups, TargetGroup, True, TargetGroup.position),
    "fields_of_action": (actor_fields, FieldOfAction, True, FieldOfAction.position),
    "languages": (actor_languages, Language, True, Language.name),
}


def actor_lists(actor_ids: list[int]) -> dict[int, dict[str, list[dict]]]:
    """{actor id: {list name: [{"id", "name"(, "key")}]}} for a page of actors, one Core query
    per list: the ORM's loading of four collections for 50 actors costs more processor time
    than all the rest of the request."""
    lists = {actor_id: {name: [] for name in ACTOR_LISTS} for actor_id in actor_ids}
    for name, (link, model, with_key, order) in ACTOR_LISTS.items():
        columns = [model.id, model.name, model.key] if with_key else [model.id, model.name]
        statement = (sa.select(link.c.actor_id, *columns).join(model)
                     .where(link.c.actor_id.in_(actor_ids)).order_by(link.c.actor_id, order, model.id))
        for actor_id, *values in db.session.execute(statement).tuples():
            lists[actor_id][name].append(dict(zip(("id", "name", "key"), values, strict=False)))
    return lists


def actor_json(actor: Actor, lists: dict[str, list[dict]] | None = None) -> dict:
    """The actor as JSON; `lists` (see actor_lists) saves reading its lists through the ORM."""
    if lists is None:
        lists = {name: [ref(item, "key") if with_key else ref(item) for item in getattr(actor, name)]
                 for name, (_link, _model, with_key, _order) in ACTOR_LISTS.items()}
    return {
        "id": actor.id, "name": actor.name, "type": ref(actor.type, "key"),
        "migrant_led": actor.migrant_led, "municipal": actor.municipal, "status": actor.status.value,
        "description": actor.description, "address": actor.address,
        "whole_commune": actor.whole_commune, "districts": lists["districts"],
        "website": actor.website, "email": actor.email, "phone": actor.phone,
        "target_groups": lists["target_groups"], "fields_of_action": lists["fields_of_action"],
        "languages": lists["languages"], "last_reviewed": plain(actor.last_reviewed),
        "created_at": plain(actor.created_at), "updated_at": plain(actor.updated_at),
    }


def actor_page_json(actors: list[Actor]) -> list[dict]:
    """actor_json of each actor of a page, their lists read together (actor_lists)."""
    lists = actor_lists([actor.id for actor in actors])
    return [actor_json(actor, lists[actor.id]) for actor in actors]


def actor_detail_json(actor: Actor) -> dict:
    result = actor_json(actor)
    participations = db.session.execute(
        sa.select(Contribution.id, Contribution.title, Commitment.number, Contribution.status,
                  ContributionParticipant.is_lead)
        .join(ContributionParticipant).join(Commitment)
        .where(ContributionParticipant.actor_id == actor.id)
        .order_by(Commitment.number, Contribution.title)).all()
    result["contributions"] = [{"id": row.id, "title": row.title, "commitment": row.number,
                                "status": plain(row.status), "lead": row.is_lead}
                               for row in participations]
    cooperations = db.session.scalars(
        sa.select(Cooperation).where(sa.or_(Cooperation.actor_a_id == actor.id,
                                            Cooperation.actor_b_id == actor.id))
        .options(selectinload(Cooperation.actor_a), selectinload(Cooperation.actor_b),
                 selectinload(Cooperation.commitments))
        .order_by(Cooperation.id))
    result["cooperations"] = [{"id": c.id, "partner": actor_ref(c.partner_of(actor)), "kind": c.kind.value,
                               "start": plain(c.start_date), "end": plain(c.end_date),
                               "intensity": c.intensity} for c in cooperations]
    memberships = db.session.execute(
        sa.select(Body.id, Body.name, BodyMembership.role).join(BodyMembership)
        .where(BodyMembership.actor_id == actor.id).order_by(Body.name)).all()
    led = db.session.execute(sa.select(Body.id, Body.name).where(Body.lead_actor_id == actor.id)).all()
    result["bodies"] = [{"id": row.id, "name": row.name, "role": row.role, "lead": False}
                        for row in memberships] + [{"id": row.id, "name": row.name, "role": "", "lead": True}
                                                   for row in led]
    return result


def _id(value: str) -> int:
    """An id given as digits; 0 (no row has it) for digits no id column holds."""
    try:
        return bounded_int(value)
    except ValueError:
        return 0


def type_id_for(value: str) -> int | None:
    """An actor type by id or by its stable key; None if unknown."""
    if value.isdigit():
        return db.session.scalar(sa.select(ActorType.id).where(ActorType.id == _id(value)))
    return db.session.scalar(sa.select(ActorType.id).where(ActorType.key == value))


def district_id_for(value: str) -> int | None:
    if value.isdigit():
        return db.session.scalar(sa.select(District.id).where(District.id == _id(value)))
    return db.session.scalar(sa.select(District.id).where(District.name == value))


def commitment_id_for(number: int) -> int | None:
    return db.session.scalar(sa.select(Commitment.id).where(Commitment.number == number))


# --- contributions -------------------------------------------------------------------------------

def contribution_query(*, commitment_id: int | None = None, status: str | None = None,
                       actor_id: int | None = None, kind: str | None = None) -> sa.Select:
    query = (sa.select(Contribution)
             .options(selectinload(Contribution.commitment), selectinload(Contribution.field_of_action),
                      selectinload(Contribution.participants).selectinload(ContributionParticipant.actor),
                      selectinload(Contribution.target_groups), selectinload(Contribution.districts),
                      selectinload(Contribution.languages))
             .order_by(Contribution.id))
    if commitment_id:
        query = query.where(Contribution.commitment_id == commitment_id)
    if status:
        query = query.where(Contribution.status == status)
    if kind:
        query = query.where(Contribution.kind == kind)
    if actor_id:
        query = query.where(Contribution.id.in_(sa.select(ContributionParticipant.contribution_id).where(
            ContributionParticipant.actor_id == actor_id)))
    return query


def contribution_json(contribution: Contribution) -> dict:
    return {
        "id": contribution.id, "title": contribution.title,
        "commitment": contribution.commitment.number, "kind": contribution.kind.value,
        "field_of_action": ref(contribution.field_of_action, "key"),
        "status": contribution.status.value, "start": plain(contribution.start_date),
        "end": plain(contribution.end_date), "description": contribution.description,
        "whole_commune": contribution.whole_commune,
        "lead": actor_ref(contribution.lead),
        "partners": [actor_ref(actor) for actor in contribution.partners],
        "target_groups": [ref(t, "key") for t in contribution.target_groups],
        "districts": [ref(d) for d in contribution.districts],
        "languages": [ref(language, "key") for language in contribution.languages],
        "last_reviewed": plain(contribution.last_reviewed),
        "updated_at": plain(contribution.updated_at),
    }


# --- cooperations --------------------------------------------------------------------------------

def cooperation_query(*, actor_id: int | None = None, kind: str | None = None,
                      active_on: date | None = None, commitment_id: int | None = None) -> sa.Select:

    query = (sa.select(Cooperation)
             .options(selectinload(Cooperation.actor_a), selectinload(Cooperation.actor_b),
                      selectinload(Cooperation.commitments))
             .order_by(Cooperation.id))
    if actor_id:
        query = query.where(sa.or_(Cooperation.actor_a_id == actor_id, Cooperation.actor_b_id == actor_id))
    if kind:
        query = query.where(Cooperation.kind == kind)
    if active_on:
        query = query.where(sa.or_(Cooperation.start_date.is_(None), Cooperation.start_date <= active_on),
                            sa.or_(Cooperation.end_date.is_(None), Cooperation.end_date >= active_on))
    if commitment_id:
        query = query.where(Cooperation.id.in_(
            sa.select(cooperation_commitments.c.cooperation_id).where(
                cooperation_commitments.c.commitment_id == commitment_id)))
    return query


def cooperation_json(cooperation: Cooperation) -> dict:
    return {
        "id": cooperation.id, "actor_a": actor_ref(cooperation.actor_a),
        "actor_b": actor_ref(cooperation.actor_b), "kind": cooperation.kind.value,
        "start": plain(cooperation.start_date), "end": plain(cooperation.end_date),
        "intensity": cooperation.intensity, "written_agreement": cooperation.written_agreement,
        "note": cooperation.note, "commitments": [c.number for c in cooperation.commitments],
        "active": cooperation.is_active(date.today()),
    }


# --- bodies --------------------------------------------------------------------------------------

def body_query(*, active: bool | None = None, actor_id: int | None = None) -> sa.Select:
    query = (sa.select(Body)
             .options(selectinload(Body.lead_actor),
                      selectinload(Body.memberships).selectinload(BodyMembership.actor))
             .order_by(Body.name_key))
    if active is not None:
        query = query.where(Body.active.is_(active))
    if actor_id:
        query = query.where(sa.or_(Body.lead_actor_id == actor_id, Body.id.in_(
            sa.select(BodyMembership.body_id).where(BodyMembership.actor_id == actor_id))))
    return query


def body_json(body: Body) -> dict:
    return {
        "id": body.id, "name": body.name, "kind": body.kind.value, "active": body.active,
        "description": body.description, "lead_actor": actor_ref(body.lead_actor),
        "members": [{"actor": actor_ref(m.actor), "role": m.role, "since": plain(m.since),
                     "until": plain(m.until)} for m in body.memberships],
    }


def indicator_json(series, year: int | None = None) -> dict:
    """A monitoring indicator with its values (of one year, if given); district null means the
    whole commune."""
    return {"id": series.id, "key": series.key, "name": series.name, "unit": series.unit,
            "source": series.source, "note": series.note,
            "values": [{"year": point.year, "value": point.value,
                        "district": ({"id": point.district_id, "name": point.district}
                                     if point.district_id is not None else None)}
                       for point in series.points if year is None or point.year == year]}

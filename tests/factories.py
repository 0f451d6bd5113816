"""Test data built through the services, as a user would create it."""
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import ActorType, AuditEntry, Commitment, District, TargetGroup
from coordination.services import actors as actor_service
from coordination.services import bodies as body_service
from coordination.services import contributions as contribution_service
from coordination.services import cooperations as cooperation_service
from coordination.services.actors import ActorValues
from coordination.services.bodies import BodyValues
from coordination.services.contributions import ContributionValues
from coordination.services.cooperations import CooperationValues


def type_id(key: str = "association") -> int:
    return db.session.scalar(sa.select(ActorType.id).where(ActorType.key == key))


def district_id(name: str) -> int:
    return db.session.scalar(sa.select(District.id).where(District.name == name))


def target_group_id(key: str) -> int:
    return db.session.scalar(sa.select(TargetGroup.id).where(TargetGroup.key == key))


def commitment(number: int) -> Commitment:
    return db.session.scalar(sa.select(Commitment).where(Commitment.number == number))


def make_actor(name: str, type_key: str = "association", by=None, **values):
    return actor_service.create_actor(ActorValues(name=name, type_id=type_id(type_key), **values), by=by)


def make_body(name: str, kind: str = "round_table", lead=None, by=None, **values):
    return body_service.create_body(BodyValues(name=name, kind=kind,
                                               lead_actor_id=lead.id if lead else None, **values), by=by)


def add_member(body, actor, role: str = "", since=None, until=None, by=None):
    return body_service.add_member(body, actor.id, role, since, until, by=by)


# --- contributions and cooperations -----------------------------------------------------------

def make_contribution(title: str, lead, commitment_number: int = 1, kind: str = "counselling", by=None,
                      partners=(), **values):
    """A contribution led by the actor `lead` (partners: actors) under commitment `commitment_number`."""

    return contribution_service.create_contribution(ContributionValues(
        title=title, commitment_id=commitment(commitment_number).id, kind=kind, lead_actor_id=lead.id,
        partner_actor_ids=[partner.id for partner in partners], **values), by=by)


def make_cooperation(actor_a, actor_b, kind: str = "project_partnership", by=None, **values):
    """A cooperation between the actors `actor_a` and `actor_b` (either order)."""

    return cooperation_service.create_cooperation(CooperationValues(
        actor_a_id=actor_a.id, actor_b_id=actor_b.id, kind=kind, **values), by=by)


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def audit_entries(entity_type: str, action=None) -> list[AuditEntry]:
    """The audit entries of one entity type (and action), oldest first."""
    query = sa.select(AuditEntry).where(AuditEntry.entity_type == entity_type)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query.order_by(AuditEntry.id)))

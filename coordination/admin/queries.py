"""Read-side helpers of the admin area: the editable lists, users and the change history."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from coordination.extensions import db
from coordination.models import Actor, ActorType, AuditEntry, District, FieldOfAction, Language, Role, TargetGroup, User
from coordination.queries.filters import where_equal
from coordination.services import lists as list_service
from coordination.wording import DISTRICT_LABEL, DISTRICTS_LABEL, lazy_per_kind


@dataclass(frozen=True)
class AdminList:
    slug: str  # in the URL
    model: type
    title: str  # plural, as a heading
    singular: str
    help: str


LISTS = {
    item.slug: item for item in (
        AdminList("actor-types", ActorType, _l("Akteurstypen"), _l("Akteurstyp"),
                  _l("Welche Arten von Akteuren es im Netzwerk gibt (Jobcenter, Verein, MSO …).")),
        AdminList("fields-of-action", FieldOfAction, _l("Handlungsfelder"), _l("Handlungsfeld"),
                  _l("Themen, in denen Akteure und Angebote arbeiten.")),
        AdminList("target-groups", TargetGroup, _l("Zielgruppen"), _l("Zielgruppe"),
                  _l("Für wen Akteure und Angebote da sind.")),
        AdminList("districts", District,
                  lazy_per_kind(_l("Stadtteile und Sozialräume"), _l("Gemeinden und Ortsteile"),
                                _l("Ortsteile und Sozialräume")),
                  DISTRICT_LABEL,
                  lazy_per_kind(_l("Stadtteile, Sozialräume und Quartiere. Fördergebiete und "
                                   "besonderer Handlungsbedarf fließen in die Lückenanalyse ein."),
                                _l("Die Gemeinden des Landkreises, darunter wo nötig ihre Ortsteile. "
                                   "Fördergebiete und besonderer Handlungsbedarf fließen in die "
                                   "Lückenanalyse ein."),
                                _l("Ortsteile, Sozialräume und Quartiere. Fördergebiete und "
                                   "besonderer Handlungsbedarf fließen in die Lückenanalyse ein."))),
        AdminList("languages", Language, _l("Sprachen"), _l("Sprache"),
                  _l("In welchen Sprachen Akteure und Angebote erreichbar sind.")),
    )
}

# Column headings for the uses of an entry, by the table that uses it.
OWNER_LABELS = {
    "actors": _l("Akteure"), "contributions": _l("Angebote"), "cooperations": _l("Kooperationen"),
    "bodies": _l("Gremien"), "districts": _l("untergeordnete Gebiete"),
    "measures": _l("Handlungsempfehlungen"), "indicator_values": _l("Monitoringwerte"),
}

# What the entity types of audit entries are called in the change history.
ENTITY_LABELS = {
    "actors": _l("Akteure"), "contact_persons": _l("Kontaktpersonen"),
    "contributions": _l("Angebote"), "cooperations": _l("Kooperationen"), "bodies": _l("Gremien"),
    "body_memberships": _l("Gremienmitgliedschaften"), "commitments": _l("Selbstverpflichtungen"),
    "prerequisites": _l("Strukturvoraussetzungen"), "assessments": _l("Bewertungen"),
    "commune": _l("Kommune"), "users": _l("Benutzer"), "actor_types": _l("Akteurstypen"),
    "fields_of_action": _l("Handlungsfelder"), "target_groups": _l("Zielgruppen"),
    "districts": DISTRICTS_LABEL, "languages": _l("Sprachen"),
    "indicators": _l("Monitoring-Indikatoren"), "measures": _l("Handlungsempfehlungen"),
    "concept_texts": _l("Texte des Integrationskonzepts"),
}

def entity_label(entity_type: str) -> str:
    return str(ENTITY_LABELS.get(entity_type, entity_type))


def list_sizes() -> dict[str, int]:
    """{slug: number of entries} for the overview, in one query."""
    counts = [sa.select(sa.literal(slug).label("slug"), sa.func.count().label("n")).select_from(item.model)
              for slug, item in LISTS.items()]
    return dict(db.session.execute(sa.union_all(*counts)).tuples().all())


def owner_columns(model) -> list[str]:
    """The tables that use entries of `model`, in the order they are shown."""
    owners = {reference.owner_table.name for reference in list_service.references(model)}
    order = {name: i for i, name in enumerate(list_service.OWNER_ORDER)}
    return sorted(owners, key=lambda name: (order.get(name, len(order)), name))


def list_entries(model) -> list:
    query = sa.select(model).order_by(model.position, model.name, model.id)
    if model is District:
        query = query.options(selectinload(District.parent))
    return list(db.session.scalars(query))


def users_by_role() -> dict[Role, int]:
    return dict(db.session.execute(sa.select(User.role, sa.func.count()).group_by(User.role)).tuples().all())


def all_users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(sa.func.lower(User.username))))


@dataclass
class AuditFilter:
    entity_type: str = ""
    username: str = ""
    action: str = ""


def audit_query(filters: AuditFilter) -> sa.Select:
    """The change history, newest first."""
    query = sa.select(AuditEntry).options(selectinload(AuditEntry.actor_links)).order_by(AuditEntry.id.desc())
    return where_equal(query, (AuditEntry.entity_type, filters.entity_type),
                       (AuditEntry.username, filters.username), (AuditEntry.action, filters.action))


def audit_entity_types() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.entity_type).distinct().order_by(AuditEntry.entity_type)))


def audit_usernames() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.username).distinct().order_by(AuditEntry.username)))


def existing_actor_ids(actor_ids) -> set[int]:
    """The ids among `actor_ids` whose actor still exists (history outlives deleted actors)."""
    ids = {i for i in actor_ids if i}
    if not ids:
        return set()
    return set(db.session.scalars(sa.select(Actor.id).where(Actor.id.in_(ids))))


def recent_changes(limit: int = 8) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))

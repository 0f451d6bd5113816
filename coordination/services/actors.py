"""Create, update and delete actors and their contact persons."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models.actors import Actor, ContactPerson
from coordination.models.contributions import Contribution, ContributionParticipant
from coordination.models.cooperations import Body, BodyMembership, Cooperation
from coordination.models.enums import ActorStatus, AuditAction
from coordination.models.lists import ActorType, District, FieldOfAction, Language, TargetGroup
from coordination.models.users import User
from coordination.services.base import (
    History,
    ValidationError,
    changes_between,
    check_lengths,
    check_valid_time,
    check_version,
    get_all_or_fail,
    record,
    snapshot,
    transaction,
    valid,
)
from coordination.text import normalize_name

ACTOR_AUDIT_FIELDS = (
    "name", "type", "migrant_led", "municipal", "description", "address", "whole_commune",
    "districts", "website", "email", "phone", "target_groups", "fields_of_action", "languages",
    "status", "last_reviewed", "active_since", "dissolved_on",
)
HISTORY = History(lambda actor: snapshot(actor, ACTOR_AUDIT_FIELDS), actor_ids=lambda actor: [actor.id])
CONTACT_AUDIT_FIELDS = ("name", "role", "email", "phone")
ACTOR_STATUSES = frozenset(s.value for s in ActorStatus)
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class ActorValues:
    """What a form, an import row or the CLI supplies for an actor."""

    name: str
    type_id: int | None
    migrant_led: bool = False
    municipal: bool = False
    description: str = ""
    address: str = ""
    whole_commune: bool = False
    district_ids: list[int] = field(default_factory=list)
    website: str = ""
    email: str = ""
    phone: str = ""
    target_group_ids: list[int] = field(default_factory=list)
    field_of_action_ids: list[int] = field(default_factory=list)
    language_ids: list[int] = field(default_factory=list)
    status: str = ActorStatus.ACTIVE.value
    last_reviewed: date | None = None
    active_since: date | None = None
    dissolved_on: date | None = None


def _check_contact_details(values, errors: dict[str, str]) -> None:
    if values.email and not EMAIL_PATTERN.match(values.email):
        errors.setdefault("email", _("Bitte eine gültige E-Mail-Adresse angeben."))
    if values.phone and not re.fullmatch(r"[0-9+()/\-.\s]{3,50}", values.phone):
        errors.setdefault("phone", _("Bitte nur Ziffern, Leerzeichen und + ( ) / - verwenden."))


def _validate(values: ActorValues, actor_id: int | None) -> tuple[dict[str, str], dict]:
    """Check `values`; return the errors and the resolved related rows."""
    errors: dict[str, str] = {}
    check_actor_fields(values, errors)
    if "name" not in errors:
        clash = db.session.scalar(sa.select(Actor).where(Actor.name_key == normalize_name(values.name),
                                                         Actor.id != (actor_id or 0)))
        if clash is not None:
            errors["name"] = name_taken_message(clash.name)
    related = {}
    for key, model, ids in (("type", ActorType, [values.type_id] if values.type_id else []),
                            ("districts", District, values.district_ids),
                            ("target_groups", TargetGroup, values.target_group_ids),
                            ("fields_of_action", FieldOfAction, values.field_of_action_ids),
                            ("languages", Language, values.language_ids)):
        form_field = "type_id" if key == "type" else key
        try:
            related[key] = get_all_or_fail(model, ids, form_field)
        except ValidationError as error:
            errors.update(error.errors)
    if not values.type_id:
        errors["type_id"] = _("Bitte wählen Sie einen Akteurstyp.")
    return errors, related


def check_actor(values: ActorValues, actor_id: int | None = None) -> dict[str, str]:
    """Every error of `values` at once, without saving (forms show them all together)."""
    return _validate(values, actor_id)[0]


def check_actor_fields(values: ActorValues, errors: dict[str, str]) -> None:
    """The checks of an actor's own values that need no database (shared with the import):
    name given, lengths, description, website, e-mail, phone, status, review date."""
    values.name = values.name.strip()
    values.website = complete_web_address(values.website)
    check_lengths(Actor, {"name": values.name, "address": values.address, "website": values.website,
                          "email": values.email, "phone": values.phone}, errors)
    if not values.name:
        errors["name"] = _("Bitte geben Sie einen Namen an.")
    if len(values.description) > 10000:
        errors["description"] = _("Höchstens %(max)d Zeichen erlaubt.", max=10000)
    if values.website and not re.match(r"^https?://[^\s]+$", values.website):
        errors.setdefault("website", _("Bitte eine Adresse mit http:// oder https:// angeben."))
    _check_contact_details(values, errors)
    if values.status not in ACTOR_STATUSES:
        errors["status"] = _("Unbekannter Status.")
    if values.last_reviewed and values.last_reviewed > date.today():
        errors["last_reviewed"] = _("Das Prüfdatum darf nicht in der Zukunft liegen.")
    check_valid_time(values, errors, dissolved=values.status == ActorStatus.DISSOLVED.value)


def complete_web_address(text: str) -> str:
    """ "www.verein.de" -> "https://www.verein.de": an address without a scheme gets https://;
    anything else is left for the check to judge."""
    text = text.strip()
    if re.match(r"^[^\s/:@]+\.[^\s/:@]+(/\S*)?$", text):
        return f"https://{text}"
    return text


def name_taken_message(existing_name: str) -> str:
    return _("Es gibt bereits einen Akteur mit diesem Namen: „%(name)s“.", name=existing_name)


def _apply(actor: Actor, values: ActorValues, related: dict) -> None:
    if actor.name and actor.name != values.name:  # renamed: the search keeps finding the old name
        actor.former_names = "\n".join(dict.fromkeys(
            [*filter(None, (actor.former_names or "").split("\n")), actor.name]))
    actor.name = values.name
    actor.type = related["type"][0]
    actor.migrant_led = values.migrant_led or actor.type.implies_migrant_led
    actor.municipal = values.municipal
    actor.description, actor.address = values.description.strip(), values.address.strip()
    actor.whole_commune = values.whole_commune
    actor.districts = related["districts"]
    actor.website, actor.email, actor.phone = values.website.strip(), values.email.strip(), values.phone.strip()
    actor.target_groups = related["target_groups"]
    actor.fields_of_action = related["fields_of_action"]
    actor.languages = related["languages"]
    actor.status = ActorStatus(values.status)
    actor.last_reviewed = values.last_reviewed
    actor.active_since, actor.dissolved_on = values.active_since, values.dissolved_on


def create_actor(values: ActorValues, *, by: User | None) -> Actor:
    related = valid(_validate(values, None))
    return HISTORY.create(Actor, lambda actor: _apply(actor, values, related), by=by)


def update_actor(actor: Actor, values: ActorValues, *, version: int | None, by: User | None) -> Actor:
    check_version(actor, version)
    related = valid(_validate(values, actor.id))
    HISTORY.update(actor, lambda: _apply(actor, values, related), by=by)
    return actor


def flag_migrant_organisations() -> int:
    """Mark every actor of the type Migrantenorganisation as migrant-led (after bulk writes that
    bypass `_apply`, such as the import); the number of actors changed."""
    mso_types = sa.select(ActorType.id).where(ActorType.key == ActorType.MIGRANT_ORGANISATION_KEY)
    result = db.session.execute(sa.update(Actor).where(Actor.type_id.in_(mso_types),
                                                       Actor.migrant_led.is_(False))
                                .values(migrant_led=True).execution_options(synchronize_session=False))
    return result.rowcount


def mark_reviewed(actor: Actor, *, by: User | None) -> None:
    """Confirm the entry is up to date (sets the review date to today)."""
    with transaction():
        old = actor.last_reviewed
        actor.last_reviewed, actor.updated_by = date.today(), by
        record(AuditAction.UPDATE, actor, by, actor_ids=[actor.id],
               changes={"last_reviewed": [old.isoformat() if old else None, date.today().isoformat()]})


@dataclass
class DeletionImpact:
    """What deleting an actor takes with it, shown before the user confirms."""

    cooperations: int
    contributions_deleted: list[str]  # the actor leads them: they go too
    contributions_left: int  # the actor is a partner only: it is removed from them
    memberships: int
    led_bodies: list[str]  # they stay, without a lead actor
    contact_persons: int

    @property
    def is_empty(self) -> bool:
        return not (self.cooperations or self.contributions_deleted or self.contributions_left
                    or self.memberships or self.led_bodies or self.contact_persons)


def deletion_impact(actor: Actor) -> DeletionImpact:
    def count(statement) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery()))

    participations = sa.select(ContributionParticipant).where(ContributionParticipant.actor_id == actor.id)
    led = db.session.scalars(
        sa.select(Contribution.title).join(ContributionParticipant).where(
            ContributionParticipant.actor_id == actor.id, ContributionParticipant.is_lead)).all()
    return DeletionImpact(
        cooperations=count(sa.select(Cooperation.id).where(
            sa.or_(Cooperation.actor_a_id == actor.id, Cooperation.actor_b_id == actor.id))),
        contributions_deleted=list(led),
        contributions_left=count(participations) - len(led),
        memberships=count(sa.select(BodyMembership.id).where(BodyMembership.actor_id == actor.id)),
        led_bodies=list(db.session.scalars(sa.select(Body.name).where(Body.lead_actor_id == actor.id))),
        contact_persons=len(actor.contact_persons),
    )


def delete_actor(actor: Actor, *, version: int | None, by: User | None) -> None:
    """Delete the actor with its cooperations, memberships, contact persons and the
    contributions it leads; it is removed from contributions where it is a partner."""
    check_version(actor, version)
    with transaction():
        led_ids = db.session.scalars(sa.select(ContributionParticipant.contribution_id).where(
            ContributionParticipant.actor_id == actor.id, ContributionParticipant.is_lead)).all()
        impact = deletion_impact(actor)
        record(AuditAction.DELETE, actor, by, actor_ids=[actor.id], changes={
            "cooperations": [impact.cooperations, 0],
            "contributions": [sorted(impact.contributions_deleted), []],
        })
        for contribution in db.session.scalars(sa.select(Contribution).where(Contribution.id.in_(led_ids))):
            record(AuditAction.DELETE, contribution, by)
            db.session.delete(contribution)
        db.session.delete(actor)


# --- contact persons (personal data) ----------------------------------------------------------

@dataclass
class ContactValues:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


def check_contact(values: ContactValues) -> dict[str, str]:
    """Every error of `values` at once, without saving (forms show them all together)."""
    try:
        _validate_contact(values)
    except ValidationError as error:
        return error.errors
    return {}


def _validate_contact(values: ContactValues) -> None:
    values.name = values.name.strip()
    errors: dict[str, str] = {}
    check_lengths(ContactPerson, vars(values), errors)
    if not values.name:
        errors["name"] = _("Bitte geben Sie einen Namen an.")
    _check_contact_details(values, errors)
    if errors:
        raise ValidationError(errors)


def _apply_contact(contact: ContactPerson, values: ContactValues) -> None:
    contact.name, contact.role = values.name, values.role.strip()
    contact.email, contact.phone = values.email.strip(), values.phone.strip()


def add_contact(actor: Actor, values: ContactValues, *, by: User | None) -> ContactPerson:
    _validate_contact(values)
    with transaction():
        contact = ContactPerson(actor=actor)
        _apply_contact(contact, values)
        db.session.add(contact)
        # Contact data are personal: the history names the change, not the values.
        record(AuditAction.CREATE, contact, by, actor_ids=[actor.id], label=_("Kontaktperson"))
    return contact


def update_contact(contact: ContactPerson, values: ContactValues, *, version: int | None,
                   by: User | None) -> ContactPerson:
    check_version(contact, version)
    _validate_contact(values)
    with transaction():
        before = snapshot(contact, CONTACT_AUDIT_FIELDS)
        _apply_contact(contact, values)
        changed = sorted(changes_between(before, snapshot(contact, CONTACT_AUDIT_FIELDS)))
        if changed:
            record(AuditAction.UPDATE, contact, by, actor_ids=[contact.actor_id], label=_("Kontaktperson"),
                   changes={name: ["…", "…"] for name in changed})
    return contact


def delete_contact(contact: ContactPerson, *, by: User | None) -> None:
    with transaction():
        record(AuditAction.DELETE, contact, by, actor_ids=[contact.actor_id], label=_("Kontaktperson"))
        db.session.delete(contact)

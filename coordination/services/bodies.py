"""Create, update and delete bodies (Gremien) and their memberships.

A membership is *current* while it has not ended (no `until`, or `until` today or later). An
actor may hold only one current membership per body; former memberships stay as history.
Membership changes are written to the member actor's history (audit `actor_id`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from coordination.extensions import db
from coordination.models import Actor, AuditAction, Body, BodyKind, BodyMembership, User
from coordination.services.base import (
    History,
    ValidationError,
    changes_between,
    check_lengths,
    check_period,
    check_valid_time,
    check_version,
    display,
    get_or_fail,
    record,
    snapshot,
    transaction,
    valid,
)
from coordination.text import normalize_name

BODY_AUDIT_FIELDS = ("name", "kind", "lead_actor", "active", "active_since", "dissolved_on",
                     "description")
DESCRIPTION_MAX = 10000
HISTORY = History(lambda body: snapshot(body, BODY_AUDIT_FIELDS))


@dataclass
class BodyValues:
    """What a form, an import row or the CLI supplies for a body."""

    name: str
    kind: str
    lead_actor_id: int | None = None
    active: bool = True
    description: str = ""
    active_since: date | None = None
    dissolved_on: date | None = None


def _validate_body(values: BodyValues, body_id: int | None) -> tuple[dict[str, str], Actor | None]:
    values.name = (values.name or "").strip()
    values.description = (values.description or "").strip()
    errors: dict[str, str] = {}
    check_lengths(Body, {"name": values.name}, errors)
    if not values.name:
        errors["name"] = _("Bitte geben Sie einen Namen an.")
    elif "name" not in errors:
        clash = db.session.scalar(sa.select(Body).where(Body.name_key == normalize_name(values.name),
                                                        Body.id != (body_id or 0)))
        if clash is not None:
            errors["name"] = _("Es gibt bereits ein Gremium mit diesem Namen: „%(name)s“.",
                               name=clash.name)
    if values.kind not in {kind.value for kind in BodyKind}:
        errors["kind"] = _("Bitte wählen Sie eine Art des Gremiums.")
    if len(values.description) > DESCRIPTION_MAX:
        errors["description"] = _("Höchstens %(max)d Zeichen erlaubt.", max=DESCRIPTION_MAX)
    check_valid_time(values, errors, dissolved=not values.active)
    lead = None
    if values.lead_actor_id is not None:
        try:
            lead = get_or_fail(Actor, values.lead_actor_id, "lead_actor_id")
        except ValidationError as error:
            errors.update(error.errors)
    return errors, lead


def check_body(values: BodyValues, body_id: int | None = None) -> dict[str, str]:
    """Every error of `values` at once, without saving (forms show them all together)."""
    return _validate_body(values, body_id)[0]


def _apply_body(body: Body, values: BodyValues, lead: Actor | None) -> None:
    body.name = values.name
    body.kind = BodyKind(values.kind)
    body.lead_actor = lead
    body.active = values.active
    body.active_since, body.dissolved_on = values.active_since, values.dissolved_on
    body.description = values.description


def create_body(values: BodyValues, *, by: User | None) -> Body:
    lead = valid(_validate_body(values, None))
    with transaction():
        body = HISTORY.create(Body, lambda body: _apply_body(body, values, lead), by=by)
        _make_lead_a_member(body, by)
    return body


def update_body(body: Body, values: BodyValues, *, version: int | None, by: User | None) -> Body:
    check_version(body, version)
    lead = valid(_validate_body(values, body.id))
    with transaction():
        HISTORY.update(body, lambda: _apply_body(body, values, lead), by=by)
        _make_lead_a_member(body, by)
    return body


def membership_count(body: Body) -> int:
    """How many memberships (current and former) are deleted with `body`."""
    return db.session.scalar(sa.select(sa.func.count(BodyMembership.id))
                             .where(BodyMembership.body_id == body.id)) or 0


def delete_body(body: Body, *, version: int | None, by: User | None) -> None:
    """Delete the body with all its memberships; each member's history notes the end."""
    check_version(body, version)
    with transaction():
        memberships = db.session.scalars(
            sa.select(BodyMembership).where(BodyMembership.body_id == body.id)
            .options(selectinload(BodyMembership.actor))).all()
        for membership in memberships:
            record(AuditAction.DELETE, membership, by, actor_ids=[membership.actor_id],
                   label=_membership_label(body, membership.actor),
                   changes=_removed(membership))
        record(AuditAction.DELETE, body, by, changes={"members": [len(memberships), 0]})
        db.session.delete(body)


# --- memberships ------------------------------------------------------------------------------

def _membership_label(body: Body, actor: Actor) -> str:
    return _("Mitglied in „%(body)s“: %(actor)s", body=body.name, actor=actor.name)


def _membership_snapshot(membership: BodyMembership) -> dict:
    return {"role": display(membership.role or None), "since": display(membership.since),
            "until": display(membership.until)}


def _removed(membership: BodyMembership) -> dict:
    """{field: [old, None]} for the filled fields of a membership that goes away."""
    return {field: [value, None] for field, value in _membership_snapshot(membership).items()
            if value is not None}


def is_current(since: date | None, until: date | None, on: date | None = None) -> bool:
    """A membership is current until it has ended (a future start still counts as current)."""
    return until is None or until >= (on or date.today())


def _validate_membership(body: Body, actor_id: int | None, role: str, since: date | None,
                         until: date | None, membership_id: int | None) -> Actor:
    errors: dict[str, str] = {}
    actor = None
    if actor_id is None:
        errors["actor_id"] = _("Bitte wählen Sie einen Akteur.")
    else:
        try:
            actor = get_or_fail(Actor, actor_id, "actor_id")
        except ValidationError as error:
            errors.update(error.errors)
    check_lengths(BodyMembership, {"role": role}, errors)
    check_period(since, until, errors, end_field="until")
    if actor is not None and is_current(since, until):
        others = db.session.scalars(sa.select(BodyMembership).where(
            BodyMembership.body_id == body.id, BodyMembership.actor_id == actor.id,
            BodyMembership.id != (membership_id or 0))).all()
        if any(is_current(other.since, other.until) for other in others):
            errors["actor_id"] = _("Der Akteur „%(actor)s“ ist bereits Mitglied dieses Gremiums.",
                                   actor=actor.name)
    if errors:
        raise ValidationError(errors)
    return actor


def _insert_membership(body: Body, actor: Actor, role: str, since: date | None, until: date | None,
                       by: User | None) -> BodyMembership:
    membership = BodyMembership(body=body, actor=actor, role=role, since=since, until=until)
    db.session.add(membership)
    db.session.flush()
    record(AuditAction.CREATE, membership, by, actor_ids=[actor.id], label=_membership_label(body, actor),
           changes=changes_between({}, _membership_snapshot(membership)))
    return membership


def _make_lead_a_member(body: Body, by: User | None) -> None:
    """The lead actor of a body is one of its members: add it when it holds no current membership."""
    lead = body.lead_actor
    if lead is None:
        return
    memberships = db.session.scalars(sa.select(BodyMembership).where(
        BodyMembership.body_id == body.id, BodyMembership.actor_id == lead.id)).all()
    if not any(is_current(m.since, m.until) for m in memberships):
        _insert_membership(body, lead, _("federführend"), None, None, by)


def add_member(body: Body, actor_id: int | None, role: str = "", since: date | None = None,
               until: date | None = None, *, by: User | None) -> BodyMembership:
    role = (role or "").strip()
    actor = _validate_membership(body, actor_id, role, since, until, None)
    with transaction():
        return _insert_membership(body, actor, role, since, until, by)


def add_members(body: Body, actor_ids: list[int], role: str = "", since: date | None = None,
                until: date | None = None, *, by: User | None) -> list[BodyMembership]:
    """Add several actors with the same role and period: all or none, one history entry each.
    Errors are reported under "actor_ids" (the actors) and the period fields."""
    role = (role or "").strip()
    if not actor_ids:
        raise ValidationError({"actor_ids": _("Bitte wählen Sie mindestens einen Akteur.")})
    actors, errors = [], {}
    for actor_id in dict.fromkeys(actor_ids):
        try:
            actors.append(_validate_membership(body, actor_id, role, since, until, None))
        except ValidationError as error:
            for key, message in error.errors.items():
                key = "actor_ids" if key == "actor_id" else key
                if message not in errors.get(key, ""):
                    errors[key] = f"{errors[key]} {message}" if key in errors else message
    if errors:
        raise ValidationError(errors)
    with transaction():
        return [_insert_membership(body, actor, role, since, until, by) for actor in actors]


def update_member(membership: BodyMembership, role: str = "", since: date | None = None,
                  until: date | None = None, *, by: User | None) -> BodyMembership:
    """Change role and period of a membership (the member itself stays)."""
    role = (role or "").strip()
    body = membership.body
    _validate_membership(body, membership.actor_id, role, since, until, membership.id)
    with transaction():
        before = _membership_snapshot(membership)
        membership.role, membership.since, membership.until = role, since, until
        changes = changes_between(before, _membership_snapshot(membership))
        if changes:
            record(AuditAction.UPDATE, membership, by, actor_ids=[membership.actor_id],
                   label=_membership_label(body, membership.actor), changes=changes)
    return membership


def remove_member(membership: BodyMembership, *, by: User | None) -> None:
    """Delete the membership record (to keep it as history, set an end date instead)."""
    with transaction():
        record(AuditAction.DELETE, membership, by, actor_ids=[membership.actor_id],
               label=_membership_label(membership.body, membership.actor),
               changes=_removed(membership))
        db.session.delete(membership)

"""Create, update and delete cooperations: undirected ties between two different actors.

The pair is stored ordered (actor_a_id < actor_b_id, a CHECK constraint in the database), so
each pair has one spelling whichever way round the user entered it.

A pair may have several cooperations, but only one *running* cooperation of each kind: a
cooperation runs while it has no end date or its end date is today or later. Ended ones are
history and never block a new one.

Every change is recorded once per actor involved (before and after the change), because an
actor's page lists the audit entries carrying its id: both partners see the change in their
history.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import Actor, Commitment, Cooperation, CooperationKind, User
from coordination.services import base
from coordination.services.contributions import readable

COOPERATION_AUDIT_FIELDS = (
    "actor_a", "actor_b", "kind", "start_date", "end_date", "intensity", "written_agreement",
    "note", "commitments",
)
INTENSITIES = (1, 2, 3)
MAX_NOTE = 10000
COOPERATION_KINDS = frozenset(k.value for k in CooperationKind)


@dataclass
class CooperationValues:
    """What a form, an import row or the CLI supplies for a cooperation (either order of actors)."""

    actor_a_id: int | None
    actor_b_id: int | None
    kind: str | None
    start_date: date | None = None
    end_date: date | None = None
    intensity: int | None = 2
    written_agreement: bool = False
    note: str = ""
    commitment_ids: list[int] = field(default_factory=list)


def is_running(end_date: date | None, today: date | None = None) -> bool:
    """Not ended: no end date, or an end date today or later."""
    return end_date is None or end_date >= (today or date.today())


def running_clause(today: date | None = None):
    """SQL condition for `is_running`."""
    today = today or date.today()
    return sa.or_(Cooperation.end_date.is_(None), Cooperation.end_date >= today)


def _resolve_actor(actor_id: int | None, form_field: str, errors: dict[str, str]) -> Actor | None:
    if not actor_id:
        errors[form_field] = _("Bitte wählen Sie einen Akteur.")
        return None
    try:
        return base.get_all_or_fail(Actor, [actor_id], form_field)[0]
    except base.ValidationError as error:
        errors.update(error.errors)
        return None


def check_cooperation_fields(values: CooperationValues, errors: dict[str, str]) -> None:
    """The checks of a cooperation's own values that need no database (shared with the
    import): not the same actor twice, kind, intensity, dates, note."""
    values.note = (values.note or "").strip()
    if values.actor_a_id and values.actor_a_id == values.actor_b_id:
        errors["actor_b_id"] = _("Ein Akteur kann nicht mit sich selbst kooperieren.")
    if not values.kind:
        errors["kind"] = _("Bitte wählen Sie eine Art.")
    elif values.kind not in COOPERATION_KINDS:
        errors["kind"] = _("Unbekannte Art.")
    if values.intensity is None:
        errors["intensity"] = _("Bitte wählen Sie eine Intensität.")
    elif values.intensity not in INTENSITIES:
        errors["intensity"] = _("Die Intensität muss zwischen 1 und 3 liegen.")
    base.check_period(values.start_date, values.end_date, errors)
    if len(values.note) > MAX_NOTE:
        errors["note"] = _("Höchstens %(max)d Zeichen erlaubt.", max=MAX_NOTE)


def _validate(values: CooperationValues, cooperation_id: int | None) -> tuple[dict[str, str], dict]:
    errors: dict[str, str] = {}
    check_cooperation_fields(values, errors)
    actor_a = _resolve_actor(values.actor_a_id, "actor_a_id", errors)
    actor_b = _resolve_actor(values.actor_b_id, "actor_b_id", errors)
    related: dict = {}
    try:
        related["commitments"] = base.get_all_or_fail(Commitment, values.commitment_ids, "commitment_ids")
    except base.ValidationError as error:
        errors.update(error.errors)
    if actor_a is not None and actor_b is not None and actor_a is not actor_b:
        related["actor_a"], related["actor_b"] = sorted((actor_a, actor_b), key=lambda actor: actor.id)
        if "kind" not in errors and "end_date" not in errors and is_running(values.end_date):
            clash = _running_duplicate(related["actor_a"], related["actor_b"],
                                       CooperationKind(values.kind), cooperation_id)
            if clash is not None:
                errors["kind"] = duplicate_message(clash)
    return errors, related


def check_cooperation(values: CooperationValues, cooperation_id: int | None = None) -> dict[str, str]:
    """Every error of `values` at once, without saving (forms show them all together)."""
    return _validate(values, cooperation_id)[0]


def _running_duplicate(actor_a: Actor, actor_b: Actor, kind: CooperationKind,
                       cooperation_id: int | None) -> Cooperation | None:
    return db.session.scalar(
        sa.select(Cooperation)
        .where(Cooperation.actor_a_id == actor_a.id, Cooperation.actor_b_id == actor_b.id,
               Cooperation.kind == kind, Cooperation.id != (cooperation_id or 0), running_clause())
        .order_by(Cooperation.id).limit(1))


def duplicate_message(clash: Cooperation) -> str:
    if clash.start_date:
        detail = _("Nr. %(id)d, seit %(start)s", id=clash.id, start=format_date(clash.start_date))
    else:
        detail = _("Nr. %(id)d", id=clash.id)
    return _("Zwischen „%(a)s“ und „%(b)s“ besteht bereits eine laufende Kooperation der Art "
             "„%(kind)s“ (%(detail)s). Bearbeiten Sie diese oder tragen Sie dort ein Ende ein.",
             a=clash.actor_a.name, b=clash.actor_b.name, kind=clash.kind.label, detail=detail)


def _apply(cooperation: Cooperation, values: CooperationValues, related: dict) -> None:
    cooperation.actor_a, cooperation.actor_b = related["actor_a"], related["actor_b"]
    cooperation.kind = CooperationKind(values.kind)
    cooperation.start_date, cooperation.end_date = values.start_date, values.end_date
    cooperation.intensity = values.intensity
    cooperation.written_agreement = values.written_agreement
    cooperation.note = values.note
    cooperation.commitments = related["commitments"]


def _snapshot(cooperation: Cooperation) -> dict:
    return readable(base.snapshot(cooperation, COOPERATION_AUDIT_FIELDS), kind=cooperation.kind)


# Every entry is listed for both actors (before and after a change).
HISTORY = base.History(_snapshot, actor_ids=lambda cooperation: [cooperation.actor_a_id, cooperation.actor_b_id],
                  label=lambda cooperation: _("Kooperation (%(kind)s): %(a)s – %(b)s", kind=cooperation.kind.label,
                                              a=cooperation.actor_a.name, b=cooperation.actor_b.name))


def create_cooperation(values: CooperationValues, *, by: User | None) -> Cooperation:
    related = base.valid(_validate(values, None))
    return HISTORY.create(Cooperation, lambda cooperation: _apply(cooperation, values, related), by=by)


def update_cooperation(cooperation: Cooperation, values: CooperationValues, *, version: int | None,
                       by: User | None) -> Cooperation:
    """Save `values`; refused with ConflictError if `version` is not the current one."""
    base.check_version(cooperation, version)
    related = base.valid(_validate(values, cooperation.id))
    HISTORY.update(cooperation, lambda: _apply(cooperation, values, related), by=by)
    return cooperation


def delete_cooperation(cooperation: Cooperation, *, version: int | None, by: User | None) -> None:
    HISTORY.delete(cooperation, version=version, by=by)

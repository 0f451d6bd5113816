"""What every write operation shares: validation errors, the transaction, the audit entry."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, TypeVar

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from coordination.extensions import db
from coordination.models import AuditAction, AuditEntry, User
from coordination.models.audit import AuditEntryActor
from coordination.models.common import utcnow
from coordination.text import normalize_name

T = TypeVar("T")


class ValidationError(Exception):
    """Bad input. `errors` maps a field name (as in the form) to a German message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = errors


class ConflictError(Exception):
    """The record changed since the form was loaded (someone else saved in between)."""


class NotFoundError(Exception):
    """A referenced record does not exist (unknown id)."""


@contextmanager
def transaction() -> Iterator[None]:
    """One user action = one transaction: commit at the end, roll back on any error.

    Nested use joins the outer transaction, so a service may call other services and the
    whole action still commits (or rolls back) once.
    """
    info = db.session.info
    if info.get("in_transaction"):
        yield
        return
    info["in_transaction"] = True
    try:
        yield
        db.session.commit()
    except StaleDataError as error:
        db.session.rollback()
        raise ConflictError(stale_message()) from error
    except BaseException:
        db.session.rollback()
        raise
    finally:
        info.pop("in_transaction", None)


def stale_message() -> str:
    return _("Der Datensatz wurde inzwischen von jemand anderem geändert. Bitte laden Sie die "
             "Seite neu und übernehmen Sie Ihre Änderungen erneut.")


def valid(checked: tuple[dict[str, str], T]) -> T:
    """What a check (`errors, resolved`) resolved, e.g. the related rows; its errors, if any,
    raised as one ValidationError."""
    errors, resolved = checked
    if errors:
        raise ValidationError(errors)
    return resolved


def check_version(entity, submitted_version: int | None) -> None:
    """Refuse to save a form that was loaded before the last save of `entity`, or that does not
    say which version it was loaded from (a form without its `version` field)."""
    if submitted_version is None or submitted_version != entity.version:
        raise ConflictError(stale_message())


def get_or_fail(model, entity_id, field: str):
    """The `model` row with `entity_id`, or a ValidationError at `field`."""
    entity = db.session.get(model, entity_id) if entity_id is not None else None
    if entity is None:
        raise ValidationError({field: _("Unbekannter Eintrag (Nr. %(id)s).", id=entity_id)})
    return entity


def get_all_or_fail(model, ids: Iterable[int], field: str) -> list:
    """All `model` rows for `ids` (in list order), or a ValidationError naming the unknown ones."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    found = {row.id: row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)))}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError({field: _("Unbekannte Einträge: %(ids)s.", ids=", ".join(missing))})
    return [found[i] for i in ids]


def check_lengths(model, values: dict, errors: dict[str, str]) -> None:
    """Add an error for each string value longer than its column allows."""
    columns = model.__table__.columns
    for field, value in values.items():
        if isinstance(value, str) and field in columns:
            length = getattr(columns[field].type, "length", None)
            if length and len(value) > length:
                errors.setdefault(field, _("Höchstens %(max)d Zeichen erlaubt.", max=length))


def name_clash(model, name: str, own_id: int | None = None) -> str | None:
    """The name of another `model` row named like `name` (case and whitespace aside), or None."""
    key = normalize_name(name)
    for other_id, other_name in db.session.execute(sa.select(model.id, model.name)):
        if other_id != own_id and normalize_name(other_name) == key:
            return other_name
    return None


def check_period(start: date | None, end: date | None, errors: dict[str, str],
                 end_field: str = "end_date") -> None:
    if start and end and end < start:
        errors.setdefault(end_field, _("Das Ende darf nicht vor dem Beginn liegen."))


def check_valid_time(values, errors: dict[str, str], *, dissolved: bool) -> None:
    """"aktiv seit" and "aufgelöst am" of an actor or a body (`values` has both as attributes):
    the end needs the status "aufgelöst" (inaktiv), is not in the future and not before the
    start. A dissolved record without an end date ends today."""
    if values.dissolved_on and not dissolved:
        errors["dissolved_on"] = _("Ein Auflösungsdatum passt nur zu einem aufgelösten (inaktiven) Eintrag.")
    elif values.dissolved_on and values.dissolved_on > date.today():
        errors["dissolved_on"] = _("Das Auflösungsdatum darf nicht in der Zukunft liegen.")
    elif values.dissolved_on and values.active_since and values.dissolved_on < values.active_since:
        errors["dissolved_on"] = _("Das Auflösungsdatum darf nicht vor dem Beginn liegen.")
    elif dissolved and values.dissolved_on is None:
        values.dissolved_on = date.today()



def display(value) -> str | list | None:
    """A value as it is shown in the history (ids of related rows become their names)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return sorted(str(item) for item in value)
    return str(value)


def snapshot(entity, fields: Iterable[str]) -> dict:
    return {field: display(getattr(entity, field)) for field in fields}


def changes_between(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose display value changed."""
    return {field: [before.get(field), after.get(field)] for field in after
            if before.get(field) != after.get(field)}


def created(values: dict) -> dict:
    """Changes for a new record: every filled-in field goes from nothing to its value."""
    return {name: [None, value] for name, value in values.items() if value not in (None, "", [], False)}


def removed(values: dict) -> dict:
    """Changes for a deletion: every filled-in field goes from its value to nothing."""
    return {name: [value, None] for name, value in values.items() if value not in (None, "", [], False)}


def record(action: AuditAction, entity, by: User | None, *, changes: dict | None = None,
           actor_ids: Iterable[int | None] = (), entity_type: str | None = None,
           label: str | None = None) -> AuditEntry:
    """Add an audit entry to the current transaction (flushes first so new rows have an id).

    The entry shows in the history of each actor in `actor_ids`.
    """
    db.session.flush()
    entry = AuditEntry(
        user_id=by.id if by else None,
        username=by.username if by else "system",
        action=action,
        entity_type=entity_type or entity.__tablename__,
        entity_id=entity.id,
        label=(label or str(entity))[:300],
        changes=changes or {},
        actor_links=[AuditEntryActor(actor_id=actor_id)
                     for actor_id in dict.fromkeys(actor_ids) if actor_id is not None],
    )
    db.session.add(entry)
    return entry


def data_version() -> int:
    """Grows with every write (the newest audit entry's id): a cache key for derived results."""
    return db.session.scalar(DATA_VERSION) or 0


DATA_VERSION = sa.select(sa.func.max(AuditEntry.id))  # asked per request: built once


@dataclass(frozen=True)
class History:
    """How one kind of record is written to the change history: the values an entry compares
    (`snapshot`), the actors on whose pages its entries are listed (`actor_ids`), and its label
    and entity type (default: the record's `str()` and table). Its create, update and delete are
    the one path of every service that writes such a record: one transaction, one entry."""

    snapshot: Callable[[Any], dict]
    actor_ids: Callable[[Any], Iterable[int | None]] = lambda entity: ()
    label: Callable[[Any], str] | None = None
    entity_type: str | None = None

    def record(self, action: AuditAction, entity, by: User | None, changes: dict, *,
               also: Iterable[int | None] = ()) -> AuditEntry:
        """The entry, listed for the record's actors and those in `also`."""
        return record(action, entity, by, changes=changes, actor_ids=[*self.actor_ids(entity), *also],
                      label=self.label(entity) if self.label else None, entity_type=self.entity_type)

    def create(self, model: type[T], fill: Callable[[T], object], *, by: User | None) -> T:
        """Add a new `model` record, created by `by` and filled in by `fill(record)`, with its entry."""
        with transaction():
            entity = model(created_by=by, updated_by=by)
            fill(entity)
            db.session.add(entity)
            db.session.flush()
            self.record(AuditAction.CREATE, entity, by, created(self.snapshot(entity)))
        return entity

    def update(self, entity, change: Callable[[], object], *, by: User | None,
               also: Iterable[int | None] = ()) -> dict:
        """Apply `change()` to `entity` and record what it changed (no entry if nothing did);
        the changes. A changed record is marked as changed by `by`, so that its version grows
        even where only its links changed; the entry is listed for its actors before and after
        the change and for those in `also`."""
        with transaction():
            before, former_actors = self.snapshot(entity), [*self.actor_ids(entity), *also]
            change()
            changes = changes_between(before, self.snapshot(entity))
            if changes:
                entity.updated_by, entity.updated_at = by, utcnow()
                db.session.flush()
                self.record(AuditAction.UPDATE, entity, by, changes, also=former_actors)
        return changes

    def delete(self, entity, *, version: int | None, by: User | None) -> None:
        """Delete `entity` if the page asking for it showed its current `version`."""
        check_version(entity, version)
        with transaction():
            self.record(AuditAction.DELETE, entity, by, removed(self.snapshot(entity)))
            db.session.delete(entity)

"""Create, rename, reorder, delete and merge entries of the editable lists.

The lists are actor types, fields of action, target groups, districts and languages
(coordination.models.lists). Names are unique per list, case- and whitespace-insensitively.
Seeded entries carry a `key` that the analysis relies on: renaming keeps it, merging a seeded entry
into a user-made one hands the key over, and an entry in use is never deleted – it can be merged
into another entry instead (all its uses move there, then it goes).

Where an entry is used is found from the schema's foreign keys, so a table that another area adds
later (pointing at a list) is counted and merged without changes here.
"""
from __future__ import annotations

import json
import zlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.extensions import db
from coordination.models import ActorType, AuditAction, District, FieldOfAction, Language, TargetGroup, User
from coordination.models.common import utcnow
from coordination.services.base import (
    ConflictError,
    ValidationError,
    changes_between,
    check_lengths,
    get_or_fail,
    name_clash,
    record,
    snapshot,
    transaction,
)
from coordination.services.monitoring import district_value_clashes

LIST_MODELS = (ActorType, FieldOfAction, TargetGroup, District, Language)
ENTRY_FIELDS = ("name",)
DISTRICT_FIELDS = ("name", "is_funding_area", "special_need", "parent")


@dataclass
class EntryValues:
    """What the form supplies for a list entry (the district fields are ignored for other lists)."""

    name: str
    is_funding_area: bool = False
    special_need: bool = False
    parent_id: int | None = None


def audit_fields(model) -> tuple[str, ...]:
    return DISTRICT_FIELDS if model is District else ENTRY_FIELDS


def entry_version(entry) -> int:
    """A checksum of the entry's editable values, standing in for a version column.

    Edit forms carry it; a save whose form was loaded before someone else changed the entry is
    refused (ConflictError). The position is left out: reordering does not make a form stale.
    """
    data = json.dumps(snapshot(entry, audit_fields(type(entry))), sort_keys=True, default=str)
    return zlib.crc32(data.encode())


# --- where an entry is used ---------------------------------------------------------------------

@dataclass(frozen=True)
class Reference:
    """A column pointing at a list entry, and the row that owns the use."""

    column: sa.Column  # e.g. actor_districts.district_id, actors.type_id
    owner_table: sa.Table  # e.g. actors
    owner_column: sa.Column  # the owner's id in the referencing table
    field: str  # name of the use in the owner's history: "districts", "type", "parent"

    @property
    def is_link(self) -> bool:
        """A row of a many-to-many table (rather than a column of the owner itself)."""
        return self.column.table is not self.owner_table


def _mapper_for(table: sa.Table):
    return next((m for m in db.Model.registry.mappers if m.local_table is table), None)


@cache
def references(model) -> tuple[Reference, ...]:
    """Every foreign key in the schema that points at `model`'s table."""
    target = model.__table__
    found = []
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is not target:
                continue
            others = [o for o in table.foreign_keys if o is not fk and o.parent.primary_key]
            if fk.parent.primary_key and len(others) == 1 and _mapper_for(table) is None:
                owner_table, owner_column = others[0].column.table, others[0].parent
                mapper = _mapper_for(owner_table)
                field = next((r.key for r in mapper.relationships if r.secondary is table),
                             table.name) if mapper else table.name
            else:
                owner_table, owner_column = table, list(table.primary_key.columns)[0]
                field = fk.parent.name.removesuffix("_id")
            found.append(Reference(fk.parent, owner_table, owner_column, field))
    return tuple(found)


# Order in which the uses are named; owners not listed here follow by table name.
OWNER_ORDER = ("actors", "contributions", "cooperations", "bodies", "districts")


def usage_counts(model, entry_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """{entry id: {owner table: number of distinct owners using it}}, one grouped query per
    owner table; entries without any use are missing."""
    by_owner: dict[str, list[Reference]] = defaultdict(list)
    for reference in references(model):
        by_owner[reference.owner_table.name].append(reference)
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for owner, refs in by_owner.items():
        selects = []
        for ref in refs:
            select = sa.select(ref.column.label("entry_id"), ref.owner_column.label("owner_id"))
            select = select.where(ref.column.is_not(None))
            if entry_ids is not None:
                select = select.where(ref.column.in_(entry_ids))
            selects.append(select)
        uses = (sa.union_all(*selects) if len(selects) > 1 else selects[0]).subquery()
        rows = db.session.execute(
            sa.select(uses.c.entry_id, sa.func.count(sa.distinct(uses.c.owner_id)))
            .group_by(uses.c.entry_id)).all()
        for entry_id, count in rows:
            result[entry_id][owner] = count
    return dict(result)


def usage(entry) -> dict[str, int]:
    """{owner table: count} of the uses of one entry, in the order they are named."""
    counts = usage_counts(type(entry), [entry.id]).get(entry.id, {})
    order = {name: i for i, name in enumerate(OWNER_ORDER)}
    return dict(sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


# How many rows of an owner table use an entry, in the dative after „wird von … verwendet“.
_OWNER_PHRASES = {
    "actors": lambda count: ngettext("%(num)d Akteur", "%(num)d Akteuren", count),
    "contributions": lambda count: ngettext("%(num)d Angebot", "%(num)d Angeboten", count),
    "cooperations": lambda count: ngettext("%(num)d Kooperation", "%(num)d Kooperationen", count),
    "bodies": lambda count: ngettext("%(num)d Gremium", "%(num)d Gremien", count),
    "districts": lambda count: ngettext("%(num)d untergeordneten Gebiet", "%(num)d untergeordneten Gebieten", count),
    "measures": lambda count: ngettext("%(num)d Handlungsempfehlung", "%(num)d Handlungsempfehlungen", count),
    "indicator_values": lambda count: ngettext("%(num)d Monitoringwert", "%(num)d Monitoringwerten", count),
}


def _owner_phrase(owner: str, count: int) -> str:
    """'12 Akteuren' – the dative after „wird von … verwendet“."""
    if owner in _OWNER_PHRASES:
        return _OWNER_PHRASES[owner](count)
    return ngettext("%(num)d Eintrag in „%(table)s“", "%(num)d Einträgen in „%(table)s“", count,
                    table=owner)


def usage_text(uses: dict[str, int]) -> str:
    """'12 Akteuren und 3 Angeboten' (empty when unused)."""
    phrases = [_owner_phrase(owner, count) for owner, count in uses.items() if count]
    if len(phrases) < 2:
        return "".join(phrases)
    return _("%(first)s und %(last)s", first=", ".join(phrases[:-1]), last=phrases[-1])


# --- validation -----------------------------------------------------------------------------------

def _validate(model, values: EntryValues, entry=None) -> tuple[dict[str, str], District | None]:
    values.name = (values.name or "").strip()
    errors: dict[str, str] = {}
    check_lengths(model, {"name": values.name}, errors)
    if not values.name:
        errors["name"] = _("Bitte geben Sie einen Namen an.")
    elif "name" not in errors and (other := name_clash(model, values.name,
                                                       getattr(entry, "id", None))):
        errors["name"] = _("„%(name)s“ gibt es in dieser Liste bereits.", name=other)
    parent = None
    if model is District and values.parent_id is not None:
        parent = db.session.get(District, values.parent_id)
        if parent is None:
            errors["parent_id"] = _("Unbekannter Eintrag (Nr. %(id)s).", id=values.parent_id)
        elif entry is not None and parent.id == entry.id:
            errors["parent_id"] = _("Ein Gebiet kann nicht sich selbst übergeordnet sein.")
        elif entry is not None and is_below(parent, entry):
            errors["parent_id"] = _("„%(parent)s“ liegt unterhalb von „%(name)s“ – das ergäbe einen "
                                    "Kreis.", parent=parent.name, name=entry.name)
    return errors, parent


def is_below(district: District, ancestor: District) -> bool:
    """True if `ancestor` is `district` or lies above it in the hierarchy."""
    seen: set[int] = set()
    node: District | None = district
    while node is not None and node.id not in seen:
        if node.id == ancestor.id:
            return True
        seen.add(node.id)
        node = node.parent
    return False


def _apply(entry, values: EntryValues, parent: District | None) -> None:
    entry.name = values.name
    if isinstance(entry, District):
        entry.is_funding_area, entry.special_need = values.is_funding_area, values.special_need
        entry.parent = parent


# --- write operations -----------------------------------------------------------------------------

def create_entry(model, values: EntryValues, *, by: User | None):
    """Add an entry at the end of its list."""
    errors, parent = _validate(model, values)
    if errors:
        raise ValidationError(errors)
    with transaction():
        last = db.session.scalar(sa.select(sa.func.max(model.position)))
        entry = model(position=(last + 1) if last is not None else 0)
        _apply(entry, values, parent)
        db.session.add(entry)
        db.session.flush()
        record(AuditAction.CREATE, entry, by,
               changes=changes_between({}, snapshot(entry, audit_fields(model))))
    return entry


def update_entry(entry, values: EntryValues, *, version: int | None, by: User | None):
    """Rename an entry (its key stays) or change a district's flags and parent."""
    if version is None or version != entry_version(entry):
        raise ConflictError(_("Der Eintrag wurde inzwischen von jemand anderem geändert. Bitte "
                              "laden Sie die Seite neu und übernehmen Sie Ihre Änderungen erneut."))
    model = type(entry)
    errors, parent = _validate(model, values, entry)
    if errors:
        raise ValidationError(errors)
    with transaction():
        before = snapshot(entry, audit_fields(model))
        _apply(entry, values, parent)
        changes = changes_between(before, snapshot(entry, audit_fields(model)))
        if changes:
            record(AuditAction.UPDATE, entry, by, changes=changes)
    return entry


def move_entry(entry, offset: int, *, by: User | None) -> bool:
    """Move an entry `offset` places up (negative) or down; False if it is already at the edge.

    Positions are renumbered 0..n-1 on the way, so gaps left by deletions disappear. The audit
    entries name places counted from 1, as the list shows them.
    """
    model = type(entry)
    entries = list(db.session.scalars(sa.select(model).order_by(model.position, model.name, model.id)))
    old = entries.index(entry)
    new = max(0, min(len(entries) - 1, old + offset))
    if new == old:
        return False
    with transaction():
        original = list(entries)
        entries.insert(new, entries.pop(old))
        for place, item in enumerate(entries):
            item.position = place
        record(AuditAction.UPDATE, entry, by, changes={"position": [old + 1, new + 1]})
        for place, item in enumerate(entries):
            before = original.index(item)
            if item is not entry and before != place:
                record(AuditAction.UPDATE, item, by, changes={"position": [before + 1, place + 1]})
    return True


def delete_entry(entry, *, by: User | None) -> None:
    """Delete an unused entry; an entry in use is refused with where it is used."""
    with transaction():
        uses = usage(entry)
        if uses:
            raise ValidationError({"entry": _(
                "„%(name)s“ wird von %(uses)s verwendet und kann daher nicht gelöscht werden. "
                "Sie können den Eintrag stattdessen mit einem anderen zusammenführen.",
                name=entry.name, uses=usage_text(uses))})
        record(AuditAction.DELETE, entry, by,
               changes=changes_between(snapshot(entry, audit_fields(type(entry))), {}))
        db.session.delete(entry)


@dataclass
class MergeResult:
    target: object
    moved: dict[str, int]  # {owner table: number of owners that used the merged entry}


def merge_entry(source, target_id: int | None, *, by: User | None) -> MergeResult:
    """Move every use of `source` to the entry `target_id` of the same list, then delete `source`.

    An owner that already used both keeps one use (of the target). Each changed owner gets an
    audit entry (actors in their own history), and its version goes up so that an edit form
    loaded before the merge is refused rather than saved with the old entry. A seeded key of
    `source` passes to a target without a key; two seeded entries are not merged, since the
    analysis needs both keys.
    """
    model = type(source)
    target = get_or_fail(model, target_id, "target_id")
    errors = {}
    if target.id == source.id:
        errors["target_id"] = _("Bitte wählen Sie einen anderen Eintrag.")
    elif source.key and target.key:
        errors["target_id"] = _(
            "„%(source)s“ und „%(target)s“ sind beide Standardeinträge, die die Auswertung "
            "braucht, und können nicht zusammengeführt werden.", source=source.name,
            target=target.name)
    elif isinstance(source, District) and is_below(target, source):
        errors["target_id"] = _("„%(target)s“ liegt unterhalb von „%(source)s“. Ordnen Sie den "
                                "Eintrag zuerst anders zu.", target=target.name, source=source.name)
    elif isinstance(source, District) and district_value_clashes(source.id, target.id):
        errors["target_id"] = _(
            "Für „%(source)s“ und „%(target)s“ sind Monitoringwerte desselben Indikators und "
            "Jahres erfasst. Bitte löschen Sie zuerst die Werte eines der beiden Einträge.",
            source=source.name, target=target.name)
    if errors:
        raise ValidationError(errors)
    source_name, target_name = source.name, target.name
    with transaction():
        moved = usage(source)
        for reference in references(model):
            _move_uses(reference, source.id, target.id, (source_name, target_name), by)
        db.session.expire_all()
        if source.key and not target.key:
            key, source.key = source.key, None
            db.session.flush()
            target.key = key
            record(AuditAction.UPDATE, target, by, changes={"key": [None, key]})
        record(AuditAction.DELETE, source, by, changes={"merged_into": [None, target_name]})
        db.session.delete(source)
    return MergeResult(target=target, moved=moved)


def _move_uses(reference: Reference, source_id: int, target_id: int, names: tuple[str, str],
               by: User | None) -> None:
    table, column, owner_column = reference.column.table, reference.column, reference.owner_column
    owner_ids = list(db.session.scalars(sa.select(owner_column).where(column == source_id).distinct()))
    if not owner_ids:
        return
    if reference.is_link:
        # An owner using both keeps only the target (the link table's key allows one row).
        db.session.execute(sa.delete(table).where(
            column == source_id,
            owner_column.in_(sa.select(owner_column).where(column == target_id).scalar_subquery())))
    db.session.execute(sa.update(table).where(column == source_id).values({column.name: target_id}))
    owner_table = reference.owner_table
    id_column = list(owner_table.primary_key.columns)[0]
    bump = {}
    if "version" in owner_table.c:
        bump["version"] = owner_table.c.version + 1
    if "updated_at" in owner_table.c:
        bump["updated_at"] = utcnow()
    if "updated_by_id" in owner_table.c:
        bump["updated_by_id"] = by.id if by else None
    if bump:
        db.session.execute(sa.update(owner_table).where(id_column.in_(owner_ids)).values(bump))
    db.session.expire_all()
    mapper = _mapper_for(owner_table)
    if mapper is None:
        return
    owner_model = mapper.class_
    owners = db.session.scalars(sa.select(owner_model).where(
        getattr(owner_model, mapper.get_property_by_column(id_column).key).in_(owner_ids)))
    for owner in owners:
        record(AuditAction.UPDATE, owner, by, changes={reference.field: list(names)},
               actor_ids=[owner.id] if owner_table.name == "actors" else ())

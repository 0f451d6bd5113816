"""What the check of an import finds and plans: problems by sheet, row and column, the rows with
what happens to each (create, merge, skip), the values to write, and the list entries the file
uses but the lists lack. `Lookups` preloads what the check compares against (lists, actors,
running cooperations, participations), so that no row costs a query.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coordination.extensions import db
from coordination.models import (
    Actor,
    ActorStatus,
    ActorType,
    Commitment,
    Contribution,
    ContributionKind,
    ContributionParticipant,
    ContributionStatus,
    Cooperation,
    CooperationKind,
    District,
    FieldOfAction,
    Language,
    TargetGroup,
)
from coordination.services.actors import ActorValues, ContactValues
from coordination.services.contributions import ContributionValues
from coordination.services.cooperations import CooperationValues, is_running
from coordination.services.importing.cells import choice_lookup, fold_name, name_key
from coordination.wording import DISTRICT_LABEL

DEFAULT_TYPE_KEY = "other"

def row_ranges(numbers: list[int]) -> str:
    """Row numbers as a short text: [3, 7, 8, 9] -> "3, 7–9"."""
    parts, ordered = [], sorted(set(numbers))
    start = previous = None
    for number in [*ordered, None]:
        if start is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = number
    return ", ".join(parts)


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str
    level: str = "error"  # or "warning"

    def as_text(self) -> str:
        where = _("Blatt „%(sheet)s“", sheet=self.sheet)
        if self.row is not None:
            where += ", " + _("Zeile %(row)d", row=self.row)
        if self.column:
            where += ", " + _("Spalte „%(column)s“", column=self.column)
        prefix = _("Fehler") if self.level == "error" else _("Hinweis")
        return f"{prefix} ({where}): {self.message}"


@dataclass
class Missing:
    """A list value the file uses but the lists lack (a type, district, target group …)."""

    list_name: str  # "types", "districts", "target_groups", "fields_of_action", "languages"
    name: str
    rows: list[tuple[str, int]] = field(default_factory=list)
    provisional_id: int | None = None  # set when the entry is to be created

    @property
    def key(self) -> str:
        return f"{self.list_name}:{fold_name(self.name)}"


LIST_MODELS = {"types": ActorType, "districts": District, "target_groups": TargetGroup,
               "fields_of_action": FieldOfAction, "languages": Language}
LIST_LABELS = {"types": _l("Akteurstyp"), "districts": DISTRICT_LABEL, "target_groups": _l("Zielgruppe"),
               "fields_of_action": _l("Handlungsfeld"), "languages": _l("Sprache")}


@dataclass
class Options:
    """create_missing: True for all, or the `Missing.key`s to create. on_match: what to do with
    an actor row whose name matches an existing actor: "merge", "skip" or "new" (a new actor,
    possible only where the names differ in more than case and spacing)."""

    create_missing: bool | frozenset[str] = False
    on_match: str = "merge"
    valid_only: bool = False

    def creates(self, missing_key: str) -> bool:
        return self.create_missing is True or (
            isinstance(self.create_missing, frozenset) and missing_key in self.create_missing)


@dataclass
class RowResult:
    sheet: str
    kind: str
    row: int
    label: str
    ok: bool = True
    action: str = "create"  # create, merge, skip


@dataclass
class ActorPlan:
    row: RowResult
    ref: int  # provisional (negative) id of a new actor, or the id of the existing actor
    values: ActorValues
    commitments: list[int]
    merge_into: int | None = None
    contact: ContactValues | None = None  # a contact person (personal data) named in the row


@dataclass
class ContributionPlan:
    row: RowResult | None  # None for contributions generated from the actors' commitments column
    values: ContributionValues


@dataclass
class CooperationPlan:
    row: RowResult
    values: CooperationValues


@dataclass
class Plan:
    filenames: list[str]
    problems: list[Problem] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    actors: list[ActorPlan] = field(default_factory=list)
    contributions: list[ContributionPlan] = field(default_factory=list)
    cooperations: list[CooperationPlan] = field(default_factory=list)
    missing: dict[str, Missing] = field(default_factory=dict)
    sheets: list[tuple[str, str, int]] = field(default_factory=list)  # name, kind, rows

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def left_out(self) -> list[tuple[str, int, str]]:
        """(sheet, how many, "3, 7–9"): the rows with errors, which "nur fehlerfreie Zeilen"
        leaves out, per sheet."""
        numbers: dict[str, list[int]] = {}
        for row in self.rows:
            if not row.ok:
                numbers.setdefault(row.sheet, []).append(row.row)
        return [(sheet, len(rows), row_ranges(rows)) for sheet, rows in numbers.items()]

    def summary(self) -> dict[str, int]:
        ok = [r for r in self.rows if r.ok]
        return {
            "rows": len(self.rows), "valid_rows": len(ok), "invalid_rows": len(self.rows) - len(ok),
            "actors_new": sum(1 for a in self.actors if a.row.ok and a.row.action == "create"),
            "actors_merged": sum(1 for a in self.actors if a.row.ok and a.row.action == "merge"),
            "actors_skipped": sum(1 for a in self.actors if a.row.ok and a.row.action == "skip"),
            "contributions": sum(1 for c in self.contributions if c.row is None or c.row.ok),
            "contributions_generated": sum(1 for c in self.contributions if c.row is None),
            "cooperations": sum(1 for c in self.cooperations if c.row.ok),
            "missing": len(self.missing),
        }


# --- lookups -------------------------------------------------------------------------------------

class ListIndex:
    """Entries of one editable list by folded name, key and name parts ("Bildungsträger/VHS")."""

    def __init__(self, model):
        self.by_name: dict[str, int] = {}
        self.by_alias: dict[str, set[int]] = defaultdict(set)
        for entry_id, name, key in db.session.execute(sa.select(model.id, model.name, model.key)):
            self.by_name[fold_name(name)] = entry_id
            if key:
                self.by_alias[fold_name(key)].add(entry_id)
            bare = re.sub(r"\s*\(([^)]*)\)", "", name)
            for part in {bare, *bare.split("/"), *re.findall(r"\(([^)]*)\)", name)}:
                if part.strip():
                    self.by_alias[fold_name(part)].add(entry_id)
        self.created: dict[str, int] = {}

    def find(self, name: str) -> int | None:
        key = fold_name(name)
        if key in self.by_name:
            return self.by_name[key]
        if key in self.created:
            return self.created[key]
        ids = self.by_alias.get(key, ())
        return next(iter(ids)) if len(ids) == 1 else None


class Lookups:
    def __init__(self):
        self.lists = {name: ListIndex(model) for name, model in LIST_MODELS.items()}
        self.commitment_ids = dict(db.session.execute(sa.select(Commitment.number, Commitment.id)).all())
        self.commitment_numbers = {v: k for k, v in self.commitment_ids.items()}
        self.actor_by_key: dict[str, tuple[int, str]] = {}
        self.actors_by_fold: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for actor_id, name, key in db.session.execute(sa.select(Actor.id, Actor.name, Actor.name_key)):
            self.actor_by_key[key] = (actor_id, name)
            self.actors_by_fold[fold_name(name)].append((actor_id, name))
        today = date.today()
        self.running_pairs: dict[tuple[int, int, str], int] = {}
        for row in db.session.execute(sa.select(Cooperation.id, Cooperation.actor_a_id, Cooperation.actor_b_id,
                                                Cooperation.kind, Cooperation.end_date)):
            if is_running(row.end_date, today):
                self.running_pairs.setdefault((row.actor_a_id, row.actor_b_id, row.kind.value), row.id)
        self.participations = set(db.session.execute(
            sa.select(ContributionParticipant.actor_id, Commitment.number)
            .join(Contribution, Contribution.id == ContributionParticipant.contribution_id)
            .join(Commitment, Commitment.id == Contribution.commitment_id)).tuples())
        self.default_type_id = db.session.scalar(sa.select(ActorType.id).where(ActorType.key == DEFAULT_TYPE_KEY))
        self.actor_statuses = choice_lookup(ActorStatus)
        self.contribution_statuses = choice_lookup(ContributionStatus)
        self.contribution_kinds = choice_lookup(ContributionKind)
        self.cooperation_kinds = choice_lookup(CooperationKind)
        self.next_id = -1

    def provisional_id(self) -> int:
        self.next_id -= 1
        return self.next_id

    def existing_actor(self, name: str) -> tuple[int, str] | str | None:
        """(id, name) of the existing actor with this name, "ambiguous", or None."""
        exact = self.actor_by_key.get(name_key(name))
        if exact:
            return exact
        matches = self.actors_by_fold.get(fold_name(name), [])
        if len(matches) > 1:
            return "ambiguous"
        return matches[0] if matches else None



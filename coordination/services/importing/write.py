"""Writing an import's plan: one transaction, bulk inserts through `coordination.services.bulk`,
existing actors merged, and one summary audit entry. All or nothing.
"""
from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import (
    Actor,
    AuditAction,
    ContactPerson,
    Contribution,
    ContributionParticipant,
    Cooperation,
    User,
)
from coordination.models.actors import actor_districts, actor_fields, actor_languages, actor_target_groups
from coordination.models.common import utcnow
from coordination.models.contributions import contribution_districts, contribution_languages, contribution_target_groups
from coordination.models.cooperations import cooperation_commitments
from coordination.services import lists as list_service
from coordination.services.actors import flag_migrant_organisations
from coordination.services.base import record, transaction
from coordination.services.bulk import insert_links, insert_returning_ids, insert_rows
from coordination.services.importing.plan import LIST_MODELS, ActorPlan, Options, Plan, Problem
from coordination.text import normalize_name, search_key


class ImportRefused(Exception):
    """The plan has errors and the caller did not ask for the valid rows only."""

    def __init__(self, problems: list[Problem]):
        super().__init__(_("Der Import wurde nicht ausgeführt: %(count)d Fehler.", count=len(problems)))
        self.problems = problems


def execute(plan: Plan, options: Options, *, by: User | None, label: str = "") -> dict[str, int]:
    """Write the plan in one transaction; {what: how many}. Raises ImportRefused when the plan
    has errors, unless `options.valid_only` (then rows with errors, and rows that depend on
    them, are left out)."""
    if plan.errors and not options.valid_only:
        raise ImportRefused(plan.errors)
    now, by_id = utcnow(), (by.id if by else None)
    tracked = {"created_at": now, "updated_at": now, "version": 1, "created_by_id": by_id,
               "updated_by_id": by_id}
    id_map: dict[int, int] = {}

    def real(provisional):
        return id_map.get(provisional, provisional)

    counts = {"list_entries": 0, "actors_created": 0, "actors_merged": 0, "contact_persons": 0,
              "contributions": 0, "cooperations": 0, "rows_skipped": sum(1 for row in plan.rows if not row.ok or row.action == "skip")}
    with transaction():
        for missing in plan.missing.values():
            if missing.provisional_id is not None:
                entry = list_service.create_entry(LIST_MODELS[missing.list_name],
                                                  list_service.EntryValues(name=missing.name), by=by)
                id_map[missing.provisional_id] = entry.id
                counts["list_entries"] += 1

        # actors: new ones in bulk, matches merged into the existing ones
        actors = [a for a in plan.actors if a.row.ok and a.row.action != "skip"]
        new = [a for a in actors if a.row.action == "create"]
        ids = insert_returning_ids(Actor.__table__, [{
            "name": a.values.name, "name_key": normalize_name(a.values.name), "type_id": real(a.values.type_id),
            "migrant_led": a.values.migrant_led, "municipal": a.values.municipal,
            "description": a.values.description.strip(), "address": a.values.address.strip(),
            "whole_commune": a.values.whole_commune, "website": a.values.website.strip(),
            "email": a.values.email.strip(), "phone": a.values.phone.strip(), "status": a.values.status,
            "last_reviewed": None, **tracked} for a in new])
        for actor, actor_id in zip(new, ids):
            id_map[actor.ref] = actor_id
        merged = [a for a in actors if a.row.action == "merge"]
        _merge_actors(merged, real, now, by_id)
        flag_migrant_organisations()
        counts["actors_created"], counts["actors_merged"] = len(new), len(merged)
        counts["contact_persons"] = _insert_contacts(actors, real)
        existing_links = _existing_links([a.ref for a in merged])
        for table, attribute in ((actor_districts, "district_ids"), (actor_target_groups, "target_group_ids"),
                                 (actor_fields, "field_of_action_ids"), (actor_languages, "language_ids")):
            pairs = ((real(a.ref), real(entry_id)) for a in actors for entry_id in getattr(a.values, attribute))
            insert_links(table, [pair for pair in pairs if pair not in existing_links[table.name]])

        # contributions with their participants and lists
        contributions = [c for c in plan.contributions if c.row is None or c.row.ok]
        ids = insert_returning_ids(Contribution.__table__, [{
            "title": c.values.title, "commitment_id": c.values.commitment_id, "kind": c.values.kind,
            "field_of_action_id": real(c.values.field_of_action_id) if c.values.field_of_action_id else None,
            "status": c.values.status, "start_date": c.values.start_date, "end_date": c.values.end_date,
            "description": c.values.description, "whole_commune": c.values.whole_commune,
            "last_reviewed": None, **tracked} for c in contributions])
        participants, links = [], defaultdict(list)
        for contribution, contribution_id in zip(contributions, ids):
            values = contribution.values
            lead = real(values.lead_actor_id)
            participants.append({"contribution_id": contribution_id, "actor_id": lead, "is_lead": True})
            participants.extend({"contribution_id": contribution_id, "actor_id": real(p), "is_lead": False}
                                for p in dict.fromkeys(values.partner_actor_ids) if real(p) != lead)
            for table, attribute in ((contribution_target_groups, "target_group_ids"),
                                     (contribution_districts, "district_ids"),
                                     (contribution_languages, "language_ids")):
                links[table].extend((contribution_id, real(entry_id)) for entry_id in getattr(values, attribute))
        insert_rows(ContributionParticipant.__table__, participants)
        for table, pairs in links.items():
            insert_links(table, pairs)
        counts["contributions"] = len(contributions)

        # cooperations, stored as ordered pairs
        cooperations = [c for c in plan.cooperations if c.row.ok]
        rows = []
        for cooperation in cooperations:
            values = cooperation.values
            low, high = sorted((real(values.actor_a_id), real(values.actor_b_id)))
            rows.append({"actor_a_id": low, "actor_b_id": high, "kind": values.kind,
                         "start_date": values.start_date, "end_date": values.end_date,
                         "intensity": values.intensity, "written_agreement": values.written_agreement,
                         "note": values.note, **tracked})
        ids = insert_returning_ids(Cooperation.__table__, rows)
        insert_links(cooperation_commitments, [
            (cooperation_id, commitment_id) for cooperation, cooperation_id in zip(cooperations, ids)
            for commitment_id in cooperation.values.commitment_ids])
        counts["cooperations"] = len(cooperations)

        record(AuditAction.CREATE, SimpleNamespace(id=None), by, entity_type="import",
               label=(label or _("Import: %(files)s", files=", ".join(plan.filenames)))[:300],
               changes={name: [None, value] for name, value in counts.items() if value})
    return counts


def _insert_contacts(actors: list[ActorPlan], real) -> int:
    """The contact persons named in the rows (personal data); one an actor has already (same
    name) is not added twice. How many were added."""
    wanted = [(real(a.ref), a.contact) for a in actors if a.contact is not None]
    existing = set(db.session.execute(sa.select(ContactPerson.actor_id, sa.func.lower(ContactPerson.name))
                                      .where(ContactPerson.actor_id.in_([actor_id for actor_id, _c in wanted])))
                   .tuples()) if wanted else set()
    rows = []
    for actor_id, contact in wanted:
        if (actor_id, contact.name.lower()) not in existing:
            existing.add((actor_id, contact.name.lower()))
            rows.append({"actor_id": actor_id, "name": contact.name, "role": contact.role.strip(),
                         "email": contact.email.strip(), "phone": contact.phone.strip(), "version": 1})
    return insert_rows(ContactPerson.__table__, rows)


def _existing_links(actor_ids: list[int]) -> dict[str, set[tuple]]:
    result = defaultdict(set)
    if actor_ids:
        for table in (actor_districts, actor_target_groups, actor_fields, actor_languages):
            owner = list(table.columns)[0]
            result[table.name] = set(db.session.execute(sa.select(*table.columns).where(
                owner.in_(actor_ids))).tuples())
    return result


def _merge_actors(merged: list[ActorPlan], real, now, by_id) -> None:
    """Fill the existing actors' empty text fields, add flags (a "ja" in the file wins)."""
    if not merged:
        return
    table = Actor.__table__
    current = {row.id: row for row in db.session.execute(sa.select(table).where(
        table.c.id.in_([a.ref for a in merged])))}
    for actor in merged:
        row, values = current[actor.ref], actor.values
        changes = {name: getattr(values, name).strip() for name in ("description", "address", "website",
                                                                     "email", "phone")
                   if not getattr(row, name) and getattr(values, name).strip()}
        for flag in ("migrant_led", "municipal", "whole_commune"):
            if getattr(values, flag) and not getattr(row, flag):
                changes[flag] = True
        if "description" in changes or "address" in changes:
            changes["search_text"] = search_key(changes.get("description", row.description),
                                                changes.get("address", row.address))
        if changes:
            db.session.execute(table.update().where(table.c.id == actor.ref).values(
                **changes, version=table.c.version + 1, updated_at=now, updated_by_id=by_id))

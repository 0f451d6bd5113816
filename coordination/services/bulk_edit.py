"""Bulk edit of selected actors or offers (contributions): districts, target groups, status and
"geprüft am heute" at once, in one transaction, with one history entry per changed record."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from coordination.extensions import db
from coordination.models import (
    Actor,
    ActorStatus,
    Contribution,
    ContributionStatus,
    District,
    TargetGroup,
    User,
)
from coordination.services import actors as actor_service
from coordination.services import contributions as contribution_service
from coordination.services.base import History, ValidationError, get_all_or_fail, transaction

MODES = ("add", "replace", "remove")


@dataclass
class BulkChanges:
    """What to change on every selected record; empty lists and "" leave a field as it is
    (except "replace" with an empty list, which empties it)."""

    district_ids: list[int] = field(default_factory=list)
    districts_mode: str = "add"
    target_group_ids: list[int] = field(default_factory=list)
    target_groups_mode: str = "add"
    status: str = ""
    reviewed_today: bool = False

    def touches(self, name: str) -> bool:
        """Whether the list `name` ("districts" or "target_groups") changes."""
        return bool(getattr(self, f"{name[:-1]}_ids")) or getattr(self, f"{name}_mode") == "replace"


def _combined(current: list, chosen: list, mode: str) -> list:
    if mode == "replace":
        return list(chosen)
    if mode == "remove":
        return [entry for entry in current if entry not in chosen]
    return list(current) + [entry for entry in chosen if entry not in current]


def _apply_bulk(model, ids: list[int], changes: BulkChanges, statuses, *, by: User | None,
                history: History, listed_for: Callable[[Any], list[int]] = lambda entity: []) -> int:
    """Apply `changes` to the `model` rows with `ids`; how many records changed (each with its
    entry in the history, listed also for the actors `listed_for` names)."""
    errors: dict[str, str] = {}
    if not ids:
        errors["selected"] = _("Bitte wählen Sie mindestens einen Eintrag aus.")
    if changes.status and changes.status not in {status.value for status in statuses}:
        errors["status"] = _("Unbekannter Status.")
    for name in ("districts_mode", "target_groups_mode"):
        if getattr(changes, name) not in MODES:
            errors[name] = _("Unbekannte Auswahl.")
    related = {}
    for key, list_model, chosen in (("districts", District, changes.district_ids),
                                    ("target_groups", TargetGroup, changes.target_group_ids)):
        try:
            related[key] = get_all_or_fail(list_model, chosen, f"{key[:-1]}_ids")
        except ValidationError as error:
            errors.update(error.errors)
    records = list(db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(
        selectinload(model.districts), selectinload(model.target_groups)))) if ids else []
    if ids and len(records) != len(set(ids)):
        errors["selected"] = _("Einige der ausgewählten Einträge gibt es nicht mehr.")
    if not errors and not (changes.touches("districts") or changes.touches("target_groups")
                           or changes.status or changes.reviewed_today):
        errors["selected"] = _("Bitte geben Sie an, was geändert werden soll.")
    if errors:
        raise ValidationError(errors)
    with transaction():
        return sum(bool(history.update(entity, partial(_change, entity, changes, related, statuses), by=by,
                                       also=listed_for(entity)))
                   for entity in records)


def _change(entity, changes: BulkChanges, related: dict, statuses) -> None:
    if changes.touches("districts"):
        entity.districts = _combined(entity.districts, related["districts"], changes.districts_mode)
    if changes.touches("target_groups"):
        entity.target_groups = _combined(entity.target_groups, related["target_groups"], changes.target_groups_mode)
    if changes.status:
        entity.status = statuses(changes.status)
    if changes.reviewed_today:
        entity.last_reviewed = date.today()


def bulk_edit_actors(actor_ids: list[int], changes: BulkChanges, *, by: User | None) -> int:
    """Change the selected actors; how many changed (one history entry each)."""
    return _apply_bulk(Actor, actor_ids, changes, ActorStatus, by=by, history=actor_service.HISTORY)


def bulk_edit_contributions(contribution_ids: list[int], changes: BulkChanges, *, by: User | None) -> int:
    """Change the selected offers; how many changed (one history entry each, shown to their actors)."""
    return _apply_bulk(Contribution, contribution_ids, changes, ContributionStatus, by=by,
                       history=contribution_service.HISTORY,
                       listed_for=lambda contribution: [p.actor_id for p in contribution.participants])

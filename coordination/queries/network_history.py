"""The data version the analysis depends on, and the change history (network_data.load_history)
kept per process and carried forward over the writes since it was read.

Every write adds an audit entry, so the newest entry is the data version of the caches of
derived results. After a write a process needs the history of the new version. Reading it whole
costs one query per table (about 10 ms of processor time on PostgreSQL for the demo commune,
docs/performance.md). When every entry since the kept history is the creation or change of an
actor (an actor's form, "geprüft", a bulk edit of actors: most writes while people work), just
those actors are read anew (three small queries); anything else, or anything doubtful, reads the
history whole again:
- any other kind of record written, an actor deleted, or more than FOLLOWED_WRITES entries;
- an entry committed late below the kept version (two writers on PostgreSQL draw ids in one
  order and may commit in the other), or the audit trail replaced (a restore);
- a new day (the history's `today`), an actor of a type the kept history does not know.
"""
from __future__ import annotations

import threading
from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app

from coordination.analysis.pipeline import cyclic_gc_paused
from coordination.extensions import db
from coordination.models import AuditAction, AuditEntry
from coordination.queries.network_data import NetworkHistory, load_history, with_actors_reread

# Audit entity types of writes that do not change what the analysis reads.
OWN_ENTITY_TYPES = ("finding_acceptances", "measures", "reports", "node_positions", "concept_texts")
LATE_WINDOW = 1000  # audit entries below the newest whose late commit changes the version
FOLLOWED_WRITES = 50  # at most this many writes since the kept history are followed
_HISTORY = "coordination.network_history"
_RELEVANT = AuditEntry.entity_type.not_in(OWN_ENTITY_TYPES)


def analysis_version() -> tuple[int, int]:
    """The cache key's data part: (the newest audit entry that can change the analysis
    (acceptances, measures and reports do not), how many such entries are among the
    LATE_WINDOW ids up to it). The count changes when an entry commits after a newer one,
    which two writers on PostgreSQL can do (they draw ids in one order and may commit in the
    other) and which leaves the newest id as it was. The newest is found newest-first with
    LIMIT 1, so it stops at the first matching row on SQLite and PostgreSQL alike."""
    newest = sa.select(AuditEntry.id).where(_RELEVANT).order_by(AuditEntry.id.desc()).limit(1)
    row = db.session.execute(sa.select(sa.func.max(AuditEntry.id), sa.func.count(AuditEntry.id))
                             .where(_RELEVANT, AuditEntry.id > newest.scalar_subquery() - LATE_WINDOW)).one()
    return row[0] or 0, row[1]


def current_history(version: tuple[int, int] | None = None) -> NetworkHistory:
    """Every record with its valid time (network_data.load_history) as of `version` (default:
    the current one), kept per process: the analyses of every date and the trends of the status
    report share it (at 2,000 actors reading it whole takes a few hundred milliseconds, cutting
    a date from it a few dozen). A newer version follows the kept one where the module
    docstring says so."""
    version = analysis_version() if version is None else version
    cache = current_app.extensions.setdefault(_HISTORY, {"lock": threading.Lock(), "entry": None})
    entry = cache["entry"]
    if entry is not None and entry[0] == version:
        return entry[2]
    with cache["lock"]:
        entry = cache["entry"]
        if entry is None or entry[0] != version:
            followed = _followed(entry, version) if entry is not None else None
            if followed is None:
                with cyclic_gc_paused():
                    followed = _written_at(version[0]), load_history()
            entry = cache["entry"] = (version, *followed)
        return entry[2]


def forget_history() -> None:
    """Drop the kept history (e.g. after a restore that reset the audit trail)."""
    history = current_app.extensions.get(_HISTORY)
    if history is not None:
        history["entry"] = None


def _written_at(entry_id: int) -> datetime | None:
    """When the audit entry `entry_id` was written (None if there is none): with the id, it tells
    the trail it belongs to from another one restored since."""
    return db.session.scalar(sa.select(AuditEntry.created_at).where(AuditEntry.id == entry_id))


def _followed(kept: tuple, version: tuple[int, int]) -> tuple[datetime, NetworkHistory] | None:
    """The kept history ((version, when its newest entry was written, history)) carried forward
    to `version` (with when the newest entry of `version` was written), or None where it must
    be read whole (see the module docstring)."""
    (newest, count), kept_written_at, history = kept
    if version[0] <= newest or history.data.today != date.today():
        return None
    writes = db.session.execute(
        sa.select(AuditEntry.id, AuditEntry.created_at, AuditEntry.entity_type, AuditEntry.action,
                  AuditEntry.entity_id)
        .where(_RELEVANT, AuditEntry.id > newest).order_by(AuditEntry.id)
        .limit(FOLLOWED_WRITES + 1)).all()
    written_at = {entry_id: at for entry_id, at, *_rest in writes}
    if version[0] not in written_at or len(writes) > FOLLOWED_WRITES or any(
            entity_type != "actors" or action == AuditAction.DELETE or entity_id is None
            for _id, _at, entity_type, action, entity_id in writes):
        return None
    below = sa.and_(AuditEntry.id > newest - LATE_WINDOW, AuditEntry.id <= newest)
    still, newest_written_at = db.session.execute(sa.select(
        sa.func.count(AuditEntry.id).filter(below),
        sa.func.max(AuditEntry.created_at).filter(AuditEntry.id == newest)).where(_RELEVANT)).one()
    if still != count or newest_written_at != kept_written_at:  # committed late, or another trail
        return None
    followed = with_actors_reread(history, {entity_id for *_entry, entity_id in writes})
    return None if followed is None else (written_at[version[0]], followed)


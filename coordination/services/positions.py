"""Stored positions of the network picture: computed once, saved by coordinators, reset, re-run.

The force layout (coordination.analysis.layout) is far too slow to run per page view at a few
thousand actors, so every actor's position lives in `node_positions`:

* `current_positions()` is what pages read. Actors without a row get one there and then: next
  to their partners if those are placed, otherwise in a fresh layout of the unplaced ones
  beside the picture. On an empty table this is the one full layout run. Filling in missing
  positions is derived data like a cache entry, so it writes no audit entry; two requests doing
  it at the same time are harmless (the second one's insert fails and it reads the first one's).
* `save_positions`, `reset_positions` and `rerun_layout` are what coordinators do; they are
  audited like every other write.

The layout graph is every actor and every cooperation pair, past and present, so a cooperation
that ends does not move anybody. Positions are in vis-network canvas units.
"""
from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from types import SimpleNamespace

import networkx as nx
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from coordination.analysis import layout
from coordination.extensions import db
from coordination.models import Actor, AuditAction, Cooperation, User
from coordination.models.common import utcnow
from coordination.models.layout import NodePosition
from coordination.services.base import ValidationError, record, transaction

ENTITY_TYPE = "node_positions"
COORDINATE_LIMIT = 10_000_000.0  # a dragged node cannot be further out than this
LAYOUT_SEED = 42


@dataclass(frozen=True)
class Placement:
    x: float
    y: float
    pinned: bool  # a coordinator saved this position


def layout_graph() -> nx.Graph:
    """Every actor (node) and every pair of actors that has or had a cooperation (edge)."""
    G = nx.Graph()
    G.add_nodes_from(db.session.scalars(sa.select(Actor.id).order_by(Actor.id)))
    G.add_edges_from(db.session.execute(
        sa.select(Cooperation.actor_a_id, Cooperation.actor_b_id).distinct()).tuples())
    return G


def stored_positions() -> dict[int, Placement]:
    return {row.actor_id: Placement(row.x, row.y, row.pinned) for row in db.session.execute(
        sa.select(NodePosition.actor_id, NodePosition.x, NodePosition.y, NodePosition.pinned))}


def positions_state() -> tuple[bool, tuple]:
    """(every actor has a position, a stamp that changes with every stored change)."""
    actors = db.session.scalar(sa.select(sa.func.count()).select_from(Actor))
    count, newest = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(NodePosition.updated_at))).one()
    return actors == count, (count, newest)


def current_positions() -> dict[int, Placement]:
    """A position for every actor, computing (and storing) the missing ones first."""
    stored = stored_positions()
    actor_ids = set(db.session.scalars(sa.select(Actor.id)))
    if actor_ids <= stored.keys():
        return stored
    G = layout_graph()
    new = layout.extend_layout(G, {node: (p.x, p.y) for node, p in stored.items()},
                               seed=LAYOUT_SEED, spacing=layout.spacing_for(len(G)))
    now = utcnow()
    rows = [{"actor_id": node, "x": x, "y": y, "computed_x": x, "computed_y": y,
             "pinned": False, "updated_at": now}
            for node, (x, y) in new.items() if node in actor_ids and node not in stored]
    if not rows:
        return stored
    try:
        with transaction():
            db.session.execute(sa.insert(NodePosition), rows)
    except IntegrityError:  # another request placed them in the meantime
        return stored_positions()
    stored.update({row["actor_id"]: Placement(row["x"], row["y"], False) for row in rows})
    return stored


def _record(action: AuditAction, label: str, by: User | None, count: int) -> None:
    record(action, SimpleNamespace(id=None), by, entity_type=ENTITY_TYPE, label=label,
           changes={"positions": [None, count]})


def save_positions(moves: dict[int, tuple[float, float]], *, by: User | None) -> int:
    """Store positions a coordinator dragged nodes to (they stay until reset or re-run).

    `moves` maps actor ids to (x, y). Unknown actors and coordinates that are not finite
    numbers within ±COORDINATE_LIMIT are refused (nothing is saved). Returns the number saved.
    """
    errors = {}
    if not moves:
        errors["positions"] = _("Es wurden keine Positionen übermittelt.")
    for x, y in moves.values():
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                   and abs(v) <= COORDINATE_LIMIT for v in (x, y)):
            errors["positions"] = _("Ungültige Koordinaten.")
            break
    if errors:
        raise ValidationError(errors)
    current_positions()  # every actor has a row
    known = set(db.session.scalars(sa.select(NodePosition.actor_id).where(
        NodePosition.actor_id.in_(list(moves)))))
    unknown = sorted(set(moves) - known)
    if unknown:
        raise ValidationError({"positions": _("Unbekannte Akteure: %(ids)s.",
                                              ids=", ".join(map(str, unknown[:10])))})
    now = utcnow()
    with transaction():
        db.session.execute(sa.update(NodePosition), [
            {"actor_id": actor_id, "x": float(x), "y": float(y), "pinned": True, "updated_at": now}
            for actor_id, (x, y) in moves.items()])
        _record(AuditAction.UPDATE, _("Netzwerkbild: Anordnung gespeichert"), by, len(moves))
    return len(moves)


def reset_positions(*, by: User | None) -> int:
    """Put every saved (dragged) node back where the layout placed it. Returns their number."""
    with transaction():
        count = db.session.execute(
            sa.update(NodePosition).where(NodePosition.pinned)
            .values(x=NodePosition.computed_x, y=NodePosition.computed_y, pinned=False,
                    updated_at=utcnow())).rowcount
        _record(AuditAction.UPDATE, _("Netzwerkbild: gespeicherte Anordnung zurückgesetzt"), by,
                count)
    return count


def rerun_layout(*, by: User | None, seed: int | None = None) -> int:
    """A fresh layout of the whole network from a new random start (`seed`, random unless
    given), so a coordinator who dislikes the picture gets a different one; saved positions
    are discarded. Returns the number of actors placed."""
    G = layout_graph()
    positions = layout.layout_graph(G, seed=secrets.randbelow(2**31) if seed is None else seed,
                                    spacing=layout.spacing_for(len(G)))
    now = utcnow()
    with transaction():
        db.session.execute(sa.delete(NodePosition))
        if positions:
            db.session.execute(sa.insert(NodePosition), [
                {"actor_id": node, "x": x, "y": y, "computed_x": x, "computed_y": y,
                 "pinned": False, "updated_at": now} for node, (x, y) in positions.items()])
        _record(AuditAction.UPDATE, _("Netzwerkbild: Anordnung neu berechnet"), by, len(positions))
    return len(positions)

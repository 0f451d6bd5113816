"""The commune's network as networkx graphs.

Three graphs, each built in O(actors + cooperations + memberships):

* the **cooperation graph**: actors as nodes, active cooperations as weighted edges;
* the **affiliation graph**: bipartite, actors and bodies (Gremien), one edge per active membership;
* the **analysis graph**: the cooperation graph plus the actor ties that bodies create
  (`project_bodies`). All network metrics and gap rules work on it.

Nodes are actor ids (ints) and, for bodies, `BodyHub` instances; every node has the attribute
``kind`` ("actor" or "body"), so `actor_nodes(G)` separates them.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import NamedTuple

import networkx as nx

from coordination.analysis.data import NetworkData, Thresholds


class BodyHub(NamedTuple):
    """The node of a body: in the affiliation graph every body, in the analysis graph the bodies
    too large for pairwise ties (see `project_bodies`)."""

    body_id: int


def actor_nodes(G: nx.Graph) -> list[int]:
    """The actor nodes of `G` (body hubs left out), in the graph's node order."""
    return [node for node, kind in G.nodes(data="kind") if kind == "actor"]


def largest_first(groups) -> tuple[frozenset, ...]:
    """The non-empty groups as frozensets, sorted by size (descending), then smallest member."""
    groups = (frozenset(group) for group in groups)
    return tuple(sorted((group for group in groups if group), key=lambda g: (-len(g), min(g))))


def is_cooperation(G: nx.Graph, u, v) -> bool:
    """Whether `u` and `v` are tied by an active cooperation (not just a shared body)."""
    return bool(G.has_edge(u, v) and G[u][v]["kinds"])


def build_cooperation_graph(data: NetworkData) -> nx.Graph:
    """Actors and their active cooperations as an undirected weighted graph.

    Nodes: every actor that is not dissolved, with the attributes ``kind`` ("actor"), ``name``,
    ``type`` (type name), ``type_id``, ``type_key``, ``districts`` (frozenset of district ids),
    ``whole_commune``, ``migrant_led``, ``municipal``, ``status`` and ``commitments``: the
    numbers of the commitments the actor works on through an active contribution or an active
    cooperation.

    Edges: one per pair of actors with at least one active cooperation on `data.today` (both
    actors not dissolved, start <= today <= end where given). Several cooperations of a pair are
    merged: ``weight`` is their highest intensity (1-3), ``kinds`` the sorted tuple of their
    kinds, ``cooperations`` their ids; ``bodies`` is the empty tuple (see `build_analysis_graph`).

    O(actors + cooperations + contribution participants).

    >>> from datetime import date
    >>> from coordination.analysis.data import ActorRecord, CooperationRecord, NetworkData
    >>> data = NetworkData(today=date(2025, 1, 1),
    ...                    actors=[ActorRecord(1, "A", 1), ActorRecord(2, "B", 1)],
    ...                    cooperations=[CooperationRecord(7, 1, 2, "referral", intensity=3)])
    >>> G = build_cooperation_graph(data)
    >>> G[1][2]["weight"], G[1][2]["kinds"]
    (3, ('referral',))
    """
    today = data.today
    commitments = defaultdict(set)
    for contribution in data.active_contributions:
        for actor_id in contribution.actor_ids:
            commitments[actor_id].add(contribution.commitment_number)

    present = {actor.id for actor in data.actors if actor.status != "dissolved"}
    pairs = {}  # (a, b) -> (highest intensity, sorted kinds, cooperation ids)
    for cooperation in data.cooperations:
        a, b = cooperation.actor_a, cooperation.actor_b
        if a not in present or b not in present or not cooperation.is_active(today):
            continue
        if cooperation.commitment_numbers:
            commitments[a].update(cooperation.commitment_numbers)
            commitments[b].update(cooperation.commitment_numbers)
        pair = (a, b) if a < b else (b, a)
        merged = pairs.get(pair)
        pairs[pair] = (cooperation.intensity, (cooperation.kind,), (cooperation.id,)) \
            if merged is None else (max(merged[0], cooperation.intensity),
                                    tuple(sorted({*merged[1], cooperation.kind})),
                                    merged[2] + (cooperation.id,))

    G = nx.Graph()
    G.add_nodes_from(
        (actor.id, {"kind": "actor", "name": actor.name, "type": actor.type_name,
                    "type_id": actor.type_id, "type_key": actor.type_key,
                    "districts": actor.district_ids, "whole_commune": actor.whole_commune,
                    "migrant_led": actor.migrant_led, "municipal": actor.municipal,
                    "status": actor.status,
                    "commitments": frozenset(commitments.get(actor.id, ()))})
        for actor in data.actors if actor.id in present)
    G.add_edges_from((a, b, {"weight": intensity, "kinds": kinds, "cooperations": ids,
                             "bodies": ()})
                     for (a, b), (intensity, kinds, ids) in pairs.items())
    return G


def build_affiliation_graph(data: NetworkData) -> nx.Graph:
    """Bipartite graph of actors (``bipartite=0``) and active bodies (``bipartite=1``).

    Body nodes are `BodyHub(body_id)` with ``kind`` "body", ``name``, ``body_kind`` and
    ``lead_actor_id``. An edge stands for an active membership on `data.today` (``role``); the
    lead actor of a body counts as a member (role "Federführung" unless it is a member anyway).
    Only actors with at least one such membership are nodes; dissolved actors are left out.
    O(bodies + memberships).
    """
    today = data.today
    actors = data.actor_by_id
    B = nx.Graph()
    for body in data.bodies:
        if body.active:
            B.add_node(BodyHub(body.id), kind="body", bipartite=1, name=body.name,
                       body_kind=body.kind, lead_actor_id=body.lead_actor_id)

    def add_member(body_id, actor_id, role):
        actor = actors.get(actor_id)
        if actor is not None and actor.status != "dissolved":
            B.add_node(actor_id, kind="actor", bipartite=0)
            B.add_edge(actor_id, BodyHub(body_id), role=role)

    for membership in data.memberships:
        if BodyHub(membership.body_id) in B and membership.is_active(today):
            add_member(membership.body_id, membership.actor_id, membership.role)
    for body in data.bodies:
        if body.active and body.lead_actor_id is not None \
                and not B.has_edge(body.lead_actor_id, BodyHub(body.id)):
            add_member(body.id, body.lead_actor_id, "Federführung")
    return B


def project_bodies(B: nx.Graph, max_clique_members: int = 30) -> nx.Graph:
    """The actor ties that shared bodies create, from the affiliation graph `B`.

    A body is a group, not a set of pairwise cooperations, so the projection is a modelling
    choice:

    * a body with at most `max_clique_members` members ties every pair of its members
      (a clique), edge ``weight`` 1;
    * a larger body (e.g. an Integrationskonferenz of 80 organisations) becomes a hub node
      `BodyHub(body_id)` tied to each member. This keeps the graph linear in the number of
      memberships instead of quadratic, and reflects that sitting in a big plenary is a weaker
      tie than working in a small group: its members are two steps apart, not one. The hub does
      not favour any member (a star around the lead actor would make it the top broker).

    Each edge carries ``bodies``, the sorted tuple of the ids of the bodies that create it.
    O(sum of squared body sizes up to `max_clique_members` + memberships of larger bodies).
    """
    hubs, ties = _body_ties(B, max_clique_members)
    P = nx.Graph()
    P.add_nodes_from(hubs)
    P.add_edges_from((u, v, {"weight": 1, "bodies": bodies}) for (u, v), bodies in ties.items())
    return P


def _body_ties(B: nx.Graph, max_clique_members: int):
    """(hub nodes with attributes, {(u, v): sorted tuple of body ids}) of `project_bodies`."""
    hubs, ties = [], defaultdict(list)
    for hub, attributes in B.nodes(data=True):
        if attributes["kind"] != "body":
            continue
        members = sorted(B[hub])
        if len(members) <= max_clique_members:
            for pair in combinations(members, 2):
                ties[pair].append(hub.body_id)
        else:
            hubs.append((hub, {k: v for k, v in attributes.items() if k != "bipartite"}))
            for member in members:
                ties[(member, hub)].append(hub.body_id)
    return hubs, {pair: tuple(sorted(bodies)) for pair, bodies in ties.items()}


def build_analysis_graph(data: NetworkData, thresholds: Thresholds = Thresholds()) -> nx.Graph:
    """The cooperation graph plus the ties of `project_bodies`: the graph all metrics use.

    A pair that cooperates keeps its cooperation edge (weight = intensity) and gains the body
    ids in ``bodies``; a pair tied only by bodies gets an edge of weight 1 with ``kinds`` ().
    Hubs of large bodies are added as nodes with ``kind`` "body". Every actor node gets
    ``bodies``: the frozenset of the active bodies it belongs to (lead role included).
    O(actors + cooperations + projected ties).
    """
    G = build_cooperation_graph(data)
    B = build_affiliation_graph(data)
    for node, attributes in G.nodes(data=True):
        attributes["bodies"] = frozenset(hub.body_id for hub in B[node]) if node in B \
            else frozenset()
    hubs, ties = _body_ties(B, thresholds.body_clique_max_members)
    G.add_nodes_from(hubs)
    new_ties = []
    for (u, v), bodies in ties.items():
        if G.has_edge(u, v):
            G[u][v]["bodies"] = bodies
        else:
            new_ties.append((u, v, {"weight": 1, "kinds": (), "cooperations": (),
                                    "bodies": bodies}))
    G.add_edges_from(new_ties)
    return G

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
import numpy as np
import scipy.sparse as sp

from coordination.analysis.data import NetworkData, Thresholds


class BodyHub(NamedTuple):
    """The node of a body: in the affiliation graph every body, in the analysis graph the bodies
    too large for pairwise ties (see `project_bodies`)."""

    body_id: int


def actor_nodes(G: nx.Graph) -> list[int]:
    """The actor nodes of `G` (body hubs left out), in the graph's node order."""
    return [node for node, kind in G.nodes(data="kind") if kind == "actor"]


def body_hubs(G: nx.Graph) -> set:
    """The body hub nodes of `G`."""
    return {node for node, kind in G.nodes(data="kind") if kind == "body"}


def largest_first(groups) -> tuple[frozenset, ...]:
    """The non-empty groups as frozensets, sorted by size (descending), then smallest member."""
    groups = (frozenset(group) for group in groups)
    return tuple(sorted((group for group in groups if group), key=lambda g: (-len(g), min(g))))


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
    return _build_graph(data, body_clique_max_members=None)


def build_affiliation_graph(data: NetworkData) -> nx.Graph:
    """Bipartite graph of actors (``bipartite=0``) and active bodies (``bipartite=1``).

    Body nodes are `BodyHub(body_id)` with ``kind`` "body", ``name``, ``body_kind`` and
    ``lead_actor_id``. An edge stands for an active membership on `data.today` (``role``); the
    lead actor of a body counts as a member (role "Federführung" unless it is a member anyway).
    Only actors with at least one such membership are nodes; dissolved actors are left out.
    O(bodies + memberships).
    """
    B = nx.Graph()
    for body, members in active_members(data).items():
        hub = BodyHub(body.id)
        B.add_node(hub, kind="body", bipartite=1, **_hub_attributes(body))
        for actor_id, role in members.items():
            B.add_node(actor_id, kind="actor", bipartite=0)
            B.add_edge(actor_id, hub, role=role)
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
    hubs = {hub: {k: v for k, v in attributes.items() if k != "bipartite"}
            for hub, attributes in B.nodes(data=True) if attributes["kind"] == "body"}
    ties = _body_ties({hub: B[hub] for hub in hubs}, max_clique_members)
    P = nx.Graph()
    P.add_nodes_from((hub, hubs[hub]) for hub in _hubs_of(ties))
    P.add_edges_from((u, v, {"weight": 1, "bodies": bodies}) for (u, v), bodies in ties.items())
    return P


def build_analysis_graph(data: NetworkData, thresholds: Thresholds = Thresholds()) -> nx.Graph:
    """The cooperation graph plus the ties of `project_bodies`: the graph all metrics use.

    A pair that cooperates keeps its cooperation edge (weight = intensity) and gains the body
    ids in ``bodies``; a pair tied only by bodies gets an edge of weight 1 with ``kinds`` ().
    Hubs of large bodies are added as nodes with ``kind`` "body". Every actor node gets
    ``bodies``: the frozenset of the active bodies it belongs to (lead role included).
    O(actors + cooperations + projected ties).
    """
    return _build_graph(data, thresholds.body_clique_max_members)


def _build_graph(data: NetworkData, body_clique_max_members: int | None) -> nx.Graph:
    """The cooperation graph, and with `body_clique_max_members` the analysis graph. Nodes and
    edges, body ties included, are collected in plain dicts and added in one call each, instead
    of building an affiliation graph and merging it into the cooperation graph."""
    today = data.today
    commitments = defaultdict(set)
    for contribution in data.active_contributions:
        for actor_id in contribution.actor_ids:
            commitments[actor_id].add(contribution.commitment_number)

    present = {actor.id for actor in data.actors if actor.status != "dissolved"}
    edges = {}  # (smaller id, larger id) -> edge attributes
    for cooperation in data.cooperations:
        a, b = cooperation.actor_a, cooperation.actor_b
        if a not in present or b not in present or not cooperation.is_active(today):
            continue
        if cooperation.commitment_numbers:
            commitments[a].update(cooperation.commitment_numbers)
            commitments[b].update(cooperation.commitment_numbers)
        pair = (a, b) if a < b else (b, a)
        edge = edges.get(pair)
        if edge is None:
            edges[pair] = {"weight": cooperation.intensity, "kinds": (cooperation.kind,),
                           "cooperations": (cooperation.id,), "bodies": ()}
        else:  # several cooperations of one pair: the strongest counts, all kinds are listed
            edge["weight"] = max(edge["weight"], cooperation.intensity)
            edge["kinds"] = tuple(sorted({*edge["kinds"], cooperation.kind}))
            edge["cooperations"] += (cooperation.id,)

    hubs, bodies_of = [], defaultdict(set)
    if body_clique_max_members is not None:
        members = active_members(data)
        for body, body_members in members.items():
            for actor_id in body_members:
                bodies_of[actor_id].add(body.id)
        ties = _body_ties({BodyHub(body.id): body_members
                           for body, body_members in members.items()}, body_clique_max_members)
        hubs = [(hub, {"kind": "body", **_hub_attributes(data.body_by_id[hub.body_id])})
                for hub in _hubs_of(ties)]
        for pair, bodies in ties.items():
            edge = edges.get(pair)
            if edge is None:
                edges[pair] = {"weight": 1, "kinds": (), "cooperations": (), "bodies": bodies}
            else:
                edge["bodies"] = bodies

    nodes = [(actor.id, {"kind": "actor", "name": actor.name, "type": actor.type_name,
                         "type_id": actor.type_id, "type_key": actor.type_key,
                         "districts": actor.district_ids, "whole_commune": actor.whole_commune,
                         "migrant_led": actor.migrant_led, "municipal": actor.municipal,
                         "status": actor.status,
                         "commitments": frozenset(commitments.get(actor.id, ()))})
             for actor in data.actors if actor.id in present]
    if body_clique_max_members is not None:
        for actor_id, attributes in nodes:
            attributes["bodies"] = frozenset(bodies_of.get(actor_id, ()))
    G = nx.Graph()
    G.add_nodes_from(nodes)
    G.add_nodes_from(hubs)
    G.add_edges_from((u, v, attributes) for (u, v), attributes in edges.items())
    return G


def active_members(data: NetworkData) -> dict:
    """Active body -> {actor id: role} of its active memberships on `data.today`, the lead actor
    included (role "Federführung" unless a member anyway); dissolved actors are left out.
    Every active body, in input order, even without members."""
    today, actors = data.today, data.actor_by_id
    bodies = {body.id: body for body in data.bodies if body.active}
    members = {body: {} for body in bodies.values()}

    def add(body, actor_id, role):
        actor = actors.get(actor_id)
        if actor is not None and actor.status != "dissolved":
            members[body][actor_id] = role

    for membership in data.memberships:
        body = bodies.get(membership.body_id)
        if body is not None and membership.is_active(today):
            add(body, membership.actor_id, membership.role)
    for body in bodies.values():
        if body.lead_actor_id is not None and body.lead_actor_id not in members[body]:
            add(body, body.lead_actor_id, "Federführung")
    return members


def _hub_attributes(body) -> dict:
    return {"name": body.name, "body_kind": body.kind, "lead_actor_id": body.lead_actor_id}


def _body_ties(members_of: dict, max_clique_members: int) -> dict:
    """{(u, v): sorted tuple of body ids} of `project_bodies`, from hub -> member actor ids;
    a pair (actor, hub) stands for a tie to the hub of a large body."""
    ties = defaultdict(list)
    for hub, members in members_of.items():
        members = sorted(members)
        if len(members) <= max_clique_members:
            for pair in combinations(members, 2):
                ties[pair].append(hub.body_id)
        else:
            for member in members:
                ties[(member, hub)].append(hub.body_id)
    return {pair: tuple(bodies) if len(bodies) == 1 else tuple(sorted(bodies))
            for pair, bodies in ties.items()}


def _hubs_of(ties: dict) -> list[BodyHub]:
    """The hubs of large bodies among the ties, in order of appearance."""
    return list(dict.fromkeys(v for _, v in ties if isinstance(v, BodyHub)))


def adjacency_matrix(G: nx.Graph, nodes: list | None = None, weight: str = "weight"
                     ) -> sp.csr_array:
    """The symmetric weighted adjacency matrix of `G` (edge attribute `weight`, default 1) in
    the order of `nodes` (default: graph order). O(edges); faster than nx.to_scipy_sparse_array.
    """
    nodes = list(G) if nodes is None else nodes
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v], w) for u, v, w in G.edges(data=weight, default=1)]
    rows, cols = (np.array([edge[end] for edge in edges], dtype=np.int64) for end in (0, 1))
    weights = np.array([edge[2] for edge in edges], dtype=float)
    return sp.csr_array((np.concatenate([weights, weights]),
                         (np.concatenate([rows, cols]), np.concatenate([cols, rows]))),
                        shape=(len(nodes), len(nodes)))

"""Network metrics of the analysis graph (see graph.build_analysis_graph).

Every function takes a networkx graph whose nodes carry ``kind`` ("actor" or "body"); results
are reported for actors only, but hubs of large bodies take part in the structure (a path through
a body is a path). Where networkx is too slow for a commune of 20,000 actors on a small server,
the same quantity is computed with sparse matrices (betweenness, Burt's measures) or a leaner
implementation of the same algorithm (Louvain, in communities.py); the tests compare each with
networkx.
`network_metrics` runs them all.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations_with_replacement

import networkx as nx
import numpy as np
import scipy.sparse as sp

from coordination.analysis.betweenness import betweenness_centrality
from coordination.analysis.communities import louvain_communities
from coordination.analysis.data import Thresholds
from coordination.analysis.graph import actor_nodes, adjacency_matrix, largest_first


@dataclass(frozen=True)
class TypeMixing:
    """Which actor types cooperate with which (cooperation ties only, not shared bodies).

    counts: number of cooperation ties per unordered pair of actor type ids (smaller id first).
    missing: pairs of types both present in the network (a type paired with itself needs two
        actors) that never cooperate, sorted.
    """

    counts: dict[tuple[int, int], int]
    missing: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class NetworkMetrics:
    """All metrics of one analysis graph; dicts are keyed by actor id.

    degree: number of actors and large bodies an actor is tied to.
    betweenness: normalised shortest-path betweenness (share of shortest paths between other
        nodes that run through the actor); `betweenness_sources` is None when exact, otherwise
        the number of sampled sources of the estimate.
    cut_off: articulation points -> the actors their loss would separate from the rest (see
        `articulation_cut_offs`).
    bridges: cooperation or co-membership ties between two actors whose loss splits a component.
    components: connected groups of actors, largest first; isolated actors form their own.
    isolated: actors without any tie.
    communities: Louvain communities of actors, largest first.
    constraint, effective_size: Burt's brokerage measures for actors with at least one tie.
    type_mixing: see `TypeMixing`.
    mso_distance: migrant-led actor -> steps to the nearest administration actor (None if there
        is no path).
    """

    degree: dict[int, int]
    betweenness: dict[int, float]
    betweenness_sources: int | None
    cut_off: dict[int, frozenset[int]]
    bridges: tuple[tuple[int, int], ...]
    components: tuple[frozenset[int], ...]
    isolated: frozenset[int]
    communities: tuple[frozenset[int], ...]
    constraint: dict[int, float]
    effective_size: dict[int, float]
    type_mixing: TypeMixing
    mso_distance: dict[int, int | None]

    def community_of(self) -> dict[int, int]:
        """Actor id -> index of its community in `communities`."""
        return {actor: index for index, group in enumerate(self.communities) for actor in group}


def network_metrics(G: nx.Graph, thresholds: Thresholds = Thresholds()) -> NetworkMetrics:
    """All metrics of the analysis graph `G`, deterministic for `thresholds.seed`.

    Betweenness is exact up to `thresholds.betweenness_exact_max_nodes` nodes and estimated from
    a sample above (`betweenness_sample_size`). Processor time and accuracy at 2,000, 5,000 and
    20,000 actors are in docs/performance.md (bench/analysis.py, bench/betweenness.py); the
    sparse adjacency matrix is built once and shared by betweenness, Burt's measures and Louvain.
    """
    nodes = list(G)
    A = adjacency_matrix(G, nodes)
    k = betweenness_sample_size(len(nodes), thresholds)
    actors = actor_nodes(G)
    cut_off, bridges = articulation_cut_offs(G)
    constraint, effective_size = burt_brokerage(G, nodes, A)
    betweenness = betweenness_centrality(G, k=k, seed=thresholds.seed, nodes=nodes, A=A)
    return NetworkMetrics(
        degree=dict(G.degree(actors)),
        betweenness={actor: betweenness[actor] for actor in actors},
        betweenness_sources=k,
        cut_off=cut_off,
        bridges=bridges,
        components=actor_components(G),
        isolated=frozenset(actor for actor in actors if not G[actor]),
        communities=_actors_only(G, louvain_communities(G, seed=thresholds.seed, nodes=nodes,
                                                        A=A)),
        constraint=constraint,
        effective_size=effective_size,
        type_mixing=type_mixing(G),
        mso_distance=mso_distance_to_administration(G),
    )


def betweenness_sample_size(nodes: int, thresholds: Thresholds = Thresholds()) -> int | None:
    """None (exact) up to `thresholds.betweenness_exact_max_nodes` nodes; above, the number of
    sampled sources that costs as much as the exact computation at that limit would on a graph
    of the same density (work grows with sources x edges, and edges with nodes), at least
    `thresholds.betweenness_sample_k`. So the time stays about that of the limit while the
    sample shrinks only slowly: 1,286 sources at 19,449 nodes (20,000 actors) with the defaults.

    >>> betweenness_sample_size(5000), betweenness_sample_size(19_449)
    (None, 1286)
    """
    limit = thresholds.betweenness_exact_max_nodes
    if nodes <= limit:
        return None
    k = max(thresholds.betweenness_sample_k, -(-limit * limit // nodes))
    return None if k >= nodes else k


def burt_brokerage(G: nx.Graph, nodes: list | None = None, A: sp.csr_array | None = None
                   ) -> tuple[dict[int, float], dict[int, float]]:
    """Burt's constraint and effective size of every actor with at least one tie, weighted by
    the edge attribute ``weight`` (intensity).

    Constraint (0..1+): how much an actor's ties lead to the same, interconnected others; low
    constraint = the actor brokers between otherwise separate groups. Effective size: the number
    of its contacts minus their redundancy (how far they are tied to each other). With
    p = row-normalised and m = row-max-normalised weights they are
    c_u = sum over neighbours v of (p_uv + (p p)_uv)^2 and e_u = deg(u) - sum over v of (p m^T)_uv,
    two sparse products, O(sum of squared degrees). The values equal networkx's definition
    (``nx.constraint`` and ``nx.effective_size`` with ``nodes`` given); networkx's shortcut for
    all nodes divides by column instead of row maxima on weighted graphs (networkx PR #8906)
    and builds a dense n x n matrix, 3 GB at 20,000 nodes.
    """
    nodes = list(G) if nodes is None else nodes
    if not nodes:
        return {}, {}
    W = adjacency_matrix(G, nodes) if A is None else A
    strength = np.asarray(W.sum(axis=1)).ravel()
    strongest = W.max(axis=1).toarray().ravel()
    tied = strength > 0
    P = sp.diags_array(np.divide(1.0, strength, out=np.zeros_like(strength), where=tied)) @ W
    M = sp.diags_array(np.divide(1.0, strongest, out=np.zeros_like(strongest), where=tied)) @ W
    has_tie = W.astype(bool)
    constraint = (P + (P @ P).multiply(has_tie)).power(2).sum(axis=1)
    redundancy = (P @ M.T).multiply(has_tie).sum(axis=1)
    degree = np.diff(W.indptr)
    effective_size = degree - redundancy
    is_actor = dict(G.nodes(data="kind"))
    chosen = [i for i, node in enumerate(nodes) if tied[i] and is_actor[node] == "actor"]
    return ({nodes[i]: float(constraint[i]) for i in chosen},
            {nodes[i]: float(effective_size[i]) for i in chosen})


def articulation_cut_offs(G: nx.Graph) -> tuple[dict[int, frozenset[int]], tuple]:
    """Actors whose loss would disconnect others, and the ties whose loss would.

    Returns (cut_off, bridges). cut_off maps each actor that is an articulation point to the
    actors it would cut off: those of its former component that end up outside the largest
    remaining part (largest by number of actors). bridges are the ties between two actors that
    are the only connection between their two sides, as sorted (smaller id, larger id) pairs.

    Both come from one pass over the biconnected components (blocks): in the tree of blocks and
    articulation points, the parts left by removing a node are the subtrees around it, so each
    cut-off set is read from a pre-order listing. O(nodes + edges + total size of the cut-off
    sets), instead of one component search per articulation point.
    """
    kind = dict(G.nodes(data="kind"))
    blocks = biconnected_blocks(G)
    blocks_of = defaultdict(list)
    for index, block in enumerate(blocks):
        for node in block:
            blocks_of[node].append(index)
    cuts = {node for node, found in blocks_of.items() if len(found) > 1}

    order = []  # actors in pre-order of the block-cut tree; every subtree is a slice
    block_span, cut_span, component_span, cut_parent = {}, {}, {}, {}
    for root in range(len(blocks)):
        if root in block_span:
            continue
        start = len(order)
        stack = [("block", root, None)]
        component_cuts = []
        while stack:
            what, item, parent = stack.pop()
            if what == "exit-block":
                block_span[item] = (block_span[item], len(order))
            elif what == "exit-cut":
                cut_span[item] = (cut_span[item], len(order))
            elif what == "block":
                block_span[item] = len(order)
                order.extend(node for node in blocks[item]
                             if node not in cuts and kind[node] == "actor")
                stack.append(("exit-block", item, None))
                stack.extend(("cut", node, item) for node in blocks[item]
                             if node in cuts and node != parent)
            else:
                cut_span[item] = len(order)
                cut_parent[item] = parent
                component_cuts.append(item)
                if kind[item] == "actor":
                    order.append(item)
                stack.append(("exit-cut", item, None))
                stack.extend(("block", block, item) for block in blocks_of[item]
                             if block != parent)
        for cut in component_cuts:
            component_span[cut] = (start, len(order))

    cut_off = {}
    for cut in cuts:
        if kind[cut] != "actor":
            continue
        # the parts left without `cut`, as slices of `order`: the rest of its component (before
        # and after its subtree), then the subtree of each block below it
        (first, last), (inside, after) = component_span[cut], cut_span[cut]
        parts = [((first, inside), (after, last))]
        parts.extend((block_span[block],) for block in blocks_of[cut] if block != cut_parent[cut])
        sizes = [sum(end - start for start, end in part) for part in parts]
        largest = sizes.index(max(sizes))  # of equal parts, the first stays
        cut_off[cut] = frozenset(actor for i, part in enumerate(parts) if i != largest
                                 for start, end in part for actor in order[start:end])
    bridges = tuple(sorted(tuple(sorted(block)) for block in blocks
                           if len(block) == 2 and all(kind[node] == "actor" for node in block)))
    return cut_off, bridges


def biconnected_blocks(G: nx.Graph) -> list[list]:
    """The biconnected components (blocks) of `G` as lists of nodes, in the order in which
    ``nx.biconnected_components`` yields them (isolated nodes form none).

    The same depth-first search (Hopcroft and Tarjan) with a stack of nodes instead of edges,
    over integer-indexed lists instead of the graph's views: about twice as fast. O(nodes + edges).
    """
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    neighbours = [list(map(index.__getitem__, links)) for _, links in G.adjacency()]
    discovery = [-1] * len(nodes)
    low = [0] * len(nodes)
    found = 0
    blocks = []
    for root in range(len(nodes)):
        if discovery[root] >= 0:
            continue
        discovery[root] = low[root] = found
        found += 1
        visited = [root]  # nodes in order of discovery, until their block is complete
        stack = [[-1, root, 0]]  # parent, node, position of the next neighbour to look at
        while stack:
            frame = stack[-1]
            parent, node, position = frame
            links = neighbours[node]
            if position < len(links):
                frame[2] = position + 1
                child = links[position]
                if child == parent:
                    continue
                if discovery[child] >= 0:
                    if discovery[child] < low[node]:
                        low[node] = discovery[child]
                else:
                    discovery[child] = low[child] = found
                    found += 1
                    visited.append(child)
                    stack.append([node, child, 0])
                continue
            stack.pop()
            if parent < 0:
                continue
            if low[node] >= discovery[parent]:  # `parent` separates node's subtree: a block
                block = [nodes[parent]]
                while True:
                    member = visited.pop()
                    block.append(nodes[member])
                    if member == node:
                        break
                blocks.append(block)
            if low[node] < low[parent]:
                low[parent] = low[node]
    return blocks


def actor_components(G: nx.Graph) -> tuple[frozenset[int], ...]:
    """Connected components as sets of actors (hubs dropped), largest first. O(nodes + edges)."""
    return _actors_only(G, nx.connected_components(G))


def type_mixing(G: nx.Graph) -> TypeMixing:
    """Counts of cooperation ties per pair of actor types, and the pairs that never cooperate.

    Only ties with a cooperation count (attribute ``kinds`` not empty); O(nodes + edges + types^2).
    """
    type_of = {node: attrs["type_id"] for node, attrs in G.nodes(data=True)
               if attrs["kind"] == "actor"}
    counts = Counter()
    for u, v, kinds in G.edges(data="kinds"):
        if kinds:
            a, b = type_of[u], type_of[v]
            counts[(a, b) if a <= b else (b, a)] += 1
    sizes = Counter(type_of.values())
    possible = (pair for pair in combinations_with_replacement(sorted(sizes), 2)
                if pair[0] != pair[1] or sizes[pair[0]] > 1)
    return TypeMixing(counts=dict(sorted(counts.items())),
                      missing=tuple(pair for pair in possible if pair not in counts))


def mso_distance_to_administration(G: nx.Graph) -> dict[int, int | None]:
    """Migrant-led actor -> number of steps to the nearest actor of the municipal administration
    (0 if it is one itself; a large body counts as one step in between), None when no path
    leads there. One breadth-first search from all administration actors: O(nodes + edges).
    """
    actors = {node: attrs for node, attrs in G.nodes(data=True) if attrs["kind"] == "actor"}
    administration = [node for node, attrs in actors.items()
                      if attrs["municipal"] or attrs["type_key"] == "administration"]
    distance = dict.fromkeys((node for node, attrs in actors.items() if attrs["migrant_led"]))
    if administration:
        for steps, layer in enumerate(nx.bfs_layers(G, administration)):
            for node in layer:
                if node in distance:
                    distance[node] = steps
    return distance


def _actors_only(G: nx.Graph, groups) -> tuple[frozenset[int], ...]:
    kind = dict(G.nodes(data="kind"))
    return largest_first(frozenset(n for n in group if kind[n] == "actor") for group in groups)

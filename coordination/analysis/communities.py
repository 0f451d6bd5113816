"""Communities of the analysis graph by the Louvain method, on flat lists (see louvain_communities).

networkx's implementation walks dicts of dicts; this one keeps each level's graph as a list of
neighbour dicts and revisits only the neighbours of moved nodes, which makes it several times
faster on a commune of 20,000 actors. The tests compare its partitions with networkx's.
"""
from __future__ import annotations

import random
from collections import deque

import networkx as nx
import scipy.sparse as sp

from coordination.analysis.graph import adjacency_matrix


def louvain_communities(G: nx.Graph, *, weight: str = "weight", resolution: float = 1.0,
                        threshold: float = 1e-7, seed: int | None = None,
                        nodes: list | None = None, A: sp.csr_array | None = None) -> list[set]:
    """Communities of `G` by the Louvain method (Blondel et al. 2008), as a list of node sets.

    The same method and stopping rule as ``nx.community.louvain_communities``: nodes move to the
    neighbouring community with the largest modularity gain until none gains, then communities
    become nodes of the next level, until a level improves modularity by no more than
    `threshold`. Two things make it several times faster on large graphs: nodes live in flat
    lists, and after the first sweep only neighbours of moved nodes are revisited (the queue of
    Traag et al. 2019), instead of sweeping all nodes again. Deterministic for a given `seed`
    (it sets the visiting order); the partition can differ from networkx's for the same seed, with
    a comparable modularity (see the tests). Roughly O(edges) per level. `nodes` and `A` (the
    `adjacency_matrix` in that order) can be passed in when already computed.
    """
    nodes = list(G) if nodes is None else nodes
    W = adjacency_matrix(G, nodes, weight) if A is None else A
    pointers, columns, weights = W.indptr.tolist(), W.indices.tolist(), W.data.tolist()
    neighbours = [{j: w for j, w in zip(columns[pointers[i]:pointers[i + 1]],
                                        weights[pointers[i]:pointers[i + 1]]) if j != i}
                  for i in range(len(nodes))]
    loops = [w / 2 for w in W.diagonal().tolist()]  # the matrix holds a self-loop twice
    members = [[node] for node in nodes]
    total_weight = sum(loops) + sum(sum(n.values()) for n in neighbours) / 2
    if total_weight == 0:
        return [set(group) for group in members]
    rng = random.Random(seed)
    modularity = _modularity(neighbours, loops, total_weight, resolution)
    while True:
        community, moved = _move_nodes(neighbours, loops, total_weight, resolution, rng)
        if not moved:
            break
        neighbours, loops, members = _aggregate(neighbours, loops, members, community)
        improved = _modularity(neighbours, loops, total_weight, resolution)
        if improved - modularity <= threshold:
            break
        modularity = improved
    return [set(group) for group in members]


def _move_nodes(neighbours, loops, m, resolution, rng):
    """One Louvain level: move nodes greedily; returns (community of each node, whether any moved)."""
    degree = [sum(n.values()) + 2 * loop for n, loop in zip(neighbours, loops)]
    community = list(range(len(neighbours)))
    community_degree = degree[:]
    queue = list(range(len(neighbours)))
    rng.shuffle(queue)
    queue = deque(queue)
    queued = [True] * len(neighbours)
    penalty = resolution / (2 * m)
    moved = False
    while queue:
        u = queue.popleft()
        queued[u] = False
        current, k = community[u], degree[u]
        links = {}
        for v, w in neighbours[u].items():
            c = community[v]
            links[c] = links.get(c, 0.0) + w
        cost = penalty * k
        community_degree[current] -= k
        best, best_gain = current, links.get(current, 0.0) - cost * community_degree[current]
        for candidate, w in links.items():
            gain = w - cost * community_degree[candidate]
            if gain > best_gain:
                best, best_gain = candidate, gain
        community_degree[best] += k
        if best != current:
            community[u] = best
            moved = True
            for v in neighbours[u]:
                if not queued[v] and community[v] != best:
                    queued[v] = True
                    queue.append(v)
    return community, moved


def _aggregate(neighbours, loops, members, community):
    """The next level's graph: one node per community, with summed weights."""
    label = {}
    for c in community:
        label.setdefault(c, len(label))
    new_neighbours = [{} for _ in label]
    new_loops = [0.0] * len(label)
    new_members = [[] for _ in label]
    for i, links in enumerate(neighbours):
        ci = label[community[i]]
        new_members[ci].extend(members[i])
        new_loops[ci] += loops[i]
        target = new_neighbours[ci]
        for j, w in links.items():
            cj = label[community[j]]
            if ci == cj:
                new_loops[ci] += w / 2  # each inner edge is met from both ends
            else:
                target[cj] = target.get(cj, 0.0) + w
    return new_neighbours, new_loops, new_members


def _modularity(neighbours, loops, m, resolution):
    """Modularity of the partition whose communities are the nodes of this level."""
    return sum(loop / m - resolution * ((sum(links.values()) + 2 * loop) / (2 * m)) ** 2
               for links, loop in zip(neighbours, loops))

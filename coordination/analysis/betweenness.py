"""Shortest-path betweenness of the analysis graph: exact, or estimated from a sample of sources.

Both follow Brandes' algorithm on blocks of sources at once: the breadth-first search and the
accumulation of dependencies are sparse-matrix products, O(sources * diameter * edges) arithmetic
in compiled code instead of Python loops. Exact, this takes less processor time than rustworkx's
and igraph's compiled Brandes on the analysis graph (docs/performance.md, 1.). Leaves are folded
into their neighbours first (`_fold_leaves`), exactly: the searches then run on the rest, 7.6 %
fewer nodes on a generated commune of 20,000 actors, and a quarter less processor time per
source.

Above the exact limit (`metrics.betweenness_sample_size`) the values are estimated from a
uniform sample of sources, built so that the top brokers come out right although they lie
close together (ranks 18 to 26 within 4 % of each other on a generated commune of 20,000
actors: co-membership in bodies makes betweenness flat). Each measure was chosen by measuring
the spread of the top brokers' estimates against the exact values on generated communes
(docs/performance.md, 1.):

* **Scaling by distance.** A sampled source s credits a node v on a shortest path to a target t
  with the share (d(s, v) - b) / (d(s, t) - 2b) of the pair; the target's own search credits
  the rest, so the shares add up to 1 and the estimate is unbiased. b = 0 is Geisberger,
  Sanders and Schultes' linear scaling (2008); b = 0.9 (`_OFFSET`) gives a source's immediate
  neighbours almost nothing of the longer paths through them, which a sample of sources
  otherwise catches only by chance: the spread falls from 9.1 % to 6.8 % (1,286 sources).
* **Post-stratification by distance.** For the nodes with the highest estimates
  (`_REFINED_CANDIDATES`) one more search from each counts the nodes at distance 1, 2, 3, 4 and
  5 or more; the estimate is the sum over these strata of their size times the mean credit of
  the sampled sources in them, instead of n times the overall mean. A source's credit to v
  depends mostly on how far it lies from v, and a sample fills the strata unevenly.
* **Regression on the source's remoteness within each stratum** (`_remoteness`). A source far
  from the centre of the network sends most of its paths through it, and one with few ties
  sends them all through those few, so its credit to a node at a given distance grows with
  its mean distance m from the 64 best-connected nodes, about as exp(1.5 m), and falls with
  its degree. This covariate is known for every node before any source is drawn (64 searches),
  and its mean over each stratum corrects the sample's mean (regression estimator, Cochran,
  Sampling Techniques, 7.1). Over all sources, it explains 89 %, 89 % and 84 % of the variance
  of the credit to the 30 highest actors at distance 2, 3 and 4 (generated commune 4 of 20,000
  actors; the reciprocal of the degree alone, used before, 62 %, 54 % and 43 %, and these
  three strata held 98 % of the variance it left). The spread of the 30 highest actors'
  estimates halves: 1.6 % instead of 3.2 % (1,286 sources, communes 1 and 4; 4.4 % with
  strata alone). More covariates at once (distance and degree apart, their squares) fitted
  the 400 nodes of a stratum better but the 30 sampled sources in it worse: the spread grew
  to 9-11 %.

Leaves, 7.6 % of the nodes, carried 26-32 % of the variance left after the regression; folding
them removes it with their searches. Sampling the sources in proportion to their closeness to
the candidates (importance sampling) made the estimate worse: the candidates' neighbourhoods
overlap, and each is sampled less than the others cost.
"""
from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from coordination.analysis.graph import adjacency_matrix

# A block of sources holds about this many (node, source) cells, so that each of its float32
# arrays stays within 128 KiB: the C library serves such allocations from memory it keeps and
# reuses, while larger ones are mapped afresh and zero-filled page by page on every call, which
# cost more than the arithmetic (a third of the time at 2,000 nodes). Below the minimum width
# the sparse products no longer pay for their overhead.
_BLOCK_CELLS = 32_768
_MIN_BLOCK = 8
# b of the scaling by distance (see the module's docstring): below 1, so that a pair two steps
# apart gives its middle node half, (1 - b) / (2 - 2b), and not 0.5, where d(s, t) - 2b is 0.
_OFFSET = 0.9
# Strata of the post-stratification: distance 1, 2, ... and the last one "this far or more".
# A regression line needs a few points: a stratum with fewer sampled sources joins the next.
_STRATA = 5
_MIN_STRATUM_SOURCES = 10
# Nodes whose estimate is refined. The hubs of large bodies rank high too (40 of the 60 highest
# nodes of a generated commune of 20,000 actors), so 200 nodes hold about the 160 highest
# actors: a top-20 broker whose first estimate came out low is still among them.
_REFINED_CANDIDATES = 200
# The covariate: how far a node lies from the best-connected nodes (see `_remoteness`).
_LANDMARKS = 64
_REMOTENESS = 1.5
_REMOTENESS_CAP = 4.0
_DEGREE_POWER = 0.25


def betweenness_centrality(G: nx.Graph, k: int | None = None, seed: int | None = None, *,
                           nodes: list | None = None, A: sp.csr_array | None = None) -> dict:
    """Normalised shortest-path betweenness of every node, counting steps (edge weights are
    tie strengths, not distances, so they are ignored).

    Exact (k=None): the same values as ``nx.betweenness_centrality(G)`` (single precision,
    relative difference below 1e-5).

    With `k`: an estimate from `k` sources drawn uniformly without replacement with `seed`,
    scaled by distance, and for the highest values post-stratified by distance with a
    regression on the sources' degree (see the module's docstring). With k = number of nodes
    it equals the exact values.

    >>> import networkx as nx
    >>> betweenness_centrality(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    nodes = list(G) if nodes is None else nodes
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    pattern = (A if A is not None else adjacency_matrix(G, nodes)).astype(bool).astype(np.float32)
    core, weight, pairs = _fold_leaves(pattern)
    core_pattern = pattern[core][:, core]
    if k is None:
        core_pairs = np.zeros(len(core))
        for block in _blocks(np.arange(len(core)), len(core)):
            dependency = _dependencies(core_pattern, block, weight, None)
            core_pairs += dependency @ weight[block].astype(float) / 2
    else:
        core_pairs = _estimated_pairs(core_pattern, weight, min(k, len(core)), seed)
    pairs[core] += core_pairs
    return dict(zip(nodes, (pairs * (2 / ((n - 1) * (n - 2)))).tolist()))


def _fold_leaves(pattern: sp.csr_array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Leaves (nodes with one tie, to a node with more) taken out of the search, exactly.

    A leaf v lies on no shortest path between others, and its paths to everyone but its
    neighbour u are u's, one step longer (Baglioni, Geraci, Pellegrini and Lastres 2012). So
    the searches run on the rest (the core), each core node weighted by 1 + its number of
    leaves, as a source and as a target (a pair of core nodes stands for weight x weight
    pairs), and u is credited exactly with the pairs of one of its leaves and any other node of
    its component: leaves x (component size - 2) - leaves x (leaves - 1) / 2 (a pair of two of
    its own leaves counted once). Returns the core's node indices, their weights and these exact
    pair counts per node.
    """
    n = pattern.shape[0]
    _count, component = connected_components(pattern, directed=False)
    size = np.bincount(component)[component]
    degree = np.diff(pattern.indptr)
    first_neighbour = np.zeros(n, dtype=np.intp)
    first_neighbour[degree > 0] = pattern.indices[pattern.indptr[:-1][degree > 0]]
    leaf = (degree == 1) & (degree[first_neighbour] > 1)
    leaves = np.bincount(first_neighbour[leaf], minlength=n).astype(float)
    core = np.flatnonzero(~leaf)
    exact = leaves * (size - 2) - leaves * (leaves - 1) / 2
    return core, (1 + leaves[core]).astype(np.float32), exact


def _blocks(sources: np.ndarray, n: int):
    width = max(_MIN_BLOCK, _BLOCK_CELLS // n)
    return (sources[start:start + width] for start in range(0, len(sources), width))


def _estimated_pairs(pattern: sp.csr_array, weight: np.ndarray, k: int, seed: int | None
                     ) -> np.ndarray:
    """Estimated number of (weighted) pairs whose shortest paths run through each node, from
    `k` sources sampled uniformly among the nodes of `pattern` (the core, see `_fold_leaves`);
    a sampled source s contributes y_s = its weight x its scaled dependency."""
    n = pattern.shape[0]
    sources = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
    covariate = _remoteness(pattern, weight)
    totals = np.zeros(n)
    # per stratum and node, over the sampled sources in that stratum: count, sum of the
    # covariate x, of x squared, of the credit y and of x * y
    sums = np.zeros((_STRATA, 5, n))
    for block in _blocks(sources, n):
        levels = []
        credit = _dependencies(pattern, block, weight, _OFFSET, levels)
        credit *= weight[block]
        totals += credit.sum(axis=1, dtype=float)
        x = covariate[block]
        moments = np.stack([np.ones_like(x), x, x * x], axis=1).astype(np.float32)
        for stratum, mask in enumerate(_strata(levels)):
            sums[stratum, :3] += (mask @ moments).T
            sums[stratum, 3:] += ((credit * mask) @ moments[:, :2]).T
    totals *= n / k
    candidates = np.argsort(-totals, kind="stable")[:_REFINED_CANDIDATES]
    sizes = _stratum_sizes(pattern, candidates, covariate)
    for j, node in enumerate(candidates):
        refined = _regression_total(sums[:, :, node], sizes[:, :, j])
        if refined is not None:
            totals[node] = refined
    return totals


def _remoteness(pattern: sp.csr_array, weight: np.ndarray) -> np.ndarray:
    """The covariate of the regression (see the module's docstring), known for every node before
    any source is drawn: weight x exp(`_REMOTENESS` x (m - median m)) / degree ** `_DEGREE_POWER`,
    m the node's mean distance to the `_LANDMARKS` nodes with the most ties that it reaches. A
    node that reaches none counts as at the median; one tie-less gets 0 (it is in no stratum).
    The exponent is capped at `_REMOTENESS_CAP` steps beyond the median, so that the float32
    sums of squares stay far from overflow on long chains.

    On a path of five nodes, all of them landmarks, the ends lie 2 steps from the nodes on
    average, the next ones 1.4 (the median) and the middle one 1.2: exp(1.5 x 0.6) / 1,
    1 / 2 ** 0.25 and exp(-1.5 x 0.2) / 2 ** 0.25.

    >>> import networkx as nx
    >>> from coordination.analysis.graph import adjacency_matrix
    >>> path = adjacency_matrix(nx.path_graph(5)).astype(np.float32)
    >>> np.round(_remoteness(path, np.ones(5, dtype=np.float32)), 3).tolist()
    [2.46, 0.841, 0.623, 0.841, 2.46]
    """
    n = pattern.shape[0]
    degree = np.diff(pattern.indptr)
    landmarks = np.argsort(-degree, kind="stable")[:_LANDMARKS]
    total, reached = np.zeros(n), np.zeros(n)
    for block in _blocks(landmarks, n):
        _paths, levels = _search(pattern, block)
        for distance, level in enumerate(levels):
            found = level.sum(axis=1)
            total += distance * found
            reached += found
    mean = np.divide(total, reached, out=np.zeros(n), where=reached > 0)
    centre = np.median(mean[reached > 0]) if reached.any() else 0.0
    mean[reached == 0] = centre
    spread = np.exp(_REMOTENESS * np.minimum(mean - centre, _REMOTENESS_CAP))
    return np.divide(weight * spread, np.power(degree, _DEGREE_POWER, dtype=float),
                     out=np.zeros(n), where=degree > 0)


def _strata(levels: list[np.ndarray]) -> list[np.ndarray]:
    """0/1 float32 masks (nodes x sources) of the nodes at distance 1, 2, ... from each source,
    the last one for `_STRATA` steps or more, from the search's `levels`."""
    masks = [level.astype(np.float32) for level in levels[1:_STRATA]]
    masks += [np.zeros_like(levels[0], dtype=np.float32)] * (_STRATA - 1 - len(masks))
    masks.append(sum((level.astype(np.float32) for level in levels[_STRATA:]),
                     np.zeros_like(masks[0])))
    return masks


def _stratum_sizes(pattern: sp.csr_array, candidates: np.ndarray, covariate: np.ndarray
                   ) -> np.ndarray:
    """(strata x 2 x candidates): how many nodes lie at each stratum's distance from each
    candidate, and the sum of their covariate; one breadth-first search per candidate."""
    sizes = np.zeros((_STRATA, 2, len(candidates)))
    weights = np.stack([np.ones_like(covariate), covariate], axis=1).astype(np.float32)
    n = pattern.shape[0]
    start = 0
    for block in _blocks(candidates, n):
        _paths, levels = _search(pattern, block)
        for stratum, mask in enumerate(_strata(levels)):
            sizes[stratum, :, start:start + len(block)] = (mask.T @ weights).T
        start += len(block)
    return sizes


def _regression_total(sample: np.ndarray, population: np.ndarray) -> float | None:
    """Regression estimate of a node's total credit from its strata: `sample` (strata x 5) holds
    the sampled sources' count and sums of x, x^2, y and x*y per stratum, `population`
    (strata x 2) each stratum's size and sum of x. Strata with fewer than
    `_MIN_STRATUM_SOURCES` sampled sources are merged with the next farther one (the farthest
    with the one before it); None if the whole sample has fewer.

    Ten sources at distance 1, five with x = 1 and y = 2 and five with x = 0 and y = 0, and none
    at distance 2: the line y = 2x, at the population's mean x of 0.8, gives 1.6 per node.

    >>> sample = np.array([[10, 5, 5, 10, 10], [0, 0, 0, 0, 0]])
    >>> round(float(_regression_total(sample, np.array([[20, 16], [5, 4]]))), 6)
    40.0
    """
    groups = []
    pending_sample, pending_population = np.zeros(5), np.zeros(2)
    for stratum_sample, stratum_population in zip(sample, population):
        pending_sample = pending_sample + stratum_sample
        pending_population = pending_population + stratum_population
        if pending_sample[0] >= _MIN_STRATUM_SOURCES:
            groups.append((pending_sample, pending_population))
            pending_sample, pending_population = np.zeros(5), np.zeros(2)
    if not groups:
        return None
    last_sample, last_population = groups[-1]
    groups[-1] = (last_sample + pending_sample, last_population + pending_population)
    total = 0.0
    for (count, sum_x, sum_xx, sum_y, sum_xy), (size, population_x) in groups:
        mean_x, mean_y = sum_x / count, sum_y / count
        spread = sum_xx - sum_x * mean_x
        slope = (sum_xy - sum_x * mean_y) / spread if spread > 1e-9 * sum_xx else 0.0
        total += size * (mean_y + slope * (population_x / size - mean_x))
    return total


def _search(pattern: sp.csr_array, sources: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Breadth-first search from each of `sources` at once, one level per sparse product.

    Returns (paths, levels): column j follows the search from sources[j]; paths (nodes x
    sources) counts the shortest paths from the source (sigma), levels[d] marks the nodes at
    distance d. Masks are applied by multiplying with 0/1 arrays: numpy's ``where=`` on
    scattered masks costs twenty times more.
    """
    n, width = pattern.shape[0], len(sources)
    columns = np.arange(width)
    paths = np.zeros((n, width), dtype=np.float32)
    paths[sources, columns] = 1
    unvisited = np.ones((n, width), dtype=np.float32)
    unvisited[sources, columns] = 0
    levels = [paths > 0]
    frontier = paths
    while True:
        reached = pattern @ frontier
        reached *= unvisited
        level = reached > 0
        if not level.any():
            return paths, levels
        unvisited -= level
        levels.append(level)
        paths += reached
        frontier = reached


def _dependencies(pattern: sp.csr_array, sources: np.ndarray, weight: np.ndarray,
                  offset: float | None, levels: list | None = None) -> np.ndarray:
    """Brandes' dependency of every node (rows) on each of `sources` (columns), the sources
    themselves 0. With `offset` = b: each pair's dependency scaled by the node's share
    (d(s, v) - b) / (d(s, t) - 2b), i.e. (d(s, v) - b) times the sum over targets t of the pair
    dependency / (d(s, t) - 2b). The search's levels are appended to `levels` if given.
    """
    paths, found = _search(pattern, sources)
    if levels is not None:
        levels.extend(found)
    inverse_paths = np.reciprocal(paths, out=np.zeros_like(paths), where=paths > 0)
    target_weight = weight[:, None]
    dependency = np.zeros_like(paths)
    distance = None if offset is None else np.zeros_like(paths)
    for depth in range(len(found) - 1, 0, -1):  # accumulate from the farthest level back
        share = target_weight if offset is None else target_weight / np.float32(depth - 2 * offset)
        share = share + dependency
        share *= inverse_paths
        share *= found[depth]
        gathered = pattern @ share
        gathered *= paths
        gathered *= found[depth - 1]
        dependency += gathered
        if offset is not None:
            distance += depth * found[depth]
    if offset is not None:
        distance -= np.float32(offset)
        dependency *= distance
    dependency[sources, np.arange(len(sources))] = 0
    return dependency

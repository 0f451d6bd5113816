"""Positions for drawing the network: computed once, stored by the web app, reused by every view.

Three functions, all pure and deterministic for a given `seed`:

* `layout_graph(G)`: a force-directed layout of the whole graph. Each connected component is laid
  out on its own (Pivot MDS start, ForceAtlas2 forces, Fruchterman-Reingold cooling, repulsion
  on a grid for large components: see `_force_layout`), then the components are packed: the
  largest first, the others in rows below it by size, the isolated nodes in a compact grid at
  the end. Coordinates are in vis-network canvas units, scaled so that the median distance from
  a node to its nearest neighbour is `spacing`.
* `place_near_neighbours(G, positions, nodes)`: a node added later goes to the mean position of
  its already placed neighbours plus a small deterministic offset, so the existing picture stays
  as it was (no re-layout for a new actor).
* `extend_layout(G, positions)`: positions for every node of `G` that has none: near its
  neighbours where possible, a fresh layout beside the existing picture for the rest.

`radial_layout(G, centre)` draws an actor's neighbourhood: the actor in the middle, partners on
a ring, partners of partners on an outer ring next to the partner they hang from.

Cost of `layout_graph` on generated communes (coordination.analysis.synthetic, ~2.5 ties per
actor), measured on the 2-core development machine under a load average of 3: 0.3 s at 200
actors, 0.8 s at 2,000 and 1.1 s at 5,000; memory O(nodes + edges) plus a 256x256 FFT grid.
networkx's `spring_layout` (50 iterations, with scipy) took 17 s at 2,000 in the same run.

>>> import networkx as nx
>>> positions = layout_graph(nx.path_graph(3), seed=1)
>>> sorted(positions)
[0, 1, 2]
>>> positions == layout_graph(nx.path_graph(3), seed=1)
True
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from functools import cache

import networkx as nx
import numpy as np
from scipy.fft import irfft2, rfft2
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path
from scipy.spatial import cKDTree

Position = tuple[float, float]

SPACING = 60.0  # canvas units from a node to its nearest neighbour (dots are 12-44 units wide)
# Up to SMALL_NETWORK nodes every label should be readable when the whole picture fits the
# screen, so nodes stand about a label's width apart (names wrap at about 20 characters).
SMALL_NETWORK = 30
SMALL_SPACING = 170.0
EXACT_REPULSION_MAX_NODES = 300  # up to this component size every pair repels exactly
GRID_CELLS = 128  # resolution of the far-field repulsion grid for larger components
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def layout_graph(G: nx.Graph, *, seed: int = 42, spacing: float = SPACING,
                 iterations: int | None = None) -> dict[Hashable, Position]:
    """A position for every node of `G`: components laid out separately, then packed.

    Runs in O(iterations * (nodes + edges + close pairs)) plus an FFT of the repulsion grid per
    iteration for components of more than EXACT_REPULSION_MAX_NODES nodes, whose repulsion is
    otherwise O(nodes²) per iteration (see the module docstring for timings). The result depends
    only on `G`'s nodes, edges and `seed`.
    """
    rng = np.random.default_rng(seed)
    components = sorted((sorted(c, key=_sort_key) for c in nx.connected_components(G)),
                        key=lambda c: (-len(c), _sort_key(c[0])))
    blocks: list[tuple[list, np.ndarray]] = []
    isolated = []
    for nodes in components:
        if len(nodes) == 1:
            isolated.append(nodes[0])
            continue
        blocks.append((nodes, _component_layout(G, nodes, rng, spacing, iterations)))
    if isolated:
        blocks.append((isolated, _grid(len(isolated), spacing)))
    return _pack(blocks, spacing)


def spacing_for(node_count: int) -> float:
    """The distance between neighbouring nodes for a network of `node_count` nodes.

    >>> spacing_for(11) > spacing_for(151)
    True
    """
    return SMALL_SPACING if node_count <= SMALL_NETWORK else SPACING


def place_near_neighbours(G: nx.Graph, positions: Mapping[Hashable, Position],
                          nodes: Iterable[Hashable], *,
                          spacing: float = SPACING) -> dict[Hashable, Position]:
    """Positions for those of `nodes` that are connected (directly or through other `nodes`) to
    a node in `positions`: the mean of the placed neighbours plus an offset of half an edge
    length in a direction derived from the node (so two new partners of the same actor do not
    land on the same spot). Works in waves: nodes next to placed ones first, then their new
    neighbours. Nodes with no such path are left out of the result. O(nodes + their edges).

    >>> import networkx as nx
    >>> place_near_neighbours(nx.path_graph(3), {0: (0.0, 0.0), 1: (100.0, 0.0)}, [2])[2][0] > 100
    True
    """
    placed = dict(positions)
    waiting = {node for node in nodes if node not in placed and node in G}
    result: dict[Hashable, Position] = {}
    while waiting:
        wave = {}
        for node in sorted(waiting, key=_sort_key):
            anchors = [placed[n] for n in G[node] if n in placed]
            if anchors:
                x = sum(a[0] for a in anchors) / len(anchors)
                y = sum(a[1] for a in anchors) / len(anchors)
                angle = _offset_angle(node)
                wave[node] = (x + math.cos(angle) * spacing,
                              y + math.sin(angle) * spacing)
        if not wave:
            break
        placed.update(wave)
        result.update(wave)
        waiting -= wave.keys()
    return result


def extend_layout(G: nx.Graph, positions: Mapping[Hashable, Position], *, seed: int = 42,
                  spacing: float = SPACING) -> dict[Hashable, Position]:
    """Positions for the nodes of `G` missing from `positions` (the existing ones never move).

    Nodes with a placed neighbour go near it (`place_near_neighbours`); the others get a fresh
    `layout_graph` of their own, drawn below the existing picture. With no existing positions
    this is `layout_graph(G)`.
    """
    missing = [node for node in G if node not in positions]
    if not positions:
        return layout_graph(G, seed=seed, spacing=spacing)
    new = place_near_neighbours(G, positions, missing, spacing=spacing)
    rest = [node for node in missing if node not in new]
    if rest:
        fresh = layout_graph(G.subgraph(rest), seed=seed, spacing=spacing)
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        fx = [p[0] for p in fresh.values()]
        fy = [p[1] for p in fresh.values()]
        dx = min(xs) - min(fx)
        dy = max(ys) + 3 * spacing - min(fy)
        new.update({node: (x + dx, y + dy) for node, (x, y) in fresh.items()})
    return new


def radial_layout(G: nx.Graph, centre: Hashable, *, spacing: float = SPACING) -> dict[Hashable, Position]:
    """`centre` at (0, 0), its neighbours evenly on a ring, every further node on an outer ring
    next to the node it was reached from (breadth-first, smallest parent first). Rings grow
    with the number of nodes on them so labels do not overlap. O(nodes log nodes).

    >>> import networkx as nx
    >>> positions = radial_layout(nx.star_graph(4), 0)
    >>> positions[0], round(math.dist(positions[0], positions[1]))
    ((0.0, 0.0), 180)
    """
    distance = nx.single_source_shortest_path_length(G, centre)
    positions: dict[Hashable, Position] = {centre: (0.0, 0.0)}
    angle_of: dict[Hashable, float] = {centre: 0.0}
    rings: dict[int, list] = {}
    for node, steps in distance.items():
        if steps:
            rings.setdefault(steps, []).append(node)
    for steps in sorted(rings):
        ring = rings[steps]
        if steps == 1:
            ring.sort(key=_sort_key)
        else:  # keep each node next to its parent on the inner ring
            def parent_angle(node, steps=steps):
                parents = [p for p in G[node] if distance.get(p) == steps - 1]
                return min(angle_of[p] for p in parents)
            ring.sort(key=lambda node: (parent_angle(node), _sort_key(node)))
        radius = max(steps * spacing * 3, len(ring) * spacing / math.pi)
        offset = 0.0 if steps == 1 else math.pi / max(len(ring), 1)
        for index, node in enumerate(ring):
            angle = 2 * math.pi * index / len(ring) + offset
            angle_of[node] = angle
            positions[node] = (round(radius * math.cos(angle), 2), round(radius * math.sin(angle), 2))
    return positions


# --- internals ---------------------------------------------------------------------------------

def _sort_key(node) -> tuple:
    return (type(node).__name__, node if isinstance(node, (int, float, str)) else str(node))


def _offset_angle(node) -> float:
    number = node if isinstance(node, int) else sum(ord(c) for c in str(node))
    return (number * _GOLDEN_ANGLE) % (2 * math.pi)


def _component_layout(G, nodes, rng, spacing, iterations) -> np.ndarray:
    n = len(nodes)
    if n == 2:
        return np.array([[-spacing, 0.0], [spacing, 0.0]])
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in G.subgraph(nodes).edges()], dtype=np.int64)
    if iterations is None:
        iterations = 60 if n <= EXACT_REPULSION_MAX_NODES else 120
    positions = _force_layout(n, edges, rng, spacing, iterations)
    # Scale so that the typical distance to the nearest other node is `spacing`: edges to hubs
    # are long in any layout, so the node density, not the edge length, decides readability.
    nearest = cKDTree(positions).query(positions, k=2)[0][:, 1]
    median = float(np.median(nearest))
    if median > 0:
        positions *= spacing / median
    return positions - positions.mean(axis=0)


def _force_layout(n: int, edges: np.ndarray, rng, k: float, iterations: int) -> np.ndarray:
    """Force-directed placement in three ideas:

    * start from Pivot MDS (`_pivot_mds`): graph distances give the global shape, so the force
      phase does not have to untangle a random start (a grid comes out as a grid);
    * ForceAtlas2's forces (Jacomy et al. 2014): edges attract linearly with their length, node
      pairs repel with k² (deg_i + 1)(deg_j + 1) / d, which separates groups of densely tied
      actors and spreads the many partners of a hub instead of piling them on a ring;
    * Fruchterman-Reingold's cooling: each move is capped by a temperature that falls linearly.

    Repulsion is exact for components up to EXACT_REPULSION_MAX_NODES. For larger ones it is a
    far field computed on a GRID_CELLS² grid (the masses per cell convolved with the softened
    kernel by FFT: a particle-mesh scheme) plus exact repulsion between pairs closer than one
    cell (found with a k-d tree). Per iteration O(n + edges + close pairs + G² log G).
    """
    mass = np.bincount(edges.ravel(), minlength=n).astype(float) + 1
    u, v = edges[:, 0], edges[:, 1]
    positions = _pivot_mds(n, edges, rng)
    lengths = np.linalg.norm(positions[u] - positions[v], axis=1)
    positions *= k / max(float(np.median(lengths)), 1e-9)
    temperature = 10 * k
    cooling = temperature / (iterations + 1)
    exact = n <= EXACT_REPULSION_MAX_NODES
    for _ in range(iterations):
        if exact:
            delta = positions[:, None, :] - positions[None, :, :]
            push = k * k * mass[:, None] * mass[None, :] / np.maximum((delta ** 2).sum(axis=2), 0.01)
            displacement = (delta * push[:, :, None]).sum(axis=1)
        else:
            far, cell_size = _far_field(positions, mass, k)
            displacement = mass[:, None] * far + _near_field(positions, mass, k, cell_size)
        delta = positions[u] - positions[v]
        for axis in (0, 1):
            displacement[:, axis] -= np.bincount(u, delta[:, axis], n) - np.bincount(v, delta[:, axis], n)
        length = np.maximum(np.linalg.norm(displacement, axis=1), 0.01)
        positions += displacement * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return positions


def _pivot_mds(n: int, edges: np.ndarray, rng, pivots: int = 50) -> np.ndarray:
    """Pivot MDS (Brandes & Pich 2006): classical MDS of the graph distances to a few pivot
    nodes chosen far apart. O(pivots * (n + edges)); a good global starting point."""
    adjacency = csr_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    count = min(pivots, n)
    distances = np.empty((count, n))
    current = int(rng.integers(n))
    nearest = np.full(n, np.inf)
    for row in range(count):
        distances[row] = shortest_path(adjacency, directed=False, unweighted=True, indices=current)
        nearest = np.minimum(nearest, distances[row])
        current = int(np.argmax(nearest))
    squared = distances.T ** 2
    centred = squared - squared.mean(axis=0) - squared.mean(axis=1)[:, None] + squared.mean()
    centred *= -0.5
    # The two leading left singular vectors u = C v / s, from the small pivots x pivots matrix.
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)
    top = eigenvectors[:, [-1, -2]]
    singular = np.sqrt(np.maximum(eigenvalues[[-1, -2]], 1e-12))
    return (centred @ top) / np.sqrt(singular) + rng.normal(0, 1e-3, size=(n, 2))


def _near_field(positions: np.ndarray, mass: np.ndarray, k: float, radius: float) -> np.ndarray:
    """Exact repulsion between the pairs closer than `radius` (found with a k-d tree)."""
    n = len(positions)
    pairs = cKDTree(positions).query_pairs(radius, output_type="ndarray")
    result = np.zeros((n, 2))
    if len(pairs):
        i, j = pairs[:, 0], pairs[:, 1]
        delta = positions[i] - positions[j]
        push = delta * (k * k * mass[i] * mass[j] / np.maximum((delta ** 2).sum(axis=1), 0.01))[:, None]
        for axis in (0, 1):
            result[:, axis] = np.bincount(i, push[:, axis], n) - np.bincount(j, push[:, axis], n)
    return result


@cache
def _far_field_kernels(cells: int) -> tuple[np.ndarray, np.ndarray]:
    """Fourier transforms of the softened repulsion kernel (x and y part) in grid units, laid
    out for a circular convolution of size 2 * cells (no wrap-around for offsets < cells)."""
    size = 2 * cells
    offsets = np.arange(size)
    offsets = np.where(offsets < cells, offsets, offsets - size).astype(float)
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    kernel = 1 / (dx ** 2 + dy ** 2 + 4)  # softened over two cells
    return rfft2(dx * kernel), rfft2(dy * kernel)


def _far_field(positions: np.ndarray, mass: np.ndarray, k: float) -> tuple[np.ndarray, float]:
    """The repulsion (per unit mass) at each node from all masses, computed on a grid, and the
    grid's cell size."""
    cells = GRID_CELLS
    low = positions.min(axis=0)
    size = max(float((positions.max(axis=0) - low).max()), k) / (cells - 1)
    cell = np.minimum(((positions - low) / size).astype(np.int64), cells - 1)
    grid = np.bincount(cell[:, 0] * cells + cell[:, 1], mass, minlength=cells * cells)
    transformed = rfft2(grid.reshape(cells, cells), s=(2 * cells, 2 * cells))
    kernel_x, kernel_y = _far_field_kernels(cells)
    factor = k * k / size
    field_x = irfft2(transformed * kernel_x, s=(2 * cells, 2 * cells))
    field_y = irfft2(transformed * kernel_y, s=(2 * cells, 2 * cells))
    x, y = cell[:, 0], cell[:, 1]
    return np.column_stack((field_x[x, y], field_y[x, y])) * factor, size


def _grid(count: int, spacing: float) -> np.ndarray:
    """Rows of isolated nodes, cells wider than high (a label sits beside or below each)."""
    columns = max(1, math.ceil(math.sqrt(count * 3)))
    return np.array([((i % columns) * spacing * 1.5, (i // columns) * spacing * 0.75)
                     for i in range(count)])


def _pack(blocks: list[tuple[list, np.ndarray]], spacing: float) -> dict[Hashable, Position]:
    """Place the blocks (already sorted, largest first) in rows below the first one."""
    positions: dict[Hashable, Position] = {}
    if not blocks:
        return positions
    margin = 2 * spacing
    first_nodes, first = blocks[0]
    width = max(float(np.ptp(first[:, 0])), spacing * min(16, 4 + len(blocks) * 2))
    row_width = max(width, math.sqrt(sum(np.ptp(b[:, 0]) * np.ptp(b[:, 1]) + margin * margin
                                         for _, b in blocks)))
    origin_x = float(first[:, 0].min())
    x, y, row_height = origin_x, float(first[:, 1].max()) + margin, 0.0
    placed = [(first_nodes, first)]
    for nodes, block in blocks[1:]:
        block = block - block.min(axis=0)
        w, h = float(np.ptp(block[:, 0])), float(np.ptp(block[:, 1]))
        if x > origin_x and x + w > origin_x + row_width:
            x, y, row_height = origin_x, y + row_height + margin, 0.0
        placed.append((nodes, block + (x, y)))
        x += w + margin
        row_height = max(row_height, h)
    for nodes, block in placed:
        for node, (px, py) in zip(nodes, block.tolist()):
            positions[node] = (round(px, 2), round(py, 2))
    return positions

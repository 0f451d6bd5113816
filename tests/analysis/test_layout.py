"""Layout of the network picture (coordination.analysis.layout): no app needed."""
import math

import networkx as nx
import numpy as np
import pytest
from scipy.spatial import cKDTree

from coordination.analysis import layout
from coordination.analysis.synthetic import generate_commune


def _bbox(positions, nodes):
    xs = [positions[n][0] for n in nodes]
    ys = [positions[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def _overlap(a, b):
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def commune_graph(n):
    data = generate_commune(n)
    G = nx.Graph()
    G.add_nodes_from(actor.id for actor in data.actors)
    G.add_edges_from((c.actor_a, c.actor_b) for c in data.cooperations)
    return G


def test_every_node_gets_a_position_deterministically():
    G = commune_graph(150)
    positions = layout.layout_graph(G, seed=3)
    assert set(positions) == set(G)
    assert positions == layout.layout_graph(G, seed=3)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())


@pytest.mark.parametrize("n", [150, 800])  # exact repulsion and the grid approximation
def test_nodes_keep_their_distance(n):
    G = commune_graph(n)
    positions = layout.layout_graph(G)
    points = np.array([positions[node] for node in G])
    nearest = cKDTree(points).query(points, k=2)[0][:, 1]
    assert np.median(nearest) == pytest.approx(layout.SPACING, rel=0.1)
    assert np.percentile(nearest, 5) > layout.SPACING / 6  # hardly any dots on top of each other


def test_partners_end_up_closer_than_strangers():
    G = commune_graph(400)
    positions = layout.layout_graph(G)
    edges = [math.dist(positions[u], positions[v]) for u, v in G.edges()]
    rng = np.random.default_rng(0)
    nodes = list(G)
    pairs = [tuple(rng.choice(len(nodes), 2, replace=False)) for _ in range(2000)]
    strangers = [math.dist(positions[nodes[a]], positions[nodes[b]]) for a, b in pairs]
    assert np.median(edges) < 0.6 * np.median(strangers)


def test_a_grid_comes_out_as_a_grid():
    """Neighbours in the grid are neighbours in the picture (no folds)."""
    G = nx.convert_node_labels_to_integers(nx.grid_2d_graph(12, 12))
    positions = layout.layout_graph(G)
    points = np.array([positions[node] for node in G])
    _, nearest = cKDTree(points).query(points, k=2)
    nodes = list(G)
    agree = sum(G.has_edge(nodes[i], nodes[j]) for i, j in nearest)
    assert agree / len(nodes) > 0.9


def test_components_do_not_overlap_and_isolated_nodes_sit_in_a_grid():
    G = nx.disjoint_union_all([nx.cycle_graph(30), nx.path_graph(5), nx.complete_graph(4)])
    G.add_nodes_from(range(100, 110))
    positions = layout.layout_graph(G)
    components = [sorted(c) for c in nx.connected_components(G) if len(c) > 1]
    boxes = [_bbox(positions, c) for c in components]
    isolated = _bbox(positions, range(100, 110))
    for i, box in enumerate(boxes):
        assert not _overlap(box, isolated)
        assert all(not _overlap(box, other) for other in boxes[i + 1:])
    ys = {positions[n][1] for n in range(100, 110)}
    assert len(ys) <= 3  # a few rows, not scattered


def test_new_node_goes_next_to_its_neighbours():
    G = nx.Graph([(1, 2), (2, 3), (3, 4), (4, 9), (9, 10)])
    placed = {1: (0.0, 0.0), 2: (100.0, 0.0), 3: (100.0, 100.0), 4: (0.0, 100.0)}
    new = layout.place_near_neighbours(G, placed, [9, 10])
    assert math.dist(new[9], placed[4]) == pytest.approx(layout.SPACING)
    assert math.dist(new[10], new[9]) == pytest.approx(layout.SPACING)  # a second wave


def test_extend_layout_never_moves_placed_nodes():
    G = nx.Graph([(1, 2), (2, 3), (7, 8)])
    G.add_node(5)
    placed = {1: (0.0, 0.0), 2: (120.0, 0.0)}
    new = layout.extend_layout(G, placed)
    assert set(new) == {3, 5, 7, 8}
    assert math.dist(new[3], placed[2]) == pytest.approx(layout.SPACING)
    assert min(new[n][1] for n in (5, 7, 8)) > 0  # unconnected newcomers go below the picture
    assert layout.extend_layout(G, {}) == layout.layout_graph(G)


def test_radial_layout_rings():
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 11), (1, 12), (3, 31)])
    positions = layout.radial_layout(G, 0)
    assert positions[0] == (0.0, 0.0)
    inner = {round(math.dist((0, 0), positions[n])) for n in (1, 2, 3)}
    outer = {round(math.dist((0, 0), positions[n])) for n in (11, 12, 31)}
    assert len(inner) == 1 and len(outer) == 1 and max(inner) < min(outer)
    # partners of partners follow the order of the partners they hang from around the circle

    def angle(node):
        return math.atan2(positions[node][1], positions[node][0]) % (2 * math.pi)

    assert angle(1) < angle(2) < angle(3)
    assert max(angle(11), angle(12)) < angle(31)

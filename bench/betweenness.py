"""Betweenness on generated communes: which implementation, and how good the sample is.

Exact betweenness of the analysis graph at 2,000, 5,000 and 20,000 actors, computed three ways:
networkx (pure Python, the reference; only up to `--networkx-max` actors), rustworkx (compiled
Rust, multithreaded) and the analysis' own sparse-matrix Brandes
(coordination.analysis.betweenness.betweenness_centrality). Printed per size and implementation:
processor and wall time and the largest difference from the sparse result (relative, over the
nodes above 1e-9). rustworkx runs on as many threads as the machine has cores, so its processor
time can exceed its wall time; on a shared server both count.

Then, for the sizes above the exact limit of the default thresholds, the estimate the analysis
makes (metrics.betweenness_sample_size sources) on each of the generated communes `--communes`,
for `--seeds` sample seeds each: how many of the exact top 20 actors it finds, and its processor
time, and per size how many samples found 18 or more. Target: at least 18 of 20 for every
seed; the full analysis within 5 s at 20,000 actors (bench/analysis.py). The exact reference
takes 20-30 s of processor time per commune of 20,000 actors: with `--cache DIR` it is kept
there per size and commune seed (and the implementations are compared only when it is
computed), so that more seeds cost only the estimates. Delete the directory when the generator
or the graph changes; a stored result whose node and edge counts no longer match is computed
anew.

Measured at 20,000 actors, communes 1 to 5, seeds 0 to 4 (7 December 2026, load average
2.6-5.0; docs/performance.md, 1.): 19 20 19 20 19 / 18 20 19 19 20 / 19 19 19 19 19 /
19 19 19 18 20 / 19 20 19 19 19, all 25 at 18 or more, mean 19.2; the estimate 1.9-2.6 s of
processor time. Seeds 5 to 19: all 18 or more as well; seeds 20 to 59 on communes 2 and 4:
one 17 (commune 2, seed 35, where ranks 17 to 25 lie within 5.4 %).

Other processes inflate the times: the load average is printed with them.

    .venv/bin/python bench/betweenness.py [--sizes 2000 5000 20000] [--networkx-max 2000]
                                          [--communes 1 2 3] [--seeds 5] [--cache DIR]
"""
from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402
import rustworkx as rx  # noqa: E402

from coordination.analysis.betweenness import betweenness_centrality  # noqa: E402
from coordination.analysis.graph import actor_nodes, build_analysis_graph  # noqa: E402
from coordination.analysis.metrics import betweenness_sample_size  # noqa: E402
from coordination.analysis.synthetic import generate_commune  # noqa: E402

TOP = 20


def timed(function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def rustworkx_betweenness(G: nx.Graph) -> dict:
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(range(len(nodes)))
    graph.add_edges_from_no_data([(index[u], index[v]) for u, v in G.edges()])
    values = rx.graph_betweenness_centrality(graph, normalized=True)
    return {node: values[i] for i, node in enumerate(nodes)}


def largest_difference(ours: dict, theirs: dict) -> float:
    return max(abs(ours[node] - theirs[node]) / ours[node] for node in ours if ours[node] > 1e-9)


def top(scores: dict, actors: list) -> set:
    return set(sorted(actors, key=lambda actor: (-scores[actor], actor))[:TOP])


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def sample_accuracy(G, exact: dict, k: int, seeds: int) -> tuple[list[int], list[float]]:
    """How many of the exact top 20 actors the estimate from `k` sources finds, and its
    processor seconds, for sample seeds 0 .. seeds - 1."""
    actor_ids = actor_nodes(G)
    exact_top = top(exact, actor_ids)
    found, times = [], []
    for seed in range(seeds):
        estimate, _wall, cpu = timed(betweenness_centrality, G, k=k, seed=seed)
        found.append(len(exact_top & top(estimate, actor_ids)))
        times.append(cpu)
    return found, times


def exact_betweenness(G, actors: int, commune: int, cache: Path | None) -> tuple[dict, bool]:
    """The exact values, from `cache` (a pickle per size and commune seed, kept with the graph's
    node and edge counts and used only if they still match) or computed and timed. Returns
    (values, whether computed)."""
    path = cache / f"exact-{actors}-{commune}.pkl" if cache else None
    shape = (G.number_of_nodes(), G.number_of_edges())
    if path and path.exists():
        stored = pickle.loads(path.read_bytes())
        if stored["shape"] == shape:
            print(f"  exact values from {path}")
            return stored["values"], False
    ours, wall, cpu = timed(betweenness_centrality, G)
    print(f"  sparse Brandes (ours)  {cpu:7.2f} / {wall:7.2f} s")
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps({"shape": shape, "values": ours}))
    return ours, True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 20000])
    parser.add_argument("--networkx-max", type=int, default=2000)
    parser.add_argument("--communes", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="directory for the exact values")
    options = parser.parse_args()
    print(f"Exact betweenness ({os.cpu_count()} CPUs); times as processor / wall seconds")
    for actors in options.sizes:
        all_found = []
        for commune in options.communes:
            G = build_analysis_graph(generate_commune(actors, seed=commune))
            print(f"\n{actors:,} actors, commune {commune} ({G.number_of_nodes():,} nodes, "
                  f"{G.number_of_edges():,} edges), load average {load()}")
            ours, computed = exact_betweenness(G, actors, commune, options.cache)
            if computed and commune == options.communes[0]:
                theirs, wall, cpu = timed(rustworkx_betweenness, G)
                print(f"  rustworkx {rx.__version__:12s} {cpu:7.2f} / {wall:7.2f} s  "
                      f"largest difference {largest_difference(ours, theirs):.1e}")
                if actors <= options.networkx_max:
                    theirs, wall, cpu = timed(nx.betweenness_centrality, G)
                    print(f"  networkx {nx.__version__:13s} {cpu:7.2f} / {wall:7.2f} s  "
                          f"largest difference {largest_difference(ours, theirs):.1e}")
            k = betweenness_sample_size(G.number_of_nodes())
            if k is None:
                break
            found, times = sample_accuracy(G, ours, k, options.seeds)
            all_found += found
            print(f"  estimate from {k:,} sources: exact top {TOP} found {found} (target >= 18 "
                  f"each), processor {min(times):.2f}-{max(times):.2f} s, load average {load()}")
        if all_found:
            missed = sum(found < 18 for found in all_found)
            print(f"\n{actors:,} actors: {len(all_found) - missed} of {len(all_found)} samples "
                  f"find 18 or more of the exact top {TOP}, mean "
                  f"{sum(all_found) / len(all_found):.2f}")


if __name__ == "__main__":
    main()

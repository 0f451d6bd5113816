"""Betweenness on generated communes: which implementation, and how good the sample is.

Exact betweenness of the analysis graph at 2,000, 5,000 and 20,000 actors, computed three ways:
networkx (pure Python, the reference; only up to `--networkx-max` actors), rustworkx (compiled
Rust, multithreaded) and the analysis' own sparse-matrix Brandes
(coordination.analysis.metrics.betweenness_centrality). Printed per size and implementation:
processor and wall time and the largest difference from the sparse result (relative, over the
nodes above 1e-9). rustworkx runs on as many threads as the machine has cores, so its processor
time can exceed its wall time; on a shared server both count.

Then, for the sizes above the exact limit of the default thresholds, the sample the analysis
draws (metrics.betweenness_sample_size) for `--seeds` seeds: how many of the exact top 20
actors it finds, and its processor time. Target: at least 18 of 20; the full analysis within
5 s at 20,000 actors (bench/analysis.py). The exact reference at 20,000 actors takes about a
minute of processor time.

Other processes inflate the times: the load average is printed with them.

    .venv/bin/python bench/betweenness.py [--sizes 2000 5000 20000] [--networkx-max 2000] [--seeds 5]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import networkx as nx  # noqa: E402
import rustworkx as rx  # noqa: E402

from coordination.analysis.graph import actor_nodes, build_analysis_graph  # noqa: E402
from coordination.analysis.metrics import (  # noqa: E402
    betweenness_centrality,
    betweenness_sample_size,
)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 20000])
    parser.add_argument("--networkx-max", type=int, default=2000)
    parser.add_argument("--seeds", type=int, default=5)
    options = parser.parse_args()
    print(f"Exact betweenness ({os.cpu_count()} CPUs); times as processor / wall seconds")
    for actors in options.sizes:
        G = build_analysis_graph(generate_commune(actors, seed=1))
        ours, wall, cpu = timed(betweenness_centrality, G)
        print(f"\n{actors:,} actors ({G.number_of_nodes():,} nodes, {G.number_of_edges():,} "
              f"edges), load average {load()}")
        print(f"  sparse Brandes (ours)  {cpu:7.2f} / {wall:7.2f} s")
        theirs, wall, cpu = timed(rustworkx_betweenness, G)
        print(f"  rustworkx {rx.__version__:12s} {cpu:7.2f} / {wall:7.2f} s  "
              f"largest difference {largest_difference(ours, theirs):.1e}")
        if actors <= options.networkx_max:
            theirs, wall, cpu = timed(nx.betweenness_centrality, G)
            print(f"  networkx {nx.__version__:13s} {cpu:7.2f} / {wall:7.2f} s  "
                  f"largest difference {largest_difference(ours, theirs):.1e}")
        k = betweenness_sample_size(G.number_of_nodes())
        if k is None:
            continue
        actor_ids = actor_nodes(G)
        exact = top(ours, actor_ids)
        found, times = [], []
        for seed in range(options.seeds):
            estimate, _wall, cpu = timed(betweenness_centrality, G, k=k, seed=seed)
            found.append(len(exact & top(estimate, actor_ids)))
            times.append(cpu)
        print(f"  sample of {k:,} sources: exact top {TOP} found {found} (target >= 18 each), "
              f"processor {min(times):.2f}-{max(times):.2f} s, load average {load()}")


if __name__ == "__main__":
    main()

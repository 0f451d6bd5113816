"""Gap analysis on generated communes of 200, 2,000, 5,000 and 20,000 actors.

Each size runs in a child process of its own, so the peak memory (maximum resident set size,
including the generated data and the interpreter) belongs to that size alone. The commune comes
from `coordination.analysis.synthetic` (about 2.5 cooperations per actor, bodies with
memberships, 1.2 contributions per actor). Printed per size: time to build the analysis graph,
time of the full analysis (`analyse`: graph, all metrics, coverage, gap rules) as the median and
the minimum of `--repeat` runs, with the processor time of the median run, and the peak memory.
Before each run the garbage of the earlier ones is collected (as timeit does by switching the
collector off): a networkx graph refers to itself through its views, so a discarded analysis is
freed by the cycle collector, whose full pass (about 50 ms at 2,000 actors) would otherwise land
in whichever run happens to trigger it.
Targets on a 2-core machine: full analysis at most 0.6 s at 2,000 actors and 3 s at 5,000
(betweenness exact) and 5 s at 20,000 (betweenness from a sample), at most 1 GiB at 20,000.

For comparison the naive path, exact betweenness (`nx.betweenness_centrality`) plus
`nx.spring_layout` (50 iterations), is timed where it finishes in reasonable time (up to
2,000 actors) and extrapolated beyond: betweenness grows with nodes x edges, the layout with
nodes squared. Other processes on the machine, and on the host of a virtual machine, inflate
wall and processor times alike (by up to twice on this one, from minute to minute): the load
average is printed with the figures, and per size the column "host" gives, as a yardstick, the
processor time of exact betweenness at 200 actors just before the timed runs divided by the
48 ms the performance notes measured on an idle machine.

    .venv/bin/python bench/analysis.py [--sizes 200 2000 5000 20000] [--repeat 5] [--naive-max 2000]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import networkx as nx

from coordination.analysis import analyse
from coordination.analysis.graph import build_analysis_graph, build_cooperation_graph
from coordination.analysis.synthetic import generate_commune

TARGETS = {2000: 0.6, 5000: 3.0, 20000: 5.0}  # seconds of full analysis
MEMORY_TARGET_MIB = 1024
SPRING_ITERATIONS = 50
# Exact betweenness of a 200-actor commune on an idle machine of this kind
# (docs/performance.md, 1.): the yardstick for how busy the machine is while measuring.
REFERENCE_MS = 48


def measure(actors: int, repeat: int, naive: bool) -> dict:
    """Figures for one size, measured in this process (called in the child)."""

    data = generate_commune(actors, seed=1)
    host = reference_ms()  # how fast the machine runs right now, just before the timed runs
    build = []
    for _ in range(repeat):
        G = None
        gc.collect()
        start = time.perf_counter()
        G = build_analysis_graph(data)
        build.append(time.perf_counter() - start)
    runs = []
    for _ in range(repeat):
        result = None
        gc.collect()  # the graphs of earlier runs are cyclic garbage: not this run's cost
        wall, cpu = time.perf_counter(), time.process_time()
        result = analyse(data)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    runs.sort()
    median_wall, median_cpu = runs[len(runs) // 2]
    figures = {
        "actors": actors, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "findings": len(result.findings), "build": statistics.median(build),
        "analysis": median_wall, "analysis_min": runs[0][0], "analysis_cpu": median_cpu,
        "steps": result.timings, "betweenness_sources": result.metrics.betweenness_sources,
        "host": host,
    }
    if naive:
        start = time.perf_counter()
        G = build_analysis_graph(data)
        nx.betweenness_centrality(G)
        betweenness_done = time.perf_counter()
        nx.spring_layout(G, iterations=SPRING_ITERATIONS, seed=1)
        figures["naive_betweenness"] = betweenness_done - start
        figures["naive_layout"] = time.perf_counter() - betweenness_done
    figures["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def reference_ms() -> float:
    """Processor time (best of 5) of exact betweenness on the generated 200-actor cooperation
    graph, to compare with REFERENCE_MS."""

    G = build_cooperation_graph(generate_commune(200, seed=1))
    times = []
    for _ in range(5):
        start = time.process_time()
        nx.betweenness_centrality(G)
        times.append(time.process_time() - start)
    return min(times) * 1000


def run_child(actors: int, repeat: int, naive: bool) -> dict:
    command = [sys.executable, __file__, "--child", str(actors), "--repeat", str(repeat)]
    if naive:
        command.append("--naive")
    output = subprocess.run(command, check=True, capture_output=True, text=True,
                            cwd=PROJECT_ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def extrapolate(measured: dict, target: dict) -> tuple[float, float]:
    """Naive betweenness and layout seconds for `target`, scaled from `measured`."""
    pairs = (target["nodes"] * target["edges"]) / (measured["nodes"] * measured["edges"])
    squares = (target["nodes"] / measured["nodes"]) ** 2
    return measured["naive_betweenness"] * pairs, measured["naive_layout"] * squares


def report(results: list[dict]) -> None:
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Gap analysis on generated communes ({os.cpu_count()} CPUs, load average {load})")
    print(f"Machine check (column 'host'): processor time of exact betweenness at 200 actors, "
          f"measured before each size's runs, divided by the {REFERENCE_MS} ms of the "
          f"performance notes' idle machine\n")
    print(f"{'actors':>7} {'nodes':>7} {'edges':>7} {'findings':>8} {'build':>8} "
          f"{'analysis':>9} {'(min)':>7} {'(CPU)':>7} {'peak MiB':>9} {'host':>5}  target")
    for r in results:
        target = TARGETS.get(r["actors"])
        verdict = (f"<= {target:g} s: {'met' if r['analysis'] <= target else 'MISSED'}"
                   if target else "")
        if r["actors"] >= 20000:
            verdict += (f"; <= {MEMORY_TARGET_MIB} MiB: "
                        f"{'met' if r['peak_mib'] <= MEMORY_TARGET_MIB else 'MISSED'}")
        print(f"{r['actors']:>7,} {r['nodes']:>7,} {r['edges']:>7,} {r['findings']:>8,} "
              f"{r['build']:>7.3f}s {r['analysis']:>8.3f}s {r['analysis_min']:>6.3f}s "
              f"{r['analysis_cpu']:>6.3f}s {r['peak_mib']:>9.0f} "
              f"{r['host'] / REFERENCE_MS:>4.1f}x  {verdict}")
    print("\nSteps of the median run (s): " + "; ".join(
        f"{r['actors']:,}: " + ", ".join(f"{step} {seconds:.3f}"
                                         for step, seconds in r["steps"].items())
        for r in results))
    print("Betweenness: " + "; ".join(
        f"{r['actors']:,}: " + ("exact" if r["betweenness_sources"] is None
                                else f"{r['betweenness_sources']} sampled sources")
        for r in results))

    print(f"\nNaive path: exact betweenness + spring_layout ({SPRING_ITERATIONS} iterations)")
    measured = [r for r in results if "naive_betweenness" in r]
    for r in results:
        if "naive_betweenness" in r:
            betweenness, layout, how = r["naive_betweenness"], r["naive_layout"], "measured"
        elif measured:
            betweenness, layout = extrapolate(measured[-1], r)
            how = f"extrapolated from {measured[-1]['actors']:,} actors (not run)"
        else:
            continue
        naive = r["build"] + betweenness + layout
        print(f"{r['actors']:>7,}: betweenness {_duration(betweenness)}, layout "
              f"{_duration(layout)}, total {_duration(naive)} – {naive / r['analysis']:,.0f} "
              f"times the full analysis ({how})")


def _duration(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--naive-max", type=int, default=2000,
                        help="largest size at which the naive path is run (default 2000)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--naive", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(measure(arguments.child, arguments.repeat, arguments.naive)))
        return
    results = [run_child(size, arguments.repeat, size <= arguments.naive_max)
               for size in arguments.sizes]
    report(results)


if __name__ == "__main__":
    main()

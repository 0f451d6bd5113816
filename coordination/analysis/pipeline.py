"""`analyse`: graph, metrics, coverage and gap rules of one commune snapshot in one call."""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass

import networkx as nx

from coordination.analysis.coverage import CommitmentCoverage, commitment_coverage
from coordination.analysis.data import NetworkData, Thresholds
from coordination.analysis.graph import build_analysis_graph
from coordination.analysis.metrics import NetworkMetrics, network_metrics
from coordination.analysis.rules import Finding, find_gaps
from coordination.analysis.suggestions import Suggestion, suggest


@dataclass(frozen=True)
class AnalysisResult:
    """The analysis of `data` with `thresholds`. `timings` holds the seconds each step took
    ("graph", "metrics", "coverage", "rules")."""

    data: NetworkData
    thresholds: Thresholds
    graph: nx.Graph
    metrics: NetworkMetrics
    coverage: dict[int, CommitmentCoverage]
    findings: tuple[Finding, ...]
    timings: dict[str, float]

    def findings_for(self, commitment: int) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.commitment == commitment)

    def suggestion(self, commitment: int, accepted: frozenset[str] = frozenset()) -> Suggestion:
        """The status the analysis suggests for a commitment, with its reason (see
        suggestions.suggest). Findings whose fingerprint is in `accepted` are not open."""
        return suggest(self.data, self.coverage.get(commitment), self.findings_for(commitment),
                       commitment, accepted)

    def suggested_status(self, commitment: int, accepted: frozenset[str] = frozenset()) -> str:
        """The suggested status alone (an AssessmentStatus value of the app)."""
        return self.suggestion(commitment, accepted).status


def analyse(data: NetworkData, thresholds: Thresholds = Thresholds()) -> AnalysisResult:
    """Build the analysis graph of `data`, compute all metrics and the coverage, apply all gap
    rules. Pure and deterministic for `thresholds.seed`: the same data give the same result.
    Roughly linear in the size of the data: see bench/analysis.py for the figures."""
    timings = {}
    clock = time.perf_counter()

    def lap(step):
        nonlocal clock
        now = time.perf_counter()
        timings[step] = now - clock
        clock = now

    with cyclic_gc_paused():
        G = build_analysis_graph(data, thresholds)
        lap("graph")
        metrics = network_metrics(G, thresholds)
        lap("metrics")
        coverage = commitment_coverage(data, G)
        lap("coverage")
        findings = find_gaps(data, G, coverage, metrics, thresholds)
        lap("rules")
    return AnalysisResult(data, thresholds, G, metrics, coverage, findings, timings)


@contextmanager
def cyclic_gc_paused():
    """Pause Python's cycle collector while the analysis allocates its graphs.

    The analysis creates hundreds of thousands of dicts and sets that all stay alive until it
    ends, so the collector's full passes find nothing to free and only cost time (about a fifth
    of the analysis at 20,000 actors). Reference counting still frees memory as usual; the
    collector resumes afterwards if it was on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

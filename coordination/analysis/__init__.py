"""Network analysis of the commune: pure functions over plain data (`data.NetworkData`) and
networkx, without Flask or a database. Start with `analyse(data)` (pipeline); the modules hold
the steps: data (the input records and Thresholds), graph (building the graphs), metrics,
coverage, rules (gap rules), suggestions (suggested statuses), text (sentences for the
catalogue), synthetic (generated communes for tests and benchmarks).
"""
from coordination.analysis.data import NetworkData, Thresholds
from coordination.analysis.pipeline import AnalysisResult, analyse
from coordination.analysis.rules import RULES, SEVERITIES, Finding, evidence_names
from coordination.analysis.text import Text

__all__ = [
           "RULES",
           "SEVERITIES",
           "AnalysisResult",
           "Finding",
           "NetworkData",
           "Text",
           "Thresholds",
           "analyse",
           "evidence_names",
]

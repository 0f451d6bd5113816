"""Gap rules (Lückenregeln): what is missing in the network, as findings for the gap list.

Every rule of docs/domain.md (3. Gap rules) is one function registered under its
id (`RULES`, in the order of the guide), in a module by meaning: `commitments` (coverage of each
commitment), `network` (structure, coordination, legal spheres, labour market), `offers` (target
groups, districts, duplicates), `participation` (migrant organisations, anti-discrimination) and
`documentation` (upkeep, prerequisites, assessments, monitoring). `applicability` holds what the
commune kind changes; each module's docstring lists its rules' severities.

A finding carries a severity, the commitment it belongs to, a title and explanation quoting the
commitment text (as `Text`, rendered in the reader's language), and its evidence as ids.
"""
from __future__ import annotations

import networkx as nx

from coordination.analysis.coverage import CommitmentCoverage
from coordination.analysis.data import NetworkData, Thresholds
from coordination.analysis.metrics import NetworkMetrics
from coordination.analysis.rules import commitments, documentation, network, offers, participation  # noqa: F401 - they register the rules
from coordination.analysis.rules.base import RULES, SEVERITIES, UPKEEP_RULES, Context, Finding, checks, rule_title
from coordination.analysis.rules.network import legal_sphere_role

__all__ = ["RULES", "SEVERITIES", "UPKEEP_RULES", "Finding", "evidence_names", "find_gaps", "rule_title",
           "legal_sphere_role", "related_findings"]


def find_gaps(data: NetworkData, G: nx.Graph, coverage: dict[int, CommitmentCoverage],
              metrics: NetworkMetrics, thresholds: Thresholds = Thresholds()
              ) -> tuple[Finding, ...]:
    """All findings of all rules, data upkeep last ("Datenpflege"), otherwise sorted by
    severity, commitment (none last), rule, title; none for a commitment that is not applicable (assessed "nicht zutreffend", or lying with
    the other tier: rules.applicability).

    `G`, `coverage` and `metrics` are those of `data` (graph.build_analysis_graph,
    coverage.commitment_coverage, metrics.network_metrics). Linear in the size of the data
    except possible-duplicate-structure (see there).
    """
    context = Context(data, G, coverage, metrics, thresholds)
    skipped = context.not_applicable
    findings = [finding for rule_id, check in checks()
                for finding in check(context, _maker(rule_id))
                if finding.commitment not in skipped]
    order = {rule_id: index for index, rule_id in enumerate(RULES)}
    return tuple(sorted(findings, key=lambda f: (
        f.upkeep, SEVERITIES.index(f.severity), f.commitment is None, f.commitment or 0, order[f.rule],
        str(f.title), f.fingerprint)))


def _maker(rule_id: str):
    def finding(*args, **kwargs) -> Finding:
        return Finding(rule_id, *args, **kwargs)
    return finding


def evidence_names(data: NetworkData, finding: Finding) -> dict[str, list[str]]:
    """The finding's evidence by name: {"actors": [...], "districts": [...],
    "target_groups": [...]}, in id order (ids unknown to `data` are skipped)."""
    def names(ids, lookup):
        return [lookup[i].name for i in ids if i in lookup]
    return {"actors": names(finding.actor_ids, data.actor_by_id),
            "districts": names(finding.district_ids, data.district_by_id),
            "target_groups": names(finding.target_group_ids, data.target_group_by_id)}


def related_findings(findings, finding: Finding, limit: int = 8) -> list[Finding]:
    """Other findings about the same actors, districts or offers as `finding`, in the order of
    `findings`, at most `limit`; data upkeep only for a finding of data upkeep. O(findings)."""
    evidence = {(name, i) for name in ("actor_ids", "district_ids", "contribution_ids")
                for i in getattr(finding, name)}
    related = []
    for other in findings:
        if other is finding or other.fingerprint == finding.fingerprint \
                or (other.upkeep and not finding.upkeep):
            continue
        if any((name, i) in evidence for name in ("actor_ids", "district_ids", "contribution_ids")
               for i in getattr(other, name)):
            related.append(other)
            if len(related) == limit:
                break
    return related

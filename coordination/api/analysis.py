"""The API's view of the analysis package: coverage, findings and the network with metrics.

The database is read once into `NetworkData` (services.network_data); everything else is the
pure analysis package.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from coordination.analysis import analyse, evidence_names
from coordination.analysis.coverage import commitment_coverage
from coordination.analysis.graph import build_analysis_graph
from coordination.exchange import network as network_exchange
from coordination.exchange.network import current_thresholds as thresholds
from coordination.extensions import db


def _data(on: date | None):
    from coordination.services.network_data import load_network_data

    return load_network_data(on)


def _counts(table: dict, names: dict) -> list[dict]:
    return [{"id": key, "name": names.get(key) if key is not None else None,
             "contributions": count.contributions, "actors": count.actors}
            for key, count in sorted(table.items(), key=lambda item: (item[0] is None, item[0] or 0))]


def coverage_json(on: date | None = None) -> dict:
    """Per commitment: active contributions, actors, and counts by type, district, target group."""
    data = _data(on)
    coverage = commitment_coverage(data, build_analysis_graph(data, thresholds()))
    type_names = {t.id: t.name for t in data.actor_types}
    district_names = {d.id: d.name for d in data.districts}
    group_names = {t.id: t.name for t in data.target_groups}
    field_names = {f.id: f.name for f in data.fields_of_action}
    titles = {c.number: c.short_title for c in data.commitments}
    items = []
    for number, entry in coverage.items():
        items.append({
            "commitment": number, "title": titles.get(number, ""),
            "contributions": len(entry.contribution_ids),
            "planned_contributions": len(entry.planned_contribution_ids),
            "actors": len(entry.actor_ids), "actor_ids": sorted(entry.actor_ids),
            "migrant_led_actors": len(entry.migrant_led_actor_ids),
            "connected": entry.connected, "islands": [sorted(island) for island in entry.islands],
            "by_actor_type": _counts(entry.by_actor_type, type_names),
            "by_district": _counts(entry.by_district, district_names),
            "by_target_group": _counts(entry.by_target_group, group_names),
            "by_field_of_action": _counts(entry.by_field_of_action, field_names),
        })
    return {"reference_date": data.today.isoformat(), "items": items}


def findings_json(on: date | None = None) -> list[dict]:
    """The gap findings, sorted by severity: {"rule", "severity", "commitment", "title", "detail",
    "actors", "districts", "target_groups" (names), "status" (open/accepted), "fingerprint"}."""
    data = _data(on)
    result = analyse(data, thresholds())
    accepted = _accepted_fingerprints()
    items = []
    for finding in result.findings:
        names = evidence_names(data, finding)
        items.append({
            "rule": finding.rule, "severity": finding.severity, "commitment": finding.commitment,
            "title": finding.title, "detail": finding.detail, "actors": names["actors"],
            "districts": names["districts"], "target_groups": names["target_groups"],
            "status": "accepted" if finding.fingerprint in accepted else "open",
            "fingerprint": finding.fingerprint,
        })
    return items


def _accepted_fingerprints() -> set[str]:
    try:
        from coordination.models.analysis import FindingAcceptance
    except ImportError:
        return set()
    return set(db.session.scalars(sa.select(FindingAcceptance.fingerprint)))


def network_json(on: date | None = None) -> dict:
    return network_exchange.node_link(_data(on), thresholds())

"""The API's view of the gap analysis: coverage, findings and the network with metrics.

The app's cached analysis as of the requested date is used (queries.analysis.current_analysis); the gap
findings come in exactly the shape of the gap list's JSON export (queries.analysis.findings_payload).
"""
from __future__ import annotations

from datetime import date

from coordination.exports import network as network_files
from coordination.queries import analysis as analysis_queries


def _counts(table: dict, names: dict) -> list[dict]:
    return [{"id": key, "name": names.get(key) if key is not None else None,
             "contributions": count.contributions, "actors": count.actors}
            for key, count in sorted(table.items(), key=lambda item: (item[0] is None, item[0] or 0))]


def coverage_json(on: date | None = None) -> dict:
    """Per commitment: active contributions, actors, and counts by type, district, target group."""
    analysis = analysis_queries.current_analysis(on)
    data, result = analysis.data, analysis.result
    type_names = {t.id: t.name for t in data.actor_types}
    district_names = {d.id: d.name for d in data.districts}
    group_names = {t.id: t.name for t in data.target_groups}
    field_names = {f.id: f.name for f in data.fields_of_action}
    titles = {c.number: c.short_title for c in data.commitments}
    items = []
    for number, entry in result.coverage.items():
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


def findings_json(*, status: str | None = None, commitment: int | None = None, severity: str | None = None,
                  rule: str | None = None, district_id: int | None = None,
                  on: date | None = None) -> list[dict]:
    """The gap findings as of `on` (default: today), sorted by severity: {"rule", "severity",
    "commitment", "title", "detail", "actors", "districts", "target_groups" (names), "status"
    (open/accepted)}."""
    return analysis_queries.findings_payload(analysis_queries.current_analysis(on), status=status,
                                             commitment=commitment, severity=severity, rule=rule,
                                             district_id=district_id)["findings"]


def network_json(on: date | None = None) -> dict:
    analysis = analysis_queries.current_analysis(on)
    data, result = analysis.data, analysis.result
    return network_files.node_link(data, result.metrics)

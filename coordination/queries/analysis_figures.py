"""Read side of the analysis: the tables and figures the pages, the dashboard and the documents
show, computed from the cached analysis (queries.analysis.current_analysis) in plain Python.

Nothing here queries more than the measures table; everything else comes from the analysis.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.analysis.coverage import CommitmentCoverage
from coordination.extensions import db
from coordination.models import Commitment, Measure
from coordination.queries.analysis import (
    Analysis,
    FindingItem,
    accepted_fingerprints,
    finding_items,
    open_counts,
    open_upkeep,
)
from coordination.queries.suggestions import Suggestion, suggest_commitment
from coordination.wording import current_wording

HEAT_LEVELS = 4


def heat_level(value: int, maximum: int) -> int:
    """0 for nothing, else 1..HEAT_LEVELS in proportion to the table's largest value."""
    if not value or maximum <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(HEAT_LEVELS * value / maximum)))


def inventory_totals(analysis: Analysis) -> dict[str, int]:
    """What the network holds on the analysis' reference date: active actors ("actors", and
    "mso" among them), offers and cooperations active on that day, active bodies. The dashboard
    and the status report show these same figures."""
    data, on = analysis.data, analysis.on
    active_actors = [a for a in data.actors if a.status == "active"]
    return {
        "actors": len(active_actors),
        "mso": sum(1 for a in active_actors if a.migrant_led),
        "contributions": len(data.active_contributions),
        "cooperations": sum(1 for c in data.cooperations if c.is_active(on)),
        "bodies": sum(1 for b in data.bodies if b.active),
    }


@dataclass
class Cell:
    value: int
    level: int = 0


@dataclass
class CoverageRow:
    label: str
    cells: list[Cell]
    total: int
    key: int | None = None  # id of the type / district / group / field (None: whole commune, none)


@dataclass
class CoverageTable:
    """Commitments (columns) × one dimension (rows); cells count active contributions or the
    distinct actors behind them (`measure`)."""

    dimension: str
    title: str
    measure: str
    numbers: list[int]
    rows: list[CoverageRow]
    column_totals: list[int]


DIMENSIONS = ("type", "district", "target_group", "field")


def _dimension_title(dimension: str) -> str:
    return {"type": _("nach Akteurstyp"), "district": current_wording().by_district,
            "target_group": _("nach Zielgruppe"), "field": _("nach Handlungsfeld")}[dimension]


def _row_keys(analysis: Analysis, dimension: str) -> list[tuple[int | None, str]]:
    data = analysis.data
    if dimension == "type":
        return [(t.id, t.name) for t in data.actor_types]
    if dimension == "district":
        return [(d.id, d.name) for d in data.districts] + [(None, current_wording().whole_commune)]
    if dimension == "target_group":
        return [(g.id, g.name) for g in data.target_groups]
    return [(f.id, f.name) for f in data.fields_of_action] + [(None, _("ohne Handlungsfeld"))]


def _cells_of(coverage: CommitmentCoverage, dimension: str) -> dict:
    return {"type": coverage.by_actor_type, "district": coverage.by_district,
            "target_group": coverage.by_target_group,
            "field": coverage.by_field_of_action}[dimension]


def _row_totals(analysis: Analysis, dimension: str, measure: str) -> dict:
    """Per row key: distinct contributions or actors over all commitments."""
    data = analysis.data
    totals: dict = {}
    for contribution in data.active_contributions:
        participants = data.contribution_actors(contribution)
        if dimension == "type":
            for actor_id in participants:
                key = data.actor_by_id[actor_id].type_id
                totals.setdefault(key, set()).add(actor_id if measure == "actors" else contribution.id)
            continue
        if dimension == "district":
            keys = list(contribution.district_ids) + ([None] if contribution.whole_commune else [])
        elif dimension == "target_group":
            keys = list(contribution.target_group_ids)
        else:
            keys = [contribution.field_of_action_id]
        for key in keys:
            bucket = totals.setdefault(key, set())
            if measure == "actors":
                bucket.update(participants)
            else:
                bucket.add(contribution.id)
    return {key: len(values) for key, values in totals.items()}


def coverage_table(analysis: Analysis, dimension: str, measure: str = "contributions") -> CoverageTable:
    """One coverage table; rows without anything are kept (they are what is missing).
    Computed once per analysis."""
    return analysis.memo(("coverage", dimension, measure),
                         lambda: _coverage_table(analysis, dimension, measure))


def _coverage_table(analysis: Analysis, dimension: str, measure: str) -> CoverageTable:
    coverage = analysis.result.coverage
    numbers = sorted(coverage)
    index = 0 if measure == "contributions" else 1
    rows = []
    totals = _row_totals(analysis, dimension, measure)
    keys = _row_keys(analysis, dimension)
    maximum = max([_cells_of(coverage[n], dimension).get(key, (0, 0))[index]
                   for n in numbers for key, _label in keys] or [0])
    for key, label in keys:
        values = [_cells_of(coverage[n], dimension).get(key, (0, 0))[index] for n in numbers]
        if key is None and not any(values) and dimension == "field":
            continue  # "ohne Handlungsfeld" only when some contribution lacks one
        rows.append(CoverageRow(label, [Cell(v, heat_level(v, maximum)) for v in values],
                                totals.get(key, 0), key))
    column_totals = [len(coverage[n].contribution_ids if index == 0 else coverage[n].actor_ids)
                     for n in numbers]
    return CoverageTable(dimension, _dimension_title(dimension), measure, numbers, rows,
                         column_totals)


# --- per commitment -------------------------------------------------------------------------

@dataclass
class CommitmentSummary:
    number: int
    short_title: str
    contributions: int
    actors: int
    planned: int
    mso_share: int | None  # percent
    connected: bool
    islands: int
    open_by_severity: dict[str, int]
    suggestion: Suggestion
    level: int = 0


def commitment_summaries(analysis: Analysis, accepted: frozenset[str] | None = None
                         ) -> list[CommitmentSummary]:
    """One line per commitment: coverage, sub-network, open findings, suggested status.
    `accepted`: the accepted fingerprints (queried when not given)."""
    accepted = accepted_fingerprints(analysis) if accepted is None else accepted
    data = analysis.data
    coverage = analysis.result.coverage
    maximum = max([len(c.contribution_ids) for c in coverage.values()] or [0])
    result = []
    for number in sorted(coverage):
        entry = coverage[number]
        commitment = data.commitment_by_number.get(number)
        share = entry.migrant_led_share
        result.append(CommitmentSummary(
            number=number, short_title=commitment.short_title if commitment else str(number),
            contributions=len(entry.contribution_ids), actors=len(entry.actor_ids),
            planned=len(entry.planned_contribution_ids),
            mso_share=round(100 * share) if share is not None else None,
            connected=entry.connected, islands=len(entry.islands),
            open_by_severity=open_counts(analysis.result.findings_for(number), accepted),
            suggestion=suggest_commitment(analysis, number, accepted),
            level=heat_level(len(entry.contribution_ids), maximum)))
    return result


@dataclass
class CommitmentSection:
    """What the commitment page shows from the analysis."""

    summary: CommitmentSummary | None
    by_type: list[tuple[str, int, int]]
    by_district: list[tuple[str, int, int]]
    islands: list[list[tuple[int, str]]]
    brokers: list[tuple[int, str]]
    peripheral: list[tuple[int, str]]
    findings: list[FindingItem]
    measures: list[Measure] = field(default_factory=list)


def commitment_section(analysis: Analysis, number: int,
                       summaries: list[CommitmentSummary] | None = None,
                       items: list[FindingItem] | None = None) -> CommitmentSection:
    """Coverage, sub-network figures, findings and measures of one commitment. `summaries`
    (commitment_summaries) and `items` (finding_items with measures) may be passed in when
    several commitments are shown at once."""
    data = analysis.data
    coverage = analysis.result.coverage.get(number)
    metrics = analysis.result.metrics
    if items is None:
        items = finding_items(analysis, analysis.result.findings_for(number))
    else:
        items = [item for item in items if item.finding.commitment == number]
    if summaries is None:
        summaries = commitment_summaries(analysis)
    summary = next((s for s in summaries if s.number == number), None)
    measures = list(db.session.scalars(
        sa.select(Measure).join(Measure.commitment).where(Commitment.number == number)
        .order_by(Measure.due_date.is_(None), Measure.due_date, Measure.id)))
    if coverage is None:
        return CommitmentSection(summary, [], [], [], [], [], items, measures)
    types = analysis.actor_type_by_id
    by_type = sorted(((types[key].name if key in types else str(key), count.contributions,
                       count.actors) for key, count in coverage.by_actor_type.items()),
                     key=lambda row: (-row[1], row[0]))
    whole_commune = current_wording().whole_commune
    by_district = sorted(((data.district_by_id[key].name if key in data.district_by_id
                           else whole_commune, count.contributions, count.actors)
                          for key, count in coverage.by_district.items()),
                         key=lambda row: (-row[1], row[0]))
    named = [(a, analysis.actor_name(a)) for a in coverage.actor_ids]
    brokers = sorted(named, key=lambda pair: (-metrics.betweenness.get(pair[0], 0.0), pair[1]))
    brokers = [pair for pair in brokers if metrics.betweenness.get(pair[0], 0.0) > 0][:5]
    peripheral = sorted(pair for pair in named if metrics.degree.get(pair[0], 0) <= 1)
    peripheral = sorted(peripheral, key=lambda pair: pair[1])
    islands = [sorted(((a, analysis.actor_name(a)) for a in island), key=lambda p: p[1])
               for island in coverage.islands]
    return CommitmentSection(summary, by_type, by_district, islands, brokers, peripheral, items,
                             measures)


# --- the network as a whole -----------------------------------------------------------------

@dataclass
class Broker:
    actor_id: int
    name: str
    type: str
    degree: int
    betweenness: float
    constraint: float | None
    effective_size: float | None


@dataclass
class NetworkFigures:
    actors: int
    ties: int
    cooperation_ties: int
    body_hubs: int
    components: list[list[tuple[int, str]]]
    largest_component: int
    isolated: list[tuple[int, str]]
    cut_offs: list[tuple[tuple[int, str], list[tuple[int, str]]]]
    bridges: list[tuple[tuple[int, str], tuple[int, str]]]
    communities: list[dict]
    brokers: list[Broker]
    type_pairs: list[tuple[str, str, int]]
    missing_pairs: list[tuple[str, list[str]]]
    mso_distance: list[tuple[int, str, int | None]]
    betweenness_sources: int | None


def network_figures(analysis: Analysis, top: int = 15) -> NetworkFigures:
    """The figures of the network page (O(nodes + edges) on top of the cached metrics),
    computed once per analysis."""
    return analysis.memo(("network", top), lambda: _network_figures(analysis, top))


def _network_figures(analysis: Analysis, top: int) -> NetworkFigures:
    G = analysis.result.graph
    metrics = analysis.result.metrics
    name = analysis.actor_name
    types = analysis.actor_type_by_id
    actor_ids = list(metrics.degree)

    def named(ids):
        return sorted(((a, name(a)) for a in ids), key=lambda pair: pair[1])

    brokers = sorted(actor_ids, key=lambda a: (-metrics.betweenness.get(a, 0.0), name(a)))[:top]
    cut_offs = sorted(metrics.cut_off.items(), key=lambda item: (-len(item[1]), name(item[0])))
    community_list = []
    for index, members in enumerate(metrics.communities):
        if len(members) < 2:
            continue
        leading = sorted(members, key=lambda a: (-metrics.degree.get(a, 0), name(a)))[:5]
        type_counts = Counter(G.nodes[a]["type"] for a in members if a in G)
        community_list.append({
            "index": index + 1, "size": len(members),
            "leading": [(a, name(a)) for a in leading],
            "types": ", ".join(f"{t} ({n})" for t, n in type_counts.most_common(3)),
        })
    type_name = {type_id: types[type_id].name if type_id in types else str(type_id)
                 for pair in list(metrics.type_mixing.counts) + list(metrics.type_mixing.missing)
                 for type_id in pair}
    pairs = sorted(((type_name[a], type_name[b], count)
                    for (a, b), count in metrics.type_mixing.counts.items()),
                   key=lambda row: (-row[2], row[0], row[1]))
    missing: dict[str, list[str]] = {}
    for a, b in metrics.type_mixing.missing:
        missing.setdefault(type_name[a], []).append(type_name[b])
        if a != b:
            missing.setdefault(type_name[b], []).append(type_name[a])
    distances = sorted(((a, name(a), d) for a, d in metrics.mso_distance.items()),
                       key=lambda row: (row[2] is not None, -(row[2] or 0), row[1]))
    components = [named(c) for c in metrics.components if len(c) > 1]
    return NetworkFigures(
        actors=len(actor_ids),
        ties=G.number_of_edges(),
        cooperation_ties=sum(1 for _u, _v, kinds in G.edges(data="kinds") if kinds),
        body_hubs=G.number_of_nodes() - len(actor_ids),
        components=components[1:],
        largest_component=len(components[0]) if components else 0,
        isolated=named(metrics.isolated),
        cut_offs=[((a, name(a)), named(cut)) for a, cut in cut_offs],
        bridges=[((a, name(a)), (b, name(b))) for a, b in metrics.bridges],
        communities=community_list,
        brokers=[Broker(a, name(a), G.nodes[a]["type"], metrics.degree.get(a, 0),
                        metrics.betweenness.get(a, 0.0), metrics.constraint.get(a),
                        metrics.effective_size.get(a)) for a in brokers],
        type_pairs=pairs,
        missing_pairs=sorted((key, sorted(set(values))) for key, values in missing.items()),
        mso_distance=distances,
        betweenness_sources=metrics.betweenness_sources,
    )


# --- dashboard ------------------------------------------------------------------------------

@dataclass
class HeatMap:
    """Commitments (rows) × districts (columns, plus "ganze Kommune"): active offers."""

    columns: list[str]
    rows: list[tuple[CommitmentSummary, list[Cell]]]


def commitment_heat_map(analysis: Analysis, summaries: list[CommitmentSummary]) -> HeatMap:
    coverage = analysis.result.coverage
    keys = [(d.id, d.name) for d in analysis.data.districts] + [(None, current_wording().whole_commune)]
    maximum = max([count.contributions for c in coverage.values()
                   for count in c.by_district.values()] or [0])
    rows = []
    for summary in summaries:
        cells = coverage[summary.number].by_district
        rows.append((summary, [Cell(cells[key].contributions if key in cells else 0,
                                    heat_level(cells[key].contributions if key in cells else 0,
                                               maximum)) for key, _label in keys]))
    return HeatMap([label for _key, label in keys], rows)


@dataclass
class KeyFigures:
    actors: int
    components: int
    isolated: int
    articulation_points: int
    mso: int
    mso_unconnected: int
    mso_far: int  # more than two steps from the administration, or no path
    open_findings: dict[str, int]  # gaps per severity, data upkeep left out
    open_upkeep: int
    accepted: int


def key_figures(analysis: Analysis, accepted: frozenset[str]) -> KeyFigures:
    metrics = analysis.result.metrics
    return KeyFigures(
        actors=len(metrics.degree),
        components=sum(1 for c in metrics.components if len(c) > 1),
        isolated=len(metrics.isolated),
        articulation_points=sum(1 for cut in metrics.cut_off.values() if cut),
        mso=len(metrics.mso_distance),
        mso_unconnected=sum(1 for d in metrics.mso_distance.values() if d is None),
        mso_far=sum(1 for d in metrics.mso_distance.values() if d is None or d > 2),
        open_findings=open_counts(analysis.findings, accepted),
        open_upkeep=open_upkeep(analysis.findings, accepted),
        accepted=len(accepted),
    )

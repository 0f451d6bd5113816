"""The cooperation network for other tools: node-link JSON, GraphML and GEXF (Gephi, networkx).

Nodes are the actors that are not dissolved, edges the cooperations active on the reference
date (one edge per pair, as in `coordination.analysis.graph.build_cooperation_graph`). Every
node carries its attributes and the network metrics of the analysis; the metrics are computed
on the analysis graph (cooperations plus the ties that shared bodies create).

GraphML and GEXF accept only simple attribute values: lists become "; "-joined text, a missing
value (e.g. the constraint of an isolated actor) leaves the attribute out.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, fields
from datetime import date

import networkx as nx

from coordination.analysis.data import NetworkData, Thresholds
from coordination.analysis.graph import build_analysis_graph, build_cooperation_graph
from coordination.analysis.metrics import network_metrics

FORMATS = {
    # format: (file extension, MIME type)
    "graphml": ("graphml", "application/graphml+xml"),
    "gexf": ("gexf", "application/gexf+xml"),
    "nodelink": ("json", "application/json"),
}
METRIC_NAMES = ("degree", "betweenness", "articulation_point", "community", "constraint")


@dataclass
class ActorMetrics:
    degree: int
    betweenness: float
    articulation_point: bool
    community: int | None
    constraint: float | None


def current_thresholds() -> Thresholds:
    """The analysis settings of this installation: the stored ones over the package defaults."""
    import sqlalchemy as sa

    from coordination.extensions import db
    try:
        from coordination.models.analysis import AnalysisSettings
    except ImportError:  # the analysis area's settings are not installed
        return Thresholds()
    row = db.session.scalar(sa.select(AnalysisSettings).limit(1))
    known = {spec.name for spec in fields(Thresholds)}
    stored = {name: value for name, value in ((row.thresholds or {}) if row else {}).items() if name in known}
    return Thresholds(**stored)


def actor_metrics(data: NetworkData, thresholds: Thresholds = Thresholds()) -> dict[int, ActorMetrics]:
    """{actor id: metrics} from the analysis package, for the actors of the analysis graph.

    community is the index of the actor's Louvain community (0 = the largest); constraint is
    None for actors without ties.
    """
    G = build_analysis_graph(data, thresholds)
    metrics = network_metrics(G, thresholds)
    community_of = metrics.community_of()
    return {
        actor: ActorMetrics(
            degree=degree, betweenness=round(metrics.betweenness.get(actor, 0.0), 6),
            articulation_point=actor in metrics.cut_off, community=community_of.get(actor),
            constraint=round(metrics.constraint[actor], 6) if actor in metrics.constraint else None)
        for actor, degree in metrics.degree.items()
    }


def node_link(data: NetworkData, thresholds: Thresholds = Thresholds()) -> dict:
    """The network as node-link JSON (readable with networkx.node_link_graph(..., edges="edges"))."""
    G = build_cooperation_graph(data)
    metrics = actor_metrics(data, thresholds)
    districts = data.district_by_id
    nodes = []
    for node, attributes in G.nodes(data=True):
        actor_metric = metrics.get(node)
        nodes.append({
            "id": node, "name": attributes["name"], "type": attributes["type"],
            "type_key": attributes["type_key"], "migrant_led": attributes["migrant_led"],
            "municipal": attributes["municipal"], "status": attributes["status"],
            "whole_commune": attributes["whole_commune"],
            "districts": sorted(districts[d].name for d in attributes["districts"] if d in districts),
            "commitments": sorted(attributes["commitments"]),
            "metrics": vars(actor_metric) if actor_metric else None,
        })
    edges = [{"source": u, "target": v, "weight": attributes["weight"], "kinds": list(attributes["kinds"]),
              "cooperations": list(attributes["cooperations"])}
             for u, v, attributes in G.edges(data=True)]
    return {"directed": False, "multigraph": False,
            "graph": {"reference_date": data.today.isoformat()},
            "nodes": nodes, "edges": edges}


def simple_graph(data: NetworkData, thresholds: Thresholds = Thresholds()) -> nx.Graph:
    """The network with only simple attribute values, as GraphML and GEXF need them."""
    document = node_link(data, thresholds)
    G = nx.Graph(reference_date=data.today.isoformat())
    for node in document["nodes"]:
        attributes = {
            "label": node["name"], "type": node["type"], "type_key": node["type_key"] or "",
            "migrant_led": node["migrant_led"], "municipal": node["municipal"],
            "status": node["status"], "whole_commune": node["whole_commune"],
            "districts": "; ".join(node["districts"]),
            "commitments": "; ".join(str(n) for n in node["commitments"]),
        }
        for name, value in (node["metrics"] or {}).items():
            if value is not None:
                attributes[name] = value
        G.add_node(str(node["id"]), **attributes)
    for edge in document["edges"]:
        G.add_edge(str(edge["source"]), str(edge["target"]), weight=edge["weight"],
                   kinds="; ".join(edge["kinds"]),
                   cooperations="; ".join(str(c) for c in edge["cooperations"]))
    return G


def graphml_bytes(data: NetworkData, thresholds: Thresholds = Thresholds()) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(simple_graph(data, thresholds), buffer, encoding="utf-8")
    return buffer.getvalue()


def gexf_bytes(data: NetworkData, thresholds: Thresholds = Thresholds()) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(simple_graph(data, thresholds), buffer, encoding="utf-8")
    return buffer.getvalue()


def network_bytes(data: NetworkData, file_format: str, thresholds: Thresholds = Thresholds()) -> bytes:
    if file_format == "graphml":
        return graphml_bytes(data, thresholds)
    if file_format == "gexf":
        return gexf_bytes(data, thresholds)
    if file_format == "nodelink":
        import json
        return json.dumps(node_link(data, thresholds), ensure_ascii=False, indent=1).encode("utf-8")
    raise ValueError(f"unknown network format {file_format!r}")


def file_name(prefix: str, extension: str, on: date | None = None) -> str:
    return f"{prefix}-{(on or date.today()).isoformat()}.{extension}"

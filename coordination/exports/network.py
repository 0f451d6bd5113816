"""The cooperation network for other tools: node-link JSON, GraphML and GEXF (Gephi, networkx).

Nodes are the actors that are not dissolved, edges the cooperations active on the reference
date (one edge per pair, as in `coordination.analysis.graph.build_cooperation_graph`). Every
node carries its attributes and the network metrics of the analysis (`NetworkMetrics`, computed
on the analysis graph: cooperations plus the ties that shared bodies create).

GraphML and GEXF accept only simple attribute values: lists become "; "-joined text, a missing
value (e.g. the constraint of an isolated actor) leaves the attribute out.

Like the other writers here, this module knows no database and no Flask: coordination.exchange
and the API pass it the analysed data (queries.analysis.current_analysis).
"""
from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass
from datetime import date

import networkx as nx

from coordination.analysis.data import NetworkData
from coordination.analysis.graph import build_cooperation_graph
from coordination.analysis.metrics import NetworkMetrics

FORMATS = {
    # format: (file extension, MIME type)
    "graphml": ("graphml", "application/graphml+xml"),
    "gexf": ("gexf", "application/gexf+xml"),
    "nodelink": ("json", "application/json"),
}


@dataclass
class ActorMetrics:
    """degree: ties to actors and large bodies; betweenness: normalised (0..1); articulation_point:
    its loss would cut others off; community: index of its Louvain community (0 = the largest);
    constraint: Burt's constraint (None without ties)."""

    degree: int
    betweenness: float
    articulation_point: bool
    community: int | None
    constraint: float | None


def actor_metrics(metrics: NetworkMetrics) -> dict[int, ActorMetrics]:
    community_of = metrics.community_of()
    return {
        actor: ActorMetrics(
            degree=degree, betweenness=round(metrics.betweenness.get(actor, 0.0), 6),
            articulation_point=actor in metrics.cut_off, community=community_of.get(actor),
            constraint=round(metrics.constraint[actor], 6) if actor in metrics.constraint else None)
        for actor, degree in metrics.degree.items()
    }


def node_link(data: NetworkData, metrics: NetworkMetrics) -> dict:
    """The network as node-link JSON (readable with networkx.node_link_graph(..., edges="edges"))."""
    G = build_cooperation_graph(data)
    by_actor = actor_metrics(metrics)
    districts = data.district_by_id
    nodes = []
    for node, attributes in G.nodes(data=True):
        actor_metric = by_actor.get(node)
        nodes.append({
            "id": node, "name": attributes["name"], "type": attributes["type"],
            "type_key": attributes["type_key"], "migrant_led": attributes["migrant_led"],
            "municipal": attributes["municipal"], "status": attributes["status"],
            "whole_commune": attributes["whole_commune"],
            "districts": sorted(districts[d].name for d in attributes["districts"] if d in districts),
            "commitments": sorted(attributes["commitments"]),
            "metrics": asdict(actor_metric) if actor_metric else None,
        })
    edges = [{"source": u, "target": v, "weight": attributes["weight"], "kinds": list(attributes["kinds"]),
              "cooperations": list(attributes["cooperations"])}
             for u, v, attributes in G.edges(data=True)]
    return {"directed": False, "multigraph": False,
            "graph": {"reference_date": data.today.isoformat()},
            "nodes": nodes, "edges": edges}


def simple_graph(document: dict) -> nx.Graph:
    """The node-link `document` as a graph with only simple attribute values (GraphML, GEXF)."""
    G = nx.Graph(reference_date=document["graph"]["reference_date"])
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


def network_file(document: dict, file_format: str) -> bytes:
    """The node-link `document` as a GraphML, GEXF or node-link JSON file."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown network format {file_format!r}")
    if file_format == "nodelink":
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    buffer = io.BytesIO()
    writer = nx.write_graphml if file_format == "graphml" else nx.write_gexf
    writer(simple_graph(document), buffer, encoding="utf-8")
    return buffer.getvalue()


def file_name(prefix: str, extension: str, on: date | None = None) -> str:
    return f"{prefix}-{(on or date.today()).isoformat()}.{extension}"

"""What the network page draws: nodes, edges, categories and labels as one JSON document.

The document is read by static/js/network.js. User text (actor names, list entries) travels as
JSON strings and reaches the page only through textContent or the canvas, never as HTML.
Keys that would be false, empty or null are left out to keep 5,000 actors in a small response;
the script treats a missing key as false/empty.

Node: id, label, type (actor type id), status, mso, adm (administration), districts (ids),
    whole (whole commune), commitments (numbers with an active contribution), main (the
    commitment with most of them), community (index, largest first), degree (partners with an
    active cooperation), betweenness (of the analysis graph), x, y, pinned, and the findings:
    cutoff (actors cut off if it drops out: an articulation point), isolated, peripheral (MSO
    without a tie to the administration or a coordinating body).
Edge: one per pair of actors, id "a-b", from, to, coops: [{kind, since, until, active}].
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
from flask_babel import gettext as _

from coordination.analysis import layout
from coordination.models import ActorStatus, CooperationKind
from coordination.services.analysis import Analysis
from coordination.services.network import Placement


@dataclass(frozen=True)
class Scope:
    """Which part of the network: everything, one commitment's actors, or an actor's
    neighbourhood (partners up to `depth` steps away through active cooperations)."""

    commitment: int | None = None
    actor_id: int | None = None
    depth: int = 1


def _pairs(analysis: Analysis) -> dict[tuple[int, int], list]:
    pairs: dict[tuple[int, int], list] = defaultdict(list)
    for cooperation in analysis.data.cooperations:
        a, b = sorted((cooperation.actor_a, cooperation.actor_b))
        pairs[(a, b)].append(cooperation)
    return pairs


def _commitments_by_actor(analysis: Analysis) -> dict[int, Counter]:
    data = analysis.data
    counts: dict[int, Counter] = defaultdict(Counter)
    for contribution in data.active_contributions:
        for actor_id in data.contribution_actors(contribution):
            counts[actor_id][contribution.commitment_number] += 1
    return counts


def _active_graph(analysis: Analysis, pairs) -> nx.Graph:
    """Actors that are not dissolved, tied by the cooperations active on the reference day."""
    data = analysis.data
    G = nx.Graph()
    present = {actor.id for actor in data.actors if actor.status != "dissolved"}
    G.add_nodes_from(present)
    G.add_edges_from(pair for pair, cooperations in pairs.items()
                     if pair[0] in present and pair[1] in present
                     and any(c.is_active(data.today) for c in cooperations))
    return G


def network_payload(analysis: Analysis, positions: dict[int, Placement], scope: Scope = Scope()
                    ) -> dict:
    """The JSON document for the network picture of `scope` (see the module docstring)."""
    data, metrics = analysis.data, analysis.result.metrics
    today = data.today
    pairs = _pairs(analysis)
    active = _active_graph(analysis, pairs)
    commitments = _commitments_by_actor(analysis)
    actors = data.actor_by_id

    if scope.actor_id is not None:
        centre = scope.actor_id
        if centre not in active:
            active.add_node(centre)
        reach = nx.single_source_shortest_path_length(active, centre, cutoff=scope.depth)
        shown = set(reach)
        placed = layout.radial_layout(active.subgraph(shown), centre)
        xy = {node: placed[node] for node in shown}
        pinned = set()
        pair_filter = [pair for pair in pairs if pair in active.edges and pair[0] in shown
                       and pair[1] in shown]
    else:
        if scope.commitment is not None:
            shown = {actor_id for actor_id, counter in commitments.items()
                     if scope.commitment in counter and actor_id in actors}
        else:
            shown = set(actors)
        shown &= positions.keys()
        xy = {node: (positions[node].x, positions[node].y) for node in shown}
        pinned = {node for node in shown if positions[node].pinned}
        pair_filter = [pair for pair in pairs if pair[0] in shown and pair[1] in shown]

    community = metrics.community_of()
    peripheral = {actor_id for finding in analysis.findings if finding.rule == "mso-peripheral"
                  for actor_id in finding.actor_ids}
    nodes = []
    for actor in data.actors:
        if actor.id not in shown:
            continue
        counter = commitments.get(actor.id, Counter())
        x, y = xy[actor.id]
        node = {"id": actor.id, "label": actor.name, "type": actor.type_id, "status": actor.status,
                "mso": actor.migrant_led, "adm": actor.is_administration,
                "districts": sorted(actor.district_ids), "whole": actor.whole_commune,
                "commitments": sorted(counter),
                "main": min(counter, key=lambda n: (-counter[n], n)) if counter else None,
                "community": community.get(actor.id),
                "degree": active.degree(actor.id) if actor.id in active else 0,
                "betweenness": round(metrics.betweenness.get(actor.id, 0.0), 5),
                "x": round(x, 1), "y": round(y, 1), "pinned": actor.id in pinned,
                "cutoff": len(metrics.cut_off.get(actor.id, ())) or None,
                "isolated": actor.id in metrics.isolated, "peripheral": actor.id in peripheral}
        nodes.append(_compact(node))

    edges = []
    for a, b in pair_filter:
        coops = [_compact({"kind": c.kind, "since": c.start.isoformat() if c.start else None,
                           "until": c.end.isoformat() if c.end else None,
                           "active": c.is_active(today)})
                 for c in sorted(pairs[(a, b)], key=lambda c: (c.start is None, c.start, c.id))]
        edges.append({"id": f"{a}-{b}", "from": a, "to": b, "coops": coops})

    present_types = {actors[node].type_id for node in shown}
    return {
        "scope": _compact({"commitment": scope.commitment, "actor": scope.actor_id,
                           "depth": scope.depth if scope.actor_id is not None else None}),
        "today": today.isoformat(),
        "nodes": nodes,
        "edges": edges,
        "categories": {
            "type": [{"id": t.id, "label": t.name} for t in data.actor_types if t.id in present_types],
            "district": [{"id": d.id, "label": d.name} for d in data.districts],
            "commitment": [{"id": c.number, "label": f"{c.number}. {c.short_title}"}
                           for c in data.commitments],
            "kind": [{"id": kind.value, "label": kind.label} for kind in CooperationKind],
            "status": [{"id": status.value, "label": status.label} for status in ActorStatus],
            "communities": len(metrics.communities),
        },
        "findings": {"articulation": sum(1 for n in nodes if n.get("cutoff")),
                     "isolated": sum(1 for n in nodes if n.get("isolated")),
                     "peripheral": sum(1 for n in nodes if n.get("peripheral"))},
        "betweenness_sampled": metrics.betweenness_sources is not None,
        "options": vis_options(len(nodes)),
        "labels": ui_labels(),
    }


def _compact(record: dict) -> dict:
    return {key: value for key, value in record.items()
            if value is not None and value is not False and value != []}


def vis_options(node_count: int) -> dict:
    """vis-network options: positions are given, so no physics and no layout run; straight
    edges; edges hidden while dragging or zooming large networks (drawing 10,000 lines per frame
    makes panning stutter). The same option names pyvis writes (pyvis.options.Options)."""
    large = node_count > 1000
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": not large, "tooltipDelay": 200, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False, "zoomView": True, "dragView": True},
        "nodes": {"shape": "dot", "borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#212529",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"min": 8, "max": 36,
                              "label": {"enabled": True, "min": 12, "max": 26,
                                        "drawThreshold": 7, "maxVisible": 30}}},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2, "hoverWidth": 1.5,
                  "color": {"color": "#9aa3ad", "highlight": "#0d6efd", "hover": "#0d6efd",
                            "opacity": 0.7}},
    }


def ui_labels() -> dict[str, str]:
    """The words the script shows (it has no catalogue of its own)."""
    return {
        "type": _("Typ"), "status": _("Status"), "mso": _("Migrantenorganisation (MSO)"),
        "administration": _("Kommunalverwaltung"), "districts": _("Stadtteile"),
        "whole_commune": _("ganze Kommune"), "no_district": _("ohne Stadtteil"),
        "commitments": _("Selbstverpflichtungen"), "no_commitment": _("ohne aktiven Beitrag"),
        "main_commitment": _("Schwerpunkt"), "community": _("Gruppe"),
        "community_n": _("Gruppe %(n)s", n="{n}"), "other_communities": _("kleinere Gruppen"),
        "no_community": _("ohne Gruppe"), "others": _("weitere"),
        "degree": _("Kooperationspartner"), "betweenness": _("Vermittlerrolle"),
        "betweenness_estimated": _("Vermittlerrolle (geschätzt)"),
        "findings": _("Befunde"), "cutoff": _("Schlüsselakteur: ohne ihn wären %(n)s Akteure abgeschnitten", n="{n}"),
        "isolated": _("isoliert (keine Kooperation, kein Gremium)"),
        "peripheral": _("MSO ohne Draht zur Verwaltung"),
        "since": _("seit"), "until": _("bis"), "ended": _("beendet"), "inactive": _("nicht aktiv"),
        "name": _("Name"), "partner_a": _("Akteur"), "partner_b": _("Partner"),
        "kind": _("Art der Kooperation"), "shown": _("Angezeigt: %(nodes)s von %(total)s Akteuren, %(edges)s Verbindungen", nodes="{nodes}", total="{total}", edges="{edges}"),
        "no_match": _("Kein Akteur gefunden."), "matches": _("%(n)s Treffer", n="{n}"),
        "saved": _("Anordnung gespeichert (%(n)s Akteure).", n="{n}"), "save_failed": _("Die Anordnung konnte nicht gespeichert werden."),
        "unsaved": _("%(n)s verschobene Akteure – noch nicht gespeichert.", n="{n}"),
        "load_failed": _("Das Netzwerk konnte nicht geladen werden."),
        "shape_dot": _("Kreis: Akteur"), "shape_diamond": _("Raute: Migrantenorganisation (MSO)"),
        "shape_square": _("Quadrat: Kommunalverwaltung"), "shape_box": _("Rechteck: Selbstverpflichtung"),
        "highlight_border": _("roter Rand: hervorgehobener Befund"),
        "pinned_note": _("von Hand angeordnet"),
        "edge_legend": _("Linie: Kooperation (gestrichelt: beendet oder noch nicht begonnen)"),
        "colour_by": _("Farbe"), "size_by": _("Größe"), "open_actor": _("Akteursseite öffnen"),
        "show_all_rows": _("Alle %(n)s Zeilen anzeigen", n="{n}"),
        "rows_shown": _("%(shown)s von %(n)s Zeilen", shown="{shown}", n="{n}"),
        "yes": _("ja"), "no": _("nein"), "png_title": _("Netzwerk der Akteure"),
        "focus_on": _("Fokus: %(name)s", name="{name}"),
        "focus_none": _("Bitte zuerst einen Akteur über die Suche auswählen."),
        "commitment_node": _("Selbstverpflichtung"),
        "actors_count": _("%(n)s Akteure", n="{n}"),
    }

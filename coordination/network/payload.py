"""What the network page draws: nodes, edges, categories and labels as one JSON document.

The document is read by the modules in static/js/network/ (picture.js and its imports). User
text (actor names, list entries) travels as JSON strings and reaches the page only through
textContent or the canvas, never as HTML.
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

import gzip
import hashlib
import json
import threading
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import date

import networkx as nx
from flask import current_app
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from coordination.analysis import layout
from coordination.exports.network_style import (
    FAMILIES,
    FAMILY_INDEX,
    GROUP_COLOURS,
    OTHER_COLOUR,
    commitment_colour,
    commitment_label,
    family_of,
)
from coordination.models import ActorStatus, CooperationKind
from coordination.queries.analysis import Analysis, current_analysis
from coordination.services import positions as position_service
from coordination.services.positions import Placement
from coordination.wording import current_wording

_CACHE = "coordination.network_json"
CACHE_ENTRIES = 8  # at 5,000 actors one entry holds about 2.6 MB (text and gzip)


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
        a, b = cooperation.actor_a, cooperation.actor_b
        pairs[(a, b) if a < b else (b, a)].append(cooperation)
    return pairs


def _commitments_by_actor(analysis: Analysis) -> dict[int, Counter]:
    data = analysis.data
    counts: dict[int, Counter] = defaultdict(Counter)
    for contribution in data.active_contributions:
        for actor_id in data.contribution_actors(contribution):
            counts[actor_id][contribution.commitment_number] += 1
    return counts


def _active_partners(analysis: Analysis, pairs) -> dict[int, set[int]]:
    """Current partners of every actor that is not dissolved (cooperations active today)."""
    data = analysis.data
    today = data.today
    present = {actor.id for actor in data.actors if actor.status != "dissolved"}
    partners: dict[int, set[int]] = defaultdict(set)
    for (a, b), cooperations in pairs.items():
        if a in present and b in present and any(c.is_active(today) for c in cooperations):
            partners[a].add(b)
            partners[b].add(a)
    return partners


def _neighbourhood(partners: dict[int, set[int]], centre: int, depth: int) -> nx.Graph:
    """The actors up to `depth` steps from `centre` and the active ties among them."""
    reached, frontier = {centre}, [centre]
    for _step in range(depth):
        next_frontier = []
        for node in frontier:
            for other in partners.get(node, ()):
                if other not in reached:
                    reached.add(other)
                    next_frontier.append(other)
        frontier = next_frontier
    G = nx.Graph()
    G.add_nodes_from(reached)
    G.add_edges_from((node, other) for node in reached for other in partners.get(node, ())
                     if other in reached)
    return G


def network_payload(analysis: Analysis, positions: dict[int, Placement], scope: Scope = Scope()
                    ) -> dict:
    """The JSON document for the network picture of `scope` (see the module docstring).
    Linear in actors + cooperations: about 0.3 s for 5,000 actors (see `NetworkJsonCache`)."""
    data, metrics = analysis.data, analysis.result.metrics
    today = data.today
    pairs = _pairs(analysis)
    partners = _active_partners(analysis, pairs)
    commitments = _commitments_by_actor(analysis)
    actors = data.actor_by_id

    if scope.actor_id is not None:
        G = _neighbourhood(partners, scope.actor_id, scope.depth)
        xy = layout.radial_layout(G, scope.actor_id)
        shown, pinned = set(G), set()
        pair_filter = [pair for pair in pairs if G.has_edge(*pair)]
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
    betweenness, cut_off, isolated = metrics.betweenness, metrics.cut_off, metrics.isolated
    peripheral = {actor_id for finding in analysis.findings if finding.rule == "mso-peripheral"
                  for actor_id in finding.actor_ids}
    nodes = []
    for actor in data.actors:
        actor_id = actor.id
        if actor_id not in shown:
            continue
        x, y = xy[actor_id]
        node = {"id": actor_id, "label": actor.name, "type": actor.type_id, "status": actor.status,
                "degree": len(partners.get(actor_id, ())),
                "betweenness": round(betweenness.get(actor_id, 0.0), 5),
                "x": round(x, 1), "y": round(y, 1)}
        if actor.migrant_led:
            node["mso"] = True
        if actor.is_administration:
            node["adm"] = True
        if actor.whole_commune:
            node["whole"] = True
        if actor.district_ids:
            node["districts"] = sorted(actor.district_ids)
        counter = commitments.get(actor_id)
        if counter:
            node["commitments"] = sorted(counter)
            node["main"] = min(counter, key=lambda n: (-counter[n], n))
        if actor_id in community:
            node["community"] = community[actor_id]
        if actor_id in pinned:
            node["pinned"] = True
        if cut_off.get(actor_id):
            node["cutoff"] = len(cut_off[actor_id])
        if actor_id in isolated:
            node["isolated"] = True
        if actor_id in peripheral:
            node["peripheral"] = True
        nodes.append(node)

    edges = []
    for a, b in pair_filter:
        coops = []
        for c in sorted(pairs[(a, b)], key=lambda c: (c.start is None, c.start, c.id)):
            coop = {"kind": c.kind}
            if c.start:
                coop["since"] = c.start.isoformat()
            if c.end:
                coop["until"] = c.end.isoformat()
            if c.is_active(today):
                coop["active"] = True
            coops.append(coop)
        edges.append({"id": f"{a}-{b}", "from": a, "to": b, "coops": coops})

    present_types = {actors[node].type_id for node in shown}
    scope_record = {"commitment": scope.commitment} if scope.commitment is not None else {}
    if scope.actor_id is not None:
        scope_record = {"actor": scope.actor_id, "depth": scope.depth}
    return {
        "scope": scope_record,
        "today": today.isoformat(),
        "nodes": nodes,
        "edges": edges,
        "categories": {
            "type": [{"id": t.id, "label": t.name, "family": FAMILY_INDEX[family_of(t.key)]}
                     for t in data.actor_types if t.id in present_types],
            "family": [{"id": index, "label": str(family.label), "colour": family.colour}
                       for index, family in enumerate(FAMILIES)],
            "district": [{"id": d.id, "label": d.name} for d in data.districts],
            "commitment": [{"id": c.number, "label": f"{c.number}. {c.short_title}",
                            "short": commitment_label(c.number),
                            "colour": commitment_colour(c.number)} for c in data.commitments],
            "kind": [{"id": kind.value, "label": kind.label} for kind in CooperationKind],
            "status": [{"id": status.value, "label": status.label} for status in ActorStatus],
            "communities": len(metrics.communities),
        },
        "findings": {"articulation": sum(1 for n in nodes if "cutoff" in n),
                     "isolated": sum(1 for n in nodes if "isolated" in n),
                     "peripheral": sum(1 for n in nodes if "peripheral" in n)},
        "betweenness_sampled": metrics.betweenness_sources is not None,
        "palette": {"groups": GROUP_COLOURS, "other": OTHER_COLOUR},
        "options": vis_options(len(nodes)),
        "labels": ui_labels(),
    }


@dataclass(frozen=True)
class Document:
    """A serialised payload: the JSON text, its gzip-compressed form and an entity tag of the
    text (for conditional requests)."""

    text: bytes
    compressed: bytes
    etag: str


def encode(payload: dict) -> Document:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return Document(text, gzip.compress(text, compresslevel=5), hashlib.sha256(text).hexdigest()[:32])


def network_document(scope: Scope = Scope(), on: date | None = None) -> Document:
    """The whole network or a commitment's sub-network as JSON, cached per process.

    Building and serialising 5,000 actors takes about half a second; a page view after that
    costs four small queries. The key is everything the document depends on: the analysis
    (data version, thresholds, reference day), the stored positions (count and newest change),
    the scope and the language of the labels. Missing positions are filled in first. `on`: the
    network as of that Stichtag (default: today).
    """
    complete, stamp = position_service.positions_state()
    if not complete:
        position_service.current_positions()
        complete, stamp = position_service.positions_state()
    analysis = current_analysis(on)
    key = (analysis.stamp, analysis.on, analysis.thresholds, stamp, scope, str(get_locale()))
    cache = current_app.extensions.setdefault(_CACHE, {"lock": threading.Lock(),
                                                       "entries": OrderedDict()})
    with cache["lock"]:
        document = cache["entries"].get(key)
    if document is None:
        document = encode(network_payload(analysis, position_service.stored_positions(), scope))
        with cache["lock"]:
            cache["entries"][key] = document
            while len(cache["entries"]) > CACHE_ENTRIES:
                cache["entries"].popitem(last=False)
    return document


def vis_options(node_count: int) -> dict:
    """vis-network options: positions are given, so no physics and no layout run; straight
    edges; edges hidden while dragging or zooming large networks (drawing 10,000 lines per frame
    makes panning stutter). Names are drawn by the script (static/js/network/labels.js), which
    places them without overlaps, so the nodes carry no vis-network label; the arrow keys
    select actors (the script's own keyboard handling)."""
    large = node_count > 1000
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": not large, "tooltipDelay": 200, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False,
                        "keyboard": {"enabled": False}, "multiselect": False,
                        "zoomView": True, "dragView": True},
        "nodes": {"shape": "dot", "borderWidth": 1, "borderWidthSelected": 3,
                  "scaling": {"min": 6, "max": 22, "label": {"enabled": False}}},
        "edges": {"smooth": False, "width": 1, "selectionWidth": 2, "hoverWidth": 1.5,
                  "color": {"color": "#9aa3ad", "highlight": "#0d6efd", "hover": "#0d6efd",
                            "opacity": 0.7}},
    }


def _forms(sentence) -> dict[str, str]:
    """Both forms of a sentence with a count, for the script to pick (Intl.PluralRules):
    `sentence(count)` is the ngettext call, with the count written as {n}."""
    return {form: sentence(count) for form, count in (("one", 1), ("other", 2))}


def ui_labels() -> dict:
    """The words the script shows (it has no catalogue of its own); {n} and the like are filled
    in by the script. Sentences with a count come in both forms (see `_forms`)."""
    words = current_wording()
    return {
        "type": _("Typ"), "status": _("Status"), "mso": _("migrantisch geführt (MSO)"),
        "administration": _("Kommunalverwaltung"), "flags": _("Merkmale"),
        "districts": words.districts, "whole_commune": words.whole_commune,
        "no_district": _("ohne %(district)s", district=words.district),
        "commitments": _("Selbstverpflichtungen"), "no_commitment": _("ohne aktives Angebot"),
        "community_n": _("Gruppe %(n)s", n="{n}"),
        # a community named after its most central actor: "Stabsstelle Integration u. a." (the
        # name stands where it needs no article)
        "community_around": _("%(name)s u. a.", name="{name}"),
        "other_communities": _("kleinere Gruppen"),
        "no_community": _("ohne Gruppe"), "others": _("weitere"), "group": _("Gruppe"),
        "degree": _("Kooperationspartner"), "betweenness": _("Vermittlerrolle"),
        "partner_count": _forms(lambda count: ngettext(
            "%(n)s Kooperationspartner", "%(n)s Kooperationspartner", count, n="{n}")),
        "no_ties": _("ohne Verbindung"),
        "broker_high": _("hoch"), "broker_medium": _("mittel"), "broker_low": _("gering"),
        "broker_none": _("keine"),
        "broker_rank": _("%(level)s (Rang %(rank)s von %(total)s)", level="{level}", rank="{rank}",
                         total="{total}"),
        "estimated": _("geschätzt"),
        "bridges": _forms(lambda count: ngettext(
            "verbindet %(n)s Gruppe", "verbindet %(n)s Gruppen", count, n="{n}")),
        "findings": _("Befunde"), "no_findings": _("keine"),
        "cutoff": _forms(lambda count: ngettext(
            "Schlüsselakteur – fällt er aus, ist %(n)s Akteur abgeschnitten",
            "Schlüsselakteur – fällt er aus, sind %(n)s Akteure abgeschnitten", count,
            n="{n}")),
        "isolated": _("isoliert (keine Kooperation, kein Gremium)"),
        "peripheral": _("MSO ohne Draht zur Verwaltung"),
        "since": _("seit"), "until": _("bis"), "inactive": _("nicht laufend"),
        "shown": _forms(lambda count: ngettext(
            "Angezeigt: %(nodes)s von %(total)s Akteuren, %(n)s Verbindung",
            "Angezeigt: %(nodes)s von %(total)s Akteuren, %(n)s Verbindungen", count, n="{n}",
            nodes="{nodes}", total="{total}")),
        "no_match": _("Kein Akteur gefunden."),
        "matches": _forms(lambda count: ngettext("%(n)s Treffer", "%(n)s Treffer", count,
                                                 n="{n}")),
        "saved": _forms(lambda count: ngettext(
            "Anordnung gespeichert (%(n)s Akteur).", "Anordnung gespeichert (Akteure: %(n)s).",
            count, n="{n}")),
        "save_failed": _("Die Anordnung konnte nicht gespeichert werden."),
        "unsaved": _forms(lambda count: ngettext(
            "Verschoben, noch nicht gespeichert: %(n)s Akteur",
            "Verschoben, noch nicht gespeichert: %(n)s Akteure", count, n="{n}")),
        "shape_dot": _("Punkt: Akteur"),
        "shape_diamond": _("Raute: migrantisch geführt (MSO: Typ Migrantenorganisation oder als "
                           "migrantisch geführt markiert)"),
        "shape_square": _("Quadrat: Kommunalverwaltung"),
        "shape_commitment": _("Sechseck: Selbstverpflichtung"),
        "highlight_border": _("roter Rand: hervorgehobener Befund"),
        "pinned_note": _("von Hand angeordnet"),
        "edge_active": _("Linie: laufende Kooperation"),
        "edge_inactive": _("gestrichelt: beendet oder noch nicht begonnen"),
        "colour_by": _("Farbe"), "size_by": _("Größe"), "open_actor": _("Akteursseite öffnen"),
        "focus_here": _("Nur sein Umfeld zeigen"), "partners_heading": _("Kooperationspartner"),
        "show_all_rows": _("Alle %(n)s anzeigen", n="{n}"),
        "rows_shown": _("%(shown)s von %(n)s Zeilen", shown="{shown}", n="{n}"),
        "yes": _("ja"), "no": _("nein"), "png_title": _("Netzwerk der Akteure"),
        "as_of": _("Stand: %(date)s", date="{date}"),
        "focus_on": _("Fokus: %(name)s", name="{name}"),
        "no_focus": _("Kein Fokus: alle Akteure, die die Filter zulassen."),
        "commitment_node": _("Selbstverpflichtung"),
        "actor_count": _forms(lambda count: ngettext("%(n)s Akteur", "%(n)s Akteure", count,
                                                     n="{n}")),
    }

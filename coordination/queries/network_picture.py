"""The network picture of one commitment for documents: the actors with an active contribution
to it and the cooperations among them, at their stored positions, in the colours and shapes of
the network page (coordination.exports.network_style).

`commitment_network` returns plain, JSON-serialisable data (so a report snapshot can keep it);
`coordination.exports.network_picture.network_png` draws it. A document that wants the picture
calls both, e.g. the Bausteine für das Integrationskonzept once per commitment:

    png = network_png(commitment_network(analysis, number))
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.exports.network_style import FAMILIES, FAMILY_INDEX, family_of
from coordination.queries.analysis import Analysis
from coordination.services import positions as position_service


def commitment_network(analysis: Analysis, number: int,
                       positions: dict[int, position_service.Placement] | None = None) -> dict:
    """{title, subtitle, nodes: [{name, colour, shape, x, y, degree}], edges: [[i, j], ...],
    legend: [{text, colour, shape}], empty}: the actors of commitment `number` (active
    contributions on the analysis' reference date) and their active cooperations. Shapes are
    matplotlib markers: "o" actor, "D" migrant-led (MSO), "s" municipal administration.
    `positions`: the actors' places on the network page, if the caller has them already."""
    data = analysis.data
    today = data.today
    members = sorted({actor_id for contribution in data.active_contributions
                      if contribution.commitment_number == number
                      for actor_id in data.contribution_actors(contribution)
                      if actor_id in data.actor_by_id},
                     key=lambda actor_id: data.actor_by_id[actor_id].name.casefold())
    index = {actor_id: position for position, actor_id in enumerate(members)}
    pairs = set()
    for cooperation in data.cooperations:
        a, b = cooperation.actor_a, cooperation.actor_b
        if a in index and b in index and cooperation.is_active(today):
            pairs.add((min(index[a], index[b]), max(index[a], index[b])))
    degree = [0] * len(members)
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
    if positions is None:
        positions = position_service.current_positions() if members else {}
    nodes, families = [], set()
    for position, actor_id in enumerate(members):
        actor = data.actor_by_id[actor_id]
        family = FAMILIES[FAMILY_INDEX[family_of(actor.type_key)]]
        families.add(family.key)
        placement = positions.get(actor_id)
        nodes.append({
            "name": actor.name, "colour": family.colour,
            "shape": "D" if actor.migrant_led else ("s" if actor.is_administration else "o"),
            "x": placement.x if placement else 0.0, "y": placement.y if placement else 0.0,
            "degree": degree[position]})
    legend = [{"text": str(family.label), "colour": family.colour, "shape": "o"}
              for family in FAMILIES if family.key in families]
    legend += [{"text": _("Raute: migrantisch geführt (MSO)"), "colour": "#ffffff", "shape": "D"},
               {"text": _("Quadrat: Kommunalverwaltung"), "colour": "#ffffff", "shape": "s"}]
    ties = len(pairs)
    return {
        "title": _("Selbstverpflichtung %(number)s: Akteure und ihre Kooperationen",
                   number=number),
        "subtitle": _("Stand: %(date)s · %(actors)s, %(ties)s", date=today.strftime("%d.%m.%Y"),
                      actors=ngettext("%(num)d Akteur", "%(num)d Akteure", len(members)),
                      ties=ngettext("%(num)d laufende Kooperation",
                                    "%(num)d laufende Kooperationen", ties)),
        "nodes": nodes, "edges": sorted([a, b] for a, b in pairs), "legend": legend,
        "empty": _("Kein Akteur arbeitet mit aktiven Angeboten an dieser Selbstverpflichtung.")
        if not members else "",
    }

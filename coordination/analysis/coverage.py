"""Coverage of the ten commitments: who does what, where and for whom.

Counts active contributions (status "active" and within their dates on the reference day) and the
distinct actors behind them; dissolved actors do not count.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx

from coordination.analysis.data import NetworkData
from coordination.analysis.graph import body_hubs, largest_first


class Count(NamedTuple):
    """Active contributions and distinct actors behind them, in one cell of a coverage table."""

    contributions: int
    actors: int


@dataclass(frozen=True)
class CommitmentCoverage:
    """What exists under one commitment.

    contribution_ids, actor_ids: the active contributions and their (not dissolved) actors.
    planned_contribution_ids: contributions with status "planned".
    by_actor_type, by_district, by_target_group, by_field_of_action: Count per actor type id,
        district id (None = whole commune), target group id and field of action id (None = no
        field given). A contribution counts once in every cell it belongs to.
    islands: the actors split into groups that are connected among themselves (through
        cooperations, shared bodies and shared contributions, using only these actors and
        body hubs), largest first.
    """

    number: int
    contribution_ids: frozenset[int]
    planned_contribution_ids: frozenset[int]
    actor_ids: frozenset[int]
    migrant_led_actor_ids: frozenset[int]
    by_actor_type: dict[int, Count]
    by_district: dict[int | None, Count]
    by_target_group: dict[int, Count]
    by_field_of_action: dict[int | None, Count]
    islands: tuple[frozenset[int], ...]

    @property
    def migrant_led_share(self) -> float | None:
        """Share of the actors that are migrant-led (None when there are no actors)."""
        return len(self.migrant_led_actor_ids) / len(self.actor_ids) if self.actor_ids else None

    @property
    def connected(self) -> bool:
        """Whether the actors form one sub-network (trivially true for fewer than two)."""
        return len(self.islands) <= 1


def commitment_coverage(data: NetworkData, G: nx.Graph) -> dict[int, CommitmentCoverage]:
    """Coverage of every commitment in `data.commitments` (and any number a contribution uses),
    keyed by commitment number, using the analysis graph `G` for the islands.

    O(contribution participants x (districts + target groups) + sum over commitments of the
    edges around their actors).
    """
    numbers = {c.number for c in data.commitments} | {
        c.commitment_number for c in data.contributions}
    cells = {number: defaultdict(lambda: (set(), set())) for number in numbers}
    contributions = defaultdict(set)
    actors = defaultdict(set)
    partners = defaultdict(list)
    planned = defaultdict(set)
    actor_by_id = data.actor_by_id
    for contribution in data.contributions:
        if contribution.status == "planned":
            planned[contribution.commitment_number].add(contribution.id)
    for contribution in data.active_contributions:
        number = contribution.commitment_number
        participants = data.contribution_actors(contribution)
        contributions[number].add(contribution.id)
        actors[number].update(participants)
        partners[number].append(participants)
        table = cells[number]
        for a in participants:  # an actor type cell counts only the actors of that type
            counted_contributions, counted_actors = table[("type", actor_by_id[a].type_id)]
            counted_contributions.add(contribution.id)
            counted_actors.add(a)
        keys = [("district", d) for d in contribution.district_ids]
        if contribution.whole_commune:
            keys.append(("district", None))
        keys += [("target_group", t) for t in contribution.target_group_ids]
        keys.append(("field", contribution.field_of_action_id))
        for key in keys:
            counted_contributions, counted_actors = table[key]
            counted_contributions.add(contribution.id)
            counted_actors.update(participants)

    hubs = body_hubs(G)

    def counts(number, dimension):
        return {key[1]: Count(len(c), len(a)) for key, (c, a) in cells[number].items()
                if key[0] == dimension}

    return {number: CommitmentCoverage(
        number=number,
        contribution_ids=frozenset(contributions[number]),
        planned_contribution_ids=frozenset(planned[number]),
        actor_ids=frozenset(actors[number]),
        migrant_led_actor_ids=frozenset(a for a in actors[number]
                                        if actor_by_id[a].migrant_led),
        by_actor_type=counts(number, "type"),
        by_district=counts(number, "district"),
        by_target_group=counts(number, "target_group"),
        by_field_of_action=counts(number, "field"),
        islands=subnetwork_islands(G, actors[number], partners[number], hubs),
    ) for number in sorted(numbers)}


def subnetwork_islands(G: nx.Graph, actors, joint=(), hubs=None) -> tuple[frozenset[int], ...]:
    """The connected groups into which `actors` fall in `G` when only they and body hubs are
    kept (induced subgraph), largest first; each collection of actors in `joint` (e.g. the
    partners of one contribution) counts as connected too. One group means one connected
    sub-network. `hubs`, the body hubs of `G`, can be passed in when known.
    O(sum of the degrees of `actors`).
    """
    actors = set(actors)
    if hubs is None:
        hubs = body_hubs(G)
    kept = actors | hubs
    partners = defaultdict(set)
    for group in joint:
        for a in group:
            partners[a].update(group)
    adjacency = G.adj
    islands, seen = [], set()
    for start in actors:
        if start in seen:
            continue
        seen.add(start)
        island, stack = [], [start]
        while stack:
            node = stack.pop()
            if node in actors:
                island.append(node)
                reachable = [b for b in adjacency[node] if b in kept]
                reachable += partners.get(node, ())
            else:  # a body hub: on to its members among `actors`
                reachable = [b for b in adjacency[node] if b in actors]
            for b in reachable:
                if b not in seen:
                    seen.add(b)
                    stack.append(b)
        islands.append(island)
    return largest_first(islands)


@dataclass(frozen=True)
class FieldCoverage:
    """What exists in one field of action (Handlungsfeld), across all commitments.

    field_id: the field of action (None: contributions without a field).
    contribution_ids, actor_ids, migrant_led_actor_ids: the active contributions and their
        (not dissolved) actors.
    by_commitment: active contributions per commitment number.
    district_ids: districts reached; whole_commune: some contribution serves the whole commune.
    target_group_ids: target groups reached.
    """

    field_id: int | None
    contribution_ids: frozenset[int]
    actor_ids: frozenset[int]
    migrant_led_actor_ids: frozenset[int]
    by_commitment: dict[int, int]
    district_ids: frozenset[int]
    whole_commune: bool
    target_group_ids: frozenset[int]


def field_coverage(data: NetworkData) -> dict[int | None, FieldCoverage]:
    """Coverage per field of action: every field in `data.fields_of_action` (empty ones too, in
    list order), then None if some active contribution has no field.
    O(contribution participants + their districts and target groups).
    """
    def empty():
        return {"contributions": set(), "actors": set(), "commitments": defaultdict(int),
                "districts": set(), "whole": False, "groups": set()}

    parts: dict[int | None, dict] = {f.id: empty() for f in data.fields_of_action}
    actor_by_id = data.actor_by_id
    for contribution in data.active_contributions:
        part = parts.setdefault(contribution.field_of_action_id, empty())
        part["contributions"].add(contribution.id)
        part["actors"].update(data.contribution_actors(contribution))
        part["commitments"][contribution.commitment_number] += 1
        part["districts"].update(contribution.district_ids)
        part["whole"] = part["whole"] or contribution.whole_commune
        part["groups"].update(contribution.target_group_ids)
    return {key: FieldCoverage(
        field_id=key, contribution_ids=frozenset(part["contributions"]),
        actor_ids=frozenset(part["actors"]),
        migrant_led_actor_ids=frozenset(a for a in part["actors"] if actor_by_id[a].migrant_led),
        by_commitment=dict(sorted(part["commitments"].items())),
        district_ids=frozenset(part["districts"]), whole_commune=part["whole"],
        target_group_ids=frozenset(part["groups"])) for key, part in parts.items()}

"""Gap rules about the offers: who they reach, where they are, and whether they duplicate each
other (commitments 2, 4, 5, 7).

Severities: target-group-uncovered mittel; district-without-offer hoch for a district with
"besonderer Handlungsbedarf" without any offer or without commitment-7 work, mittel for other
districts of a Stadt or Landkreis, niedrig (and under no commitment) for a Gemeinde's Ortsteile; possible-duplicate-structure
niedrig. Commitment 7 is capped by the commune kind (rules.applicability).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from coordination.analysis.data import NetworkData
from coordination.analysis.rules import applicability
from coordination.analysis.rules.base import Context, Finding, cap, quoted_titles, rule
from coordination.analysis.rules.quotes import COORDINATION, NEIGHBOURHOODS, WOMEN
from coordination.analysis.text import N_, ngettext, sentences

# Target groups served by the commune as a whole, not per district (seeded keys).
COMMUNE_WIDE_GROUPS = frozenset({"skilled_workers", "entrepreneurs", "administration_staff",
                                 "volunteers", "all"})


@rule("target-group-uncovered")
def _target_group_uncovered(context: Context, finding) -> Iterator[Finding]:
    """Three views: the target groups without any active offer (one finding for all; in a
    Gemeinde not those the Kreis serves, rules.applicability); women without an offer under
    commitment 4 (its text names them); in a district with "besonderer Handlungsbedarf" that has
    offers, the target groups that district-bound offers elsewhere reach but none there (only
    groups that make sense per district, not COMMUNE_WIDE_GROUPS). The group "alle" (key "all")
    is no target group of its own here."""
    data = context.data
    groups = [g for g in data.target_groups if g.key != "all"]
    covered = {g for c in data.active_contributions for g in c.target_group_ids}
    outside = applicability.outside_target_groups(data)
    uncovered = [g for g in groups if g.id not in covered and g.key not in outside]
    if uncovered:
        names = context.target_group_names(g.id for g in uncovered)
        yield finding(
            "mittel", None,
            ngettext("Kein aktives Angebot für %(groups)s",
                     "%(num)d Zielgruppen ohne aktives Angebot", len(uncovered), groups=names),
            ngettext("Für die Zielgruppe %(groups)s ist kein aktives Angebot erfasst, unter "
                     "keiner der zehn Selbstverpflichtungen.",
                     "Für die Zielgruppen %(groups)s ist kein aktives Angebot erfasst, unter "
                     "keiner der zehn Selbstverpflichtungen.", len(uncovered), groups=names),
            target_group_ids=[g.id for g in uncovered], subject="overall")
    women = next((g for g in groups if g.key == "women"), None)
    commitment_4 = context.coverage.get(4)
    if women and women.id in covered and commitment_4 and commitment_4.contribution_ids \
            and women.id not in commitment_4.by_target_group:
        yield finding(
            "mittel", 4,
            N_("%(commitment)s: kein Angebot für %(group)s", commitment=context.label(4),
               group=women.name),
            sentences(N_("Keines der aktiven Angebote zu %(commitment)s richtet sich an die "
                         "Zielgruppe %(group)s.", commitment=context.label(4), group=women.name),
                      context.cite(4, WOMEN)),
            target_group_ids=[women.id], subject="women")
    offers = context.offers_by_district
    local = {g.id for g in groups if g.key not in COMMUNE_WIDE_GROUPS}
    reached_somewhere = {g for located in offers.values() for c in located
                         for g in c.target_group_ids} & local
    for district in data.districts:
        if not district.special_need or not offers.get(district.id):
            continue
        missing = reached_somewhere - {g for c in offers[district.id] for g in c.target_group_ids}
        if missing:
            yield finding(
                cap("mittel", context.highest(7)), 7,
                N_("%(district)s: Zielgruppen ohne Angebot vor Ort", district=district.name),
                sentences(N_("Das Gebiet %(district)s hat besonderen Handlungsbedarf, aber kein "
                             "aktives Angebot vor Ort für %(groups)s, die anderswo in der "
                             "Kommune erreicht werden.", district=district.name,
                             groups=context.target_group_names(missing)),
                          context.cite(7, NEIGHBOURHOODS)),
                district_ids=[district.id], target_group_ids=missing,
                subject=f"district:{district.id}")


@rule("district-without-offer")
def _district_without_offer(context: Context, finding) -> Iterator[Finding]:
    """Offers for the whole commune do not count for a district (see base.district_reach)."""
    offers = context.offers_by_district
    gemeinde = context.data.commune_kind == "gemeinde"
    for district in context.data.districts:
        located = offers.get(district.id, [])
        if not located:
            # an Ortsteil without need is no case for neighbourhood work: cross-cutting, niedrig
            plain = gemeinde and not district.special_need
            yield finding(
                cap("hoch" if district.special_need else "niedrig" if plain else "mittel",
                    context.highest(7)), None if plain else 7,
                N_("%(district)s: kein aktives Angebot", district=district.name),
                sentences(
                    N_("Im Gebiet %(district)s (besonderer Handlungsbedarf) ist kein aktives "
                       "Angebot verortet.", district=district.name) if district.special_need else
                    N_("Im Gebiet %(district)s ist kein aktives Angebot verortet.",
                       district=district.name),
                    N_("Angebote für die gesamte Kommune sind nicht mitgezählt."),
                    context.cite(7, NEIGHBOURHOODS)),
                district_ids=[district.id], subject="none")
        elif district.special_need and not any(c.commitment_number == 7 for c in located):
            yield finding(
                cap("hoch", context.highest(7)), 7,
                N_("%(district)s: besonderer Handlungsbedarf ohne Quartiersarbeit",
                   district=district.name),
                sentences(
                    N_("Das Gebiet %(district)s ist mit besonderem Handlungsbedarf markiert; "
                       "keines der Angebote dort gehört zu %(commitment)s.",
                       district=district.name, commitment=context.label(7)),
                    context.cite(7, NEIGHBOURHOODS)),
                district_ids=[district.id], contribution_ids=[c.id for c in located],
                subject="no-commitment-7")


@rule("possible-duplicate-structure")
def _possible_duplicate_structure(context: Context, finding) -> Iterator[Finding]:
    """Offers with the same commitment, target group, district (or both for the whole commune)
    and field of action (both none counts as the same) whose actors fall into separate groups
    when joined by shared offers and direct cooperations. The field of action keeps e.g. a
    homework club and a football project for the same young people apart. Findings about the
    same offers are merged. O(offer placements x actors' degrees)."""
    data, partners = context.data, context.cooperation_partners
    placed = defaultdict(list)
    for contribution in data.active_contributions:
        if not data.contribution_actors(contribution):
            continue
        places = list(contribution.district_ids) + ([None] if contribution.whole_commune else [])
        for group in contribution.target_group_ids:
            for place in places:
                placed[(contribution.commitment_number, group, place,
                        contribution.field_of_action_id)].append(contribution)
    merged, uncoordinated = {}, {}
    for (number, group, place, _), offers in placed.items():
        if len(offers) < 2:
            continue
        offer_ids = frozenset(c.id for c in offers)
        if offer_ids not in uncoordinated:
            uncoordinated[offer_ids] = _uncoordinated(partners, data, offers)
        if not uncoordinated[offer_ids]:
            continue
        groups, places, _ = merged.setdefault((number, offer_ids), (set(), set(), offers))
        groups.add(group)
        if place is not None:
            places.add(place)
    for (number, _), (groups, places, offers) in merged.items():
        actors = {a for c in offers for a in data.contribution_actors(c)}
        facts = dict(titles=quoted_titles(offers), groups=context.target_group_names(groups),
                     names=context.names(actors))
        yield finding(
            "niedrig", number,
            ngettext("Mögliche Doppelstruktur: %(num)d Angebot zu %(commitment)s",
                     "Mögliche Doppelstruktur: %(num)d Angebote zu %(commitment)s", len(offers),
                     commitment=context.label(number)),
            sentences(
                ngettext("Die Angebote %(titles)s richten sich an %(groups)s im Gebiet "
                         "%(districts)s, doch ihre Träger (%(names)s) kooperieren nicht "
                         "miteinander.",
                         "Die Angebote %(titles)s richten sich an %(groups)s in den Gebieten "
                         "%(districts)s, doch ihre Träger (%(names)s) kooperieren nicht "
                         "miteinander.", len(places),
                         districts=context.district_names(places), **facts) if places else
                N_("Die Angebote %(titles)s richten sich an %(groups)s in der gesamten Kommune, "
                   "doch ihre Träger (%(names)s) kooperieren nicht miteinander.", **facts),
                N_("Abstimmung kann Angebote bündeln oder Kapazität für Lücken an anderer Stelle "
                   "freimachen."),
                context.cite(2, COORDINATION)),
            actor_ids=actors, district_ids=places, target_group_ids=groups,
            contribution_ids=[c.id for c in offers])


def _uncoordinated(partners: dict[int, set[int]], data: NetworkData, offers) -> bool:
    """Whether the offers fall into more than one group when offers that share an actor or
    whose actors cooperate directly are joined. A search over the offers' actors, stepping to
    the other actors of an actor's offers and to its cooperation partners among them:
    O(actors of the offers x their degree)."""
    members = [data.contribution_actors(c) for c in offers]
    offers_of = defaultdict(list)
    for index, actors in enumerate(members):
        for actor in actors:
            offers_of[actor].append(index)
    reached_offers, reached_actors = {0}, set(members[0])
    stack = list(members[0])
    while stack:
        actor = stack.pop()
        neighbours = [b for b in partners.get(actor, ()) if b in offers_of]
        for index in offers_of[actor]:
            if index not in reached_offers:
                reached_offers.add(index)
                neighbours.extend(members[index])
        for b in neighbours:
            if b not in reached_actors:
                reached_actors.add(b)
                stack.append(b)
    return len(reached_offers) < len(offers)

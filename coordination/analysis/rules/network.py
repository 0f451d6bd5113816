"""Gap rules about the network's structure: who is tied to whom, who holds it together, who
coordinates, and whether the legal spheres and the labour market are linked (commitments 2, 6).

Severities: actor-isolated mittel for migrant-led and administration actors, else niedrig
(data upkeep for an actor without any active offer);
single-point-of-failure hoch from `Thresholds.spof_high_cutoff` actors cut off, mittel from 2,
niedrig for one finding about all actors hanging on a single partner; no-coordinating-body hoch; legal-sphere-gap mittel for two roles present without
cooperation, niedrig for a role not in the network at all; labour-market-unlinked hoch when no
Jobcenter or Agentur has a tie to the labour market, else mittel, and niedrig in a Gemeinde (the
Kreis's office). Under commitment 6 a Gemeinde's findings are at most mittel (rules.applicability).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations
from typing import NamedTuple

from coordination.analysis.data import COORDINATING_BODY_KINDS, ActorRecord
from coordination.analysis.graph import active_members
from coordination.analysis.rules import applicability
from coordination.analysis.rules.base import Context, Finding, cap, quoted_titles, rule
from coordination.analysis.rules.quotes import COORDINATION, NETWORKING, SGB_II
from coordination.analysis.text import N_, Text, enumeration, ngettext, sentences


@rule("actor-isolated")
def _actor_isolated(context: Context, finding) -> Iterator[Finding]:
    """Active actors without any tie and without a body. A migrant-led or administration actor
    weighs mittel, another one with active offers niedrig (its offers run apart from the
    network). An actor of neither kind without any active offer is no gap in the integration
    work but an entry to check, listed under data upkeep: either its ties are missing from the
    register or it takes no part in the work (then it is "ruhend")."""
    data, G = context.data, context.graph
    offers = defaultdict(list)
    for contribution in data.active_contributions:
        for actor_id in data.contribution_actors(contribution):
            offers[actor_id].append(contribution)
    for actor in data.actors:
        if actor.status != "active" or G[actor.id] or G.nodes[actor.id]["bodies"]:
            continue
        important = actor.migrant_led or actor.is_administration
        own = offers.get(actor.id, [])
        facts = dict(name=actor.name, type=actor.type_name or N_("ohne Typ"))
        yield finding(
            "mittel" if important else "niedrig", 2,
            N_("Nicht vernetzt: %(name)s", name=actor.name),
            sentences(
                N_("Der Akteur „%(name)s“ (%(type)s) hat weder eine aktive Kooperation noch "
                   "eine Mitgliedschaft in einem aktiven Gremium und ist damit vom Netzwerk "
                   "abgeschnitten.", **facts) if own or important else
                N_("Der Akteur „%(name)s“ (%(type)s) hat weder ein aktives Angebot noch eine "
                   "aktive Kooperation noch eine Mitgliedschaft in einem aktiven Gremium.",
                   **facts),
                ngettext("Das Angebot %(titles)s läuft ohne Abstimmung mit anderen Trägern, und "
                         "Beratungsstellen können kaum darauf verweisen; eine Kooperation oder ein "
                         "Sitz in einem Arbeitskreis bindet den Akteur ein.",
                         "Die Angebote %(titles)s laufen ohne Abstimmung mit anderen Trägern, und "
                         "Beratungsstellen können kaum darauf verweisen; eine Kooperation oder ein "
                         "Sitz in einem Arbeitskreis bindet den Akteur ein.", len(own),
                         titles=quoted_titles(own)) if own else
                None if important else
                N_("Fehlen Kooperationen dieses Akteurs im Verzeichnis, sollten sie nachgetragen "
                   "werden; wirkt er nicht (mehr) an der Integrationsarbeit mit, kann er als "
                   "ruhend geführt werden."),
                context.cite(2, NETWORKING)),
            actor_ids=[actor.id], district_ids=actor.district_ids,
            target_group_ids=actor.target_group_ids, upkeep=not (own or important))


def cut_groups(context: Context) -> dict[int, frozenset[int]]:
    """The single points of failure that each stand for one structural fact: articulation point
    -> the actors its loss cuts off. An articulation point that is itself cut off by a larger
    one (a chain of organisations behind one café) is part of that fact, not one of its own.
    O(articulation points x log + size of the kept groups)."""
    found = sorted(((actor, group) for actor, group in context.metrics.cut_off.items() if group),
                   key=lambda item: (-len(item[1]), item[0]))
    groups, covered = {}, set()
    for actor, group in found:
        if actor not in covered:
            groups[actor] = group
            covered |= group
    return groups


def split_commitments(context: Context, group: frozenset[int]) -> list[int]:
    """Commitments whose actors fall apart because `group` hangs on one actor: some of the
    group's actors lie outside the commitment's largest island."""
    return [number for number, coverage in context.coverage.items()
            if not coverage.connected and (coverage.actor_ids - coverage.islands[0]) & group]


@rule("single-point-of-failure")
def _single_point_of_failure(context: Context, finding) -> Iterator[Finding]:
    """One finding per structural fact (`cut_groups`): it names the articulation point, the
    actors cut off, the articulation points inside the group, the migrant-led actors among them
    and the commitments whose network splits (`split_commitments`)."""
    actors, metrics = context.data.actor_by_id, context.metrics
    pendants = []
    for actor_id, group in cut_groups(context).items():
        size, name = len(group), actors[actor_id].name
        if size == 1 and context.thresholds.spof_high_cutoff > 1:
            pendants.append((actor_id, next(iter(group))))
            continue
        severity = "hoch" if size >= context.thresholds.spof_high_cutoff else "mittel"
        inner = sorted(a for a in group if metrics.cut_off.get(a))
        migrant_led = [a for a in group if actors[a].migrant_led]
        numbers = split_commitments(context, group)
        yield finding(
            severity, 2,
            ngettext("Einzige Verbindung eines Akteurs zum Netzwerk: %(name)s",
                     "Einzige Verbindung von %(num)d Akteuren zum Netzwerk: %(name)s", size,
                     name=name),
            sentences(
                N_("Der Akteur „%(name)s“ ist die einzige Verbindung dieser Akteure zum übrigen "
                   "Netzwerk: %(names)s.",
                   name=name, names=context.names(group)),
                ngettext("Darunter ist eine migrantisch geführte Organisation.",
                         "Darunter sind %(num)d migrantisch geführte Organisationen.",
                         len(migrant_led)) if migrant_led else None,
                ngettext("Innerhalb der Gruppe ist auch ein Akteur die einzige Verbindung für "
                         "andere: %(inner)s.",
                         "Innerhalb der Gruppe sind auch %(num)d Akteure jeweils die einzige "
                         "Verbindung für andere: %(inner)s.", len(inner),
                         inner=context.names(inner)) if inner else None,
                ngettext("Ohne diese Verbindung zerfällt das Netzwerk der Selbstverpflichtung "
                         "%(numbers)s.",
                         "Ohne diese Verbindung zerfallen die Netzwerke der "
                         "Selbstverpflichtungen %(numbers)s.", len(numbers),
                         numbers=enumeration(map(str, numbers))) if numbers else None,
                ngettext("Fiele der Akteur „%(name)s“ aus, etwa durch das Ende einer Förderung "
                         "oder einen Personalwechsel, wäre dieser Akteur nicht mehr angebunden. "
                         "Eine direkte Kooperation oder ein gemeinsames Gremium schafft eine "
                         "zweite Verbindung.",
                         "Fiele der Akteur „%(name)s“ aus, etwa durch das Ende einer Förderung "
                         "oder einen Personalwechsel, wären diese Akteure nicht mehr angebunden. "
                         "Eine direkte Kooperation oder ein gemeinsames Gremium schafft eine "
                         "zweite Verbindung.",
                         size, name=name),
                context.cite(2, NETWORKING)),
            actor_ids=[actor_id, *group], subject=f"actor:{actor_id}")
    if pendants:
        yield _pendants(context, finding, pendants)


def _pendants(context: Context, finding, pendants: list[tuple[int, int]]) -> Finding:
    """One finding for all actors tied to the network through a single partner: each is a
    small fact of its own, together they are worth one look."""
    actors = context.data.actor_by_id
    pendants.sort(key=lambda pair: (actors[pair[1]].name, actors[pair[0]].name))
    pairs = enumeration([N_("%(actor)s (Partner: %(link)s)", actor=actors[pendant].name,
                            link=actors[link].name) for link, pendant in pendants], "actor")
    return finding(
        "niedrig", 2,
        ngettext("Ein Akteur hängt an einem einzigen Partner",
                 "%(num)d Akteure hängen an je einem einzigen Partner", len(pendants)),
        sentences(
            ngettext("Nur über einen Partner mit dem Netzwerk verbunden: %(pairs)s.",
                     "Nur über je einen Partner mit dem Netzwerk verbunden: %(pairs)s.",
                     len(pendants), pairs=pairs),
            N_("Fällt dieser Partner aus, ist der Akteur abgeschnitten; eine zweite Kooperation "
               "oder ein Gremium sichert die Anbindung."),
            context.cite(2, NETWORKING)),
        actor_ids=[a for pair in pendants for a in pair], subject="pendants")


@rule("no-coordinating-body")
def _no_coordinating_body(context: Context, finding) -> Iterator[Finding]:
    actors = context.data.actor_by_id
    coordinating = [body for body in context.data.bodies
                    if body.active and body.kind in COORDINATING_BODY_KINDS]

    def led_by_administration(body):
        lead = actors.get(body.lead_actor_id)
        return lead is not None and lead.status != "dissolved" and lead.is_administration

    if any(led_by_administration(body) for body in coordinating):
        return
    yield finding(
        "hoch", 2, N_("Kein von der Verwaltung geleitetes Koordinationsgremium"),
        sentences(
            N_("Es gibt kein aktives Koordinationsgremium (Runder Tisch, Arbeitskreis, "
               "Steuerungsgruppe oder Integrationskonferenz) unter Federführung der Verwaltung."),
            N_("Bestehende Gremien ohne Federführung der Verwaltung: %(bodies)s.",
               bodies=enumeration(sorted(body.name for body in coordinating), "body"))
            if coordinating else None,
            N_("Die Strukturvoraussetzungen Moderation und Koordination setzen eine solche Stelle "
               "voraus."),
            context.cite(2, COORDINATION)),
        actor_ids=[body.lead_actor_id for body in coordinating if body.lead_actor_id in actors])


class Role(NamedTuple):
    """A legal-sphere role with its sentences (each with the right article)."""

    label: Text
    missing_title: Text
    missing_detail: Text


LEGAL_SPHERE_ROLES = {
    "immigration_office": Role(
        N_("Ausländerbehörde"), N_("Keine Ausländerbehörde im Netzwerk erfasst"),
        N_("Im Netzwerk ist keine Ausländerbehörde als Akteur erfasst.")),
    "jobcenter": Role(
        N_("Jobcenter"), N_("Kein Jobcenter im Netzwerk erfasst"),
        N_("Im Netzwerk ist kein Jobcenter als Akteur erfasst.")),
    "employment_agency": Role(
        N_("Agentur für Arbeit"), N_("Keine Agentur für Arbeit im Netzwerk erfasst"),
        N_("Im Netzwerk ist keine Agentur für Arbeit als Akteur erfasst.")),
    "social_welfare_office": Role(
        N_("Sozialamt"), N_("Kein Sozialamt im Netzwerk erfasst"),
        N_("Im Netzwerk ist kein Sozialamt als Akteur erfasst.")),
    "migration_counselling": Role(
        N_("Migrationsberatung (MBE/JMD)"),
        N_("Keine Migrationsberatung (MBE/JMD) im Netzwerk erfasst"),
        N_("Im Netzwerk ist keine Migrationsberatung (MBE/JMD) als Akteur erfasst.")),
}
_COUNSELLING_ACRONYM = re.compile(r"\b(MBE|JMD)\b")


def legal_sphere_role(actor: ActorRecord) -> str | None:
    """The legal-sphere role of an actor (a key of LEGAL_SPHERE_ROLES), or None.

    * "immigration_office", "jobcenter", "employment_agency": the seeded actor type of that key;
    * "social_welfare_office": the type key "social_welfare_office", or a municipal actor whose
      name contains "Sozialamt" (any case) – the seeded list has no type of its own for it;
    * "migration_counselling": an actor whose name contains the acronym "MBE" or "JMD" (as a
      word, upper case) or "Migrationsberatung" / "Jugendmigrationsdienst" (any case): the
      federal migration counselling for adults and the youth migration services are run by
      welfare organisations, so only the name identifies them.
    """
    name = actor.name.casefold()
    if actor.type_key in ("immigration_office", "jobcenter", "employment_agency"):
        return actor.type_key
    if actor.type_key == "social_welfare_office" or (actor.municipal and "sozialamt" in name):
        return "social_welfare_office"
    if _COUNSELLING_ACRONYM.search(actor.name) or "migrationsberatung" in name \
            or "jugendmigrationsdienst" in name:
        return "migration_counselling"
    return None


@rule("legal-sphere-gap")
def _legal_sphere_gap(context: Context, finding) -> Iterator[Finding]:
    """Pairs of roles present in the network with no direct cooperation between any of their
    actors (a shared body does not count: transitions need agreed referrals). A role missing from
    the register is a finding only where the commune holds it itself (rules.applicability); in a
    Gemeinde two offices of the Kreis are not checked against each other, and a pair with one of
    them weighs niedrig."""
    holders = defaultdict(set)
    for actor in context.data.actors:
        role = legal_sphere_role(actor) if actor.status != "dissolved" else None
        if role:
            holders[role].add(actor.id)
    outside = applicability.outside_roles(context.data)
    for key, role in LEGAL_SPHERE_ROLES.items():
        if key not in holders and key not in outside:
            yield finding(
                "niedrig", 2, role.missing_title,
                sentences(role.missing_detail,
                          N_("Ohne diese Stelle lassen sich die Übergänge zwischen den "
                             "Rechtskreisen nicht abbilden; ist sie vor Ort zuständig, sollte "
                             "sie mit ihren Kooperationen aufgenommen werden."),
                          context.cite(2, NETWORKING)),
                subject=f"missing:{key}")
    partners = context.cooperation_partners
    for first, second in combinations([key for key in LEGAL_SPHERE_ROLES if key in holders], 2):
        if {first, second} <= outside \
                or any(partners.get(a, frozenset()) & holders[second] for a in holders[first]):
            continue  # two offices of the other tier: not the commune's transition to arrange
        number = 6 if {first, second} & {"jobcenter", "employment_agency"} else 2
        severity = "niedrig" if {first, second} & outside else "mittel"
        labels = {"first": LEGAL_SPHERE_ROLES[first].label,
                  "second": LEGAL_SPHERE_ROLES[second].label}
        yield finding(
            cap(severity, context.highest(number)), number,
            N_("Keine Kooperation zwischen %(first)s und %(second)s", **labels),
            sentences(
                N_("Kein Akteur der Rolle „%(first)s“ hat eine aktive Kooperation mit einem der "
                   "Rolle „%(second)s“. Rolle „%(first)s“: %(first_names)s. Rolle „%(second)s“: "
                   "%(second_names)s.",
                   first_names=context.names(holders[first]),
                   second_names=context.names(holders[second]), **labels),
                N_("Menschen wechseln zwischen Aufenthaltsrecht, SGB II, SGB III, Sozialhilfe und "
                   "Migrationsberatung; ohne vereinbarte Verweise und feste Ansprechpersonen "
                   "gehen sie an diesen Übergängen verloren."),
                context.cite(number, COORDINATION if number == 2 else None)),
            actor_ids=holders[first] | holders[second], subject=f"{first}+{second}")


LABOUR_ADMINISTRATION = frozenset({"jobcenter", "employment_agency"})
LABOUR_MARKET = frozenset({"employer", "chamber", "education_provider"})


@rule("labour-market-unlinked")
def _labour_market_unlinked(context: Context, finding) -> Iterator[Finding]:
    """Jobcenter or Agentur für Arbeit without an active cooperation, a shared active working
    body or a shared active offer with any employer, chamber or education provider. In a Gemeinde the Kreis's Jobcenter
    counts as well when it is in the register."""
    data = context.data
    actors = data.actor_by_id
    labour = [a for a in data.actors if a.type_key in LABOUR_ADMINISTRATION
              and a.status != "dissolved"]
    if not labour:
        return
    co_members = defaultdict(set)
    for body, members in active_members(data).items():
        if body.kind in COORDINATING_BODY_KINDS:
            for actor_id in members:
                co_members[actor_id].update(members)
    for contribution in data.active_contributions:
        participants = data.contribution_actors(contribution)
        for actor_id in participants:
            co_members[actor_id].update(participants)
    market = [a.id for a in data.actors if a.type_key in LABOUR_MARKET and a.status != "dissolved"]

    def linked(actor):
        reach = context.cooperation_partners.get(actor.id, set()) | co_members.get(actor.id, set())
        return any(actors[b].type_key in LABOUR_MARKET for b in reach if b in actors)

    unlinked = [a for a in labour if not linked(a)]
    severity = "hoch" if len(unlinked) == len(labour) else "mittel"
    if "jobcenter" in applicability.outside_roles(data):
        severity = "niedrig"  # the Kreis's office: the Gemeinde can broker ties, not make them
    for actor in unlinked:
        yield finding(
            severity, 6,
            N_("Ohne Verbindung zu Arbeitgebern, Kammern und Bildungsträgern: %(name)s",
               name=actor.name),
            sentences(
                N_("Der Akteur „%(name)s“ hat weder eine aktive Kooperation noch ein gemeinsames "
                   "aktives Gremium oder Angebot mit einem Unternehmen, einer Kammer oder einem "
                   "Bildungsträger.",
                   name=actor.name),
                ngettext("Im Netzwerk ist ein solcher Akteur erfasst: %(names)s.",
                         "Im Netzwerk sind %(num)d solche Akteure erfasst, zum Beispiel: %(names)s.",
                         len(market), names=context.names(market[:3]))
                if market else N_("Im Netzwerk ist auch kein solcher Akteur erfasst."),
                N_("Berufliche Integration braucht den Weg vom Leistungsbezug in Ausbildung und "
                   "Arbeit: Arbeitgeber, Kammern und Bildungsträger sind die Partner dafür."),
                context.cite(6, SGB_II)),
            actor_ids=[actor.id], subject=f"actor:{actor.id}")

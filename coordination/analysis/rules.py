"""Gap rules (Lückenregeln): what is missing in the network, as findings for the gap list.

Every rule of the domain guide §3 is one function registered under its id (`RULES`, in the
order of the guide). A finding carries a severity, the commitment it belongs to, a German title
and explanation quoting the commitment text, and its evidence as ids. Its `fingerprint` depends
only on the rule, the commitment, the subject and the evidence, so a coordinator's acceptance
(stored by fingerprint) survives a recomputation as long as the evidence is unchanged.

Severities, by rule (hoch = the commitment is not or hardly implemented; mittel = a weakness
the concept should address; niedrig = worth checking):

==============================  =============================================================
commitment-uncovered            hoch
commitment-single-actor         mittel
commitment-fragmented           mittel
actor-isolated                  mittel for migrant-led and administration actors, else niedrig
single-point-of-failure         hoch from `Thresholds.spof_high_cutoff` actors cut off, mittel
                                from 2, niedrig for 1
no-coordinating-body            hoch
legal-sphere-gap                mittel for two roles present without cooperation; niedrig for
                                a role not in the network at all
mso-missing-participation       hoch when no migrant organisation contributes to commitment 4,
                                mittel when none sits in a steering body
mso-peripheral                  mittel
expected-type-missing           mittel
target-group-uncovered          mittel
district-without-offer          hoch for a district with "besonderer Handlungsbedarf" without
                                any offer or without commitment-7 work, else mittel
possible-duplicate-structure    niedrig
contribution-ending             hoch when all active offers end without successor, else mittel
stale-entry                     niedrig (not reviewed); mittel (past its end, still "active")
prerequisite-undocumented       mittel
==============================  =============================================================
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from itertools import combinations
from typing import NamedTuple

import networkx as nx

from coordination.analysis.coverage import CommitmentCoverage
from coordination.analysis.data import (
    COORDINATING_BODY_KINDS, STEERING_BODY_KINDS, ActorRecord, NetworkData, Thresholds,
    months_after, months_before,
)
from coordination.analysis.metrics import NetworkMetrics

SEVERITIES = ("hoch", "mittel", "niedrig")
RULES: dict[str, str] = {}  # rule id -> German label, in the order of the domain guide
_CHECKS: list[tuple[str, Callable]] = []
_EVIDENCE = ("actor_ids", "district_ids", "target_group_ids", "contribution_ids")
_NAMES_SHOWN = 8


@dataclass(frozen=True)
class Finding:
    """One gap. `commitment` is a commitment number or None (e.g. prerequisites); `subject`
    tells findings of one rule and commitment apart (e.g. which pair of roles). Evidence ids are
    stored sorted and unique."""

    rule: str
    severity: str
    commitment: int | None
    title: str
    detail: str
    actor_ids: tuple[int, ...] = ()
    district_ids: tuple[int, ...] = ()
    target_group_ids: tuple[int, ...] = ()
    contribution_ids: tuple[int, ...] = ()
    subject: str = ""
    fingerprint: str = field(init=False)

    def __post_init__(self):
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        key = [self.rule, str(self.commitment), self.subject]
        for name in _EVIDENCE:
            ids = getattr(self, name)
            if ids:
                ids = tuple(sorted(set(ids)))
                key.append(",".join(map(str, ids)))
            else:
                ids = ()
                key.append("")
            object.__setattr__(self, name, ids)
        object.__setattr__(self, "fingerprint",
                           hashlib.sha256("|".join(key).encode()).hexdigest()[:16])


def find_gaps(data: NetworkData, G: nx.Graph, coverage: dict[int, CommitmentCoverage],
              metrics: NetworkMetrics, thresholds: Thresholds = Thresholds()
              ) -> tuple[Finding, ...]:
    """All findings of all rules, sorted by severity, commitment (none last), rule, title.

    `G`, `coverage` and `metrics` are those of `data` (graph.build_analysis_graph,
    coverage.commitment_coverage, metrics.network_metrics). Linear in the size of the data
    except possible-duplicate-structure (see there).
    """
    context = _Context(data, G, coverage, metrics, thresholds)
    findings = [finding for rule_id, check in _CHECKS
                for finding in check(context, partial(Finding, rule_id))]
    order = {rule_id: index for index, rule_id in enumerate(RULES)}
    return tuple(sorted(findings, key=lambda f: (
        SEVERITIES.index(f.severity), f.commitment is None, f.commitment or 0, order[f.rule],
        f.title, f.fingerprint)))


def evidence_names(data: NetworkData, finding: Finding) -> dict[str, list[str]]:
    """The finding's evidence by name: {"actors": [...], "districts": [...],
    "target_groups": [...]}, in id order (ids unknown to `data` are skipped)."""
    def names(ids, lookup):
        return [lookup[i].name for i in ids if i in lookup]
    return {"actors": names(finding.actor_ids, data.actor_by_id),
            "districts": names(finding.district_ids, data.district_by_id),
            "target_groups": names(finding.target_group_ids, data.target_group_by_id)}


@dataclass(frozen=True)
class _Context:
    data: NetworkData
    graph: nx.Graph
    coverage: dict[int, CommitmentCoverage]
    metrics: NetworkMetrics
    thresholds: Thresholds

    @cached_property
    def cooperation_partners(self) -> dict[int, set[int]]:
        """Actor id -> the actors it has an active cooperation with (shared bodies left out)."""
        partners = defaultdict(set)
        for u, v, kinds in self.graph.edges(data="kinds"):
            if kinds:
                partners[u].add(v)
                partners[v].add(u)
        return dict(partners)

    @cached_property
    def offers_by_district(self) -> dict[int, list]:
        """District id -> active contributions located in it (see `_district_reach`); offers
        for the whole commune are not located in any district."""
        reach = _district_reach(self.data)
        offers = defaultdict(list)
        for contribution in self.data.active_contributions:
            located = set()
            for district_id in contribution.district_ids:
                located |= reach.get(district_id, frozenset())
            for district_id in located:
                offers[district_id].append(contribution)
        return offers

    def label(self, number: int) -> str:
        commitment = self.data.commitment_by_number.get(number)
        return f"Selbstverpflichtung {number}" + (
            f" ({commitment.short_title})" if commitment else "")

    def cite(self, number: int, phrase: str | None = None) -> str:
        """A sentence quoting the commitment text: the phrase if the text contains it (with
        ellipses), else the whole text. Empty if the commitment is unknown."""
        commitment = self.data.commitment_by_number.get(number)
        if commitment is None:
            return ""
        text = commitment.full_text.strip()
        quote = text
        if phrase and phrase in text:
            quote = ("" if text.startswith(phrase) else "… ") + phrase + (
                "" if text.endswith(phrase) else " …")
        return (f" Selbstverpflichtung {number} empfiehlt den Kommunen, „{quote}“.")

    def names(self, actor_ids) -> str:
        actors = self.data.actor_by_id
        return _enumerate(sorted(actors[a].name for a in actor_ids if a in actors))

    def district_names(self, district_ids) -> str:
        districts = self.data.district_by_id
        return _enumerate(sorted(districts[d].name for d in district_ids if d in districts))

    def target_group_names(self, group_ids) -> str:
        groups = self.data.target_group_by_id
        return _enumerate(sorted(groups[g].name for g in group_ids if g in groups))


def _enumerate(names: list[str]) -> str:
    """ "A", "A und B", "A, B und C", or the first ones "und 5 weitere"."""
    if len(names) > _NAMES_SHOWN:
        return ", ".join(names[:_NAMES_SHOWN]) + f" und {len(names) - _NAMES_SHOWN} weitere"
    return " und ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def _actors(count: int) -> str:
    return "einen Akteur" if count == 1 else f"{count} Akteure"


def rule(rule_id: str, label: str):
    """Register a check: a function (context, finding) -> iterable of findings, where
    `finding(severity, commitment, title, detail, **evidence)` builds a finding of this rule."""
    def register(check):
        RULES[rule_id] = label
        _CHECKS.append((rule_id, check))
        return check
    return register


# Phrases of the commitment texts (reference_data.COMMITMENTS) that the explanations quote.
NETWORKING = ("sich für eine stärkere Vernetzung der gesellschaftlichen, politischen und "
              "wirtschaftlichen Akteure einzusetzen")
COORDINATION = ("als zentraler Akteur zur Koordinierung und Abstimmung der verschiedenen "
                "Integrationsbemühungen aufzutreten")
PARTICIPATION = ("Menschen mit Migrationshintergrund stärker an den Entscheidungs- und "
                 "Gestaltungsprozessen in den unterschiedlichsten Bereichen des sozialen und "
                 "politischen Lebens zu beteiligen")
ENGAGEMENT = "bürgerschaftliches Engagement von, für und mit Migranten zu unterstützen und zu fördern"
WOMEN = "auch für die Einbeziehung der weiblichen Migrationsbevölkerung einzutreten"
NEIGHBOURHOODS = ("in Sozialräumen mit Integrationsdefiziten durch Quartiersmanagement und "
                  "Netzwerkbildung das Zusammenleben zwischen den Bevölkerungsgruppen zu fördern")
DOCUMENTATION = "ihre Integrationsbemühungen zu dokumentieren, zu evaluieren und ggfls. zu optimieren"
# Request 3 of the council motion (shared/mission/musterantrag-nationaler-integrationsplan.txt).
MOTION_PREREQUISITES = ("Zu prüfen, wie insbesondere die im Nationalen Integrationsplan genannten "
                        "strukturellen und organisatorischen Voraussetzungen (Gesamtstrategie, "
                        "Moderation, Koordination, Vernetzung, Evaluation) … geschaffen werden "
                        "können.")


@rule("commitment-uncovered", "Selbstverpflichtung ohne aktiven Beitrag")
def _commitment_uncovered(context: _Context, finding) -> Iterator[Finding]:
    for number, coverage in context.coverage.items():
        if coverage.contribution_ids:
            continue
        planned = len(coverage.planned_contribution_ids)
        plans = (f" {planned} Beitrag ist geplant." if planned == 1 else
                 f" {planned} Beiträge sind geplant." if planned else
                 " Es ist auch kein Beitrag geplant.")
        yield finding(
            "hoch", number, f"{context.label(number)}: kein aktiver Beitrag",
            f"Zu {context.label(number)} ist kein aktives Angebot und keine aktive Maßnahme "
            f"erfasst.{plans} Ohne Belege außerhalb des Netzwerks gilt sie im Sachstandsbericht "
            f"als nicht umgesetzt.{context.cite(number)}",
            contribution_ids=coverage.planned_contribution_ids)


@rule("commitment-single-actor", "Selbstverpflichtung hängt an einem Akteur")
def _commitment_single_actor(context: _Context, finding) -> Iterator[Finding]:
    for number, coverage in context.coverage.items():
        if len(coverage.actor_ids) != 1:
            continue
        name = context.names(coverage.actor_ids)
        count = len(coverage.contribution_ids)
        carried = (f"Der einzige aktive Beitrag zu {context.label(number)} kommt von {name}."
                   if count == 1 else
                   f"Alle {count} aktiven Beiträge zu {context.label(number)} kommen von {name}.")
        yield finding(
            "mittel", number, f"{context.label(number)} hängt an einem einzigen Akteur",
            f"{carried} Fällt dieser Akteur aus oder endet seine Förderung, ist die "
            f"Selbstverpflichtung nicht mehr abgedeckt; weitere Träger einzubinden sichert die "
            f"Umsetzung.{context.cite(number)}",
            actor_ids=coverage.actor_ids, contribution_ids=coverage.contribution_ids)


@rule("commitment-fragmented", "Akteure einer Selbstverpflichtung nicht vernetzt")
def _commitment_fragmented(context: _Context, finding) -> Iterator[Finding]:
    for number, coverage in context.coverage.items():
        if coverage.connected:
            continue
        largest = coverage.islands[0]
        outside = coverage.actor_ids - largest
        yield finding(
            "mittel", number,
            f"{context.label(number)}: Akteure bilden {len(coverage.islands)} getrennte Gruppen",
            f"Die {len(coverage.actor_ids)} Akteure mit aktiven Beiträgen zu "
            f"{context.label(number)} zerfallen in {len(coverage.islands)} Gruppen ohne "
            f"Kooperation, gemeinsames Gremium oder gemeinsames Angebot untereinander (größte "
            f"Gruppe: "
            f"{len(largest)} Akteure). Nicht mit der größten Gruppe verbunden: "
            f"{context.names(outside)}.{context.cite(2, NETWORKING)}",
            actor_ids=outside)


@rule("actor-isolated", "Akteur ohne Kooperation und Gremium")
def _actor_isolated(context: _Context, finding) -> Iterator[Finding]:
    G = context.graph
    for actor in context.data.actors:
        if actor.status != "active" or G[actor.id] or G.nodes[actor.id]["bodies"]:
            continue
        important = actor.migrant_led or actor.is_administration
        yield finding(
            "mittel" if important else "niedrig", 2, f"{actor.name} ist nicht vernetzt",
            f"{actor.name} ({actor.type_name or 'ohne Typ'}) hat weder eine aktive Kooperation "
            f"noch eine Mitgliedschaft in einem aktiven Gremium und ist damit vom Netzwerk "
            f"abgeschnitten.{context.cite(2, NETWORKING)}",
            actor_ids=[actor.id], district_ids=actor.district_ids,
            target_group_ids=actor.target_group_ids)


@rule("single-point-of-failure", "Akteur als einzige Verbindung (Artikulationspunkt)")
def _single_point_of_failure(context: _Context, finding) -> Iterator[Finding]:
    actors = context.data.actor_by_id
    for actor_id, cut_off in context.metrics.cut_off.items():
        if not cut_off:
            continue
        size = len(cut_off)
        severity = ("hoch" if size >= context.thresholds.spof_high_cutoff else
                    "mittel" if size > 1 else "niedrig")
        name = actors[actor_id].name
        yield finding(
            severity, 2, f"Ausfall von „{name}“ würde {_actors(size)} abschneiden",
            f"{name} ist die einzige Verbindung von {context.names(cut_off)} zum übrigen "
            f"Netzwerk. Fiele {name} aus, etwa durch das Ende einer Förderung oder einen "
            f"Personalwechsel, wären diese Akteure nicht mehr angebunden. Eine direkte "
            f"Kooperation oder ein gemeinsames Gremium schafft eine zweite Verbindung."
            f"{context.cite(2, NETWORKING)}",
            actor_ids=[actor_id, *cut_off], subject=f"actor:{actor_id}")


@rule("no-coordinating-body", "Kein Koordinationsgremium der Verwaltung")
def _no_coordinating_body(context: _Context, finding) -> Iterator[Finding]:
    actors = context.data.actor_by_id
    coordinating = [body for body in context.data.bodies
                    if body.active and body.kind in COORDINATING_BODY_KINDS]

    def led_by_administration(body):
        lead = actors.get(body.lead_actor_id)
        return lead is not None and lead.status != "dissolved" and lead.is_administration

    if any(led_by_administration(body) for body in coordinating):
        return
    others = (f" Bestehende Gremien ohne Federführung der Verwaltung: "
              f"{_enumerate(sorted(body.name for body in coordinating))}." if coordinating else "")
    yield finding(
        "hoch", 2, "Kein von der Verwaltung geleitetes Koordinationsgremium",
        f"Es gibt kein aktives Koordinationsgremium (Runder Tisch, Arbeitskreis, "
        f"Steuerungsgruppe oder Integrationskonferenz) unter Federführung der Verwaltung.{others}"
        f" Die Strukturvoraussetzungen Moderation und Koordination setzen eine solche Stelle "
        f"voraus.{context.cite(2, COORDINATION)}",
        actor_ids=[body.lead_actor_id for body in coordinating if body.lead_actor_id in actors])


LEGAL_SPHERE_ROLES = {
    "immigration_office": "Ausländerbehörde",
    "jobcenter": "Jobcenter",
    "employment_agency": "Agentur für Arbeit",
    "social_welfare_office": "Sozialamt",
    "migration_counselling": "Migrationsberatung (MBE/JMD)",
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


@rule("legal-sphere-gap", "Keine Kooperation zwischen Rechtskreisen")
def _legal_sphere_gap(context: _Context, finding) -> Iterator[Finding]:
    """Pairs of roles present in the network with no direct cooperation between any of their
    actors (a shared body does not count: transitions need agreed referrals)."""
    holders = defaultdict(set)
    for actor in context.data.actors:
        role = legal_sphere_role(actor) if actor.status != "dissolved" else None
        if role:
            holders[role].add(actor.id)
    for role, label in LEGAL_SPHERE_ROLES.items():
        if role not in holders:
            yield finding(
                "niedrig", 2, f"{label} nicht im Netzwerk erfasst",
                f"Im Netzwerk ist keine {label} als Akteur erfasst. Ohne sie lassen sich die "
                f"Übergänge zwischen den Rechtskreisen nicht abbilden; ist sie vor Ort "
                f"zuständig, sollte sie mit ihren Kooperationen aufgenommen werden."
                f"{context.cite(2, NETWORKING)}",
                subject=f"missing:{role}")
    partners = context.cooperation_partners
    for first, second in combinations([role for role in LEGAL_SPHERE_ROLES if role in holders], 2):
        if any(partners.get(a, frozenset()) & holders[second] for a in holders[first]):
            continue
        number = 6 if {first, second} & {"jobcenter", "employment_agency"} else 2
        yield finding(
            "mittel", number,
            f"Keine Kooperation zwischen {LEGAL_SPHERE_ROLES[first]} und "
            f"{LEGAL_SPHERE_ROLES[second]}",
            f"Kein Akteur der Rolle {LEGAL_SPHERE_ROLES[first]} ({context.names(holders[first])}) "
            f"hat eine aktive Kooperation mit einem der Rolle {LEGAL_SPHERE_ROLES[second]} "
            f"({context.names(holders[second])}). Menschen wechseln zwischen Aufenthaltsrecht, SGB II, SGB III, "
            f"Sozialhilfe und Migrationsberatung; ohne vereinbarte Verweise und feste "
            f"Ansprechpersonen gehen sie an diesen Übergängen verloren."
            f"{context.cite(number, COORDINATION if number == 2 else None)}",
            actor_ids=holders[first] | holders[second], subject=f"{first}+{second}")


@rule("mso-missing-participation", "Migrantenorganisationen nicht beteiligt")
def _mso_missing_participation(context: _Context, finding) -> Iterator[Finding]:
    data, G = context.data, context.graph
    migrant_led = {a.id for a in data.actors if a.migrant_led and a.status != "dissolved"}
    commitment_4 = context.coverage.get(4)
    if commitment_4 is not None and not commitment_4.actor_ids & migrant_led:
        yield finding(
            "hoch", 4, "Keine Migrantenorganisation trägt zu Selbstverpflichtung 4 bei",
            f"Unter den {len(commitment_4.actor_ids)} Akteuren mit aktiven Beiträgen zu "
            f"{context.label(4)} ist keine migrantische Organisation. Engagement „von, für und "
            f"mit Migranten“ braucht Migrantenorganisationen als Träger.{context.cite(4, ENGAGEMENT)}",
            actor_ids=commitment_4.actor_ids, subject="contribution")
    steering = {body.id: body for body in data.bodies
                if body.active and body.kind in STEERING_BODY_KINDS}
    if not any(G.nodes[a]["bodies"] & set(steering) for a in migrant_led):
        bodies = (f"In den Steuerungsgremien ({_enumerate(sorted(b.name for b in steering.values()))})"
                  if steering else "In keinem aktiven Steuerungsgremium (es gibt keines)")
        yield finding(
            "mittel", 4, "Keine Migrantenorganisation in einem Steuerungsgremium",
            f"{bodies} sitzt keine migrantische Organisation. Runder Tisch, Steuerungsgruppe, "
            f"Integrationsbeirat und Integrationskonferenz sind die Orte, an denen "
            f"Entscheidungen vorbereitet werden.{context.cite(4, PARTICIPATION)}",
            subject="steering-body")


@rule("mso-peripheral", "Migrantenorganisationen ohne Draht zur Verwaltung")
def _mso_peripheral(context: _Context, finding) -> Iterator[Finding]:
    data, G = context.data, context.graph
    actors, partners = data.actor_by_id, context.cooperation_partners
    coordinating = {body.id for body in data.bodies
                    if body.active and body.kind in COORDINATING_BODY_KINDS}

    def tied_to_administration(actor_id):
        return any(actors[v].is_administration for v in partners.get(actor_id, ()))

    peripheral = [a.id for a in data.actors
                  if a.migrant_led and a.status == "active" and not a.is_administration
                  and not G.nodes[a.id]["bodies"] & coordinating
                  and not tied_to_administration(a.id)]
    if not peripheral:
        return
    unreachable = sum(context.metrics.mso_distance.get(a) is None for a in peripheral)
    reach = (f" {unreachable} von ihnen sind über das ganze Netzwerk nicht mit der Verwaltung "
             f"verbunden." if unreachable else "")
    count = len(peripheral)
    yield finding(
        "mittel", 4,
        (f"{count} Migrantenorganisationen" if count > 1 else "Eine Migrantenorganisation")
        + " ohne Draht zur Verwaltung",
        f"{context.names(peripheral)} {'haben' if count > 1 else 'hat'} weder eine Kooperation "
        f"mit der Verwaltung noch einen Sitz in einem Koordinationsgremium.{reach}"
        f"{context.cite(4, PARTICIPATION)}",
        actor_ids=peripheral)


class Expectation(NamedTuple):
    """An actor type a commitment's text names: `matches` tells whether an actor is one."""

    commitment: int
    subject: str
    label: str
    phrase: str
    matches: Callable[[ActorRecord], bool]


def _of_type(*keys: str) -> Callable[[ActorRecord], bool]:
    return lambda actor: actor.type_key in keys


EXPECTATIONS = (
    Expectation(3, "administration", "der Kommunalverwaltung",
                "den Anteil von Menschen mit Migrationshintergrund in den Verwaltungen zu erhöhen",
                lambda actor: actor.is_administration),
    Expectation(5, "education", "Schulen oder Bildungsträgern",
                "als Lotsen Zuwanderer bei der Wahrnehmung von Bildungsangeboten des Bundes und "
                "der Länder", _of_type("school", "education_provider")),
    Expectation(6, "labour-administration", "Jobcenter oder Agentur für Arbeit",
                "als Träger von Aufgaben nach dem SGB II", _of_type("jobcenter", "employment_agency")),
    Expectation(6, "employer", "Arbeitgebern (Unternehmen oder der Kommune als Arbeitgeberin)",
                "auch in ihrer Rolle als Arbeitgeber einen unmittelbaren Beitrag zur beruflichen "
                "Integration zu leisten",
                lambda actor: actor.type_key == "employer" or actor.is_administration),
    Expectation(7, "neighbourhood-management", "einem Quartiersmanagement",
                "durch Quartiersmanagement und Netzwerkbildung", _of_type("neighbourhood_management")),
    Expectation(8, "economic-development", "Wirtschaftsförderung oder Kammern",
                "im Rahmen kommunaler Wirtschaftsförderungskonzepte",
                _of_type("economic_development", "chamber")),
)
TOLERANCE_NETWORK = "örtliche Netzwerke gegen Extremismus und für Toleranz zu unterstützen"


@rule("expected-type-missing", "Im Text genannter Akteurstyp fehlt")
def _expected_type_missing(context: _Context, finding) -> Iterator[Finding]:
    """Only for commitments with active contributions (otherwise commitment-uncovered fires).
    Commitment 9 expects a network: an active "Partnerschaft für Demokratie" or any active
    body in which at least two of its actors sit."""
    actors = context.data.actor_by_id
    for expectation in EXPECTATIONS:
        coverage = context.coverage.get(expectation.commitment)
        if not coverage or not coverage.actor_ids \
                or any(expectation.matches(actors[a]) for a in coverage.actor_ids):
            continue
        yield finding(
            "mittel", expectation.commitment,
            f"{context.label(expectation.commitment)}: kein Beitrag von {expectation.label}",
            f"Keiner der aktiven Beiträge zu {context.label(expectation.commitment)} kommt von "
            f"{expectation.label}, obwohl der Text sie ausdrücklich anspricht."
            f"{context.cite(expectation.commitment, expectation.phrase)}",
            subject=expectation.subject)
    coverage = context.coverage.get(9)
    if coverage and coverage.actor_ids:
        shared = Counter(body for a in coverage.actor_ids
                         for body in context.graph.nodes[a]["bodies"])
        if not any(b.active and b.kind == "democracy_partnership" for b in context.data.bodies) \
                and not any(count > 1 for count in shared.values()):
            yield finding(
                "mittel", 9, f"{context.label(9)}: kein örtliches Netzwerk für Toleranz",
                f"Die Akteure mit Beiträgen zu {context.label(9)} ({context.names(coverage.actor_ids)}) "
                f"arbeiten in keinem gemeinsamen Gremium, und es gibt keine aktive Partnerschaft "
                f"für Demokratie.{context.cite(9, TOLERANCE_NETWORK)}",
                actor_ids=coverage.actor_ids, subject="tolerance-network")


def _district_reach(data: NetworkData) -> dict[int, frozenset[int]]:
    """District -> the districts whose offers count as offers in it: itself, the districts it
    lies in and the districts inside it (e.g. Gemeinde and Ortsteil in a Landkreis)."""
    parent = {d.id: d.parent_id for d in data.districts}
    ancestors = {}
    for district_id in parent:
        chain, current = [], parent[district_id]
        while current is not None and current in parent and current not in chain:
            chain.append(current)
            current = parent[current]
        ancestors[district_id] = chain
    reach = {district_id: {district_id, *chain} for district_id, chain in ancestors.items()}
    for district_id, chain in ancestors.items():
        for ancestor in chain:
            reach[ancestor].add(district_id)
    return {district_id: frozenset(ids) for district_id, ids in reach.items()}


@rule("target-group-uncovered", "Zielgruppe ohne Angebot")
def _target_group_uncovered(context: _Context, finding) -> Iterator[Finding]:
    """Three views: a target group without any active offer; women without an offer under
    commitment 4 (its text names them); in a district with "besonderer Handlungsbedarf" that has
    offers, the target groups that district-bound offers elsewhere reach but none there. The
    group "alle" (key "all") is no target group of its own here."""
    data = context.data
    groups = [g for g in data.target_groups if g.key != "all"]
    covered = {g for c in data.active_contributions for g in c.target_group_ids}
    for group in groups:
        if group.id not in covered:
            yield finding(
                "mittel", None, f"Kein aktives Angebot für {group.name}",
                f"Für die Zielgruppe {group.name} ist kein aktives Angebot erfasst, unter keiner "
                f"der zehn Selbstverpflichtungen.",
                target_group_ids=[group.id], subject="overall")
    women = next((g for g in groups if g.key == "women"), None)
    commitment_4 = context.coverage.get(4)
    if women and women.id in covered and commitment_4 and commitment_4.contribution_ids \
            and women.id not in commitment_4.by_target_group:
        yield finding(
            "mittel", 4, f"{context.label(4)}: kein Angebot für {women.name}",
            f"Keiner der {len(commitment_4.contribution_ids)} aktiven Beiträge zu "
            f"{context.label(4)} richtet sich an die Zielgruppe {women.name}.{context.cite(4, WOMEN)}",
            target_group_ids=[women.id], subject="women")
    offers = context.offers_by_district
    reached_somewhere = {g for located in offers.values() for c in located
                         for g in c.target_group_ids} & {g.id for g in groups}
    for district in data.districts:
        if not district.special_need or not offers.get(district.id):
            continue
        missing = reached_somewhere - {g for c in offers[district.id] for g in c.target_group_ids}
        if missing:
            yield finding(
                "mittel", 7, f"{district.name}: Zielgruppen ohne Angebot vor Ort",
                f"{district.name} hat besonderen Handlungsbedarf, aber kein aktives Angebot vor "
                f"Ort für {context.target_group_names(missing)}, die in anderen Stadtteilen "
                f"erreicht werden.{context.cite(7, NEIGHBOURHOODS)}",
                district_ids=[district.id], target_group_ids=missing,
                subject=f"district:{district.id}")


@rule("district-without-offer", "Stadtteil ohne Angebot")
def _district_without_offer(context: _Context, finding) -> Iterator[Finding]:
    """Offers for the whole commune do not count for a district (see `_district_reach`)."""
    offers = context.offers_by_district
    for district in context.data.districts:
        located = offers.get(district.id, [])
        need = " (besonderer Handlungsbedarf)" if district.special_need else ""
        if not located:
            yield finding(
                "hoch" if district.special_need else "mittel", 7,
                f"{district.name}: kein aktives Angebot",
                f"In {district.name}{need} ist kein aktives Angebot verortet; Angebote für die "
                f"gesamte Kommune sind nicht mitgezählt.{context.cite(7, NEIGHBOURHOODS)}",
                district_ids=[district.id], subject="none")
        elif district.special_need and not any(c.commitment_number == 7 for c in located):
            yield finding(
                "hoch", 7, f"{district.name}: besonderer Handlungsbedarf ohne Quartiersarbeit",
                f"{district.name} ist als Gebiet mit besonderem Handlungsbedarf markiert; dort "
                f"gibt es {len(located)} aktive Angebote, aber keines zu {context.label(7)}."
                f"{context.cite(7, NEIGHBOURHOODS)}",
                district_ids=[district.id], contribution_ids=[c.id for c in located],
                subject="no-commitment-7")


@rule("possible-duplicate-structure", "Mögliche Doppelstruktur")
def _possible_duplicate_structure(context: _Context, finding) -> Iterator[Finding]:
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
        where = f"in {context.district_names(places)}" if places else "in der gesamten Kommune"
        titles = _enumerate([f"„{c.title}“" for c in sorted(offers, key=lambda c: c.id)])
        yield finding(
            "niedrig", number, f"Mögliche Doppelstruktur: {len(offers)} Angebote zu "
                               f"{context.label(number)}",
            f"Die Angebote {titles} richten sich an {context.target_group_names(groups)} {where}, "
            f"doch ihre Träger ({context.names(actors)}) kooperieren nicht miteinander. "
            f"Abstimmung kann Angebote bündeln oder Kapazität für Lücken an anderer Stelle "
            f"freimachen.{context.cite(2, COORDINATION)}",
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


@rule("contribution-ending", "Beiträge laufen ohne Nachfolge aus")
def _contribution_ending(context: _Context, finding) -> Iterator[Finding]:
    """Fires when (offers ending within `ending_months` - planned offers starting by then) is
    more than `ending_share` of the commitment's active offers."""
    data, thresholds = context.data, context.thresholds
    horizon = months_after(data.today, thresholds.ending_months)
    active, successors = defaultdict(list), defaultdict(list)
    for contribution in data.active_contributions:
        active[contribution.commitment_number].append(contribution)
    for contribution in data.contributions:
        if contribution.status == "planned" and (contribution.start is None
                                                 or contribution.start <= horizon):
            successors[contribution.commitment_number].append(contribution)
    for number, offers in active.items():
        ending = [c for c in offers if c.end is not None and c.end <= horizon]
        following = successors[number]
        if not ending or (len(ending) - len(following)) / len(offers) <= thresholds.ending_share:
            continue
        everything = len(ending) == len(offers) and not following
        plans = (f"geplant {'ist ein Nachfolgeangebot' if len(following) == 1 else f'sind {len(following)} Nachfolgeangebote'}"
                 if following else "ein Nachfolgeangebot ist nicht geplant")
        yield finding(
            "hoch" if everything else "mittel", number,
            f"{context.label(number)}: {len(ending)} von {len(offers)} Beiträgen enden bald",
            f"Von {len(offers)} aktiven Beiträgen zu {context.label(number)} enden {len(ending)} "
            f"bis zum {horizon:%d.%m.%Y} ({_enumerate(sorted(f'„{c.title}“' for c in ending))}); "
            f"{plans}. Ohne Anschlussfinanzierung oder Nachfolger fällt die Umsetzung der "
            f"Selbstverpflichtung zurück.{context.cite(number)}",
            actor_ids={a for c in ending for a in data.contribution_actors(c)},
            contribution_ids=[c.id for c in ending])


def _last_review(record):
    """The date an entry was last reviewed: its review date, else the date of its last change."""
    if record.last_reviewed is not None:
        return record.last_reviewed
    return record.updated_at.date() if record.updated_at is not None else None


@rule("stale-entry", "Veralteter Eintrag")
def _stale_entry(context: _Context, finding) -> Iterator[Finding]:
    """One finding for all actors not reviewed within `stale_months` (never reviewed counts),
    and per commitment one for such offers (planned or active) and one for offers past their
    end date that are still "active"."""
    data, months = context.data, context.thresholds.stale_months
    limit = months_before(data.today, months)

    def stale(record):
        reviewed = _last_review(record)
        return reviewed is None or reviewed < limit

    actors = [a.id for a in data.actors if a.status != "dissolved" and stale(a)]
    if actors:
        yield finding(
            "niedrig", 10, f"{len(actors)} Akteurseinträge seit über {months} Monaten nicht "
                           f"überprüft",
            f"Die Einträge von {context.names(actors)} wurden seit mehr als {months} Monaten "
            f"weder überprüft noch geändert. Veraltete Angaben verfälschen die Netzwerkanalyse "
            f"und den Sachstandsbericht.{context.cite(10, DOCUMENTATION)}",
            actor_ids=actors, subject="actors")
    unreviewed, expired = defaultdict(list), defaultdict(list)
    for contribution in data.contributions:
        if contribution.status in ("planned", "active") and stale(contribution):
            unreviewed[contribution.commitment_number].append(contribution)
        if contribution.status == "active" and contribution.end is not None \
                and contribution.end < data.today:
            expired[contribution.commitment_number].append(contribution)
    for number, offers in sorted(unreviewed.items()):
        yield finding(
            "niedrig", number, f"{context.label(number)}: {len(offers)} Angebote seit über "
                               f"{months} Monaten nicht überprüft",
            f"Die Angebote {_enumerate(sorted(f'„{c.title}“' for c in offers))} wurden seit "
            f"mehr als {months} Monaten nicht überprüft.{context.cite(10, DOCUMENTATION)}",
            contribution_ids=[c.id for c in offers], subject="contributions")
    for number, offers in sorted(expired.items()):
        yield finding(
            "mittel", number, f"{context.label(number)}: {len(offers)} abgelaufene Angebote noch "
                              f"als aktiv geführt",
            f"Die Angebote {_enumerate(sorted(f'„{c.title}“' for c in offers))} sind über ihr "
            f"Enddatum hinaus als aktiv eingetragen und werden deshalb nicht als Abdeckung "
            f"gezählt. Status oder Enddatum sollten berichtigt werden."
            f"{context.cite(10, DOCUMENTATION)}",
            contribution_ids=[c.id for c in offers], subject="past-end")


@rule("prerequisite-undocumented", "Strukturvoraussetzung ohne Stand")
def _prerequisite_undocumented(context: _Context, finding) -> Iterator[Finding]:
    for prerequisite in context.data.prerequisites:
        if not prerequisite.has_assessment:
            yield finding(
                "mittel", None, f"Strukturvoraussetzung „{prerequisite.name}“ ohne "
                                f"dokumentierten Stand",
                f"Für die Strukturvoraussetzung „{prerequisite.name}“ ist noch kein Stand mit "
                f"Begründung erfasst. Der Ratsantrag bittet die Verwaltung: „{MOTION_PREREQUISITES}“",
                subject=prerequisite.key)

"""What every gap rule shares: the finding, the registry of rules, and the context a rule reads.

A rule is a function (context, finding) -> iterable of findings, registered under its id with
`@rule(id)`; `finding(severity, commitment, title, detail, **evidence)` builds a finding of that
rule. Titles and explanations are `Text` (see analysis.text): whole catalogue sentences, rendered
in the reader's language by the app.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from coordination.analysis.coverage import CommitmentCoverage
from coordination.analysis.data import NetworkData, Thresholds
from coordination.analysis.metrics import NetworkMetrics
from coordination.analysis.rules import applicability
from coordination.analysis.text import N_, Sentences, Text, enumeration

SEVERITIES = ("hoch", "mittel", "niedrig")

# Rule id -> German title, in the order of docs/domain.md (3. Gap rules).
RULES: dict[str, Text] = {
    "commitment-uncovered": N_("Selbstverpflichtung ohne aktives Angebot"),
    "commitment-single-actor": N_("Selbstverpflichtung hängt an einem Akteur"),
    "commitment-fragmented": N_("Akteure einer Selbstverpflichtung nicht vernetzt"),
    "actor-isolated": N_("Akteur ohne Kooperation und Gremium"),
    "single-point-of-failure": N_("Akteur als einzige Verbindung"),
    "no-coordinating-body": N_("Kein Koordinationsgremium der Verwaltung"),
    "legal-sphere-gap": N_("Keine Kooperation zwischen Rechtskreisen"),
    "mso-missing-participation": N_("Migrantenorganisationen nicht beteiligt"),
    "mso-peripheral": N_("Migrantenorganisationen ohne Draht zur Verwaltung"),
    "expected-type-missing": N_("Im Text genannter Akteurstyp fehlt"),
    "target-group-uncovered": N_("Zielgruppe ohne Angebot"),
    "district-without-offer": N_("Stadtteil ohne Angebot"),  # a city's; see rule_title
    "possible-duplicate-structure": N_("Mögliche Doppelstruktur"),
    "contribution-ending": N_("Angebote laufen ohne Nachfolge aus"),
    "stale-entry": N_("Veralteter Eintrag"),
    "prerequisite-undocumented": N_("Strukturvoraussetzung ohne Stand"),
    "labour-market-unlinked": N_("Arbeitsverwaltung ohne Draht zu Arbeitgebern und Bildung"),
    "body-without-mso": N_("Gremium ohne migrantische Mitglieder"),
    "antidiscrimination-missing": N_("Keine Antidiskriminierungsarbeit"),
    "assessment-contradiction": N_("Einschätzungen widersprechen sich"),
    "monitoring-outdated": N_("Integrationsmonitoring veraltet"),
}
# Titles that name the commune's districts, per commune kind (a Landkreis has Gemeinden, a
# Gemeinde Ortsteile); RULES holds a city's.
_KIND_TITLES: dict[str, dict[str, Text]] = {
    "district-without-offer": {"landkreis": N_("Gemeinde ohne Angebot"),
                               "gemeinde": N_("Ortsteil ohne Angebot")},
}
# Data upkeep, not a gap in the integration work: listed apart ("Datenpflege") and never
# counted against a commitment's suggested status. A finding of another rule can be one too
# (`Finding.upkeep`), e.g. an isolated actor without any offer: an entry to check.
UPKEEP_RULES = frozenset({"stale-entry"})
_CHECKS: dict[str, Callable] = {}
_EVIDENCE = ("actor_ids", "district_ids", "target_group_ids", "contribution_ids")


@dataclass(frozen=True)
class Finding:
    """One gap. `commitment` is a commitment number or None (e.g. prerequisites); `subject`
    tells findings of one rule and commitment apart (e.g. which pair of roles). Evidence ids are
    stored sorted and unique. `upkeep`: the finding is about data upkeep (group "Datenpflege"),
    not a gap; always so for UPKEEP_RULES. The `fingerprint` depends only on the rule, the
    commitment, the subject and the evidence, so a coordinator's acceptance (stored by
    fingerprint) survives a recomputation as long as the evidence is unchanged."""

    rule: str
    severity: str
    commitment: int | None
    title: Text
    detail: Text | Sentences
    actor_ids: tuple[int, ...] = ()
    district_ids: tuple[int, ...] = ()
    target_group_ids: tuple[int, ...] = ()
    contribution_ids: tuple[int, ...] = ()
    subject: str = ""
    upkeep: bool = False
    fingerprint: str = field(init=False)

    def __post_init__(self):
        if self.rule not in RULES:
            raise ValueError(f"unknown rule {self.rule!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.rule in UPKEEP_RULES:
            object.__setattr__(self, "upkeep", True)
        key = [self.rule, str(self.commitment), self.subject]
        for name in _EVIDENCE:
            ids = tuple(sorted(set(getattr(self, name))))
            key.append(",".join(map(str, ids)))
            object.__setattr__(self, name, ids)
        object.__setattr__(self, "fingerprint",
                           hashlib.sha256("|".join(key).encode()).hexdigest()[:16])


def rule_title(rule_id: str, commune_kind: str = "stadt") -> Text:
    """The rule's title in the words of a commune of this kind ("stadt", "landkreis",
    "gemeinde").

    >>> str(rule_title("district-without-offer", "landkreis"))
    'Gemeinde ohne Angebot'
    """
    return _KIND_TITLES.get(rule_id, {}).get(commune_kind, RULES[rule_id])


def rule(rule_id: str):
    """Register a check under `rule_id` (a key of RULES)."""
    if rule_id not in RULES:
        raise ValueError(f"unknown rule {rule_id!r}")

    def register(check):
        _CHECKS[rule_id] = check
        return check
    return register


def checks() -> list[tuple[str, Callable]]:
    """The registered checks in the order of RULES."""
    return [(rule_id, _CHECKS[rule_id]) for rule_id in RULES if rule_id in _CHECKS]


def cap(severity: str, highest: str | None) -> str:
    """`severity`, lowered to `highest` if it is weightier."""
    if highest is None:
        return severity
    return SEVERITIES[max(SEVERITIES.index(severity), SEVERITIES.index(highest))]


@dataclass(frozen=True)
class Context:
    """What a rule reads: the data and what the analysis computed from it."""

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
    def unconnected(self) -> frozenset[int]:
        """Active actors without any tie and without a body (what actor-isolated reports)."""
        G = self.graph
        return frozenset(a for a in self.metrics.isolated
                         if self.data.actor_by_id[a].status == "active" and not G.nodes[a]["bodies"])

    @cached_property
    def offers_by_district(self) -> dict[int, list]:
        """District id -> active contributions located in it (see `district_reach`); offers
        for the whole commune are not located in any district."""
        reach = district_reach(self.data)
        offers = defaultdict(list)
        for contribution in self.data.active_contributions:
            located = set()
            for district_id in contribution.district_ids:
                located |= reach.get(district_id, frozenset())
            for district_id in located:
                offers[district_id].append(contribution)
        return offers

    @cached_property
    def not_applicable(self) -> frozenset[int]:
        """Commitments that raise no findings: assessed "nicht zutreffend", or lying with the
        other tier of government without any active contribution here (rules.applicability)."""
        return frozenset(
            c.number for c in self.data.commitments
            if c.status == "not_applicable" or (
                applicability.other_tier(self.data, c.number) is not None
                and not (self.coverage.get(c.number) and self.coverage[c.number].contribution_ids)))

    def highest(self, number: int | None) -> str | None:
        """The weightiest severity a finding of this commitment may have in this commune."""
        return applicability.highest_severity(self.data, number)

    def label(self, number: int) -> Text:
        """ "Selbstverpflichtung 4 (Bürgerschaftliches Engagement …)"."""
        commitment = self.data.commitment_by_number.get(number)
        if commitment is None:
            return N_("Selbstverpflichtung %(number)d", number=number)
        return N_("Selbstverpflichtung %(number)d (%(title)s)", number=number,
                  title=commitment.short_title)

    def cite(self, number: int, phrase: str | None = None) -> Text | None:
        """A sentence quoting the commitment text: the phrase if the text contains it (with
        ellipses), else the whole text. None if the commitment is unknown."""
        commitment = self.data.commitment_by_number.get(number)
        if commitment is None:
            return None
        text = commitment.full_text.strip()
        quote = text
        if phrase and phrase in text:
            quote = ("" if text.startswith(phrase) else "… ") + phrase + (
                "" if text.endswith(phrase) else " …")
        return N_("Selbstverpflichtung %(number)d empfiehlt den Kommunen, „%(quote)s“.",
                  number=number, quote=quote)

    def names(self, actor_ids) -> Text | str:
        actors = self.data.actor_by_id
        return enumeration(sorted(actors[a].name for a in actor_ids if a in actors), "actor")

    def district_names(self, district_ids) -> Text | str:
        districts = self.data.district_by_id
        return enumeration(sorted(districts[d].name for d in district_ids if d in districts),
                           "area")

    def target_group_names(self, group_ids) -> Text | str:
        groups = self.data.target_group_by_id
        return enumeration(sorted(groups[g].name for g in group_ids if g in groups),
                           "target_group")


_INNER_QUOTES = str.maketrans({"„": "‚", "“": "‘"})


def quoted(title: str) -> str:
    """ "„title“", with German quotation marks inside the title made single ones, as German
    nests them: „Fonds ‚Demokratie leben!‘“."""
    return "„" + title.translate(_INNER_QUOTES) + "“"


def quoted_titles(contributions) -> Text | str:
    """ "„A“, „B“ und „C“" for offers, by title."""
    return enumeration(sorted(quoted(c.title) for c in contributions), "offer")


def district_reach(data: NetworkData) -> dict[int, frozenset[int]]:
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

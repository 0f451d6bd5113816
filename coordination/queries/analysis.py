"""The gap analysis as the web app reads it: the cached current analysis, its thresholds and the
coordinator's acceptances and measures joined to the findings.

`current_analysis()` is what every page, export and report reads. The analysis itself
(coordination.analysis.analyse) is pure; here it is fed with the database (one query per table,
queries.network_data) and cached per process and app, keyed by the data version, the thresholds
and the day: a page view never pays for an unchanged analysis, and every write (which adds an
audit entry) makes the next request recompute. Writes that cannot change the analysis
(acceptances, measures, reports) are left out of the version, so accepting a finding does not
throw the cached analysis away. The writes themselves are in services.analysis.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from functools import cached_property, lru_cache

import sqlalchemy as sa
from flask import current_app
from flask_babel import get_locale, get_translations
from flask_babel import lazy_gettext as _l

from coordination.analysis import AnalysisResult, Finding, NetworkData, Thresholds, analyse
from coordination.analysis.pipeline import cyclic_gc_paused
from coordination.analysis.rules import RULES, SEVERITIES
from coordination.analysis.rules import rule_title as kind_rule_title
from coordination.extensions import db
from coordination.models import (
    AnalysisSettings,
    Commune,
    CommuneKind,
    FindingAcceptance,
    Measure,
)
from coordination.queries import analysis_store
from coordination.queries.commune import current_commune
from coordination.queries.network_history import (
    analysis_version,
    current_history,
    forget_history,
)
from coordination.wording import current_kind

SEVERITY_LABELS = {"hoch": _l("hoch"), "mittel": _l("mittel"), "niedrig": _l("niedrig")}
STATUS_LABELS = {"open": _l("offen"), "accepted": _l("akzeptiert")}
_CACHE = "coordination.analysis_cache"
_CACHED_DATES = 4  # analyses kept per data version: today and recently asked past dates
STORE_FROM_SECONDS = 0.1  # processor time of computing from which an analysis is stored


def render(text) -> str:
    """A sentence of the analysis (analysis.text) in the reader's language. Each sentence is
    rendered once per language and process: a commitment's analysis page shows a hundred
    findings at 2,000 actors, whose texts stay the same from view to view."""
    locale = str(get_locale())
    try:
        return _rendered(text, locale)
    except TypeError:  # a parameter that cannot be hashed
        return _render_now(text)


@lru_cache(maxsize=50_000)
def _rendered(text, locale: str) -> str:  # noqa: ARG001 - `locale` is part of the cache key
    return _render_now(text)


def _render_now(text) -> str:
    translations = get_translations()
    return text.render(translations.gettext, translations.ngettext)


def rule_title(rule_id: str) -> str:
    """The rule's title in the reader's language and the commune's words (the id where the rule
    is unknown)."""
    if rule_id not in RULES:
        return rule_id
    kind = current_kind()
    return render(kind_rule_title(rule_id, CommuneKind(kind).value if kind else "stadt"))


# --- settings (thresholds) ------------------------------------------------------------------

@dataclass(frozen=True)
class ThresholdField:
    """How a field of Thresholds is edited: label, help text, type and allowed range."""

    name: str
    label: str
    help: str
    type: type
    minimum: float
    maximum: float


_THRESHOLD_TEXTS = {
    "stale_months": (_l("Veraltet nach (Monaten)"),
                     _l("Akteure und Angebote, die länger nicht geprüft oder geändert wurden, "
                        "erscheinen als veralteter Eintrag."), 1, 120),
    "ending_months": (_l("Auslaufend innerhalb von (Monaten)"),
                      _l("Zeitraum, in dem endende Angebote ohne Nachfolge gezählt werden."), 1, 36),
    "ending_share": (_l("Anteil auslaufender Angebote (0 bis 1)"),
                     _l("Gemeldet wird, wenn mehr als dieser Anteil der aktiven Angebote einer "
                        "Selbstverpflichtung im Zeitraum endet (0,5 = die Hälfte)."), 0, 1),
    "body_clique_max_members": (_l("Gremien bis zu dieser Größe als direkte Verbindungen"),
                                _l("Kleinere Gremien verbinden jedes Mitglied mit jedem; größere "
                                   "werden als Knoten dazwischen gezählt."), 2, 1000),
    "betweenness_exact_max_nodes": (_l("Vermittlerrolle exakt bis (Knoten)"),
                                    _l("Darüber wird die Vermittlerrolle aus einer "
                                       "Stichprobe geschätzt, die etwa so lange rechnet wie die "
                                       "exakte Berechnung an dieser Grenze."), 10, 1_000_000),
    "betweenness_sample_k": (_l("Stichprobe für die Vermittlerrolle: mindestens (Knoten)"),
                             _l("Kleinste Stichprobe in sehr großen Netzwerken."), 10, 100_000),
    "spof_high_cutoff": (_l("Einzige Verbindung: hohe Priorität ab (abgeschnittenen Akteuren)"),
                         _l("Ein Akteur, dessen Ausfall mindestens so viele andere abschneidet, "
                            "wird mit hoher Priorität gemeldet."), 1, 10_000),
    "monitoring_years": (_l("Integrationsmonitoring veraltet nach (Jahren)"),
                         _l("Gemeldet wird, wenn in so vielen Jahren bis heute kein Indikator "
                            "einen Wert hat."), 1, 20),
    "seed": (_l("Startwert des Zufallsgenerators"),
             _l("Macht Stichproben und Gruppenbildung wiederholbar."), 0, 2**31 - 1),
}


def threshold_fields() -> list[ThresholdField]:
    """Every field of Thresholds, with German label and range (unknown new fields get their
    name as label and a generous range)."""
    defaults = Thresholds()
    result = []
    for spec in fields(Thresholds):
        default = getattr(defaults, spec.name)
        kind = float if isinstance(default, float) else int
        label, help_text, low, high = _THRESHOLD_TEXTS.get(spec.name, (spec.name, "", 0, 10**9))
        result.append(ThresholdField(spec.name, label, help_text, kind, low, high))
    return result


def analysis_settings() -> AnalysisSettings | None:
    return db.session.scalar(sa.select(AnalysisSettings).order_by(AnalysisSettings.id).limit(1))


def _commune_kind() -> str:
    kind = db.session.scalar(sa.select(Commune.kind).limit(1))
    return kind.value if kind else "stadt"


def thresholds_from(stored: dict | None, kind: str | None = None) -> Thresholds:
    """The stored settings over the defaults for the commune's kind (Thresholds.for_kind)."""
    defaults = Thresholds.for_kind(kind or _commune_kind())
    values = {}
    for spec in threshold_fields():
        value = (stored or {}).get(spec.name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and spec.minimum <= value <= spec.maximum:
            values[spec.name] = spec.type(value)
        else:
            values[spec.name] = getattr(defaults, spec.name)
    return Thresholds(**values)


def current_thresholds() -> Thresholds:
    """The thresholds in force: the stored settings over the defaults for the commune's kind.
    One query."""
    stored, kind = db.session.execute(sa.select(
        sa.select(AnalysisSettings.thresholds).order_by(AnalysisSettings.id).limit(1)
        .scalar_subquery(),
        sa.select(Commune.kind).limit(1).scalar_subquery())).one()
    return thresholds_from(stored, kind.value if kind else "stadt")


# --- the cached analysis --------------------------------------------------------------------

@dataclass(frozen=True)
class Analysis:
    """The current analysis and what pages need to show it."""

    version: int
    on: date
    thresholds: Thresholds
    result: AnalysisResult
    computed_at: datetime
    seconds: float
    stamp: tuple[int, int] = (0, 0)  # the full data version (analysis_version)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key, compute):
        """`compute()` once per analysis (for read-side tables that depend on it alone)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def data(self) -> NetworkData:
        return self.result.data

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.result.findings

    @cached_property
    def finding_by_fingerprint(self) -> dict[str, Finding]:
        return {finding.fingerprint: finding for finding in self.result.findings}

    @cached_property
    def contribution_by_id(self) -> dict:
        return {contribution.id: contribution for contribution in self.data.contributions}

    @cached_property
    def actor_type_by_id(self) -> dict:
        return {actor_type.id: actor_type for actor_type in self.data.actor_types}

    @cached_property
    def field_of_action_by_id(self) -> dict:
        return {item.id: item for item in self.data.fields_of_action}

    def actor_name(self, actor_id: int) -> str:
        actor = self.data.actor_by_id.get(actor_id)
        return actor.name if actor else f"#{actor_id}"


def current_analysis(on: date | None = None) -> Analysis:
    """The analysis of the data as of `on` (default: today; see services.network_data for
    what counts on a past date), computed once per data version, thresholds and date.

    Costs two small queries when cached; otherwise loads the network (one query per table)
    and runs the analysis. The cache lives in the app (one per process and app) and holds the
    newest results for a few dates (today and the last past dates asked for); a lock keeps
    concurrent requests from computing the same one twice.
    """
    thresholds = current_thresholds()
    version = analysis_version()
    today = date.today()
    on = today if on is None else on
    key = (version, thresholds, today, on)
    cache = current_app.extensions.setdefault(_CACHE, {"lock": threading.Lock(), "entries": {}})
    entries = cache["entries"]
    if key in entries:
        return entries[key]
    with cache["lock"]:
        if key in entries:
            return entries[key]
        analysis = _stored_or_computed(key)
        stale = [k for k in entries if k[:3] != key[:3]]
        stale += list(entries)[:max(0, len(entries) - _CACHED_DATES + 1)]
        for old in stale:
            entries.pop(old, None)
        entries[key] = analysis
        return analysis


def _stored_or_computed(key: tuple) -> Analysis:
    """The analysis of `key` (version, thresholds, today, on) as another process stored it,
    or computed and stored for the others (queries.analysis_store).

    Storing pays only where loading is much cheaper than computing and another process will
    load it (docs/performance.md, 1.). So it is left out
    - for an analysis computed in less than STORE_FROM_SECONDS of processor time: at the demo
      commune's size (150 actors) computing costs about 15 ms, storing 9 ms and loading 5 ms;
      at 2,000 actors computing costs about 270 ms, storing 70-100 ms and loading 50 ms;
    - when a write has changed the data version since (while people work, writes come in
      bursts) or another process has stored it meanwhile (two processes often compute the same
      version at once)."""
    stamp, thresholds, _today, on = key
    shared_key = analysis_store.store_key(*key)
    with cyclic_gc_paused():
        stored = analysis_store.load(shared_key)
    if stored is not None:
        result, computed_at, seconds = stored
    else:
        computed_at, clock, processor = datetime.now(UTC), time.perf_counter(), time.thread_time()
        history = current_history(stamp)
        with cyclic_gc_paused():
            data = history.as_of(on)
        result = analyse(data, thresholds)
        seconds = time.perf_counter() - clock
        if time.thread_time() - processor >= STORE_FROM_SECONDS and analysis_version() == stamp \
                and not analysis_store.holds(shared_key):
            analysis_store.save(shared_key, (result, computed_at, seconds))
    return Analysis(version=stamp[0], on=on, thresholds=thresholds, result=result,
                    computed_at=computed_at, seconds=seconds, stamp=stamp)


def forget_cached_analysis() -> None:
    """Drop the cached analyses and history (e.g. after a restore that reset the audit trail)."""
    cache = current_app.extensions.get(_CACHE)
    if cache is not None:
        cache["entries"].clear()
    forget_history()


# --- findings with the coordinator's decisions ----------------------------------------------

@dataclass
class FindingItem:
    """A finding as the gap list shows it: evidence by name, acceptance, measures."""

    finding: Finding
    actors: list[tuple[int, str]]
    districts: list[tuple[int, str]]
    target_groups: list[tuple[int, str]]
    contributions: list[tuple[int, str]]
    acceptance: FindingAcceptance | None = None
    measures: list[Measure] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "accepted" if self.acceptance is not None else "open"

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def severity_label(self) -> str:
        return str(SEVERITY_LABELS.get(self.finding.severity, self.finding.severity))

    @property
    def rule_label(self) -> str:
        return rule_title(self.finding.rule)

    @cached_property
    def title(self) -> str:
        return render(self.finding.title)

    @cached_property
    def detail(self) -> str:
        return render(self.finding.detail)


def acceptances() -> dict[str, FindingAcceptance]:
    """All acceptances by fingerprint (one query; the table stays small)."""
    return {row.fingerprint: row for row in db.session.scalars(sa.select(FindingAcceptance))}


def accepted_fingerprints(analysis: Analysis) -> frozenset[str]:
    """Fingerprints of the current findings that are accepted."""
    stored = db.session.scalars(sa.select(FindingAcceptance.fingerprint)).all()
    return frozenset(stored) & analysis.finding_by_fingerprint.keys()


def all_measures() -> list[Measure]:
    return list(db.session.scalars(sa.select(Measure).order_by(Measure.id)))


def finding_items(analysis: Analysis, findings=None, *, with_measures: bool = True,
                  accepted: dict[str, FindingAcceptance] | None = None) -> list[FindingItem]:
    """`findings` (default: all current ones, in the analysis' order: by severity) with names,
    acceptance and measures (two queries; one if `accepted`, the result of `acceptances()`,
    is passed in)."""
    data = analysis.data
    accepted = acceptances() if accepted is None else accepted
    by_finding: dict[str, list[Measure]] = {}
    if with_measures:
        for measure in all_measures():
            if measure.finding_fingerprint:
                by_finding.setdefault(measure.finding_fingerprint, []).append(measure)

    def named(ids, lookup):
        return [(i, lookup[i].name) for i in ids if i in lookup]

    contributions = analysis.contribution_by_id
    return [FindingItem(
        finding=finding,
        actors=named(finding.actor_ids, data.actor_by_id),
        districts=named(finding.district_ids, data.district_by_id),
        target_groups=named(finding.target_group_ids, data.target_group_by_id),
        contributions=[(i, contributions[i].title) for i in finding.contribution_ids
                       if i in contributions],
        acceptance=accepted.get(finding.fingerprint),
        measures=by_finding.get(finding.fingerprint, []),
    ) for finding in (analysis.findings if findings is None else findings)]


@dataclass(frozen=True)
class GapFilter:
    """Filters of the gap list (None = all)."""

    commitment: int | None = None
    severity: str | None = None
    rule: str | None = None
    district_id: int | None = None
    status: str | None = None  # "open" or "accepted"
    group: str | None = None  # "gaps" or "upkeep" (Datenpflege)

    def matches(self, finding: Finding, accepted) -> bool:
        """Whether `finding` passes; `accepted` holds the accepted fingerprints."""
        return ((self.commitment is None or finding.commitment == self.commitment)
                and (self.severity is None or finding.severity == self.severity)
                and (self.rule is None or finding.rule == self.rule)
                and (self.district_id is None or self.district_id in finding.district_ids)
                and (self.status is None
                     or (finding.fingerprint in accepted) == (self.status == "accepted"))
                and (self.group is None or finding.upkeep == (self.group == "upkeep")))


def filter_findings(findings, gap_filter: GapFilter | None, accepted) -> list[Finding]:
    """The findings that pass `gap_filter` (all if None), in their order."""
    return list(findings) if gap_filter is None else [
        finding for finding in findings if gap_filter.matches(finding, accepted)]


def filter_items(items: list[FindingItem], gap_filter: GapFilter | None) -> list[FindingItem]:
    if gap_filter is None:
        return items
    accepted = {item.finding.fingerprint for item in items if item.status == "accepted"}
    return [item for item in items if gap_filter.matches(item.finding, accepted)]


def finding_dict(item: FindingItem) -> dict:
    """One finding in the shape of the JSON export and the API."""
    finding = item.finding
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "commitment": finding.commitment,
        "title": item.title,
        "detail": item.detail,
        "actors": [name for _id, name in item.actors],
        "districts": [name for _id, name in item.districts],
        "target_groups": [name for _id, name in item.target_groups],
        "status": item.status,
        "upkeep": finding.upkeep,
    }


def findings_payload(analysis: Analysis | None = None, *, status: str | None = None,
                     commitment: int | None = None, severity: str | None = None,
                     rule: str | None = None, district_id: int | None = None) -> dict:
    """The gap list as plain data: the JSON export and the API serve exactly this::

        {"commune": "Musterstadt", "generated_at": "2026-11-25T10:00:00+00:00",
         "findings": [{"rule", "severity", "commitment" (number or None), "title", "detail",
                       "actors", "districts", "target_groups" (names), "status" ("open" or
                       "accepted")}]}

    Findings are sorted by severity (hoch first); the optional arguments filter them.
    """
    analysis = analysis or current_analysis()
    findings = filter_findings(analysis.findings,
                               GapFilter(commitment, severity, rule, district_id, status),
                               accepted_fingerprints(analysis))
    items = finding_items(analysis, findings, with_measures=False)
    commune = current_commune()
    return {
        "commune": commune.name if commune else "",
        "generated_at": analysis.computed_at.isoformat(timespec="seconds"),
        "findings": [finding_dict(item) for item in items],
    }


def open_counts(findings, accepted) -> dict[str, int]:
    """Open (not accepted) gaps per severity, all three keys present; data upkeep (group
    "Datenpflege") is no gap and counted apart (`open_upkeep`)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        if finding.fingerprint not in accepted and not finding.upkeep:
            counts[finding.severity] += 1
    return counts


def open_upkeep(findings, accepted) -> int:
    """Open (not accepted) findings of the group "Datenpflege"."""
    return sum(finding.upkeep and finding.fingerprint not in accepted for finding in findings)

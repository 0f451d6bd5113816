"""The status the analysis suggests for a commitment a person has not assessed, with its reason in
one sentence. A suggestion is not an assessment: only a person assesses.

Statuses are the app's AssessmentStatus values. In order of precedence:

* "nicht zutreffend" where the task lies with the other tier of government and nothing is done
  here (rules.applicability);
* commitment 1 follows the assessment of the prerequisite Gesamtstrategie (`follows` names it, so
  that the web app can give who assessed it and when); without one its reason says so first;
* without active contributions "in Planung" (some planned) or "nicht umgesetzt"; for
  commitment 3 "teilweise umgesetzt" where the monitoring has values of the staff indicators
  (the administration measures its own opening);
* "teilweise umgesetzt" with open findings of priority hoch or mittel (data upkeep and accepted
  findings do not count), with a single active offer, or for commitment 3 with neither an offer
  of the administration itself nor values of the staff indicators;
* otherwise "umgesetzt".

Staff indicator values count up to the Stichtag's year (NetworkData.staff_indicator_year).
"""
from __future__ import annotations

from dataclasses import dataclass

from coordination.analysis.coverage import CommitmentCoverage
from coordination.analysis.data import NetworkData
from coordination.analysis.rules import Finding, applicability
from coordination.analysis.rules.documentation import STATUS_LABELS
from coordination.analysis.text import N_, Sentences, Text, ngettext


@dataclass(frozen=True)
class Suggestion:
    status: str
    reason: Text | Sentences
    follows: str | None = None  # the key of the prerequisite whose assessment it takes over


def suggest(data: NetworkData, coverage: CommitmentCoverage | None, findings: tuple[Finding, ...],
            number: int, accepted: frozenset[str] = frozenset()) -> Suggestion:
    """The suggestion for commitment `number` from its coverage and its findings (those of this
    commitment); findings whose fingerprint is in `accepted` are not open."""
    contributions = coverage.contribution_ids if coverage else frozenset()
    tier = applicability.other_tier(data, number)
    if tier is not None and not contributions:
        return Suggestion("not_applicable", tier)
    strategy = next((p for p in data.prerequisites if p.key == "strategy"), None) if number == 1 else None
    if strategy is not None and strategy.status is not None:
        return Suggestion(strategy.status, N_(
            "Die Strukturvoraussetzung Gesamtstrategie ist als „%(status)s“ eingeschätzt; daher "
            "schlägt die Analyse für Selbstverpflichtung 1 denselben Stand vor.",
            status=STATUS_LABELS[strategy.status]), follows=strategy.key)
    suggestion = _from_offers(data, coverage, findings, number, accepted)
    if strategy is None:
        return suggestion
    return Suggestion(suggestion.status, Sentences((N_(
        "Die Strukturvoraussetzung Gesamtstrategie ist nicht eingeschätzt, daher folgt der Vorschlag "
        "den erfassten Angeboten und Befunden."), suggestion.reason)))


def _from_offers(data: NetworkData, coverage: CommitmentCoverage | None, findings: tuple[Finding, ...],
                 number: int, accepted: frozenset[str]) -> Suggestion:
    """The suggestion from the commitment's active offers and its open findings."""
    contributions = coverage.contribution_ids if coverage else frozenset()
    staff_year = data.staff_indicator_year if number == 3 else None
    if not contributions:
        if staff_year is not None:
            return Suggestion("partial", N_(
                "Kein aktives Angebot erfasst, aber das Integrationsmonitoring hat Kennzahlen zum "
                "Personal der Verwaltung (zuletzt für %(year)d).", year=staff_year))
        planned = len(coverage.planned_contribution_ids) if coverage else 0
        if planned:
            return Suggestion("planned", ngettext(
                "Kein aktives Angebot, aber eines ist geplant.",
                "Kein aktives Angebot, aber %(num)d sind geplant.", planned))
        return Suggestion("not_implemented", N_("Kein aktives Angebot erfasst."))
    weighty = sum(f.severity in ("hoch", "mittel") and not f.upkeep
                  and f.fingerprint not in accepted for f in findings)
    # digits, not "ein …": the reason's sentence starts with them
    offers = ngettext("%(num)d aktives Angebot", "%(num)d aktive Angebote", len(contributions))
    actors = ngettext("von %(num)d Akteur", "von %(num)d Akteuren", len(coverage.actor_ids))
    if weighty:
        return Suggestion("partial", ngettext(
            "%(offers)s %(actors)s, aber ein offener Befund mit hoher oder mittlerer Priorität.",
            "%(offers)s %(actors)s, aber %(num)d offene Befunde mit hoher oder mittlerer "
            "Priorität.", weighty, offers=offers, actors=actors))
    if len(contributions) == 1:
        return Suggestion("partial", N_(
            "Nur ein aktives Angebot: zu wenig, um die Selbstverpflichtung als umgesetzt "
            "anzusehen."))
    if number == 3 and staff_year is None and not any(
            data.actor_by_id[a].is_administration
            for a in coverage.actor_ids if a in data.actor_by_id):
        return Suggestion("partial", N_(
            "Die Verwaltung trägt selbst nichts bei und das Integrationsmonitoring hat keine "
            "Kennzahlen zu ihrem Personal: interkulturelle Öffnung braucht Angebote der "
            "Verwaltung oder solche Kennzahlen."))
    return Suggestion("implemented", N_(
        "%(offers)s %(actors)s und keine offenen Befunde mit hoher oder mittlerer Priorität.",
        offers=offers, actors=actors))

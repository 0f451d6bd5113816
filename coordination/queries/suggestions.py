"""The assessment status the analysis suggests for a commitment or a structural prerequisite,
with its reason in German. A suggestion never passes for the coordinator's own assessment: pages
and reports show it as the analysis' suggestion next to the assessment."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.exports.documents import german_date
from coordination.extensions import db
from coordination.models import Assessment, AssessmentStatus, Prerequisite, User
from coordination.queries.analysis import Analysis, accepted_fingerprints, render


@dataclass(frozen=True)
class Suggestion:
    """The status the analysis suggests, and why (German, one sentence or two)."""

    status: AssessmentStatus
    reason: str

    @property
    def label(self) -> str:
        return self.status.label


def suggest_commitment(analysis: Analysis, number: int,
                       accepted: frozenset[str] | None = None) -> Suggestion:
    """What the analysis suggests for a commitment, with its reason in one sentence
    (analysis.suggestions)."""
    accepted = accepted_fingerprints(analysis) if accepted is None else accepted
    suggestion = analysis.result.suggestion(number, accepted)
    followed = suggestion.follows and analysis.memo(("followed assessment", suggestion.follows),
                                                    lambda: _latest_assessment(suggestion.follows, analysis.on))
    if not followed:
        return Suggestion(AssessmentStatus(suggestion.status), render(suggestion.reason))
    name, status, author, assessed_on = followed
    values = {"name": name, "status": status.label, "author": author, "date": german_date(assessed_on),
              "number": number}
    return Suggestion(AssessmentStatus(suggestion.status), _(
        "Die Strukturvoraussetzung %(name)s ist als „%(status)s“ eingeschätzt (%(author)s, %(date)s); "
        "daher schlägt die Analyse für Selbstverpflichtung %(number)d denselben Stand vor.", **values)
        if author else _(
        "Die Strukturvoraussetzung %(name)s ist als „%(status)s“ eingeschätzt (%(date)s); daher "
        "schlägt die Analyse für Selbstverpflichtung %(number)d denselben Stand vor.", **values))


def _latest_assessment(key: str, on: date) -> tuple[str, AssessmentStatus, str, date] | None:
    """(the prerequisite's name, its status, who assessed it, when) as of `on`: the assessment a
    suggestion takes over, named with its author and date so that it is not taken for the
    analysis' own finding."""
    row = db.session.execute(
        sa.select(Prerequisite.name, Assessment.status, Assessment.assessed_on, User)
        .join(Assessment, Assessment.prerequisite_id == Prerequisite.id)
        .outerjoin(User, User.id == Assessment.author_id)
        .where(Prerequisite.key == key, Assessment.assessed_on <= on)
        .order_by(Assessment.assessed_on.desc(), Assessment.id.desc()).limit(1)).first()
    return None if row is None else (row.name, row.status, str(row.User or ""), row.assessed_on)


def offers_text(contributions: int, actors: int) -> str:
    """ "kein aktives Angebot", "ein aktives Angebot von einem Akteur", "3 aktive Angebote von
    2 Akteuren": whole phrases in the catalogue, one per number of actors."""
    if not contributions:
        return _("kein aktives Angebot")
    if actors == 1:
        return ngettext("ein aktives Angebot von einem Akteur",
                        "%(num)d aktive Angebote von einem Akteur", contributions)
    return ngettext("ein aktives Angebot von %(actors)d Akteuren",
                    "%(num)d aktive Angebote von %(actors)d Akteuren", contributions, actors=actors)


# Which findings speak against a structural prerequisite (rules, and for strategy and
# evaluation the commitment whose suggestion it follows).
PREREQUISITE_RULES = {
    "strategy": (1, ()),
    "moderation": (None, ("no-coordinating-body",)),
    "coordination": (None, ("no-coordinating-body", "legal-sphere-gap")),
    "networking": (None, ("actor-isolated", "commitment-fragmented", "single-point-of-failure",
                          "mso-peripheral", "legal-sphere-gap")),
    "evaluation": (10, ("monitoring-outdated",)),
}


def suggest_prerequisite(analysis: Analysis, key: str,
                         accepted: frozenset[str] | None = None) -> Suggestion | None:
    """A suggestion for a structural prerequisite, from the findings that bear on it:
    Gesamtstrategie follows commitment 1, Evaluation commitment 10 (and the monitoring);
    Moderation/Koordination follow the coordinating body (and for Koordination the legal-sphere
    links); Vernetzung the network findings. "nicht umgesetzt" for an open finding of priority
    hoch on Moderation/Koordination, "teilweise umgesetzt" for any other open finding of
    priority hoch or mittel, else "umgesetzt". None for unknown keys, and for the Gesamtstrategie
    once it is assessed (commitment 1 then follows it: the suggestion would repeat it)."""
    if key not in PREREQUISITE_RULES:
        return None
    accepted = accepted_fingerprints(analysis) if accepted is None else accepted
    number, rules = PREREQUISITE_RULES[key]
    if number and analysis.result.suggestion(number, accepted).follows == key:
        return None
    open_findings = [f for f in analysis.findings if f.rule in rules
                     and f.fingerprint not in accepted and f.severity in ("hoch", "mittel")]
    base = suggest_commitment(analysis, number, accepted) if number else None
    if key in ("moderation", "coordination") and any(
            f.rule == "no-coordinating-body" for f in open_findings):
        return Suggestion(AssessmentStatus.NOT_IMPLEMENTED,
                          _("Kein aktives Koordinationsgremium unter Federführung der Verwaltung."))
    status = base.status if base else AssessmentStatus.IMPLEMENTED
    if open_findings and status == AssessmentStatus.IMPLEMENTED:
        status = AssessmentStatus.PARTIAL
    parts = [base.reason] if base else []
    if open_findings:
        parts.append(ngettext("%(num)d offener Befund dazu mit hoher oder mittlerer Priorität.",
                              "%(num)d offene Befunde dazu mit hoher oder mittlerer Priorität.",
                              len(open_findings)))
    elif base is None:  # the commitment's reason already says whether findings are open
        parts.append(_("Keine offenen Befunde dazu mit hoher oder mittlerer Priorität."))
    return Suggestion(status, " ".join(parts))

"""The Sachstandsbericht as a Mitteilungsvorlage for the council (docs/domain.md, "The council
paper"), as plain, JSON-serialisable data: everything as of the Stichtag.

- Figures, evidence, findings and the analysis' suggestions come from the analysis as of the
  Stichtag (queries.analysis.current_analysis(on)); statuses from the newest assessment dated
  on or before it. Without one a status is "nicht eingeschätzt" (None) and the paper is an
  Entwurf; the suggestion stays apart as "Hinweis der Analyse".
- The Vorlage fields (number, lead office, Beratungsfolge, subject, reference, opening text,
  financial effects, attachments, signatory) come from the form; `vorlage_defaults()` offers
  the last report's values and the commune's settings.
- `changes` compares with an earlier date or a stored report's snapshot; `snapshot` is kept
  so that a later report can compare with this one.

The writers (coordination.exports.status_report for DOCX, the template
reports/document_status_report.html for the printable page) render only from this dict.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import Commitment, FindingAcceptance, Measure, Prerequisite, ReportKind, User
from coordination.queries import analysis as analysis_queries
from coordination.queries import report_changes, report_trends, suggestions
from coordination.queries.analysis_figures import commitment_summaries
from coordination.queries.commune import current_commune
from coordination.queries.report_content import DEFAULT_TITLES, base_content, current_assessments
from coordination.queries.report_evidence import EvidenceContext, commitment_evidence
from coordination.services.base import ValidationError
from coordination.wording import in_commune

# the statuses in the JSON format (status report `report --format json`)
JSON_STATUS = {"implemented": "umgesetzt", "partial": "teilweise_umgesetzt",
               "planned": "in_planung", "not_implemented": "nicht_umgesetzt",
               "not_applicable": "nicht_zutreffend"}
CAPACITIES = {"im_auftrag": "Im Auftrag", "in_vertretung": "In Vertretung"}
PURPOSES = ("Vorberatung", "Kenntnisnahme", "Beschlussfassung")


def german_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def default_subject() -> str:
    """The Betreff of a paper whose form left it empty: the report's title, in German."""
    with force_locale("de"):
        return str(DEFAULT_TITLES[ReportKind.STATUS_REPORT])


def vorlage_defaults(by: User | None = None) -> dict:
    """The Vorlage fields offered for a new report: the last report's values (remembered in the
    commune settings), else the commune's advisory body, committee and council as Beratungsfolge;
    the signatory from the user's account."""
    commune = current_commune()
    with force_locale("de"):  # texts of the paper, German whatever the interface language
        council = commune.council if commune else _("Rat")
        defaults = {
            "number": "", "office": "",
            "consultation": [
                {"body": commune.advisory_body_name if commune else _("Integrationsbeirat"),
                 "date": None, "purpose": "Vorberatung"},
                {"body": council, "date": None, "purpose": "Kenntnisnahme"}],
            "subject": default_subject(), "reference": "",
            "opening": _("Die Verwaltung berichtet über den Stand der Umsetzung der zehn kommunalen "
                         "Selbstverpflichtungen, die die kommunalen Spitzenverbände im Nationalen "
                         "Integrationsplan (2007) empfehlen, und über die fünf strukturellen "
                         "Voraussetzungen (Gesamtstrategie, Moderation, Koordination, Vernetzung, "
                         "Evaluation) %(in_commune)s.",
                         in_commune=in_commune(commune.kind, commune.name) if commune
                         else _("in der Kommune")),
            "financial": _("Keine."), "attachments": "",
            "signatory_name": "", "signatory_function": "", "signatory_capacity": "im_auftrag",
        }
    remembered = dict(commune.report_defaults or {}) if commune else {}
    defaults.update({k: v for k, v in remembered.items() if k in defaults and v not in (None, "")})
    if by is not None:
        defaults["signatory_name"] = by.full_name or defaults["signatory_name"]
        defaults["signatory_function"] = by.function or defaults["signatory_function"]
    return defaults


def _statuses(analysis, on: date):
    """(commitment rows, prerequisite rows, statuses for the snapshot)."""
    by_commitment, by_prerequisite = current_assessments(on)
    commitments = {c.number: c for c in db.session.scalars(sa.select(Commitment))}
    accepted = analysis_queries.accepted_fingerprints(analysis)
    rows, statuses = [], {}
    for summary in commitment_summaries(analysis, accepted):
        record = commitments.get(summary.number)
        assessment = by_commitment.get(record.id) if record else None
        rows.append(_status_row(assessment, summary.suggestion, number=summary.number,
                                title=summary.short_title))
        statuses[str(summary.number)] = {"title": f"{summary.number}. {summary.short_title}",
                                         "status": rows[-1]["status_key"]}
    prerequisites = []
    for record in db.session.scalars(sa.select(Prerequisite).order_by(Prerequisite.position,
                                                                      Prerequisite.id)):
        suggestion = suggestions.suggest_prerequisite(analysis, record.key, accepted)
        prerequisites.append(_status_row(by_prerequisite.get(record.id), suggestion,
                                         key=record.key, title=record.name))
        statuses[record.key] = {"title": record.name, "status": prerequisites[-1]["status_key"]}
    return rows, prerequisites, statuses


def _status_row(assessment, suggestion, **identity) -> dict:
    row = dict(identity)
    row.update(status=assessment.status.label if assessment else _("nicht eingeschätzt"),
               status_key=assessment.status.value if assessment else None,
               assessed_on=assessment.assessed_on.isoformat() if assessment else None,
               justification=assessment.justification if assessment else "",
               suggestion=({"status": suggestion.label, "status_key": suggestion.status.value,
                            "reason": suggestion.reason} if suggestion else None))
    return row


def _accepted_findings(analysis) -> list[dict]:
    """Findings a person accepted on or before the Stichtag, with the reason given."""
    rows = {row.fingerprint: row for row in db.session.scalars(sa.select(FindingAcceptance))}
    result = []
    for finding in analysis.findings:
        acceptance = rows.get(finding.fingerprint)
        if acceptance is not None and acceptance.created_at.date() <= analysis.on:
            result.append({"title": analysis_queries.render(finding.title),
                           "commitment": finding.commitment,
                           "severity": finding.severity, "reason": acceptance.reason,
                           "accepted_on": acceptance.created_at.date().isoformat()})
    return result


def _measures() -> list[dict]:
    measures = db.session.scalars(sa.select(Measure).order_by(
        Measure.due_date.is_(None), Measure.due_date, Measure.id)).all()
    return [{"text": m.text, "commitment": m.commitment.number if m.commitment else None,
             "responsible": m.responsible or "",
             "due_date": m.due_date.isoformat() if m.due_date else None,
             "status": m.status.label, "open": m.status.is_open} for m in measures]


def snapshot_for(on: date) -> dict:
    """The comparison snapshot of another Stichtag (computed from today's data)."""
    analysis = analysis_queries.current_analysis(on)
    with force_locale("de"):
        _rows, _prerequisites, statuses = _statuses(analysis, on)
    return report_changes.snapshot(analysis, statuses)


def status_report_content(on: date | None = None, *, vorlage: dict | None = None,
                          compare_to: date | dict | None = None, title: str | None = None,
                          by: User | None = None) -> dict:
    """The Sachstandsbericht as of `on` (default today). `compare_to`: an earlier date, or the
    snapshot of a stored report (its content["snapshot"])."""
    on = on or date.today()
    analysis = analysis_queries.current_analysis(on)
    commune = current_commune()
    with force_locale("de"):
        rows, prerequisites, statuses = _statuses(analysis, on)
        context = EvidenceContext(analysis, {p["key"]: p["status"] for p in prerequisites})
        history_trends = report_trends.commitment_trends(on)
        for row in rows:
            row["evidence"] = commitment_evidence(context, row["number"])
            row["trend"] = history_trends.get(row["number"])
        snapshot = report_changes.snapshot(analysis, statuses)
        if isinstance(compare_to, date):
            compare_to = snapshot_for(compare_to)
        content = base_content(ReportKind.STATUS_REPORT, analysis, on, title)
        content.update({
            "commune_kind_key": commune.kind.value if commune else "",
            "draft": any(r["status_key"] is None for r in rows + prerequisites),
            "basis": _("Alle Zahlen geben den Stand zum %(date)s wieder: gezählt sind Akteure, "
                       "Angebote, Kooperationen und Gremien, die an diesem Tag bestanden, und "
                       "Einschätzungen, die bis zu diesem Tag datiert sind.", date=german_date(on)),
            "vorlage": dict(vorlage or vorlage_defaults(by)),
            "commitments": rows, "prerequisites": prerequisites,
            "accepted_findings": _accepted_findings(analysis),
            "measures": _measures(),
            "changes": report_changes.changes(compare_to, snapshot) if compare_to else None,
            "snapshot": snapshot,
            "decision": _("Der %(council)s nimmt den Sachstandsbericht zur Kenntnis.",
                          council=content["council"]),
        })
    return content


def report_json(content: dict) -> dict:
    """The status report in the exchange format of `report --format json` and the tests::

        {"commune", "kind", "date", "draft", "figures": {...}, "commitments": [...],
         "prerequisites": [...], "changes": null | {...}}

    `status` is null when not assessed on or before the date.
    """
    def item(row: dict, identity: dict) -> dict:
        suggestion = row.get("suggestion")
        return {**identity, "title": row["title"],
                "status": JSON_STATUS.get(row["status_key"]) if row["status_key"] else None,
                "assessed": row["status_key"] is not None, "assessed_on": row["assessed_on"],
                "suggestion": JSON_STATUS.get(suggestion["status_key"]) if suggestion else None,
                "evidence": row.get("evidence", [])}

    totals = content["totals"]
    changes = content.get("changes")
    return {
        "commune": content["commune"], "kind": content.get("commune_kind_key", ""),
        "date": content["reporting_date"], "draft": content["draft"],
        "figures": {"actors": totals["actors"], "migrant_organisations": totals["mso"],
                    "contributions": totals["contributions"],
                    "cooperations": totals["cooperations"], "bodies": totals["bodies"]},
        "commitments": [item(r, {"number": r["number"]}) for r in content["commitments"]],
        "prerequisites": [item(r, {"key": r["key"]}) for r in content["prerequisites"]],
        "changes": None if not changes else {
            key: changes[key] for key in (
                "since", "actors_added", "actors_ended", "cooperations_added",
                "cooperations_ended", "contributions_added", "contributions_ended",
                "status_changes", "findings_new", "findings_resolved")},
    }


VORLAGE_LIMITS = {"number": 40, "office": 200, "subject": 300, "reference": 500, "opening": 5000,
                  "financial": 2000, "attachments": 2000, "signatory_name": 200,
                  "signatory_function": 200}
CONSULTATION_ROWS = 6


def clean_vorlage(values: dict) -> dict:
    """The Vorlage fields checked and normalised (texts stripped; Beratungsfolge rows without a
    body dropped, dates as JJJJ-MM-TT). Errors are keyed by field name (the form's names)."""
    errors: dict[str, str] = {}
    clean: dict = {}
    for key, limit in VORLAGE_LIMITS.items():
        clean[key] = str(values.get(key) or "").strip()
        if len(clean[key]) > limit:
            errors[key] = _("Höchstens %(max)d Zeichen erlaubt.", max=limit)
    clean["subject"] = clean["subject"] or default_subject()
    clean["signatory_capacity"] = values.get("signatory_capacity") or "im_auftrag"
    if clean["signatory_capacity"] not in CAPACITIES:
        errors["signatory_capacity"] = _("Bitte wählen Sie „Im Auftrag“ oder „In Vertretung“.")
    rows = []
    for row in list(values.get("consultation") or [])[:CONSULTATION_ROWS]:
        body = str(row.get("body") or "").strip()
        if not body:
            continue
        day = row.get("date")
        if isinstance(day, str) and day:
            try:
                day = date.fromisoformat(day)
            except ValueError:
                errors["consultation"] = _("Bitte geben Sie die Sitzungstermine als Datum an.")
                day = None
        purpose = row.get("purpose") or ""
        if len(body) > 200 or purpose not in ("", *PURPOSES):
            errors["consultation"] = _("Bitte prüfen Sie die Beratungsfolge (Gremium höchstens "
                                       "200 Zeichen, Zweck aus der Liste).")
        rows.append({"body": body, "date": day.isoformat() if day else None, "purpose": purpose})
    clean["consultation"] = rows
    if errors:
        raise ValidationError(errors)
    return clean

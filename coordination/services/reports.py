"""The two documents for the council and the concept, and their stored snapshots.

`status_report_content` (Sachstandsbericht) and `building_blocks_content` (Bausteine für das
Integrationskonzept, in coordination.services.concept) gather everything a document shows into one plain, JSON-serialisable dict.
The writers (coordination.exports.documents and .concept for DOCX, templates/reports/document_*.html for the
printable page) render only from that dict, so a stored report (`create_report`: the dict plus
the generated HTML) reopens unchanged however the data change afterwards.

The documents are German whatever the user's interface language: they go to a German council.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from coordination.analysis.rules import SEVERITIES
from coordination.exports import concept as concept_document
from coordination.exports import documents
from coordination.exports.concept_measures import measure_rows
from coordination.extensions import db
from coordination.models import (Assessment, AuditAction, Commitment, Measure,
                                 Prerequisite, Report, ReportKind, User)
from coordination.models.lists import MSO_DEFINITION
from coordination.services import analysis as analysis_service
from coordination.services.analysis import Analysis, FindingItem
from coordination.services.analysis_figures import commitment_summaries, inventory_totals
from coordination.services.base import ValidationError, record, transaction
from coordination.services.commune import current_commune

TITLE_MAX = 200
DEFAULT_TITLES = {
    ReportKind.STATUS_REPORT: "Sachstandsbericht zur Umsetzung der kommunalen "
                              "Selbstverpflichtungen des Nationalen Integrationsplans",
    ReportKind.BUILDING_BLOCKS: "Bausteine für das Integrationskonzept",
}


def current_assessments(on: date | None = None) -> tuple[dict[int, Assessment], dict[int, Assessment]]:
    """({commitment id: assessment}, {prerequisite id: assessment}): the newest assessment of
    each (by date, then entry), counting only those dated on or before `on`. One query."""
    statement = sa.select(Assessment).order_by(Assessment.assessed_on.desc(), Assessment.id.desc())
    if on is not None:
        statement = statement.where(Assessment.assessed_on <= on)
    commitments: dict[int, Assessment] = {}
    prerequisites: dict[int, Assessment] = {}
    for assessment in db.session.scalars(statement):
        if assessment.commitment_id is not None:
            commitments.setdefault(assessment.commitment_id, assessment)
        else:
            prerequisites.setdefault(assessment.prerequisite_id, assessment)
    return commitments, prerequisites


def _finding_content(item: FindingItem) -> dict:
    content = analysis_service.finding_dict(item)
    content["reason"] = item.acceptance.reason if item.acceptance else ""
    return content


def _measure_content(measure: Measure) -> dict:
    return {"text": measure.text, "commitment": measure.commitment.number if measure.commitment else None,
            "responsible": measure.responsible,
            "due_date": measure.due_date.isoformat() if measure.due_date else None,
            "status": measure.status.label, "open": measure.status.is_open,
            "finding": measure.finding_title}


def _base(kind: ReportKind, analysis: Analysis, reporting_date: date, title: str | None) -> dict:
    commune = current_commune()
    return {
        "kind": kind.value,
        "title": title or DEFAULT_TITLES[kind],
        "commune": commune.name if commune else "",
        # "Landkreis Muster" is not introduced as "Landkreis Landkreis Muster"
        "commune_kind": commune.kind.label if commune and not commune.name.startswith(
            commune.kind.label) else "",
        "council": commune.council if commune else "Rat",
        "advisory_body": commune.advisory_body_name if commune else "",
        "reporting_date": reporting_date.isoformat(),
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "data_version": analysis.version,
        "totals": inventory_totals(analysis),
        "mso_definition": str(MSO_DEFINITION),
    }


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def offers_text(contributions: int, actors: int) -> str:
    """ "1 aktives Angebot von 1 Akteur", "3 aktive Angebote von 2 Akteuren" (documents)."""
    return (f"{_count(contributions, 'aktives Angebot', 'aktive Angebote')} von "
            f"{_count(actors, 'Akteur', 'Akteuren')}")


def _evidence(summary, by_district: int) -> str:
    parts = [offers_text(summary.contributions, summary.actors)]
    if by_district:
        parts.append(f"in {_count(by_district, 'Stadtteil', 'Stadtteilen')}")
    if summary.mso_share is not None and summary.actors:
        parts.append(f"{summary.mso_share} % Migrantenorganisationen")
    if summary.planned:
        parts.append(f"{summary.planned} geplant")
    open_counts = ", ".join(f"{count} {severity}" for severity, count in summary.open_by_severity.items()
                            if count)
    text = "; ".join(parts)
    return text + (f". Offene Befunde: {open_counts}." if open_counts else ". Keine offenen Befunde.")


def status_report_content(analysis: Analysis | None = None, *, reporting_date: date | None = None,
                          title: str | None = None, by: User | None = None) -> dict:
    """The Sachstandsbericht as plain data: the ten commitments with their current status
    (newest assessment up to the reporting date; without one the analysis' suggestion, marked),
    justification and evidence in numbers, the five prerequisites, next steps (open measures)."""
    analysis = analysis or analysis_service.current_analysis()
    reporting_date = reporting_date or date.today()
    with force_locale("de"):
        content = _base(ReportKind.STATUS_REPORT, analysis, reporting_date, title)
        by_commitment, by_prerequisite = current_assessments(reporting_date)
        commitments = {c.number: c for c in db.session.scalars(sa.select(Commitment))}
        accepted = analysis_service.accepted_fingerprints(analysis)
        rows = []
        for summary in commitment_summaries(analysis, accepted):
            commitment = commitments.get(summary.number)
            assessment = by_commitment.get(commitment.id) if commitment else None
            coverage = analysis.result.coverage[summary.number]
            districts = sum(1 for key in coverage.by_district if key is not None)
            row = {"number": summary.number, "short_title": summary.short_title,
                   "evidence": _evidence(summary, districts),
                   "suggested": summary.suggestion.label}
            if assessment is not None:
                row.update(status=assessment.status.label, status_key=assessment.status.value,
                           assessed_on=assessment.assessed_on.isoformat(),
                           justification=assessment.justification, unassessed=False)
            else:
                row.update(status=f"{summary.suggestion.label}*",
                           status_key=summary.suggestion.status.value, assessed_on=None,
                           justification=f"Noch nicht eingeschätzt. Vorschlag der Analyse: "
                                         f"{summary.suggestion.reason}", unassessed=True)
            rows.append(row)
        content["commitments"] = rows
        content["prerequisites"] = _prerequisites(analysis, by_prerequisite, accepted)
        measures = db.session.scalars(sa.select(Measure).order_by(
            Measure.due_date.is_(None), Measure.due_date, Measure.id)).all()
        content["next_steps"] = [_measure_content(m) for m in measures if m.status.is_open]
        content["intro"] = (
            f"Der {content['council']} hat die Verwaltung gebeten zu berichten, welche der zehn "
            f"Selbstverpflichtungen, die die kommunalen Spitzenverbände im Nationalen "
            f"Integrationsplan empfehlen, in {content['commune']} bereits umgesetzt sind, und ob "
            f"die strukturellen Voraussetzungen (Gesamtstrategie, Moderation, Koordination, "
            f"Vernetzung, Evaluation) gegeben sind. Dieser Bericht gibt den Stand zum "
            f"{documents.german_date(reporting_date)} wieder; der {content['council']} nimmt ihn "
            f"zur Kenntnis.")
        content["author"] = str(by) if by else ""
    return content


def _prerequisites(analysis: Analysis, by_prerequisite: dict, accepted) -> list[dict]:
    result = []
    for prerequisite in db.session.scalars(sa.select(Prerequisite).order_by(Prerequisite.position,
                                                                             Prerequisite.id)):
        assessment = by_prerequisite.get(prerequisite.id)
        suggestion = analysis_service.suggest_prerequisite(analysis, prerequisite.key, accepted)
        result.append({
            "key": prerequisite.key, "name": prerequisite.name,
            "description": prerequisite.description,
            "status": assessment.status.label if assessment else "nicht eingeschätzt",
            "status_key": assessment.status.value if assessment else None,
            "assessed_on": assessment.assessed_on.isoformat() if assessment else None,
            "justification": assessment.justification if assessment else "",
            "suggested": f"{suggestion.label}: {suggestion.reason}" if suggestion else "",
        })
    return result


# --- rendering ------------------------------------------------------------------------------

def content_for(kind: ReportKind | str, **options) -> dict:
    kind = ReportKind(kind)
    if kind == ReportKind.STATUS_REPORT:
        return status_report_content(**options)
    from coordination.services.concept import building_blocks_content

    options.pop("by", None)
    return building_blocks_content(**options)


def render_html(content: dict, *, inline_css: str | None = None, preview: bool = False) -> str:
    """The printable page of a report (a complete HTML document, German). With `inline_css`
    (the text of the stylesheet) the styles are embedded and the toolbar left out, for a file
    opened outside the app; otherwise the stylesheet is linked. `preview` marks a page that is
    not stored."""
    template = ("reports/document_status_report.html" if content["kind"] == ReportKind.STATUS_REPORT.value
                else "reports/document_building_blocks.html")
    with force_locale("de"):
        return render_template(template, content=content,
                               inline_css=Markup(inline_css) if inline_css else None,
                               preview=preview, german_date=documents.german_date,
                               severities=SEVERITIES, german_number=concept_document.number,
                               measure_rows=measure_rows)


def stylesheet_text() -> str:
    """The report stylesheet (static/css/report-document.css), for `render_html(inline_css=…)`."""
    return (Path(current_app.static_folder) / "css" / "report-document.css").read_text("utf-8")


def render_docx(content: dict) -> bytes:
    if content["kind"] == ReportKind.STATUS_REPORT.value:
        return documents.status_report_docx(content)
    return concept_document.building_blocks_docx(content)


def create_report(kind: str, reporting_date: date | None, title: str = "", *,
                  by: User | None) -> Report:
    """Generate a report from the current data and store it as a snapshot."""
    errors = {}
    if kind not in {k.value for k in ReportKind}:
        errors["kind"] = _("Bitte wählen Sie die Art des Berichts.")
    if reporting_date is None:
        errors["reporting_date"] = _("Bitte geben Sie den Stichtag an.")
    elif reporting_date > date.today():
        errors["reporting_date"] = _("Der Stichtag darf nicht in der Zukunft liegen.")
    title = " ".join((title or "").split())
    if len(title) > TITLE_MAX:
        errors["title"] = _("Höchstens %(max)d Zeichen erlaubt.", max=TITLE_MAX)
    if errors:
        raise ValidationError(errors)
    kind = ReportKind(kind)
    content = content_for(kind, reporting_date=reporting_date, title=title or None, by=by)
    html = render_html(content)
    with transaction():
        report = Report(kind=kind, title=content["title"], reporting_date=reporting_date,
                        created_by_id=by.id if by else None, content=content, html=html,
                        data_version=content["data_version"])
        db.session.add(report)
        record(AuditAction.CREATE, report, by, entity_type="reports",
               label=_("Bericht erstellt: %(title)s", title=report.title),
               changes={"kind": [None, kind.value],
                        "reporting_date": [None, reporting_date.isoformat()]})
    return report


def delete_report(report: Report, *, by: User | None) -> None:
    with transaction():
        record(AuditAction.DELETE, report, by, entity_type="reports",
               label=_("Bericht gelöscht: %(title)s", title=report.title))
        db.session.delete(report)

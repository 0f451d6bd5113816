"""The two documents for the council and the concept, and their stored snapshots.

`status_report_content` (Sachstandsbericht, in coordination.services.status_report) and
`building_blocks_content` (Bausteine für das Integrationskonzept, in
coordination.services.concept) gather everything a document shows into one plain,
JSON-serialisable dict. The writers (coordination.exports.status_report and .concept for DOCX,
templates/reports/document_*.html for the printable page) render only from that dict. A stored
report (`create_report`) keeps the dict, the generated page and the generated DOCX, so it
reopens and downloads byte for byte as it was, however the data change afterwards.

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
from coordination.models import (Assessment, AuditAction, Measure,
                                 Prerequisite, Report, ReportKind, User)
from coordination.models.lists import MSO_DEFINITION
from coordination.services import analysis as analysis_service
from coordination.services.analysis import Analysis, FindingItem
from coordination.services.analysis_figures import inventory_totals
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
    content = analysis_service.finding_dict(item) | {"rule_title": item.rule_label}
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


def count_text(number: int, singular: str, plural: str) -> str:
    """ "1 Akteur", "3 Akteure" (the documents are German whatever the interface language)."""
    return f"{number} {singular if number == 1 else plural}"


def offers_text(contributions: int, actors: int) -> str:
    """ "1 aktives Angebot von 1 Akteur", "3 aktive Angebote von 2 Akteuren" (documents)."""
    return (f"{count_text(contributions, 'aktives Angebot', 'aktive Angebote')} von "
            f"{count_text(actors, 'Akteur', 'Akteuren')}")


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
    """The content of a report of `kind`. Status report options: reporting_date, title,
    vorlage, compare_to, by (see status_report.status_report_content); Bausteine: reporting_date,
    title."""
    kind = ReportKind(kind)
    if kind == ReportKind.STATUS_REPORT:
        from coordination.services.status_report import status_report_content

        return status_report_content(options.pop("reporting_date", None), **options)
    from coordination.services.concept import building_blocks_content

    return building_blocks_content(reporting_date=options.get("reporting_date"),
                                   title=options.get("title"))


def render_html(content: dict, *, inline_css: str | None = None, preview: bool = False) -> str:
    """The printable page of a report (a complete HTML document, German). With `inline_css`
    (the text of the stylesheet) the styles are embedded and the toolbar left out, for a file
    opened outside the app; otherwise the stylesheet is linked. `preview` marks a page that is
    not stored."""
    from coordination.services import report_trends
    from coordination.services.report_changes import summary_lines

    template = ("reports/document_status_report.html" if content["kind"] == ReportKind.STATUS_REPORT.value
                else "reports/document_building_blocks.html")
    with force_locale("de"):
        return render_template(template, content=content,
                               inline_css=Markup(inline_css) if inline_css else None,
                               preview=preview, german_date=documents.german_date,
                               severities=SEVERITIES, german_number=concept_document.number,
                               measure_rows=measure_rows, trends=report_trends,
                               change_lines=summary_lines)


def stylesheet_text() -> str:
    """The report stylesheet (static/css/report-document.css), for `render_html(inline_css=…)`."""
    return (Path(current_app.static_folder) / "css" / "report-document.css").read_text("utf-8")


def render_docx(content: dict) -> bytes:
    """The report's DOCX (German whatever the user's language, like the printable page)."""
    with force_locale("de"):
        if content["kind"] == ReportKind.STATUS_REPORT.value:
            from coordination.exports.status_report import status_report_docx

            return status_report_docx(content)
        return concept_document.building_blocks_docx(content)


def report_docx(report: Report) -> bytes | None:
    """The stored report's DOCX as generated. Reports stored before DOCX files were kept are
    rendered from their content; None for a status report of that time, whose content the
    council paper's writer cannot read (its printable page stays as it was)."""
    if report.docx is not None:
        return report.docx
    if report.kind == ReportKind.STATUS_REPORT and "vorlage" not in report.content:
        return None
    return render_docx(report.content)


def create_report(kind: str, reporting_date: date | None, title: str = "", *,
                  by: User | None, vorlage: dict | None = None,
                  compare_to: date | Report | None = None) -> Report:
    """Generate a report from the data as of `reporting_date` and store it with its page and
    its DOCX. A status report takes the Vorlage fields (checked by status_report.clean_vorlage,
    remembered as the defaults of the next report) and optionally an earlier date or stored
    status report to compare with."""
    errors = {}
    if kind not in {k.value for k in ReportKind}:
        errors["kind"] = _("Bitte wählen Sie die Art des Berichts.")
    if reporting_date is None:
        errors["reporting_date"] = _("Bitte geben Sie den Stichtag an.")
    elif reporting_date > date.today():
        errors["reporting_date"] = _("Der Stichtag darf nicht in der Zukunft liegen.")
    if isinstance(compare_to, date) and reporting_date and compare_to >= reporting_date:
        errors["compare_to"] = _("Der Vergleichstag muss vor dem Stichtag liegen.")
    title = " ".join((title or "").split())
    if len(title) > TITLE_MAX:
        errors["title"] = _("Höchstens %(max)d Zeichen erlaubt.", max=TITLE_MAX)
    if errors:
        raise ValidationError(errors)
    kind = ReportKind(kind)
    options = {}
    if kind == ReportKind.STATUS_REPORT:
        from coordination.services.status_report import clean_vorlage, vorlage_defaults

        vorlage = clean_vorlage(vorlage if vorlage is not None else vorlage_defaults(by))
        snapshot = compare_to.content.get("snapshot") if isinstance(compare_to, Report) else compare_to
        options = {"vorlage": vorlage, "compare_to": snapshot, "by": by}
    content = content_for(kind, reporting_date=reporting_date, title=title or None, **options)
    html = render_html(content)
    docx = render_docx(content)
    with transaction():
        report = Report(kind=kind, title=content["title"], reporting_date=reporting_date,
                        created_by_id=by.id if by else None, content=content, html=html,
                        docx=docx, data_version=content["data_version"])
        db.session.add(report)
        if kind == ReportKind.STATUS_REPORT:
            commune = current_commune()
            if commune is not None:
                commune.report_defaults = {key: value for key, value in options["vorlage"].items()
                                           if not key.startswith("signatory")}
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

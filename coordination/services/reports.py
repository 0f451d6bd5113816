"""The two documents for the council and the concept, and their stored snapshots.

`status_report_content` (Sachstandsbericht, in coordination.queries.status_report) and
`building_blocks_content` (Bausteine für das Integrationskonzept, in
coordination.queries.concept) gather everything a document shows into one plain,
JSON-serialisable dict. The writers (coordination.exports.status_report and .concept for DOCX,
templates/reports/document_*.html for the printable page) render only from that dict. A stored
report (`create_report`) keeps the dict, the generated page and the generated DOCX, so it
reopens and downloads byte for byte as it was, however the data change afterwards.

The documents are German whatever the user's interface language: they go to a German council.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from coordination.analysis.rules import SEVERITIES
from coordination.exports import concept as concept_document
from coordination.exports import documents, trend_chart
from coordination.exports.concept_measures import measure_rows
from coordination.exports.status_report import status_report_docx
from coordination.extensions import db
from coordination.models import AuditAction, Report, ReportKind, User
from coordination.queries.commune import current_commune
from coordination.queries.concept import building_blocks_content
from coordination.queries.report_changes import summary_lines
from coordination.queries.status_report import clean_vorlage, status_report_content, vorlage_defaults
from coordination.services.base import ValidationError, record, transaction

TITLE_MAX = 200
# --- rendering ------------------------------------------------------------------------------

def content_for(kind: ReportKind | str, **options) -> dict:
    """The content of a report of `kind`. Status report options: reporting_date, title,
    vorlage, compare_to, by (see status_report.status_report_content); Bausteine: reporting_date,
    title."""
    kind = ReportKind(kind)
    if kind == ReportKind.STATUS_REPORT:

        return status_report_content(options.pop("reporting_date", None), **options)

    return building_blocks_content(reporting_date=options.get("reporting_date"),
                                   title=options.get("title"))


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
                               measure_rows=measure_rows, trends=trend_chart,
                               change_lines=summary_lines, totals_sentence=documents.totals_sentence)


def stylesheet_text() -> str:
    """The report stylesheet (static/css/report-document.css), for `render_html(inline_css=…)`."""
    return (Path(current_app.static_folder) / "css" / "report-document.css").read_text("utf-8")


def render_docx(content: dict) -> bytes:
    """The report's DOCX (German whatever the user's language, like the printable page)."""
    with force_locale("de"):
        if content["kind"] == ReportKind.STATUS_REPORT.value:
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

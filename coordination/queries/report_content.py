"""Pieces every report's content is built from: the assessments in force on a date, the common
head of a document, findings, measures and prerequisites as plain data, German counts. Shared by
the Sachstandsbericht (queries.status_report) and the Bausteine (queries.concept), which build
them under the German locale (the documents are German whatever the interface language)."""
from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coordination.extensions import db
from coordination.models import Assessment, Measure, Prerequisite, ReportKind
from coordination.models.lists import MSO_DEFINITION
from coordination.queries import analysis as analysis_queries
from coordination.queries import suggestions
from coordination.queries.analysis import Analysis, FindingItem
from coordination.queries.analysis_figures import inventory_totals
from coordination.queries.commune import current_commune

DEFAULT_TITLES = {
    ReportKind.STATUS_REPORT: _l("Sachstandsbericht zur Umsetzung der kommunalen "
                                 "Selbstverpflichtungen des Nationalen Integrationsplans"),
    ReportKind.BUILDING_BLOCKS: _l("Bausteine für das Integrationskonzept"),
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


def finding_content(item: FindingItem) -> dict:
    content = analysis_queries.finding_dict(item) | {"rule_title": item.rule_label}
    content["reason"] = item.acceptance.reason if item.acceptance else ""
    return content


def measure_content(measure: Measure) -> dict:
    return {"text": measure.text, "commitment": measure.commitment.number if measure.commitment else None,
            "responsible": measure.responsible,
            "due_date": measure.due_date.isoformat() if measure.due_date else None,
            "status": measure.status.label, "open": measure.status.is_open,
            "finding": measure.finding_title}


def base_content(kind: ReportKind, analysis: Analysis, reporting_date: date, title: str | None) -> dict:
    commune = current_commune()
    return {
        "kind": kind.value,
        "title": title or str(DEFAULT_TITLES[kind]),
        "commune": commune.name if commune else "",
        # "Landkreis Muster" is not introduced as "Landkreis Landkreis Muster"
        "commune_kind": commune.kind.label if commune and not commune.name.startswith(
            commune.kind.label) else "",
        "council": commune.council if commune else _("Rat"),
        "advisory_body": commune.advisory_body_name if commune else "",
        "reporting_date": reporting_date.isoformat(),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_version": analysis.version,
        "totals": inventory_totals(analysis),
        "mso_definition": str(MSO_DEFINITION),
    }


def prerequisite_rows(analysis: Analysis, by_prerequisite: dict, accepted) -> list[dict]:
    result = []
    for prerequisite in db.session.scalars(sa.select(Prerequisite).order_by(Prerequisite.position,
                                                                             Prerequisite.id)):
        assessment = by_prerequisite.get(prerequisite.id)
        suggestion = suggestions.suggest_prerequisite(analysis, prerequisite.key, accepted)
        result.append({
            "key": prerequisite.key, "name": prerequisite.name,
            "description": prerequisite.description,
            "status": assessment.status.label if assessment else "nicht eingeschätzt",
            "status_key": assessment.status.value if assessment else None,
            "assessed_on": assessment.assessed_on.isoformat() if assessment else None,
            "justification": assessment.justification if assessment else "",
            "suggested": _("Vorschlag „%(status)s“. %(reason)s", status=suggestion.label,
                           reason=suggestion.reason) if suggestion else "",
        })
    return result

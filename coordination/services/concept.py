"""The "Bausteine für das Integrationskonzept" as plain, JSON-serialisable data (stored with a
report snapshot and rendered by coordination.exports.concept and the printable page)."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale

from coordination.extensions import db
from coordination.models import Commitment, Measure, ReportKind
from coordination.services import analysis as analysis_service
from coordination.services.analysis import Analysis
from coordination.services.analysis_figures import commitment_summaries
from coordination.services.reports import (_base, _finding_content, _measure_content,
                                           _prerequisites, current_assessments, offers_text)


def building_blocks_content(analysis: Analysis | None = None, *, reporting_date: date | None = None,
                            title: str | None = None) -> dict:
    """The "Bausteine für das Integrationskonzept" as plain data (domain guide §4): summary,
    one chapter per commitment (text, what exists by type and district, network figures,
    findings with evidence, measures), the prerequisites, cross-cutting findings, all actors."""
    from coordination.services.analysis_figures import commitment_section

    analysis = analysis or analysis_service.current_analysis()
    reporting_date = reporting_date or date.today()
    with force_locale("de"):
        content = _base(ReportKind.BUILDING_BLOCKS, analysis, reporting_date, title)
        data = analysis.data
        by_commitment, by_prerequisite = current_assessments(reporting_date)
        commitments = {c.number: c for c in db.session.scalars(sa.select(Commitment))}
        accepted = analysis_service.accepted_fingerprints(analysis)
        items = analysis_service.finding_items(analysis)
        summaries = commitment_summaries(analysis, accepted)
        content["open_findings"] = sum(1 for item in items if item.status == "open")
        content["summary"] = []
        content["commitments"] = []
        for summary in summaries:
            commitment = commitments.get(summary.number)
            assessment = by_commitment.get(commitment.id) if commitment else None
            status = assessment.status.label if assessment else f"{summary.suggestion.label}*"
            content["summary"].append({
                "number": summary.number, "short_title": summary.short_title, "status": status,
                "actors": summary.actors, "contributions": summary.contributions,
                "open": summary.open_by_severity})
            section = commitment_section(analysis, summary.number, summaries, items)
            record_ = data.commitment_by_number.get(summary.number)
            if summary.actors < 2:
                network = (f"{summary.actors} Akteur trägt die Selbstverpflichtung." if summary.actors
                           else "Kein Akteur arbeitet mit aktiven Angeboten an dieser "
                                "Selbstverpflichtung.")
            elif summary.connected:
                network = (f"Die {summary.actors} beteiligten Akteure bilden ein zusammenhängendes "
                           f"Teilnetz (über Kooperationen und gemeinsame Gremien).")
            else:
                network = (f"Die {summary.actors} beteiligten Akteure zerfallen in {summary.islands} "
                           f"Gruppen ohne Verbindung untereinander; die größte umfasst "
                           f"{len(section.islands[0])} Akteure.")
            content["commitments"].append({
                "number": summary.number, "short_title": summary.short_title,
                "full_text": record_.full_text if record_ else "",
                "status": status,
                "justification": assessment.justification if assessment
                else f"Noch nicht eingeschätzt. Vorschlag der Analyse: {summary.suggestion.reason}",
                "contributions": summary.contributions, "actors": summary.actors,
                "coverage_text": offers_text(summary.contributions, summary.actors),
                "mso_share": summary.mso_share,
                "by_type": [list(row) for row in section.by_type],
                "by_district": [list(row) for row in section.by_district],
                "network": {
                    "summary": network, "connected": summary.connected,
                    "islands": [[n for _i, n in island] for island in section.islands],
                    "brokers": [n for _i, n in section.brokers],
                    "peripheral": [n for _i, n in section.peripheral],
                },
                "findings": [_finding_content(item) for item in section.findings],
                "measures": [_measure_content(m) for m in section.measures],
            })
        content["general_findings"] = [_finding_content(item) for item in items
                                       if item.finding.commitment is None]
        content["general_measures"] = [_measure_content(m) for m in db.session.scalars(
            sa.select(Measure).where(Measure.commitment_id.is_(None)).order_by(Measure.id))]
        content["prerequisites"] = _prerequisites(analysis, by_prerequisite, accepted)
        content["actors"] = _actor_annex(analysis)
    return content


def _actor_annex(analysis: Analysis) -> list[dict]:
    """All actors that are not dissolved, by name; no contact persons, no addresses."""
    data = analysis.data
    G = analysis.result.graph
    status_labels = {"active": "aktiv", "dormant": "ruhend", "dissolved": "aufgelöst"}
    rows = []
    for actor in sorted(data.actors, key=lambda a: a.name.casefold()):
        if actor.status == "dissolved":
            continue
        districts = "ganze Kommune" if actor.whole_commune else ", ".join(
            data.district_by_id[d].name for d in sorted(actor.district_ids) if d in data.district_by_id)
        numbers = sorted(G.nodes[actor.id]["commitments"]) if actor.id in G else []
        rows.append({"name": actor.name, "type": actor.type_name, "districts": districts or "–",
                     "mso": actor.migrant_led, "municipal": actor.is_administration,
                     "status": status_labels.get(actor.status, actor.status),
                     "commitments": ", ".join(map(str, numbers))})
    return rows

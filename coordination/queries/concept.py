"""The "Bausteine für das Integrationskonzept" as plain, JSON-serialisable data (stored with a
report snapshot and rendered by coordination.exports.concept and the printable page).

The document follows the skeleton of published municipal concepts (docs/domain.md): 1 Einleitung
und Auftrag, 2 Leitbild und Leitziele, 3 Ausgangslage (monitoring indicators), 4 Bestandsaufnahme
by Handlungsfeld, 5 Handlungsbedarfe (the gap list, one section per commitment), 6 Ziele und
Maßnahmen by Handlungsfeld, 7 Strukturen (the five prerequisites), 8 Monitoring und
Fortschreibung, Anhang (the commitments' wording, data upkeep, all actors). The commitments' long
wording is quoted once, in the annex, and referred to elsewhere.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from coordination.exports.concept import LAYOUT
from coordination.extensions import db
from coordination.models import Body, BodyMembership, Commitment, Measure, ReportKind
from coordination.queries import analysis as analysis_queries
from coordination.queries.analysis import Analysis, FindingItem
from coordination.queries.analysis_figures import commitment_section, commitment_summaries
from coordination.queries.commune import current_commune
from coordination.queries.field_figures import coverage_by_field
from coordination.queries.indicator_data import all_series
from coordination.queries.network_picture import commitment_network
from coordination.queries.report_content import base_content, current_assessments, prerequisite_rows
from coordination.queries.report_trends import commitment_trends
from coordination.queries.suggestions import offers_text
from coordination.services import concept_texts
from coordination.services import positions as position_service
from coordination.wording import current_wording, in_commune

# A sentence citing a commitment: "Selbstverpflichtung 2 empfiehlt den Kommunen, „…“."
CITATION = re.compile(r"\s*Selbstverpflichtung (\d+)[^„“.]*„([^“]*)“\.?")


class Citations:
    """Quotes of the commitments in generated text, given once: a sentence quoting a
    commitment's whole wording refers to annex A instead, a shorter quote stays where it
    first occurs and is left out where it repeats."""

    def __init__(self, analysis: Analysis):
        self.wording = {c.number: c.full_text.strip() for c in analysis.data.commitments}
        self.seen: set[tuple[int, str]] = set()

    def _replace(self, match: re.Match) -> str:
        number, quote = int(match.group(1)), match.group(2).strip(" …")
        wording = self.wording.get(number, "")
        if not quote or quote not in wording:
            return match.group(0)  # not a quote of the commitment
        if quote == wording:
            return " " + _("Wortlaut der Selbstverpflichtung %(number)d: Anhang A.", number=number)
        if (number, quote) in self.seen:
            return ""
        self.seen.add((number, quote))
        return match.group(0)

    def once(self, text: str) -> str:
        return CITATION.sub(self._replace, text).strip()


def _finding(item: FindingItem, citations: Citations) -> dict:
    content = analysis_queries.finding_dict(item)
    content["rule_title"] = item.rule_label
    content["reason"] = item.acceptance.reason if item.acceptance else ""
    content["detail"] = citations.once(content["detail"])
    return content


def _measure(measure: Measure) -> dict:
    return {
        "text": measure.text, "status": measure.status.label, "open": measure.status.is_open,
        "commitment": measure.commitment.number if measure.commitment else None,
        "field": measure.field_of_action.name if measure.field_of_action else None,
        "goal": measure.goal, "success_indicator": measure.success_indicator,
        "responsible": measure.responsible, "partners": measure.partners,
        "start_date": measure.start_date.isoformat() if measure.start_date else None,
        "due_date": measure.due_date.isoformat() if measure.due_date else None,
        "resources": measure.resources, "funding": measure.funding,
        "finding": measure.finding_title}


def _texts() -> dict:
    texts = concept_texts.current_texts()
    return {"mandate": texts.mandate if texts else "", "vision": texts.vision if texts else "",
            "guiding_goals": concept_texts.guiding_goals(texts),
            "evaluation": texts.evaluation if texts else "",
            "next_update": texts.next_update.isoformat() if texts and texts.next_update else None}


def _indicators() -> list[dict]:
    """Each indicator with its commune-wide series, the newest and the previous value."""
    result = []
    for series in all_series():
        points = series.commune_points
        result.append({
            "name": series.name, "unit": series.unit, "source": series.source,
            "note": series.note, "points": [[p.year, p.value] for p in points],
            "districts": len({p.district_id for p in series.district_points}),
            "latest": [points[-1].year, points[-1].value] if points else None,
            "previous": [points[-2].year, points[-2].value] if len(points) > 1 else None})
    return result


def _inventory(analysis: Analysis) -> list[dict]:
    """Bestandsaufnahme: per field of action its active offers, who runs them, for whom and
    under which commitment."""
    data = analysis.data
    coverage = coverage_by_field(analysis)
    names = {f.id: f.name for f in data.fields_of_action}
    groups = {g.id: g.name for g in data.target_groups}
    districts = {d.id: d.name for d in data.districts}
    offers = defaultdict(list)
    for contribution in sorted(data.active_contributions, key=lambda c: c.title.casefold()):
        lead = contribution.lead_actor_id
        actors = sorted(data.contribution_actors(contribution),
                        key=lambda a: (a != lead, analysis.actor_name(a).casefold()))
        where = [districts[d] for d in sorted(contribution.district_ids) if d in districts]
        offers[contribution.field_of_action_id].append({
            "title": contribution.title, "commitment": contribution.commitment_number,
            "actors": [analysis.actor_name(a) for a in actors],
            "target_groups": sorted(groups[g] for g in contribution.target_group_ids if g in groups),
            "districts": ([current_wording().whole_commune] if contribution.whole_commune else []) + where})
    result = []
    for key, entry in coverage.items():
        actors = len(entry.actor_ids)
        result.append({
            "name": names.get(key) or _("ohne Handlungsfeld"),
            "contributions": len(entry.contribution_ids), "actors": actors,
            "mso": len(entry.migrant_led_actor_ids),
            "commitments": {str(number): count for number, count in entry.by_commitment.items()},
            "offers": offers.get(key, [])})
    return result


def _network_summary(summary, section) -> str:
    if summary.actors == 0:
        return _("Kein Akteur arbeitet mit aktiven Angeboten an dieser Selbstverpflichtung.")
    if summary.actors == 1:
        return _("Ein einzelner Akteur trägt die Selbstverpflichtung.")
    if summary.connected:
        return ngettext("Die %(num)d beteiligten Akteure bilden ein zusammenhängendes Teilnetz "
                        "(über Kooperationen und gemeinsame Gremien).",
                        "Die %(num)d beteiligten Akteure bilden ein zusammenhängendes Teilnetz "
                        "(über Kooperationen und gemeinsame Gremien).", summary.actors)
    return " ".join((
        ngettext("Die %(num)d beteiligten Akteure zerfallen in %(groups)d Gruppen ohne Verbindung "
                 "untereinander.", "Die %(num)d beteiligten Akteure zerfallen in %(groups)d "
                 "Gruppen ohne Verbindung untereinander.", summary.actors, groups=summary.islands),
        ngettext("Die größte umfasst einen Akteur.", "Die größte umfasst %(num)d Akteure.",
                 len(section.islands[0]))))


def _needs(analysis: Analysis, reporting_date: date, items: list[FindingItem]) -> dict:
    """Handlungsbedarfe: the status overview and one section per commitment (status, what
    exists, the sub-network, the findings)."""
    by_commitment, _by_prerequisite = current_assessments(reporting_date)
    commitments = {c.number: c for c in db.session.scalars(sa.select(Commitment))}
    accepted = analysis_queries.accepted_fingerprints(analysis)
    summaries = commitment_summaries(analysis, accepted)
    work_items = [item for item in items if not item.finding.upkeep]
    fields = {f.id: f.name for f in analysis.data.fields_of_action}
    field_coverage = coverage_by_field(analysis)
    citations = Citations(analysis)
    trends = commitment_trends(reporting_date)
    positions = position_service.current_positions()  # once for the ten pictures
    chapters, overview = [], []
    for summary in summaries:
        commitment = commitments.get(summary.number)
        assessment = by_commitment.get(commitment.id) if commitment else None
        section = commitment_section(analysis, summary.number, summaries, work_items)
        status = assessment.status.label if assessment else _("nicht eingeschätzt")
        suggestion = "" if assessment else summary.suggestion.label
        overview.append({"number": summary.number, "short_title": summary.short_title,
                         "status": status, "suggestion": suggestion, "actors": summary.actors,
                         "contributions": summary.contributions,
                         "open": summary.open_by_severity})
        chapters.append({
            "number": summary.number, "short_title": summary.short_title, "status": status,
            "assessed": assessment is not None,
            "justification": assessment.justification if assessment else "",
            "suggestion": suggestion,
            "suggestion_reason": "" if assessment else summary.suggestion.reason,
            "coverage_text": offers_text(summary.contributions, summary.actors),
            "mso_share": summary.mso_share,
            "fields": [fields[key] for key, entry in field_coverage.items()
                       if key in fields and summary.number in entry.by_commitment],
            "by_type": [list(row) for row in section.by_type],
            "network": {"summary": _network_summary(summary, section),
                        "brokers": [name for _i, name in section.brokers],
                        "peripheral": [name for _i, name in section.peripheral],
                        "islands": [[name for _i, name in island] for island in section.islands]},
            "findings": [_finding(item, citations) for item in section.findings],
            "network_picture": commitment_network(analysis, summary.number, positions),
            "trend": trends.get(summary.number)})
    return {"overview": overview, "commitments": chapters,
            "open": sum(1 for item in work_items if item.status == "open"),
            "general": [_finding(item, citations) for item in work_items
                        if item.finding.commitment is None],
            "upkeep": [_finding(item, citations) for item in items if item.finding.upkeep]}


def _goals(analysis: Analysis) -> list[dict]:
    """Ziele und Maßnahmen: the measures by field of action (list order), then the measures
    without a field."""
    measures = db.session.scalars(sa.select(Measure).options(
        selectinload(Measure.commitment), selectinload(Measure.field_of_action)).order_by(
        Measure.start_date.is_(None), Measure.start_date, Measure.due_date.is_(None),
        Measure.due_date, Measure.id)).all()
    by_field = defaultdict(list)
    for measure in measures:
        by_field[measure.field_of_action_id].append(_measure(measure))
    result = [{"field": f.name, "measures": by_field[f.id]}
              for f in analysis.data.fields_of_action if by_field.get(f.id)]
    if by_field.get(None):
        result.append({"field": _("Ohne Handlungsfeld"), "measures": by_field[None]})
    return result


def _structures(analysis: Analysis, reporting_date: date) -> dict:
    _by_commitment, by_prerequisite = current_assessments(reporting_date)
    accepted = analysis_queries.accepted_fingerprints(analysis)
    bodies = db.session.scalars(sa.select(Body).where(Body.active).options(
        selectinload(Body.lead_actor)).order_by(Body.name)).all()
    members = dict(db.session.execute(
        sa.select(BodyMembership.body_id, sa.func.count(BodyMembership.id))
        .where(sa.or_(BodyMembership.until.is_(None), BodyMembership.until >= reporting_date))
        .group_by(BodyMembership.body_id)).all())
    return {"prerequisites": prerequisite_rows(analysis, by_prerequisite, accepted),
            "bodies": [{"name": body.name, "kind": body.kind.label,
                        "lead": body.lead_actor.name if body.lead_actor else "",
                        "members": members.get(body.id, 0)} for body in bodies]}


def _actor_annex(analysis: Analysis) -> list[dict]:
    """All actors that are not dissolved, by name; no contact persons, no addresses."""
    data = analysis.data
    G = analysis.result.graph
    status_labels = {"active": _("aktiv"), "dormant": _("ruhend")}
    rows = []
    whole_commune = current_wording().whole_commune
    for actor in sorted(data.actors, key=lambda a: a.name.casefold()):
        if actor.status == "dissolved":
            continue
        districts = whole_commune if actor.whole_commune else ", ".join(
            data.district_by_id[d].name for d in sorted(actor.district_ids) if d in data.district_by_id)
        numbers = sorted(G.nodes[actor.id]["commitments"]) if actor.id in G else []
        rows.append({"name": actor.name, "type": actor.type_name, "districts": districts or "–",
                     "mso": actor.migrant_led, "municipal": actor.is_administration,
                     "status": status_labels.get(actor.status, actor.status),
                     "commitments": ", ".join(map(str, numbers))})
    return rows


def building_blocks_content(analysis: Analysis | None = None, *, reporting_date: date | None = None,
                            title: str | None = None) -> dict:
    """The "Bausteine für das Integrationskonzept" as plain data, chapter by chapter (see the
    module docstring). German whatever the user's language: it goes to a German council."""
    analysis = analysis or analysis_queries.current_analysis()
    reporting_date = reporting_date or date.today()
    commune = current_commune()
    with force_locale("de"):
        content = base_content(ReportKind.BUILDING_BLOCKS, analysis, reporting_date, title)
        items = analysis_queries.finding_items(analysis)
        content.update({
            "layout": LAYOUT,
            "in_commune": in_commune(commune.kind, commune.name) if commune else "",
            "texts": _texts(),
            "commitment_texts": [{"number": c.number, "short_title": c.short_title,
                                  "full_text": c.full_text} for c in analysis.data.commitments],
            "indicators": _indicators(),
            "inventory": _inventory(analysis),
            "needs": _needs(analysis, reporting_date, items),
            "goals": _goals(analysis),
            "structures": _structures(analysis, reporting_date),
            "actors": _actor_annex(analysis),
        })
    return content

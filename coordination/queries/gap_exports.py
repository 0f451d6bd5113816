"""The gap list as files: CSV, XLSX (findings, coverage, actors), Markdown, JSON and the
"Bausteine für das Integrationskonzept" as DOCX. Used by the download routes and the CLI
(`flask --app app gaps --format …`). The files are German, like the documents.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from coordination.analysis.rules import SEVERITIES
from coordination.exports import concept as concept_document
from coordination.exports import documents, tables
from coordination.exports.tables import Table, md_escape, md_table
from coordination.queries import analysis as analysis_queries
from coordination.queries import concept as concept_content
from coordination.queries.analysis import Analysis, FindingItem, GapFilter, filter_findings
from coordination.queries.analysis_figures import DIMENSIONS, commitment_summaries
from coordination.queries.commune import current_commune
from coordination.queries.finding_order import sort_findings
from coordination.text import slug
from coordination.wording import german_wording

FORMATS = {
    # format: (file extension, MIME type)
    "csv": ("csv", "text/csv; charset=utf-8"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "md": ("md", "text/markdown; charset=utf-8"),
    "json": ("json", "application/json"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
STATUS_TEXT = {"open": "offen", "accepted": "akzeptiert"}
# the open gaps of a commitment by priority (data upkeep is counted apart)
OPEN_GAP_COLUMNS = [f"offene Lücken: {severity}" for severity in SEVERITIES]


def finding_columns() -> list[str]:
    return ["Priorität", "Selbstverpflichtung", "Regel", "Titel", "Erläuterung", "Akteure",
            german_wording().districts, "Zielgruppen", "Status", "Begründung der Akzeptanz",
            "Handlungsempfehlungen", "Gruppe"]


@dataclass
class ExportFile:
    content: bytes
    mimetype: str
    filename: str


def _names(pairs) -> list[str]:
    return [name for _id, name in pairs]


def _measure_text(item: FindingItem) -> str:
    return "; ".join(f"{m.text} ({m.status.label}"
                     + (f", {m.responsible}" if m.responsible else "")
                     + (f", bis {documents.german_date(m.due_date)}" if m.due_date else "") + ")"
                     for m in item.measures)


def findings_table(items: list[FindingItem], *, rule_ids: bool = False) -> Table:
    """The findings as a table; "Regel" is the rule's German title. With `rule_ids` (the CSV, read
    by programs) a last column "rule" holds the rule's id."""
    return Table(
        "Lücken", finding_columns() + (["rule"] if rule_ids else []),
        [[item.finding.severity, item.finding.commitment, item.rule_label, item.title,
          item.detail, _names(item.actors), _names(item.districts),
          _names(item.target_groups), STATUS_TEXT[item.status],
          item.acceptance.reason if item.acceptance else "", _measure_text(item),
          "Datenpflege" if item.finding.upkeep else "Lücke"]
         + ([item.finding.rule] if rule_ids else [])
         for item in items],
        widths=[10, 12, 30, 45, 80, 45, 22, 22, 12, 35, 45, 12], wrap=frozenset({2, 3, 4, 9, 10}))


def coverage_long_table(analysis: Analysis, accepted: frozenset[str]) -> Table:
    """Coverage in long format (filterable): per commitment a "gesamt" line, then one line per
    actor type, district, target group and field of action with active offers."""
    data = analysis.data
    words = german_wording()
    lookups = {"type": ("Akteurstyp", analysis.actor_type_by_id),
               "district": (words.district, data.district_by_id),
               "target_group": ("Zielgruppe", data.target_group_by_id),
               "field": ("Handlungsfeld", analysis.field_of_action_by_id)}
    none_labels = {"district": words.whole_commune, "field": "ohne Handlungsfeld"}
    rows = []
    with force_locale("de"):
        summaries = commitment_summaries(analysis, accepted)
    for summary in summaries:
        coverage = analysis.result.coverage[summary.number]
        rows.append([summary.number, summary.short_title, "gesamt", "", summary.contributions,
                     summary.actors, summary.mso_share,
                     "ja" if summary.connected else f"nein ({summary.islands} Gruppen)",
                     *(summary.open_by_severity[s] for s in SEVERITIES),
                     summary.suggestion.label])
        for dimension in DIMENSIONS:
            label, lookup = lookups[dimension]
            cells = {"type": coverage.by_actor_type, "district": coverage.by_district,
                     "target_group": coverage.by_target_group,
                     "field": coverage.by_field_of_action}[dimension]
            for key, count in sorted(cells.items(), key=lambda kv: (-kv[1].contributions, str(kv[0]))):
                name = none_labels.get(dimension, "–") if key is None else (
                    lookup[key].name if key in lookup else str(key))
                rows.append([summary.number, summary.short_title, label, name, count.contributions,
                             count.actors, "", "", "", "", "", ""])
    return Table("Abdeckung", ["Nr.", "Selbstverpflichtung", "Merkmal", "Ausprägung",
                               "aktive Angebote", "Akteure", "MSO-Anteil %", "Teilnetz verbunden",
                               *OPEN_GAP_COLUMNS, "Vorschlag Stand"],
                 rows, widths=[6, 34, 14, 34, 10, 9, 9, 16, 13, 13, 13, 20])


def actors_table(analysis: Analysis) -> Table:
    """All actors (dissolved ones too, marked), without contact persons."""
    data = analysis.data
    metrics = analysis.result.metrics
    G = analysis.result.graph
    status_labels = {"active": "aktiv", "dormant": "ruhend", "dissolved": "aufgelöst"}
    rows = []
    whole_commune = german_wording().whole_commune
    for actor in sorted(data.actors, key=lambda a: a.name.casefold()):
        districts = whole_commune if actor.whole_commune else ", ".join(
            data.district_by_id[d].name for d in sorted(actor.district_ids) if d in data.district_by_id)
        groups = ", ".join(data.target_group_by_id[g].name for g in sorted(actor.target_group_ids)
                           if g in data.target_group_by_id)
        numbers = sorted(G.nodes[actor.id]["commitments"]) if actor.id in G else []
        rows.append([actor.name, actor.type_name, "ja" if actor.migrant_led else "nein",
                     "ja" if actor.is_administration else "nein",
                     status_labels.get(actor.status, actor.status), districts, groups,
                     ", ".join(map(str, numbers)), metrics.degree.get(actor.id, 0),
                     round(metrics.betweenness.get(actor.id, 0.0), 4),
                     len(metrics.cut_off.get(actor.id, ())),
                     documents.german_date(actor.last_reviewed)])
    return Table("Akteure", ["Akteur", "Typ", "MSO", "Verwaltung", "Status", "Wirkungsraum",
                             "Zielgruppen", "Selbstverpflichtungen", "Verbindungen",
                             "Vermittlerrolle", "einzige Verbindung für",
                             "zuletzt geprüft"],
                 rows, widths=[40, 28, 7, 11, 10, 30, 30, 16, 12, 14, 14, 14],
                 wrap=frozenset({5, 6}))


def _counts(items: list[FindingItem]) -> str:
    """ "16 Befunde, davon 15 offen · 3 Hinweise zur Datenpflege, davon 3 offen": data upkeep
    counted apart, so that the number of findings is the number of gaps."""
    gaps = [item for item in items if not item.finding.upkeep]
    upkeep = [item for item in items if item.finding.upkeep]
    parts = [ngettext("%(num)d Befund, davon %(open)d offen", "%(num)d Befunde, davon %(open)d offen",
                      len(gaps), open=sum(item.status == "open" for item in gaps))]
    if upkeep:
        parts.append(ngettext("%(num)d Hinweis zur Datenpflege, davon %(open)d offen",
                              "%(num)d Hinweise zur Datenpflege, davon %(open)d offen", len(upkeep),
                              open=sum(item.status == "open" for item in upkeep)))
    return " · ".join(parts)


def gaps_markdown(analysis: Analysis, items: list[FindingItem], accepted: frozenset[str]) -> str:
    commune = current_commune()
    name = "" if commune is None else commune.name if commune.name.startswith(commune.kind.label) \
        else f"{commune.kind.label} {commune.name}"
    with force_locale("de"):
        summaries = commitment_summaries(analysis, accepted)
        counts = _counts(items)
    districts_label = german_wording().districts
    lines = [f"# Lückenliste – {md_escape(name)}", "",
             f"Stand: {documents.german_date(analysis.on)} · {counts} · erstellt mit Integrationsnetz",
             "",
             "## Übersicht der Selbstverpflichtungen", "",
             md_table(["Nr.", "Selbstverpflichtung", "aktive Angebote", "Akteure", *OPEN_GAP_COLUMNS,
                       "Vorschlag Stand"],
                      [[s.number, s.short_title, s.contributions, s.actors,
                        *(s.open_by_severity[x] for x in SEVERITIES), s.suggestion.label]
                       for s in summaries]),
             "", "## Befunde", ""]
    if not items:
        lines.append("Keine Befunde.")
    upkeep_from = len(items)  # data upkeep at the end (the order of priority) gets its heading
    while upkeep_from and items[upkeep_from - 1].finding.upkeep:
        upkeep_from -= 1
    for index, item in enumerate(items, start=1):
        finding = item.finding
        if index - 1 == upkeep_from:
            lines += ["## " + _("Datenpflege"), "",
                      _("Einträge, die überprüft oder berichtigt werden sollten. Das sind keine "
                        "Lücken der Integrationsarbeit; sie fließen nicht in die vorgeschlagenen "
                        "Stände ein."), ""]
        where = f"Selbstverpflichtung {finding.commitment}" if finding.commitment else "übergreifend"
        lines += [f"### {index}. {md_escape(item.title)}", "",
                  f"*Priorität {finding.severity} · {where} · Regel: {md_escape(item.rule_label)}"
                  f" · {STATUS_TEXT[item.status]}*", "",
                  md_escape(item.detail), ""]
        for label, values in (("Akteure", _names(item.actors)), (districts_label, _names(item.districts)),
                              ("Zielgruppen", _names(item.target_groups))):
            if values:
                lines.append(f"- **{label}:** {', '.join(md_escape(v) for v in values)}")
        if item.acceptance:
            lines.append(f"- **Akzeptiert:** {md_escape(item.acceptance.reason)}")
        for measure in item.measures:
            lines.append(f"- **Handlungsempfehlung:** {md_escape(measure.text)} "
                         f"({md_escape(measure.status.label)})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def export_gaps(file_format: str, gap_filter: GapFilter | None = None,
                sort: str = "priority") -> ExportFile:
    """The gap list in `file_format` (csv, xlsx, md, json, docx), filtered by `gap_filter` and
    in the order `sort` of the list page (the coverage and actor sheets and the DOCX always
    cover everything, the Markdown and JSON keep the order of priority)."""
    if file_format not in FORMATS:
        raise ValueError(f"unknown format {file_format!r}")
    analysis = analysis_queries.current_analysis()
    commune = current_commune()
    extension, mimetype = FORMATS[file_format]
    prefix = "bausteine-integrationskonzept" if file_format == "docx" else "lueckenliste"
    filename = f"{prefix}-{slug(commune.name if commune else '')}-{date.today().isoformat()}.{extension}"
    if file_format == "json":
        payload = analysis_queries.findings_payload(
            analysis, **({} if gap_filter is None else {
                "status": gap_filter.status, "commitment": gap_filter.commitment,
                "severity": gap_filter.severity, "rule": gap_filter.rule,
                "district_id": gap_filter.district_id}))
        return ExportFile(tables.json_bytes(payload), mimetype, filename)
    if file_format == "docx":
        content = concept_content.building_blocks_content(analysis)
        return ExportFile(concept_document.building_blocks_docx(content), mimetype, filename)
    with force_locale("de"):
        accepted = analysis_queries.accepted_fingerprints(analysis)
        items = analysis_queries.finding_items(analysis, sort_findings(
            filter_findings(analysis.findings, gap_filter, accepted), sort, analysis.data, accepted))
        if file_format == "csv":
            return ExportFile(tables.csv_bytes(findings_table(items, rule_ids=True)), mimetype, filename)
        if file_format == "md":
            return ExportFile(gaps_markdown(analysis, items, accepted).encode("utf-8"), mimetype,
                              filename)
        title = f"Lückenliste {commune.name}" if commune else "Lückenliste"
        workbook = tables.xlsx_bytes([findings_table(items), coverage_long_table(analysis, accepted),
                                      actors_table(analysis)], title=title)
        return ExportFile(workbook, mimetype, filename)

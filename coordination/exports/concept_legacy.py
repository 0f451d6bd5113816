"""The first layout of the "Bausteine für das Integrationskonzept" (one chapter per
commitment), kept to render the DOCX of reports stored with it: a stored report renders from
its stored content, and contents of that time have no "layout" key. New documents use
coordination.exports.concept."""
from __future__ import annotations

from coordination.exports.documents import SEVERITIES, _joined, _title_page, _Writer, german_date
from coordination.wording import german_wording


def _finding_block(writer: _Writer, finding: dict) -> None:
    severity = finding["severity"]
    status = " – akzeptiert" if finding.get("status") == "accepted" else ""
    writer.paragraph(f"{finding['title']} (Priorität {severity}{status})", style="Heading 4")
    if finding.get("detail"):
        writer.paragraph(finding["detail"])
    if finding.get("actors"):
        writer.labelled("Akteure", _joined(finding["actors"]))
    if finding.get("districts"):
        writer.labelled(german_wording().districts, _joined(finding["districts"]))
    if finding.get("target_groups"):
        writer.labelled("Zielgruppen", _joined(finding["target_groups"]))
    if finding.get("status") == "accepted" and finding.get("reason"):
        writer.labelled("Begründung der Akzeptanz", finding["reason"])
    writer.labelled("Regel", finding["rule"])


def _measures_block(writer: _Writer, measures: list[dict]) -> None:
    if not measures:
        writer.paragraph("Noch keine Handlungsempfehlung erfasst.", italic=True)
        return
    for measure in measures:
        details = [measure.get("status", "")]
        if measure.get("responsible"):
            details.append(f"zuständig: {measure['responsible']}")
        if measure.get("due_date"):
            details.append(f"bis {german_date(measure['due_date'])}")
        writer.bullet(f"{measure['text']} ({'; '.join(d for d in details if d)})")


def legacy_building_blocks_docx(content: dict) -> bytes:
    """"Bausteine für das Integrationskonzept": title page, table of contents, summary table,
    one chapter per commitment, the structural prerequisites, cross-cutting findings and an
    annex with all actors (docs/domain.md, 4. The two documents)."""
    writer = _Writer(content["title"])
    _title_page(writer, content, content["title"],
                "Bestandsaufnahme, Lücken und Handlungsempfehlungen zu den zehn kommunalen "
                "Selbstverpflichtungen des Nationalen Integrationsplans")
    writer.toc_here("Inhalt")
    writer.page_break()

    writer.heading("Überblick", 1)
    totals = content.get("totals", {})
    writer.paragraph(
        f"Erfasst sind {totals.get('actors', 0)} aktive Akteure (davon {totals.get('mso', 0)} "
        f"Migrantenorganisationen), {totals.get('contributions', 0)} aktive Beiträge, "
        f"{totals.get('cooperations', 0)} aktive Kooperationen und {totals.get('bodies', 0)} aktive "
        f"Gremien. Die Lückenanalyse nennt {content.get('open_findings', 0)} offene Befunde.")
    if content.get("mso_definition"):
        writer.paragraph(content["mso_definition"], italic=True, size=9)
    writer.table(
        ["Nr.", "Selbstverpflichtung", "Stand", "Akteure", "Angebote", "offen: hoch",
         "offen: mittel", "offen: niedrig"],
        [[row["number"], row["short_title"], row["status"], row["actors"], row["contributions"],
          *(row["open"].get(s, 0) for s in SEVERITIES)] for row in content["summary"]],
        widths=[0.9, 5.0, 2.9, 1.6, 1.7, 1.5, 1.5, 1.5], numeric=frozenset({0, 3, 4, 5, 6, 7}))
    writer.paragraph("„Stand“ ist die letzte Einschätzung der Integrationskoordination; wo keine "
                     "vorliegt, der aus der Analyse abgeleitete Vorschlag (gekennzeichnet mit „*“).",
                     italic=True, size=9)

    for chapter in content["commitments"]:
        writer.page_break()
        writer.heading(f"{chapter['number']}. {chapter['short_title']}", 1)
        writer.paragraph(f"„{chapter['full_text']}“", style="Quote")
        writer.labelled("Stand", chapter["status"])
        if chapter.get("justification"):
            writer.labelled("Begründung", chapter["justification"])

        writer.heading("Was es gibt", 2)
        mso = chapter.get("mso_share")
        writer.paragraph(
            chapter.get("coverage_text",
                        f"{chapter['contributions']} aktive Angebote von {chapter['actors']} Akteuren")
            + (f"; {mso} % der Akteure sind Migrantenorganisationen." if mso is not None else "."))
        if chapter["by_type"]:
            writer.table(["Akteurstyp", "Angebote", "Akteure"], chapter["by_type"],
                         widths=[9.0, 3.0, 3.0], numeric=frozenset({1, 2}))
        if chapter["by_district"]:
            writer.table([german_wording().district, "Angebote", "Akteure"], chapter["by_district"],
                         widths=[9.0, 3.0, 3.0], numeric=frozenset({1, 2}))

        writer.heading("Netzwerk", 2)
        network = chapter["network"]
        writer.paragraph(network["summary"])
        if network.get("brokers"):
            writer.labelled("Verbindet (höchste Vermittlerrolle)", _joined(network["brokers"]))
        if network.get("peripheral"):
            writer.labelled("Am Rand (höchstens eine Verbindung)", _joined(network["peripheral"]))
        for index, island in enumerate(network.get("islands", [])[1:], start=2):
            writer.labelled(f"Gruppe {index}", _joined(island))

        writer.heading("Befunde", 2)
        if chapter["findings"]:
            for finding in chapter["findings"]:
                _finding_block(writer, finding)
        else:
            writer.paragraph("Keine Befunde.", italic=True)

        writer.heading("Handlungsempfehlungen", 2)
        _measures_block(writer, chapter["measures"])

    writer.page_break()
    writer.heading("Strukturvoraussetzungen", 1)
    writer.table(["Voraussetzung", "Stand", "Begründung", "Vorschlag der Analyse"],
                 [[p["name"], p["status"], p.get("justification") or "–", p.get("suggested") or "–"]
                  for p in content["prerequisites"]], widths=[3.2, 3.0, 6.5, 3.9])
    for prerequisite in content["prerequisites"]:
        if prerequisite.get("description"):
            writer.labelled(prerequisite["name"], prerequisite["description"])

    if content.get("general_findings") or content.get("general_measures"):
        writer.heading("Übergreifende Befunde", 1)
        for finding in content.get("general_findings", []):
            _finding_block(writer, finding)
        if content.get("general_measures"):
            writer.heading("Übergreifende Handlungsempfehlungen", 2)
            _measures_block(writer, content["general_measures"])

    writer.page_break()
    writer.heading("Anhang: Akteure", 1)
    writer.paragraph(f"{len(content['actors'])} Akteure (ohne Kontaktpersonen).", italic=True)
    writer.table(["Akteur", "Typ", "Wirkungsraum", "MSO", "Verwaltung", "Status",
                  "Selbstverpflichtungen"],
                 [[a["name"], a["type"], a["districts"], "ja" if a["mso"] else "nein",
                   "ja" if a["municipal"] else "nein", a["status"], a["commitments"] or "–"]
                  for a in content["actors"]], widths=[4.4, 3.2, 3.0, 1.2, 1.7, 1.5, 1.6])
    writer.paragraph(f"Erstellt mit Integrationsnetz am {german_date(content['generated_at'])}.",
                     italic=True, size=9)
    return writer.finish()

"""Word documents (DOCX, python-docx): the "Bausteine für das Integrationskonzept" and the
"Sachstandsbericht" for the council.

Both are written from a plain content dict (built by coordination.services.reports, stored with
a report snapshot), so a stored report renders the same document again later. Headings use
Word's built-in heading styles (the navigation pane and the table of contents pick them up), the
table of contents is a real TOC field, pre-filled with the chapter titles so it reads well
before Word or LibreOffice update it (F9 / "Verzeichnis aktualisieren" adds page numbers).
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
SEVERITIES = ("hoch", "mittel", "niedrig")
# Characters XML 1.0 does not allow (python-docx would refuse them).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def german_date(value) -> str:
    """"2026-03-01" or a date -> "01.03.2026"; "" for None."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.date()
    return value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)


def _clean(text) -> str:
    return _INVALID_XML.sub("", "" if text is None else str(text))


def _joined(values) -> str:
    return ", ".join(_clean(v) for v in values) if values else "–"


class _Writer:
    """A python-docx document with the few building blocks the two documents need."""

    def __init__(self, title: str, language: str = "de-DE"):
        self.document = Document()
        self.document.core_properties.title = _clean(title)
        self.document.core_properties.language = language
        self.document.core_properties.author = "Integrationsnetz"
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.0)
        normal = self.document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        self._set_language(language)
        self.headings: list[tuple[int, str]] = []
        self._toc_anchor = None

    def _set_language(self, language: str) -> None:
        """Document default language (spell checking, hyphenation)."""
        styles = self.document.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            return
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is None:
            return
        properties = run_defaults.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            run_defaults.append(properties)
        lang = properties.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            properties.append(lang)
        lang.set(qn("w:val"), language)

    def heading(self, text: str, level: int = 1):
        text = _clean(text)
        self.headings.append((level, text))
        return self.document.add_heading(text, level=level)

    def paragraph(self, text: str = "", style: str | None = None, bold: bool = False,
                  italic: bool = False, size: float | None = None, align=None):
        paragraph = self.document.add_paragraph(style=style)
        if text:
            run = paragraph.add_run(_clean(text))
            run.bold, run.italic = bold or None, italic or None
            if size:
                run.font.size = Pt(size)
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def labelled(self, label: str, text: str):
        """A paragraph "Label: text" with the label in bold."""
        paragraph = self.document.add_paragraph()
        paragraph.add_run(_clean(label) + ": ").bold = True
        paragraph.add_run(_clean(text))
        return paragraph

    def bullet(self, text: str, label: str | None = None):
        paragraph = self.document.add_paragraph(style="List Bullet")
        if label:
            paragraph.add_run(_clean(label) + " ").bold = True
        paragraph.add_run(_clean(text))
        return paragraph

    def table(self, columns: list[str], rows: list[list], widths: list[float] | None = None,
              numeric: frozenset[int] = frozenset()):
        """A table with a repeated, bold header row ("Table Grid" style, borders everywhere)."""
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        header = table.rows[0]
        _repeat_header(header)
        for cell, name in zip(header.cells, columns):
            cell.text = ""
            run = cell.paragraphs[0].add_run(_clean(name))
            run.bold = True
            _shade(cell, "D9E2F3")
        for values in rows:
            cells = table.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, values)):
                cell.text = _clean("–" if value in (None, "") else value)
                if index in numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if widths:
            for row in table.rows:
                for cell, width in zip(row.cells, widths):
                    cell.width = Cm(width)
        self.document.add_paragraph()
        return table

    def page_break(self):
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def toc_here(self, title: str):
        """A heading (not itself in the TOC) and the place of the table of contents."""
        self.document.add_paragraph(_clean(title), style="TOC Heading")
        self._toc_anchor = self.document.add_paragraph()

    def finish(self) -> bytes:
        if self._toc_anchor is not None:
            _fill_toc(self._toc_anchor, [(level, text) for level, text in self.headings
                                         if level <= 3])
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _field_char(run, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _fill_toc(anchor, entries: list[tuple[int, str]]) -> None:
    """Turn the empty paragraph `anchor` into a TOC field whose result lists `entries`.

    The field begins in the first entry's paragraph and ends in the anchor paragraph (a complex
    field may span paragraphs), so updating it in Word or LibreOffice replaces the whole list.
    """
    entries = entries or [(1, "")]
    first = None
    for level, text in entries:
        paragraph = anchor.insert_paragraph_before()
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(2)
        if first is None:
            first = paragraph
            _field_char(paragraph.add_run(), "begin")
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = f" {TOC_INSTRUCTION} "
            paragraph.add_run()._r.append(instruction)
            _field_char(paragraph.add_run(), "separate")
        run = paragraph.add_run(text)
        run.bold = level == 1 or None
    note = anchor.add_run("Seitenzahlen: Verzeichnis aktualisieren (Word: F9).")
    note.italic = True
    note.font.size = Pt(8)
    note.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    _field_char(anchor.add_run(), "end")


def _title_page(writer: _Writer, content: dict, title: str, subtitle: str) -> None:
    for _ in range(6):
        writer.paragraph()
    writer.paragraph(title, style="Title", align=WD_ALIGN_PARAGRAPH.CENTER)
    writer.paragraph(subtitle, style="Subtitle", align=WD_ALIGN_PARAGRAPH.CENTER)
    writer.paragraph()
    writer.paragraph(f"{content.get('commune_kind', '')} {content['commune']}".strip(), bold=True,
                     size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    writer.paragraph(f"Stand: {german_date(content['reporting_date'])}",
                     align=WD_ALIGN_PARAGRAPH.CENTER)
    writer.page_break()


def _finding_block(writer: _Writer, finding: dict) -> None:
    severity = finding["severity"]
    status = " – akzeptiert" if finding.get("status") == "accepted" else ""
    writer.paragraph(f"{finding['title']} (Priorität {severity}{status})", style="Heading 4")
    if finding.get("detail"):
        writer.paragraph(finding["detail"])
    if finding.get("actors"):
        writer.labelled("Akteure", _joined(finding["actors"]))
    if finding.get("districts"):
        writer.labelled("Stadtteile", _joined(finding["districts"]))
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


def building_blocks_docx(content: dict) -> bytes:
    """"Bausteine für das Integrationskonzept": title page, table of contents, summary table,
    one chapter per commitment, the structural prerequisites, cross-cutting findings and an
    annex with all actors (domain guide §4)."""
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
    writer.table(
        ["Nr.", "Selbstverpflichtung", "Stand", "Akteure", "Angebote", "offen: hoch", "mittel",
         "niedrig"],
        [[row["number"], row["short_title"], row["status"], row["actors"], row["contributions"],
          *(row["open"].get(s, 0) for s in SEVERITIES)] for row in content["summary"]],
        widths=[1.0, 5.6, 3.0, 1.6, 1.8, 1.7, 1.5, 1.5], numeric=frozenset({0, 3, 4, 5, 6, 7}))
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
            f"{chapter['contributions']} aktive Angebote von {chapter['actors']} Akteuren"
            + (f"; {mso} % der Akteure sind Migrantenorganisationen." if mso is not None else "."))
        if chapter["by_type"]:
            writer.table(["Akteurstyp", "Angebote", "Akteure"], chapter["by_type"],
                         widths=[9.0, 3.0, 3.0], numeric=frozenset({1, 2}))
        if chapter["by_district"]:
            writer.table(["Stadtteil", "Angebote", "Akteure"], chapter["by_district"],
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
                  for a in content["actors"]], widths=[4.6, 3.2, 3.2, 1.2, 1.6, 1.6, 1.6])
    writer.paragraph(f"Erstellt mit Integrationsnetz am {german_date(content['generated_at'])}.",
                     italic=True, size=9)
    return writer.finish()


def status_report_docx(content: dict) -> bytes:
    """The "Sachstandsbericht" to the council: addressee, reporting date, the ten commitments
    with status, justification and evidence, the five prerequisites, next steps; dated."""
    writer = _Writer(content["title"])
    writer.paragraph(f"{content.get('commune_kind', '')} {content['commune']}".strip(), bold=True)
    writer.paragraph(f"Mitteilungsvorlage an den {content['council']}")
    writer.paragraph(f"Stichtag: {german_date(content['reporting_date'])}")
    writer.heading(content["title"], 1)
    writer.paragraph(content["intro"])
    totals = content.get("totals", {})
    writer.paragraph(
        f"Grundlage ist die Bestandsaufnahme in Integrationsnetz: {totals.get('actors', 0)} aktive "
        f"Akteure (davon {totals.get('mso', 0)} Migrantenorganisationen), "
        f"{totals.get('contributions', 0)} aktive Angebote, {totals.get('cooperations', 0)} aktive "
        f"Kooperationen und {totals.get('bodies', 0)} aktive Gremien.")

    writer.heading("Stand der zehn Selbstverpflichtungen", 2)
    writer.table(["Nr.", "Selbstverpflichtung", "Stand", "Begründung", "Belege"],
                 [[row["number"], row["short_title"], row["status"], row["justification"] or "–",
                   row["evidence"]] for row in content["commitments"]],
                 widths=[1.0, 3.6, 2.6, 5.4, 4.0], numeric=frozenset({0}))
    if any(row.get("unassessed") for row in content["commitments"]):
        writer.paragraph("* noch nicht eingeschätzt: Vorschlag aus der Netzwerkanalyse.",
                         italic=True, size=9)

    writer.heading("Strukturvoraussetzungen", 2)
    writer.table(["Voraussetzung", "Stand", "Begründung"],
                 [[p["name"], p["status"], p.get("justification") or "–"]
                  for p in content["prerequisites"]], widths=[3.6, 3.0, 10.0])

    writer.heading("Nächste Schritte", 2)
    if content["next_steps"]:
        for step in content["next_steps"]:
            details = []
            if step.get("commitment"):
                details.append(f"Selbstverpflichtung {step['commitment']}")
            if step.get("responsible"):
                details.append(f"zuständig: {step['responsible']}")
            if step.get("due_date"):
                details.append(f"bis {german_date(step['due_date'])}")
            details.append(step["status"])
            writer.bullet(f"{step['text']} ({'; '.join(details)})")
    else:
        writer.paragraph("Es sind noch keine Handlungsempfehlungen erfasst.", italic=True)

    writer.paragraph()
    writer.paragraph(f"{content['commune']}, den {german_date(content['reporting_date'])}")
    if content.get("author"):
        writer.paragraph(content["author"])
    writer.paragraph(f"Erstellt mit Integrationsnetz am {german_date(content['generated_at'])}.",
                     italic=True, size=9)
    return writer.finish()

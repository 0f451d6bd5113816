"""The "Bausteine für das Integrationskonzept" as a Word document (DOCX), written from the
plain content dict of coordination.queries.concept with the shared writer of
coordination.exports.documents.

Chapters as in published municipal concepts (docs/domain.md): 1 Einleitung und Auftrag,
2 Leitbild und Leitziele, 3 Ausgangslage, 4 Bestandsaufnahme nach Handlungsfeldern,
5 Handlungsbedarfe (one section per commitment), 6 Ziele und Maßnahmen, 7 Strukturen,
8 Monitoring und Fortschreibung, Anhang. The contents list is a Word TOC field.
Pictures in a commitment's section come from the functions in COMMITMENT_PICTURES.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from babel.numbers import format_decimal
from docx.shared import Cm
from lxml import etree

from coordination.exports.charts import line_chart
from coordination.exports.concept_legacy import legacy_building_blocks_docx
from coordination.exports.concept_measures import goals_chapter
from coordination.exports.documents import (
    SEVERITIES,
    _joined,
    _paragraph_xml,
    _run_xml,
    _title_page,
    _Writer,
    german_date,
)
from coordination.exports.network_picture import network_description, network_png
from coordination.queries import report_trends
from coordination.wording import german_wording

LAYOUT = "integrationskonzept"


@dataclass(frozen=True)
class Picture:
    """An image for the document: PNG bytes, the text that describes it (alt text) and the
    caption printed under it."""

    png: bytes
    description: str
    caption: str


# Functions that add pictures to a commitment's section in chapter 5 (e.g. its network
# picture, its trend): each gets the section's content dict and the whole content and returns
# a Picture or None. They run in this order.
COMMITMENT_PICTURES: list[Callable[[dict, dict], Picture | None]] = []


def _trend_picture(chapter: dict, _content: dict) -> Picture | None:
    """The commitment's trend (offers, actors, cooperations at quarter ends), if recorded."""
    trend = chapter.get("trend")
    if not trend:
        return None
    subject = f"Selbstverpflichtung {chapter['number']}"
    return Picture(report_trends.chart(trend), report_trends.alt_text(trend, subject),
                   f"Entwicklung der Angebote, Akteure und Kooperationen ({subject})")


def _network_picture(chapter: dict, _content: dict) -> Picture | None:
    """The commitment's actors and their cooperations as on the network page (stored layout,
    same colours and legend), when at least two actors work on it."""
    drawing = chapter.get("network_picture")
    if not drawing or len(drawing["nodes"]) < 2:
        return None
    return Picture(network_png(drawing), network_description(drawing), drawing["title"])


COMMITMENT_PICTURES.extend([_network_picture, _trend_picture])


def number(value: float) -> str:
    """German number: 14,2 · 1.234."""
    return format_decimal(value, format="#,##0.##", locale="de_DE")


def picture(writer: _Writer, image: Picture, width_cm: float = 15.0) -> None:
    """The picture, centred, with its description as alt text and its caption below."""
    inline = writer.document.part.new_pic_inline(io.BytesIO(image.png), width=Cm(width_cm))
    picture_id = len(writer.parts) + 1000  # unique per document (docPr ids must differ)
    inline.docPr.set("id", str(picture_id))
    inline.docPr.set("descr", image.description)
    inline.docPr.set("title", image.caption)
    drawing = etree.tostring(inline, encoding="unicode")
    writer.parts.append(_paragraph_xml(f"<w:r><w:drawing>{drawing}</w:drawing></w:r>",
                                       align="center", space_after=60))
    writer.paragraph(image.caption, style="Caption", align="center")


def _note(writer: _Writer, text: str) -> None:
    writer.paragraph(text, italic=True, size=9)


def _indicator_chart(indicator: dict, figure: int) -> Picture:
    points = [tuple(point) for point in indicator["points"]]
    png = line_chart([("gesamt", points)], unit=indicator["unit"], number=number,
                     image_format="png", size=(6.4, 2.4))
    first, last = points[0], points[-1]
    description = (f"Liniendiagramm: {indicator['name']} ({indicator['unit']}), {first[0]} bis "
                   f"{last[0]}: von {number(first[1])} auf {number(last[1])}.")
    source = f" Quelle: {indicator['source']}." if indicator.get("source") else ""
    return Picture(png, description, f"Abbildung {figure}: {indicator['name']} "
                                     f"({indicator['unit']}).{source}")


def _introduction(writer: _Writer, content: dict) -> None:
    texts = content["texts"]
    writer.heading("1 Einleitung und Auftrag", 1)
    if texts["mandate"]:
        writer.paragraph(texts["mandate"])
    else:
        _note(writer, "Anlass und Auftrag (Beschluss, Datum, Drucksache) sind noch nicht "
                      "beschrieben: Integrationsnetz → Berichte → Texte des Integrationskonzepts.")
    writer.paragraph(
        f"Grundlage dieser Bausteine sind die zehn kommunalen Selbstverpflichtungen des "
        f"Nationalen Integrationsplans 2007 (Wortlaut in Anhang A), die Bestandsaufnahme der "
        f"Integrationsarbeit in {content['commune']} zum Stichtag "
        f"{german_date(content['reporting_date'])} und das Integrationsmonitoring. Die "
        f"Handlungsfelder bilden den Rahmen des Konzepts; jede Maßnahme und jeder Befund "
        f"gehört zugleich zu einer Selbstverpflichtung.")
    writer.heading("2 Leitbild und Leitziele", 1)
    writer.heading("2.1 Leitbild", 2)
    if texts["vision"]:
        writer.paragraph(texts["vision"])
    else:
        _note(writer, "Das Leitbild ist noch nicht formuliert.")
    writer.heading("2.2 Leitziele", 2)
    for goal in texts["guiding_goals"]:
        writer.paragraph(goal, style="List Number")
    if not texts["guiding_goals"]:
        _note(writer, "Die Leitziele sind noch nicht formuliert.")


def _starting_point(writer: _Writer, content: dict) -> None:
    writer.heading("3 Ausgangslage", 1)
    totals = content["totals"]
    writer.paragraph(f"Bestand der Integrationsarbeit am {german_date(content['reporting_date'])}:")
    writer.table(["Kennzahl", "Anzahl"], [
        ["aktive Akteure", totals.get("actors", 0)],
        ["davon Migrantenorganisationen", totals.get("mso", 0)],
        ["aktive Angebote", totals.get("contributions", 0)],
        ["aktive Kooperationen", totals.get("cooperations", 0)],
        ["aktive Gremien", totals.get("bodies", 0)]], widths=[10.0, 3.0], numeric=frozenset({1}))
    indicators = [i for i in content["indicators"] if i["latest"]]
    writer.heading("3.1 Integrationsmonitoring", 2)
    if not indicators:
        _note(writer, "Für die Indikatoren des Integrationsmonitorings sind noch keine Werte "
                      "erfasst (Übersicht in Kapitel 8).")
        return
    writer.paragraph("Die Indikatoren stammen aus der amtlichen Statistik; angegeben ist der "
                     "jeweils neueste Jahreswert für die gesamte Kommune und, soweit vorhanden, "
                     "der Wert des Vorjahres der Zeitreihe.")
    writer.table(["Indikator", "Einheit", "Jahr", "Wert", "zuvor", "Quelle"], [
        [i["name"], i["unit"], i["latest"][0], number(i["latest"][1]),
         f"{number(i['previous'][1])} ({i['previous'][0]})" if i["previous"] else "–",
         i["source"]] for i in indicators],
        widths=[5.0, 1.6, 1.2, 1.6, 2.4, 4.8], numeric=frozenset({2, 3}))
    for figure, indicator in enumerate((i for i in indicators if len(i["points"]) > 1), start=1):
        picture(writer, _indicator_chart(indicator, figure), width_cm=12.5)


def _inventory(writer: _Writer, content: dict) -> None:
    writer.heading("4 Bestandsaufnahme nach Handlungsfeldern", 1)
    writer.paragraph("Was es in den Handlungsfeldern gibt und wer es trägt: die aktiven Angebote "
                     "zum Stichtag. Die Spalte „SV“ nennt die Selbstverpflichtung, zu der ein "
                     "Angebot gehört; ihr Abschnitt in Kapitel 5 beschreibt den Handlungsbedarf.")
    if content.get("mso_definition"):
        _note(writer, content["mso_definition"])
    empty = [field["name"] for field in content["inventory"] if not field["contributions"]]
    filled = [field for field in content["inventory"] if field["contributions"]]
    for index, field in enumerate(filled, start=1):
        writer.heading(f"4.{index} {field['name']}", 2)
        writer.labelled("Aktive Angebote", str(field["contributions"]))
        writer.labelled("Beteiligte Akteure", f"{field['actors']}, davon Migrantenorganisationen: "
                                              f"{field['mso']}")
        writer.labelled("Selbstverpflichtungen", ", ".join(
            f"{number_} (Abschnitt 5.{number_})" for number_ in field["commitments"]))
        writer.table(["Angebot", "Träger (federführend zuerst)", "Zielgruppen", "Wo", "SV"], [
            [offer["title"], _joined(offer["actors"]), _joined(offer["target_groups"]),
             _joined(offer["districts"]), offer["commitment"]] for offer in field["offers"]],
            widths=[4.2, 4.6, 3.6, 3.2, 1.0], numeric=frozenset({4}))
    if empty:
        writer.labelled("Ohne aktives Angebot", ", ".join(empty))


def _finding_block(writer: _Writer, finding: dict) -> None:
    accepted = " – akzeptiert" if finding.get("status") == "accepted" else ""
    writer.paragraph(f"{finding['title']} (Priorität {finding['severity']}{accepted})",
                     style="Heading 4")
    if finding.get("detail"):
        writer.paragraph(finding["detail"])
    for label, key in (("Akteure", "actors"), (german_wording().districts, "districts"),
                       ("Zielgruppen", "target_groups")):
        if finding.get(key):
            writer.labelled(label, _joined(finding[key]))
    if finding.get("status") == "accepted" and finding.get("reason"):
        writer.labelled("Begründung der Akzeptanz", finding["reason"])
    writer.labelled("Art des Befunds", finding.get("rule_title") or finding["rule"])


def _commitment_section(writer: _Writer, chapter: dict, content: dict) -> None:
    writer.heading(f"5.{chapter['number']} Selbstverpflichtung {chapter['number']}: "
                   f"{chapter['short_title']}", 2)
    writer.labelled("Wortlaut", f"Anhang A, Nr. {chapter['number']}")
    writer.labelled("Stand", chapter["status"])
    if chapter.get("suggestion"):
        writer.labelled("Hinweis der Analyse",
                        f"{chapter['suggestion']} – {chapter['suggestion_reason']}")
    if chapter.get("justification"):
        writer.labelled("Begründung", chapter["justification"])
    if chapter["fields"]:
        writer.labelled("Handlungsfelder", ", ".join(chapter["fields"]))
    mso = chapter.get("mso_share")
    writer.labelled("Was es gibt", chapter["coverage_text"] + (
        f"; {mso} % der Akteure sind Migrantenorganisationen." if mso is not None else "."))
    network = chapter["network"]
    writer.labelled("Netzwerk", network["summary"])
    if network["brokers"]:
        writer.labelled("Verbindet (höchste Vermittlerrolle)", _joined(network["brokers"]))
    if network["peripheral"]:
        writer.labelled("Am Rand (höchstens eine Verbindung)", _joined(network["peripheral"]))
    for index, island in enumerate(network["islands"][1:], start=2):
        writer.labelled(f"Gruppe {index}", _joined(island))
    for make in COMMITMENT_PICTURES:
        image = make(chapter, content)
        if image is not None:
            picture(writer, image)
    for finding in chapter["findings"]:
        _finding_block(writer, finding)
    if not chapter["findings"]:
        _note(writer, "Die Lückenanalyse nennt hier keinen Befund.")


def _needs(writer: _Writer, content: dict) -> None:
    needs = content["needs"]
    writer.heading("5 Handlungsbedarfe", 1)
    writer.paragraph("Die Lückenanalyse prüft das Netzwerk gegen die zehn Selbstverpflichtungen. "
                     "Die Übersicht nennt je Selbstverpflichtung den Stand, was es gibt und die "
                     "offenen Befunde nach Priorität; die Abschnitte 5.1 bis 5.10 erläutern sie.")
    writer.table(
        ["Nr.", "Selbstverpflichtung", "Stand", "Hinweis der Analyse", "Akteure", "Angebote",
         "offen: hoch", "offen: mittel", "offen: niedrig"],
        [[row["number"], row["short_title"], row["status"], row.get("suggestion") or "–",
          row["actors"], row["contributions"], *(row["open"].get(s, 0) for s in SEVERITIES)]
         for row in needs["overview"]],
        widths=[0.8, 4.0, 2.4, 2.4, 1.4, 1.5, 1.4, 1.4, 1.3],
        numeric=frozenset({0, 4, 5, 6, 7, 8}))
    _note(writer, "„Stand“ ist die letzte Einschätzung der Integrationskoordination bis zum "
                  "Stichtag; wo keine vorliegt, steht „nicht eingeschätzt“. Der „Hinweis der "
                  "Analyse“ ist ein Vorschlag aus den erfassten Daten und ersetzt keine "
                  "Einschätzung.")
    for chapter in needs["commitments"]:
        _commitment_section(writer, chapter, content)
    if needs["general"]:
        writer.heading("5.11 Übergreifende Befunde", 2)
        for finding in needs["general"]:
            _finding_block(writer, finding)


def _structures(writer: _Writer, content: dict) -> None:
    structures = content["structures"]
    writer.heading("7 Strukturen", 1)
    writer.paragraph("Die fünf Strukturvoraussetzungen, die der Nationale Integrationsplan "
                     "nennt: wer steuert, moderiert, koordiniert, vernetzt und auswertet.")
    writer.table(["Voraussetzung", "Stand", "Begründung", "Hinweis der Analyse"],
                 [[p["name"], p["status"], p.get("justification") or "–", p.get("suggested") or "–"]
                  for p in structures["prerequisites"]], widths=[3.2, 3.0, 6.5, 3.9])
    for prerequisite in structures["prerequisites"]:
        if prerequisite.get("description"):
            writer.labelled(prerequisite["name"], prerequisite["description"])
    if structures["bodies"]:
        writer.paragraph("Aktive Gremien:")
        writer.table(["Gremium", "Art", "federführend", "Mitglieder"],
                     [[b["name"], b["kind"], b["lead"] or "–", b["members"]]
                      for b in structures["bodies"]],
                     widths=[6.0, 4.2, 4.6, 1.8], numeric=frozenset({3}))


def _monitoring(writer: _Writer, content: dict) -> None:
    texts = content["texts"]
    writer.heading("8 Monitoring und Fortschreibung", 1)
    if texts["evaluation"]:
        writer.paragraph(texts["evaluation"])
    else:
        _note(writer, "Wer wann auswertet und wem berichtet wird, ist noch nicht beschrieben.")
    writer.labelled("Nächste Fortschreibung", german_date(texts["next_update"])
                    if texts["next_update"] else "noch nicht festgelegt")
    writer.paragraph("Indikatoren des Integrationsmonitorings:")
    writer.table(["Indikator", "Einheit", "Quelle", "neuester Wert"], [
        [i["name"], i["unit"], i["source"] or "–",
         f"{number(i['latest'][1])} ({i['latest'][0]})" if i["latest"] else "noch keiner"]
        for i in content["indicators"]], widths=[6.4, 1.8, 5.4, 3.0])


def _annex(writer: _Writer, content: dict) -> None:
    writer.page_break()
    writer.heading("Anhang", 1)
    writer.heading("A Wortlaut der zehn Selbstverpflichtungen", 2)
    writer.paragraph("Im Nationalen Integrationsplan 2007 (S. 31–33) empfehlen die kommunalen "
                     "Spitzenverbände den Kommunen, …")
    for item in content["commitment_texts"]:
        writer.parts.append(_paragraph_xml(
            _run_xml(f"{item['number']}. {item['short_title']}: ", bold=True)
            + _run_xml(f"„{item['full_text']}“", italic=True), space_after=120))
    upkeep = content["needs"]["upkeep"]
    writer.heading("B Datenpflege", 2)
    if upkeep:
        writer.paragraph(f"Hinweise zur Pflege der Einträge (keine Lücken der Integrationsarbeit; "
                         f"sie gehen in keinen Stand ein): {len(upkeep)}.")
        for finding in upkeep:
            writer.bullet(finding["title"])
    else:
        writer.paragraph("Alle Einträge sind aktuell.")
    writer.heading("C Akteure", 2)
    writer.paragraph(f"Akteure ohne Kontaktpersonen: {len(content['actors'])}.", italic=True)
    writer.table(["Akteur", "Typ", "Wirkungsraum", "MSO", "Verwaltung", "Status", "SV"],
                 [[a["name"], a["type"], a["districts"], "ja" if a["mso"] else "nein",
                   "ja" if a["municipal"] else "nein", a["status"], a["commitments"] or "–"]
                  for a in content["actors"]], widths=[4.4, 3.2, 3.0, 1.2, 1.7, 1.5, 1.6])


def building_blocks_docx(content: dict) -> bytes:
    """The Bausteine as DOCX: title page, contents (TOC field), chapters 1-8, annex. Contents of
    reports stored before this layout render in the layout of their time."""
    if content.get("layout") != LAYOUT:
        return legacy_building_blocks_docx(content)
    writer = _Writer(content["title"])
    _title_page(writer, content, content["title"],
                "Bausteine für ein kommunales Integrationskonzept auf Grundlage der zehn "
                "Selbstverpflichtungen des Nationalen Integrationsplans")
    writer.toc_here("Inhalt")
    writer.page_break()
    _introduction(writer, content)
    _starting_point(writer, content)
    _inventory(writer, content)
    _needs(writer, content)
    goals_chapter(writer, content)
    _structures(writer, content)
    _monitoring(writer, content)
    _annex(writer, content)
    _note(writer, f"Erstellt mit Integrationsnetz am {german_date(content['generated_at'])}.")
    return writer.finish()


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
from flask_babel import gettext as _
from flask_babel import ngettext
from lxml import etree

from coordination.exports import trend_chart
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
    actors_table,
    coverage_sentence,
    finding_block,
    german_date,
    network_roles,
    prerequisites_table,
)
from coordination.exports.network_picture import network_description, network_png

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
    subject = _("Selbstverpflichtung %(number)s", number=chapter["number"])
    return Picture(trend_chart.chart(trend), trend_chart.alt_text(trend, subject),
                   _("Entwicklung der Angebote, Akteure und Kooperationen (%(subject)s)",
                     subject=subject))


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


def _own_text(writer: _Writer, text: str, missing: str) -> None:
    """A text of the coordinator's own (Texte des Integrationskonzepts), or the note `missing`
    that it is still to be written."""
    if text:
        writer.paragraph(text)
    else:
        _note(writer, missing)


def _note(writer: _Writer, text: str) -> None:
    writer.paragraph(text, italic=True, size=9)


def _indicator_chart(indicator: dict, figure: int) -> Picture:
    points = [tuple(point) for point in indicator["points"]]
    png = line_chart([(_("gesamt"), points)], unit=indicator["unit"], number=number,
                     image_format="png", size=(6.4, 2.4))
    first, last = points[0], points[-1]
    description = _("Liniendiagramm: %(name)s (%(unit)s), %(first_year)s bis %(last_year)s: von "
                    "%(first)s auf %(last)s.", name=indicator["name"], unit=indicator["unit"],
                    first_year=first[0], last_year=last[0], first=number(first[1]),
                    last=number(last[1]))
    if indicator.get("source"):
        caption = _("Abbildung %(figure)d: %(name)s (%(unit)s). Quelle: %(source)s.",
                    figure=figure, name=indicator["name"], unit=indicator["unit"],
                    source=indicator["source"])
    else:
        caption = _("Abbildung %(figure)d: %(name)s (%(unit)s).", figure=figure,
                    name=indicator["name"], unit=indicator["unit"])
    return Picture(png, description, caption)


def _introduction(writer: _Writer, content: dict) -> None:
    texts = content["texts"]
    writer.heading(_("1 Einleitung und Auftrag"), 1)
    _own_text(writer, texts["mandate"], _("Anlass und Auftrag (Beschluss, Datum, Drucksache) sind noch "
                                          "nicht beschrieben: Integrationsnetz → Berichte → Texte des "
                                          "Integrationskonzepts."))
    writer.paragraph(_(
        "Grundlage dieser Bausteine sind die zehn kommunalen Selbstverpflichtungen des "
        "Nationalen Integrationsplans 2007 (Wortlaut in Anhang A), die Bestandsaufnahme der "
        "Integrationsarbeit %(in_commune)s zum Stichtag %(date)s und das Integrationsmonitoring. "
        "Die Handlungsfelder bilden den Rahmen des Konzepts; jede Maßnahme und jeder Befund "
        "gehört zugleich zu einer Selbstverpflichtung.",
        # stored before the commune's kind was kept: "in NAME"
        in_commune=content.get("in_commune") or _("in %(name)s", name=content["commune"]),
        date=german_date(content["reporting_date"])))
    writer.heading(_("2 Leitbild und Leitziele"), 1)
    writer.heading(_("2.1 Leitbild"), 2)
    _own_text(writer, texts["vision"], _("Das Leitbild ist noch nicht formuliert."))
    writer.heading(_("2.2 Leitziele"), 2)
    for goal in texts["guiding_goals"]:
        writer.paragraph(goal, style="List Number")
    if not texts["guiding_goals"]:
        _note(writer, _("Die Leitziele sind noch nicht formuliert."))


def _starting_point(writer: _Writer, content: dict) -> None:
    writer.heading(_("3 Ausgangslage"), 1)
    totals = content["totals"]
    writer.paragraph(_("Bestand der Integrationsarbeit am %(date)s:",
                       date=german_date(content["reporting_date"])))
    writer.table([_("Kennzahl"), _("Anzahl")], [
        [_("aktive Akteure"), totals.get("actors", 0)],
        [_("davon Migrantenorganisationen"), totals.get("mso", 0)],
        [_("aktive Angebote"), totals.get("contributions", 0)],
        [_("aktive Kooperationen"), totals.get("cooperations", 0)],
        [_("aktive Gremien"), totals.get("bodies", 0)]], widths=[10.0, 3.0], numeric=frozenset({1}))
    indicators = [i for i in content["indicators"] if i["latest"]]
    writer.heading(_("3.1 Integrationsmonitoring"), 2)
    if not indicators:
        _note(writer, _("Für die Indikatoren des Integrationsmonitorings sind noch keine Werte "
                        "erfasst (Übersicht in Kapitel 8)."))
        return
    writer.paragraph(_("Die Indikatoren stammen aus der amtlichen Statistik; angegeben ist der "
                       "jeweils neueste Jahreswert für die gesamte Kommune und, soweit vorhanden, "
                       "der Wert des Vorjahres der Zeitreihe."))
    writer.table([_("Indikator"), _("Einheit"), _("Jahr"), _("Wert"), _("zuvor"), _("Quelle")], [
        [i["name"], i["unit"], i["latest"][0], number(i["latest"][1]),
         f"{number(i['previous'][1])} ({i['previous'][0]})" if i["previous"] else "–",
         i["source"]] for i in indicators],
        widths=[5.0, 1.6, 1.2, 1.6, 2.4, 4.8], numeric=frozenset({2, 3}))
    for figure, indicator in enumerate((i for i in indicators if len(i["points"]) > 1), start=1):
        picture(writer, _indicator_chart(indicator, figure), width_cm=12.5)


def _inventory(writer: _Writer, content: dict) -> None:
    writer.heading(_("4 Bestandsaufnahme nach Handlungsfeldern"), 1)
    writer.paragraph(_("Was es in den Handlungsfeldern gibt und wer es trägt: die aktiven Angebote "
                       "zum Stichtag. Die Spalte „SV“ nennt die Selbstverpflichtung, zu der ein "
                       "Angebot gehört; ihr Abschnitt in Kapitel 5 beschreibt den "
                       "Handlungsbedarf."))
    if content.get("mso_definition"):
        _note(writer, content["mso_definition"])
    empty = [field["name"] for field in content["inventory"] if not field["contributions"]]
    filled = [field for field in content["inventory"] if field["contributions"]]
    for index, field in enumerate(filled, start=1):
        writer.heading(f"4.{index} {field['name']}", 2)
        writer.labelled(_("Aktive Angebote"), str(field["contributions"]))
        writer.labelled(_("Beteiligte Akteure"), _(
            "%(actors)d, davon Migrantenorganisationen: %(mso)d", actors=field["actors"],
            mso=field["mso"]))
        writer.labelled(_("Selbstverpflichtungen"), ", ".join(
            _("%(number)s (Abschnitt 5.%(number)s)", number=number_)
            for number_ in field["commitments"]))
        writer.table([_("Angebot"), _("Träger (federführend zuerst)"), _("Zielgruppen"), _("Wo"),
                      _("SV")], [
            [offer["title"], _joined(offer["actors"]), _joined(offer["target_groups"]),
             _joined(offer["districts"]), offer["commitment"]] for offer in field["offers"]],
            widths=[4.2, 4.6, 3.6, 3.2, 1.0], numeric=frozenset({4}))
    if empty:
        writer.labelled(_("Ohne aktives Angebot"), ", ".join(empty))


def _commitment_section(writer: _Writer, chapter: dict, content: dict) -> None:
    writer.heading(_("5.%(number)s Selbstverpflichtung %(number)s: %(title)s",
                     number=chapter["number"], title=chapter["short_title"]), 2)
    writer.labelled(_("Wortlaut"), _("Anhang A, Nr. %(number)s", number=chapter["number"]))
    writer.labelled(_("Stand"), chapter["status"])
    if chapter.get("suggestion"):
        writer.labelled(_("Hinweis der Analyse"), _(
            "Vorschlag „%(status)s“. %(reason)s", status=chapter["suggestion"],
            reason=chapter["suggestion_reason"]))
    if chapter.get("justification"):
        writer.labelled(_("Begründung"), chapter["justification"])
    if chapter["fields"]:
        writer.labelled(_("Handlungsfelder"), ", ".join(chapter["fields"]))
    writer.labelled(_("Was es gibt"), coverage_sentence(chapter))
    network = chapter["network"]
    writer.labelled(_("Netzwerk"), network["summary"])
    network_roles(writer, network)
    for make in COMMITMENT_PICTURES:
        image = make(chapter, content)
        if image is not None:
            picture(writer, image)
    for finding in chapter["findings"]:
        finding_block(writer, finding)
    if not chapter["findings"]:
        _note(writer, _("Die Lückenanalyse nennt hier keinen Befund."))


def _needs(writer: _Writer, content: dict) -> None:
    needs = content["needs"]
    writer.heading(_("5 Handlungsbedarfe"), 1)
    writer.paragraph(_("Die Lückenanalyse prüft das Netzwerk gegen die zehn "
                       "Selbstverpflichtungen. Die Übersicht nennt je Selbstverpflichtung den "
                       "Stand, was es gibt und die offenen Befunde nach Priorität; die Abschnitte "
                       "5.1 bis 5.10 erläutern sie. Hinweise zur Datenpflege stehen in Anhang B "
                       "und sind hier nicht mitgezählt."))
    writer.table(
        [_("Nr."), _("Selbstverpflichtung"), _("Stand"), _("Hinweis der Analyse"), _("Akteure"),
         _("Angebote"), _("offen: hoch"), _("offen: mittel"), _("offen: niedrig")],
        [[row["number"], row["short_title"], row["status"], row.get("suggestion") or "–",
          row["actors"], row["contributions"], *(row["open"].get(s, 0) for s in SEVERITIES)]
         for row in needs["overview"]],
        widths=[0.8, 4.0, 2.4, 2.4, 1.4, 1.5, 1.4, 1.4, 1.3],
        numeric=frozenset({0, 4, 5, 6, 7, 8}))
    _note(writer, _("„Stand“ ist die letzte Einschätzung der Integrationskoordination bis zum "
                    "Stichtag; wo keine vorliegt, steht „nicht eingeschätzt“. Der „Hinweis der "
                    "Analyse“ ist ein Vorschlag aus den erfassten Daten und ersetzt keine "
                    "Einschätzung."))
    for chapter in needs["commitments"]:
        _commitment_section(writer, chapter, content)
    if needs["general"]:
        writer.heading(_("5.11 Übergreifende Befunde"), 2)
        for finding in needs["general"]:
            finding_block(writer, finding)


def _structures(writer: _Writer, content: dict) -> None:
    structures = content["structures"]
    writer.heading(_("7 Strukturen"), 1)
    writer.paragraph(_("Die fünf Strukturvoraussetzungen, die der Nationale Integrationsplan "
                       "nennt: wer steuert, moderiert, koordiniert, vernetzt und auswertet."))
    prerequisites_table(writer, structures["prerequisites"], _("Hinweis der Analyse"))
    if structures["bodies"]:
        writer.paragraph(_("Aktive Gremien:"))
        writer.table([_("Gremium"), _("Art"), _("federführend"), _("Mitglieder")],
                     [[b["name"], b["kind"], b["lead"] or "–", b["members"]]
                      for b in structures["bodies"]],
                     widths=[6.0, 4.2, 4.6, 1.8], numeric=frozenset({3}))


def _monitoring(writer: _Writer, content: dict) -> None:
    texts = content["texts"]
    writer.heading(_("8 Monitoring und Fortschreibung"), 1)
    _own_text(writer, texts["evaluation"],
              _("Wer wann auswertet und wem berichtet wird, ist noch nicht beschrieben."))
    writer.labelled(_("Nächste Fortschreibung"), german_date(texts["next_update"])
                    if texts["next_update"] else _("noch nicht festgelegt"))
    writer.paragraph(_("Indikatoren des Integrationsmonitorings:"))
    none_yet = _("noch keiner")
    writer.table([_("Indikator"), _("Einheit"), _("Quelle"), _("neuester Wert")], [
        [i["name"], i["unit"], i["source"] or "–",
         f"{number(i['latest'][1])} ({i['latest'][0]})" if i["latest"] else none_yet]
        for i in content["indicators"]], widths=[6.4, 1.8, 5.4, 3.0])


def _annex(writer: _Writer, content: dict) -> None:
    writer.page_break()
    writer.heading(_("Anhang"), 1)
    writer.heading(_("A Wortlaut der zehn Selbstverpflichtungen"), 2)
    writer.paragraph(_("Im Nationalen Integrationsplan 2007 (S. 31–33) empfehlen die kommunalen "
                       "Spitzenverbände den Kommunen, …"))
    for item in content["commitment_texts"]:
        writer.parts.append(_paragraph_xml(
            _run_xml(f"{item['number']}. {item['short_title']}: ", bold=True)
            + _run_xml(f"„{item['full_text']}“", italic=True), space_after=120))
    upkeep = content["needs"]["upkeep"]
    writer.heading(_("B Datenpflege"), 2)
    if upkeep:
        writer.paragraph(ngettext(
            "%(num)d Hinweis zur Pflege der Einträge (keine Lücke der Integrationsarbeit; er geht "
            "in keinen Stand ein):",
            "%(num)d Hinweise zur Pflege der Einträge (keine Lücken der Integrationsarbeit; sie "
            "gehen in keinen Stand ein):", len(upkeep)))
        for finding in upkeep:
            finding_block(writer, finding)  # names the entries to check
    else:
        writer.paragraph(_("Alle Einträge sind aktuell."))
    writer.heading(_("C Akteure"), 2)
    writer.paragraph(ngettext("%(num)d Akteur, ohne Kontaktpersonen.",
                              "%(num)d Akteure, ohne Kontaktpersonen.", len(content["actors"])),
                     italic=True)
    actors_table(writer, content["actors"], _("SV"))


def building_blocks_docx(content: dict) -> bytes:
    """The Bausteine as DOCX: title page, contents (TOC field), chapters 1-8, annex. Contents of
    reports stored before this layout render in the layout of their time."""
    if content.get("layout") != LAYOUT:
        return legacy_building_blocks_docx(content)
    writer = _Writer(content["title"])
    _title_page(writer, content, content["title"],
                _("Bausteine für ein kommunales Integrationskonzept auf Grundlage der zehn "
                  "Selbstverpflichtungen des Nationalen Integrationsplans"))
    writer.toc_here(_("Inhalt"))
    writer.page_break()
    _introduction(writer, content)
    _starting_point(writer, content)
    _inventory(writer, content)
    _needs(writer, content)
    goals_chapter(writer, content)
    _structures(writer, content)
    _monitoring(writer, content)
    _annex(writer, content)
    _note(writer, _("Erstellt mit Integrationsnetz am %(date)s.",
                    date=german_date(content["generated_at"])))
    return writer.finish()


"""Word documents (DOCX, python-docx): the writer both documents share, and the
"Sachstandsbericht" for the council (the "Bausteine für das Integrationskonzept" are in
coordination.exports.concept).

Both documents are written from a plain content dict (built by coordination.services.reports, stored with
a report snapshot), so a stored report renders the same document again later. Headings use
Word's built-in heading styles (the navigation pane and the table of contents pick them up), the
table of contents is a real TOC field, pre-filled with the chapter titles so it reads well
before Word or LibreOffice update it (F9 / "Verzeichnis aktualisieren" adds page numbers).
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.queries.analysis import rule_title
from coordination.wording import german_wording

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
SEVERITIES = ("hoch", "mittel", "niedrig")
TABLE_FONT_SIZE = 9  # pt
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


def _run_xml(text, bold: bool = False, italic: bool = False, size: float | None = None,
             color: str | None = None) -> str:
    """A run: escaped text with line breaks kept, optional formatting (rPr in schema order)."""
    properties = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if color:
        properties += f'<w:color w:val="{color}"/>'
    if size:
        properties += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
    lines = _clean(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{body}</w:r>"


def _paragraph_xml(runs: str = "", style_id: str | None = None, align: str | None = None,
                   indent: int | None = None, space_after: int | None = None) -> str:
    """A paragraph around `runs` (pPr children in schema order: pStyle, spacing, ind, jc)."""
    properties = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    if space_after is not None:
        properties += f'<w:spacing w:after="{space_after}"/>'
    if indent:
        properties += f'<w:ind w:left="{indent}"/>'
    if align:
        properties += f'<w:jc w:val="{align}"/>'
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{runs}</w:p>"


class _Writer:
    """The two documents' building blocks, written as WordprocessingML into python-docx's
    default template (which brings Word's built-in styles: Title, Heading 1-4, List Bullet,
    Table Grid, TOC Heading).

    The body is collected as XML text and parsed once at the end: building it element by
    element with python-docx takes seconds for a large commune, this takes milliseconds.
    """

    def __init__(self, title: str, language: str = "de-DE"):
        self.document = Document()
        properties = self.document.core_properties
        properties.title, properties.language = _clean(title), language
        properties.author = "Integrationsnetz"
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.0)
        normal = self.document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        self._set_language(language)
        self._style_ids: dict[str, str] = {}
        self.parts: list[str] = []
        self.headings: list[tuple[int, str]] = []
        self._toc_at: int | None = None

    def _set_language(self, language: str) -> None:
        """Document default language (spell checking, hyphenation)."""
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
        properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
        if properties is None:
            return
        lang = properties.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            properties.append(lang)
        lang.set(qn("w:val"), language)

    def style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return self._style_ids[name]

    def heading(self, text: str, level: int = 1) -> None:
        self.headings.append((level, _clean(text)))
        self.parts.append(_paragraph_xml(_run_xml(text), self.style_id(f"Heading {level}")))

    def paragraph(self, text: str = "", style: str | None = None, bold: bool = False,
                  italic: bool = False, size: float | None = None, align: str | None = None) -> None:
        runs = _run_xml(text, bold, italic, size) if text else ""
        self.parts.append(_paragraph_xml(runs, self.style_id(style) if style else None, align))

    def labelled(self, label: str, text: str) -> None:
        """A paragraph "Label: text" with the label in bold."""
        self.parts.append(_paragraph_xml(_run_xml(f"{label}: ", bold=True) + _run_xml(text)))

    def bullet(self, text: str, label: str | None = None) -> None:
        runs = (_run_xml(f"{label} ", bold=True) if label else "") + _run_xml(text)
        self.parts.append(_paragraph_xml(runs, self.style_id("List Bullet")))

    def table(self, columns: list[str], rows: list[list], widths: list[float] | None = None,
              numeric: frozenset[int] = frozenset()) -> None:
        """A table ("Table Grid" style: borders everywhere) with a bold, shaded header row that
        repeats on every page; `widths` in cm (fixed layout), `numeric` columns right-aligned."""
        widths = widths or [16.6 / len(columns)] * len(columns)
        twips = [int(width * 567) for width in widths]  # 1 cm = 567 twentieths of a point
        parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style_id("Table Grid")}"/>'
                 '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
                 '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
                 'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        parts += [f'<w:gridCol w:w="{w}"/>' for w in twips]
        parts.append('</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>')
        parts += [_cell_xml(name, width, header=True) for name, width in zip(columns, twips)]
        parts.append("</w:tr>")
        for values in rows:
            parts.append("<w:tr>")
            parts += [_cell_xml("–" if value in (None, "") else value, width,
                                right=index in numeric)
                      for index, (value, width) in enumerate(zip(values, twips))]
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self.parts.append("".join(parts))
        self.parts.append(_paragraph_xml())

    def page_break(self) -> None:
        self.parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def toc_here(self, title: str) -> None:
        """A heading (not itself in the TOC) and the place of the table of contents."""
        self.parts.append(_paragraph_xml(_run_xml(title), self.style_id("TOC Heading")))
        self._toc_at = len(self.parts)
        self.parts.append("")

    def finish(self) -> bytes:
        if self._toc_at is not None:
            # pre-filled with the chapters; updating the field lists levels 1-3 with pages
            self.parts[self._toc_at] = _toc_xml([(level, text) for level, text in self.headings
                                                 if level == 1])
        # the template's body is empty but for the page settings (sectPr): swap in the new body
        old_body = self.document.element.body
        body = parse_xml(f'<w:body {nsdecls("w")}>{"".join(self.parts)}</w:body>')
        section = old_body.find(qn("w:sectPr"))
        if section is not None:
            body.append(section)
        old_body.getparent().replace(old_body, body)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _cell_xml(value, width: int, header: bool = False, right: bool = False) -> str:
    """One table cell: the text in the table font size, the header shaded and bold."""
    shading = '<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>' if header else ""
    paragraph = _paragraph_xml(_run_xml(value, bold=header, size=TABLE_FONT_SIZE),
                               align="right" if right else None, space_after=0)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraph}</w:tc>'


def _toc_xml(entries: list[tuple[int, str]]) -> str:
    """A TOC field whose (pre-filled) result lists `entries`, one paragraph each.

    The field begins in the first paragraph and ends in the last one (a complex field may span
    paragraphs), so updating it in Word or LibreOffice replaces the whole list.
    """
    begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r><w:instrText xml:space="preserve"> {escape(TOC_INSTRUCTION)} </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    paragraphs = [_paragraph_xml((begin if index == 0 else "") + _run_xml(text, bold=level == 1),
                                 indent=340 * (level - 1), space_after=40)
                  for index, (level, text) in enumerate(entries)]
    note = _run_xml(_("Seitenzahlen: Verzeichnis aktualisieren (Word: F9)."), italic=True, size=8,
                    color="595959")
    paragraphs.append(_paragraph_xml((begin if not entries else "") + note
                                     + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    return "".join(paragraphs)


def _title_page(writer: _Writer, content: dict, title: str, subtitle: str) -> None:
    for _blank in range(6):
        writer.paragraph()
    writer.paragraph(title, style="Title", align="center")
    writer.paragraph(subtitle, style="Subtitle", align="center")
    writer.paragraph()
    writer.paragraph(f"{content.get('commune_kind', '')} {content['commune']}".strip(), bold=True,
                     size=16, align="center")
    writer.paragraph(_("Stand: %(date)s", date=german_date(content["reporting_date"])),
                     align="center")
    writer.page_break()



def finding_heading(finding: dict) -> str:
    """A finding's title with its priority (and "akzeptiert" for an accepted one)."""
    if finding.get("status") == "accepted":
        return _("%(title)s (Priorität %(severity)s – akzeptiert)", title=finding["title"],
                 severity=finding["severity"])
    return _("%(title)s (Priorität %(severity)s)", title=finding["title"],
             severity=finding["severity"])


def finding_block(writer: _Writer, finding: dict) -> None:
    """A finding of the Bausteine: its heading, detail, whom and where it concerns, why it was
    accepted, and the kind of finding (`rule_title`; contents stored before it named the rule
    only by its key)."""
    writer.paragraph(finding_heading(finding), style="Heading 4")
    if finding.get("detail"):
        writer.paragraph(finding["detail"])
    for label, key in ((_("Akteure"), "actors"), (german_wording().districts, "districts"),
                       (_("Zielgruppen"), "target_groups")):
        if finding.get(key):
            writer.labelled(label, _joined(finding[key]))
    if finding.get("status") == "accepted" and finding.get("reason"):
        writer.labelled(_("Begründung der Akzeptanz"), finding["reason"])
    writer.labelled(_("Art des Befunds"), finding.get("rule_title") or rule_title(finding["rule"]))


def network_roles(writer: _Writer, network: dict) -> None:
    """Who connects a commitment's network, who stands at its edge, and its further groups."""
    if network.get("brokers"):
        writer.labelled(_("Verbindet (höchste Vermittlerrolle)"), _joined(network["brokers"]))
    if network.get("peripheral"):
        writer.labelled(_("Am Rand (höchstens eine Verbindung)"), _joined(network["peripheral"]))
    for index, island in enumerate(network.get("islands", [])[1:], start=2):
        writer.labelled(_("Gruppe %(number)d", number=index), _joined(island))


def prerequisites_table(writer: _Writer, prerequisites: list[dict], suggestion: str) -> None:
    """The structural prerequisites with their status, its justification and the analysis'
    suggestion (its column headed `suggestion`), then each one's description."""
    writer.table([_("Voraussetzung"), _("Stand"), _("Begründung"), suggestion],
                 [[p["name"], p["status"], p.get("justification") or "–", p.get("suggested") or "–"]
                  for p in prerequisites], widths=[3.2, 3.0, 6.5, 3.9])
    for prerequisite in prerequisites:
        if prerequisite.get("description"):
            writer.labelled(prerequisite["name"], prerequisite["description"])


def coverage_sentence(chapter: dict) -> str:
    """What there is for a commitment: its offers sentence and the share of migrant
    organisations among its actors."""
    coverage = chapter.get("coverage_text") or _(
        "Aktive Angebote: %(offers)d, beteiligte Akteure: %(actors)d",
        offers=chapter["contributions"], actors=chapter["actors"])
    if chapter.get("mso_share") is None:
        return f"{coverage}."
    return _("%(coverage)s; %(share)s %% der Akteure sind Migrantenorganisationen.",
             coverage=coverage, share=chapter["mso_share"])


def actors_table(writer: _Writer, actors: list[dict], commitments_column: str) -> None:
    """The annex table of all actors."""
    yes, no = _("ja"), _("nein")
    writer.table([_("Akteur"), _("Typ"), _("Wirkungsraum"), _("MSO"), _("Verwaltung"), _("Status"),
                  commitments_column],
                 [[a["name"], a["type"], a["districts"], yes if a["mso"] else no,
                   yes if a["municipal"] else no, a["status"], a["commitments"] or "–"]
                  for a in actors], widths=[4.4, 3.2, 3.0, 1.2, 1.7, 1.5, 1.6])


def totals_sentence(totals: dict) -> str:
    """What the figures count, in one sentence: each count with its noun in the right number
    (one is written as a word, as in running German text)."""
    return _("Erfasst sind zum Stichtag %(actors)s (davon %(mso)s), %(offers)s, %(cooperations)s "
             "und %(bodies)s.",
             actors=ngettext("ein aktiver Akteur", "%(num)d aktive Akteure", totals["actors"]),
             mso=ngettext("eine Migrantenorganisation", "%(num)d Migrantenorganisationen",
                          totals["mso"]),
             offers=ngettext("ein aktives Angebot", "%(num)d aktive Angebote",
                             totals["contributions"]),
             cooperations=ngettext("eine aktive Kooperation", "%(num)d aktive Kooperationen",
                                   totals["cooperations"]),
             bodies=ngettext("ein aktives Gremium", "%(num)d aktive Gremien", totals["bodies"]))

"""The Sachstandsbericht as a Mitteilungsvorlage (DOCX), written from the content dict of
coordination.queries.status_report.

Layout as councils' information papers have it (docs/domain.md, "The council paper"): a header
on every page with the commune, the Vorlagen-Nr. and, for a paper with unassessed statuses,
"ENTWURF"; a footer "Seite X von Y" made of Word's PAGE and NUMPAGES fields; the Vorlage block
(number, date, lead office, Beratungsfolge, subject, reference), the decision line, the
Sachverhalt (statuses with assessment dates, evidence, the analysis' hints apart, trends as
charts with their numbers), changes since the last report, accepted findings with their reason,
measures, financial effects, attachments and the signature.

The same content gives the same bytes: the package's dates and the ZIP entries' times are set
from the report's generation time (see `_stable_zip`).
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from flask_babel import gettext as _

from coordination.exports import trend_chart
from coordination.exports.concept import Picture, picture
from coordination.exports.documents import _run_xml, _Writer, german_date, totals_sentence
from coordination.queries.report_changes import summary_lines

SEVERITY_ORDER = {"hoch": 0, "mittel": 1, "niedrig": 2}
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _field_runs(instruction: str, placeholder: str) -> str:
    """A complex field (e.g. PAGE) with a pre-filled result that Word and LibreOffice update."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{placeholder}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _replace_paragraphs(part, xml: str) -> None:
    """Put the paragraphs `xml` into a header or footer (instead of its empty paragraph)."""
    element = part._element
    for paragraph in list(element):
        element.remove(paragraph)
    for paragraph in parse_xml(f'<w:hdr {nsdecls("w")}>{xml}</w:hdr>'):
        element.append(paragraph)


def _header_footer(writer: _Writer, content: dict) -> None:
    section = writer.document.sections[0]
    section.header_distance = section.footer_distance = Cm(1.0)
    vorlage = content["vorlage"]
    commune = f"{content.get('commune_kind', '')} {content['commune']}".strip()
    if vorlage.get("number"):
        left = _("%(commune)s · Mitteilungsvorlage Nr. %(number)s", commune=commune,
                 number=vorlage["number"])
    else:
        left = _("%(commune)s · Mitteilungsvorlage", commune=commune)
    tab = '<w:r><w:tab/></w:r>'
    draft = _run_xml(_("ENTWURF"), bold=True, color="C00000") if content["draft"] else ""
    header = ('<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9300"/></w:tabs></w:pPr>'
              f'{_run_xml(left, size=9)}{tab}{draft}</w:p>')
    _replace_paragraphs(section.header, header)
    fields = {"page": _field_runs("PAGE", "1"), "pages": _field_runs("NUMPAGES", "1")}
    # the whole sentence from the catalogue, its placeholders replaced by Word fields
    runs = "".join(fields[part] if index % 2 else (_run_xml(part, size=9) if part else "")
                   for index, part in enumerate(_PLACEHOLDER.split(_("Seite %(page)s von %(pages)s"))))
    _replace_paragraphs(section.footer, f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{runs}</w:p>')


def _status_text(row: dict) -> str:
    if row["status_key"] is None:
        return _("nicht eingeschätzt")
    return _("%(status)s (eingeschätzt am %(date)s)", status=row["status"],
             date=german_date(row["assessed_on"]))


def _hint(row: dict) -> str | None:
    suggestion = row.get("suggestion")
    if not suggestion:
        return None
    return _("Vorschlag „%(status)s“. %(reason)s", status=suggestion["status"],
             reason=suggestion["reason"]).strip()


def _vorlage_block(writer: _Writer, content: dict) -> None:
    vorlage = content["vorlage"]
    title = _("Mitteilungsvorlage – ENTWURF") if content["draft"] else _("Mitteilungsvorlage")
    writer.paragraph(title, style="Title")
    writer.labelled(_("Vorlagen-Nr."), vorlage.get("number") or "–")
    writer.labelled(_("Datum"), german_date(content["generated_at"]))
    writer.labelled(_("Federführend"), vorlage.get("office") or "–")
    writer.labelled(_("Stichtag der Angaben"), german_date(content["reporting_date"]))
    consultation = [row for row in vorlage.get("consultation", []) if row.get("body")]
    if consultation:
        writer.paragraph(_("Beratungsfolge"), bold=True)
        writer.table([_("Gremium"), _("Sitzung"), _("Zweck")],
                     [[row["body"], german_date(row.get("date")) or "–", row.get("purpose") or "–"]
                      for row in consultation], widths=[8.6, 3.5, 4.5])
    writer.labelled(_("Betreff"), vorlage.get("subject") or content["title"])
    if vorlage.get("reference"):
        writer.labelled(_("Bezug"), vorlage["reference"])
    writer.heading(_("Beschlussvorschlag"), 2)
    writer.paragraph(content["decision"], bold=True)


def _commitments(writer: _Writer, content: dict) -> None:
    writer.heading(_("1. Stand der zehn Selbstverpflichtungen"), 2)
    writer.table([_("Nr."), _("Selbstverpflichtung"), _("Stand")],
                 [[row["number"], row["title"], _status_text(row)] for row in content["commitments"]],
                 widths=[1.1, 9.5, 6.0], numeric=frozenset({0}))
    if content["draft"]:
        writer.paragraph(_("„nicht eingeschätzt“: Für diese Punkte liegt zum Stichtag keine "
                           "Einschätzung der Verwaltung vor. Der Bericht ist deshalb ein Entwurf."),
                         italic=True, size=9)
    for row in content["commitments"]:
        writer.heading(_("Selbstverpflichtung %(number)s: %(title)s", number=row["number"],
                         title=row["title"]), 3)
        writer.labelled(_("Stand"), _status_text(row))
        if row.get("justification"):
            writer.labelled(_("Begründung"), row["justification"])
        writer.paragraph(_("Belege zum Stichtag:"), bold=True)
        for line in row.get("evidence", []):
            writer.bullet(line)
        hint = _hint(row)
        if hint:
            writer.labelled(_("Hinweis der Analyse (keine Einschätzung der Verwaltung)"), hint)
        trend = row.get("trend")
        if trend:
            subject = _("Selbstverpflichtung %(number)s", number=row["number"])
            picture(writer, Picture(
                trend_chart.chart(trend), trend_chart.alt_text(trend, subject),
                _("Entwicklung der Angebote, Akteure und Kooperationen (%(subject)s)",
                  subject=subject)))
            writer.table([_("Stand"), _("aktive Angebote"), _("Akteure"), _("Kooperationen")],
                         trend_chart.table_rows(trend), widths=[3.4, 3.4, 3.4, 3.4],
                         numeric=frozenset({1, 2, 3}))


def _prerequisites(writer: _Writer, content: dict) -> None:
    writer.heading(_("2. Strukturelle Voraussetzungen"), 2)
    writer.table([_("Voraussetzung"), _("Stand"), _("Begründung")],
                 [[p["title"], _status_text(p), p.get("justification") or "–"]
                  for p in content["prerequisites"]], widths=[3.4, 5.2, 8.0])
    hints = [(p["title"], _hint(p)) for p in content["prerequisites"] if _hint(p)]
    if hints:
        writer.paragraph(_("Hinweise der Analyse (keine Einschätzung der Verwaltung):"),
                         bold=True, size=9)
        for title, hint in hints:
            writer.bullet(hint, label=f"{title}:")


def _changes(writer: _Writer, content: dict) -> None:
    change = content.get("changes")
    if not change:
        return
    writer.heading(_("3. Veränderungen seit dem %(date)s", date=german_date(change["since"])), 2)
    for line in summary_lines(change):
        writer.bullet(line)
    if change["findings_new"]:
        writer.labelled(_("Neue Befunde"), "; ".join(change["findings_new"]))
    if change["findings_resolved"]:
        writer.labelled(_("Erledigte Befunde"), "; ".join(change["findings_resolved"]))


def _findings_and_measures(writer: _Writer, content: dict) -> None:
    number = 4 if content.get("changes") else 3  # section 3 lists the changes, if compared
    writer.heading(_("%(number)d. Bewusst hingenommene Befunde", number=number), 2)
    accepted = sorted(content["accepted_findings"], key=lambda f: SEVERITY_ORDER.get(f["severity"], 3))
    if accepted:
        writer.table([_("Befund"), _("Priorität"), _("Begründung der Verwaltung")],
                     [[f["title"], f["severity"], f["reason"] or "–"] for f in accepted],
                     widths=[7.0, 2.2, 7.4])
    else:
        writer.paragraph(_("Keine."), italic=True)
    writer.heading(_("%(number)d. Maßnahmen und nächste Schritte", number=number + 1), 2)
    if content["measures"]:
        writer.table([_("Maßnahme"), _("SV"), _("zuständig"), _("Frist"), _("Status")],
                     [[m["text"], m["commitment"] or "–", m["responsible"] or "–",
                       german_date(m["due_date"]) or "–", m["status"]] for m in content["measures"]],
                     widths=[7.0, 1.0, 3.6, 2.3, 2.7], numeric=frozenset({1}))
    else:
        writer.paragraph(_("Es sind noch keine Maßnahmen erfasst."), italic=True)


def _closing(writer: _Writer, content: dict) -> None:
    vorlage = content["vorlage"]
    writer.heading(_("Finanzielle Auswirkungen"), 2)
    writer.paragraph(vorlage.get("financial") or _("Keine."))
    writer.heading(_("Anlagen"), 2)
    attachments = [line.strip() for line in (vorlage.get("attachments") or "").splitlines()
                   if line.strip()]
    for line in attachments:
        writer.bullet(line)
    if not attachments:
        writer.paragraph(_("Keine."))
    writer.paragraph()
    writer.paragraph(_("%(place)s, den %(date)s", place=content["commune"],
                       date=german_date(content["generated_at"])))
    capacity = {"im_auftrag": _("Im Auftrag"), "in_vertretung": _("In Vertretung")}.get(
        vorlage.get("signatory_capacity"), "")
    writer.paragraph(capacity)
    writer.paragraph()
    writer.paragraph(vorlage.get("signatory_name") or "", bold=True)
    writer.paragraph(vorlage.get("signatory_function") or "")


def status_report_docx(content: dict) -> bytes:
    """The Mitteilungsvorlage "Sachstandsbericht" as DOCX bytes (deterministic)."""
    title = _("Entwurf: %(title)s", title=content["title"]) if content["draft"] else content["title"]
    writer = _Writer(title)
    _header_footer(writer, content)
    _vorlage_block(writer, content)
    writer.heading(_("Sachverhalt"), 2)
    vorlage = content["vorlage"]
    if vorlage.get("opening"):
        writer.paragraph(vorlage["opening"])
    writer.paragraph(content["basis"], italic=True)
    writer.paragraph(totals_sentence(content["totals"]))
    if content.get("mso_definition"):
        writer.paragraph(content["mso_definition"], italic=True, size=9)
    _commitments(writer, content)
    _prerequisites(writer, content)
    _changes(writer, content)
    _findings_and_measures(writer, content)
    _closing(writer, content)
    stamp = datetime.fromisoformat(content["generated_at"]).replace(tzinfo=None)
    properties = writer.document.core_properties
    properties.created = properties.modified = stamp
    properties.last_modified_by, properties.revision = "Integrationsnetz", 1
    return _stable_zip(writer.finish(), stamp)


def _stable_zip(data: bytes, stamp: datetime) -> bytes:
    """The package again with every entry dated `stamp`, so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()

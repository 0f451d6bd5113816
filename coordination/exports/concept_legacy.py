"""The first layout of the "Bausteine für das Integrationskonzept" (one chapter per
commitment), kept to render the DOCX of reports stored with it: a stored report renders from
its stored content, and contents of that time have no "layout" key. New documents use
coordination.exports.concept."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.exports import documents
from coordination.wording import german_wording


def _measures_block(writer: documents._Writer, measures: list[dict]) -> None:
    if not measures:
        writer.paragraph(_("Noch keine Handlungsempfehlung erfasst."), italic=True)
        return
    for measure in measures:
        details = [measure.get("status", "")]
        if measure.get("responsible"):
            details.append(_("zuständig: %(name)s", name=measure["responsible"]))
        if measure.get("due_date"):
            details.append(_("bis %(date)s", date=documents.german_date(measure["due_date"])))
        writer.bullet(f"{measure['text']} ({'; '.join(d for d in details if d)})")


def legacy_building_blocks_docx(content: dict) -> bytes:
    """"Bausteine für das Integrationskonzept": title page, table of contents, summary table,
    one chapter per commitment, the structural prerequisites, cross-cutting findings and an
    annex with all actors (docs/domain.md, 4. The two documents)."""
    writer = documents._Writer(content["title"])
    documents._title_page(writer, content, content["title"],
                          _("Bestandsaufnahme, Lücken und Handlungsempfehlungen zu den zehn kommunalen "
                            "Selbstverpflichtungen des Nationalen Integrationsplans"))
    writer.toc_here(_("Inhalt"))
    writer.page_break()

    writer.heading(_("Überblick"), 1)
    totals = {key: content.get("totals", {}).get(key, 0)
              for key in ("actors", "mso", "contributions", "cooperations", "bodies")}
    writer.paragraph(documents.totals_sentence(totals) + " " + ngettext(
        "Die Lückenanalyse nennt %(num)d offenen Befund.",
        "Die Lückenanalyse nennt %(num)d offene Befunde.", content.get("open_findings", 0)))
    if content.get("mso_definition"):
        writer.paragraph(content["mso_definition"], italic=True, size=9)
    writer.table(
        [_("Nr."), _("Selbstverpflichtung"), _("Stand"), _("Akteure"), _("Angebote"),
         _("offen: hoch"), _("offen: mittel"), _("offen: niedrig")],
        [[row["number"], row["short_title"], row["status"], row["actors"], row["contributions"],
          *(row["open"].get(s, 0) for s in documents.SEVERITIES)] for row in content["summary"]],
        widths=[0.9, 5.0, 2.9, 1.6, 1.7, 1.5, 1.5, 1.5], numeric=frozenset({0, 3, 4, 5, 6, 7}))
    writer.paragraph(_("„Stand“ ist die letzte Einschätzung der Integrationskoordination; wo "
                       "keine vorliegt, der aus der Analyse abgeleitete Vorschlag (gekennzeichnet "
                       "mit „*“)."),
                     italic=True, size=9)

    for chapter in content["commitments"]:
        writer.page_break()
        writer.heading(f"{chapter['number']}. {chapter['short_title']}", 1)
        writer.paragraph(f"„{chapter['full_text']}“", style="Quote")
        writer.labelled(_("Stand"), chapter["status"])
        if chapter.get("justification"):
            writer.labelled(_("Begründung"), chapter["justification"])

        writer.heading(_("Was es gibt"), 2)
        writer.paragraph(documents.coverage_sentence(chapter))
        if chapter["by_type"]:
            writer.table([_("Akteurstyp"), _("Angebote"), _("Akteure")], chapter["by_type"],
                         widths=[9.0, 3.0, 3.0], numeric=frozenset({1, 2}))
        if chapter["by_district"]:
            writer.table([german_wording().district, _("Angebote"), _("Akteure")],
                         chapter["by_district"],
                         widths=[9.0, 3.0, 3.0], numeric=frozenset({1, 2}))

        writer.heading(_("Netzwerk"), 2)
        network = chapter["network"]
        writer.paragraph(network["summary"])
        documents.network_roles(writer, network)

        writer.heading(_("Befunde"), 2)
        if chapter["findings"]:
            for finding in chapter["findings"]:
                documents.finding_block(writer, finding)
        else:
            writer.paragraph(_("Keine Befunde."), italic=True)

        writer.heading(_("Handlungsempfehlungen"), 2)
        _measures_block(writer, chapter["measures"])

    writer.page_break()
    writer.heading(_("Strukturvoraussetzungen"), 1)
    documents.prerequisites_table(writer, content["prerequisites"], _("Vorschlag der Analyse"))

    if content.get("general_findings") or content.get("general_measures"):
        writer.heading(_("Übergreifende Befunde"), 1)
        for finding in content.get("general_findings", []):
            documents.finding_block(writer, finding)
        if content.get("general_measures"):
            writer.heading(_("Übergreifende Handlungsempfehlungen"), 2)
            _measures_block(writer, content["general_measures"])

    writer.page_break()
    writer.heading(_("Anhang: Akteure"), 1)
    writer.paragraph(ngettext("%(num)d Akteur, ohne Kontaktpersonen.",
                              "%(num)d Akteure, ohne Kontaktpersonen.", len(content["actors"])),
                     italic=True)
    documents.actors_table(writer, content["actors"], _("Selbstverpflichtungen"))
    writer.paragraph(_("Erstellt mit Integrationsnetz am %(date)s.",
                       date=documents.german_date(content["generated_at"])), italic=True, size=9)
    return writer.finish()

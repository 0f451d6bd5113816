"""The import template: a workbook with one sheet per kind (German headers, example rows) and a
sheet of the accepted values, taken from the commune's own lists."""
from __future__ import annotations

import io

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Font

from coordination.extensions import db
from coordination.models import (
    ActorStatus,
    ActorType,
    Commitment,
    ContributionKind,
    ContributionStatus,
    CooperationKind,
)
from coordination.services.importing import COLUMNS, KIND_LABELS, KINDS, LIST_MODELS
from coordination.wording import current_wording


def template_xlsx() -> bytes:
    """A workbook to fill in: one sheet per kind with the German headers and example rows, and a
    sheet with the accepted values (the commune's own lists)."""

    lookups = {name: list(db.session.execute(sa.select(model.name).order_by(
        *([model.position, model.name] if hasattr(model, "position") else [model.name]))).scalars())
        for name, model in LIST_MODELS.items()}
    districts = lookups["districts"] or ["Innenstadt"]
    groups = lookups["target_groups"] or ["Geflüchtete"]

    def type_named(key, fallback):
        return db.session.scalar(sa.select(ActorType.name).where(ActorType.key == key)) or fallback

    def pick(names, index):
        return names[index % len(names)]

    with force_locale("de"):
        bold = Font(bold=True)
        workbook = Workbook()
        workbook.remove(workbook.active)
        examples = {
            "actors": [
                ["Deutsch-Türkischer Elternverein", type_named("mso", "Migrantenorganisation (MSO)"),
                 f"{pick(districts, 0)} | {pick(districts, 1)}", "4 | 5", f"{pick(groups, 4)} | {pick(groups, 3)}",
                 "ja", "nein", "https://elternverein.example", "info@elternverein.example", "0123 45678",
                 "Elterncafé und Hausaufgabenhilfe", "Marktstraße 1", "aktiv", "Bildung", "Türkisch; Deutsch",
                 "nein", "Ayşe Beispiel", "Vorsitzende", "vorsitz@elternverein.example", "0123 45679"],
                ["Jobcenter Musterstadt", type_named("jobcenter", "Jobcenter"), "ganze Stadt", "6", pick(groups, 9),
                 "nein", "nein", "https://jobcenter.example", "", "", "", "", "aktiv", "", "", "ja",
                 "", "", "", ""],
            ],
            "contributions": [
                ["Deutsch-Türkischer Elternverein", 5, "Hausaufgabenhilfe in der Grundschule", "aktiv",
                 "01.09.2024", "", pick(groups, 5), pick(districts, 0), "Kurs", "", "", "Bildung", "Türkisch"],
            ],
            "cooperations": [
                ["Jobcenter Musterstadt", "Deutsch-Türkischer Elternverein", "Verweisberatung", "15.03.2023",
                 "", 2, "Sprechstunde im Verein", "nein", "6"],
            ],
        }
        for kind in KINDS:
            sheet = workbook.create_sheet(str(KIND_LABELS[kind]))
            sheet.append([str(c.label) for c in COLUMNS[kind]])
            for cell in sheet[1]:
                cell.font = bold
            for row in examples[kind]:
                sheet.append(row)
            sheet.freeze_panes = "A2"
            for index, col in enumerate(COLUMNS[kind]):
                sheet.column_dimensions[sheet.cell(1, index + 1).column_letter].width = max(14, len(str(col.label)) + 4)
        values = workbook.create_sheet(str(_l("Erlaubte Werte")))
        columns = [
            (_("Akteurstypen"), lookups["types"]),
            (current_wording().districts, lookups["districts"]),
            (_("Zielgruppen"), lookups["target_groups"]),
            (_("Handlungsfelder"), lookups["fields_of_action"]),
            (_("Sprachen"), lookups["languages"]),
            (_("Selbstverpflichtungen"), [f"{number} – {title}" for number, title in db.session.execute(
                sa.select(Commitment.number, Commitment.short_title).order_by(Commitment.number))]),
            (_("Status (Akteur)"), [str(s.label) for s in ActorStatus]),
            (_("Status (Angebot)"), [str(s.label) for s in ContributionStatus]),
            (_("Art (Angebot)"), [str(k.label) for k in ContributionKind]),
            (_("Art (Kooperation)"), [str(k.label) for k in CooperationKind]),
            (_("Intensität"), ["1 = lose", "2 = regelmäßig", "3 = eng"]),
            (_("Ja/Nein"), ["ja / nein", "yes / no", "x / leer", "1 / 0"]),
            (_("Hinweise"), [_("Mehrere Werte in einer Zelle mit | oder ; oder , trennen."),
                             _("Datum als TT.MM.JJJJ oder JJJJ-MM-TT."),
                             _("Spalten dürfen in beliebiger Reihenfolge stehen; deutsche oder englische "
                               "Überschriften."),
                             _("Unbekannte Listenwerte können beim Import angelegt werden."),
                             _("Dieses Blatt wird beim Import ignoriert.")]),
        ]
        for index, (title, entries) in enumerate(columns, 1):
            values.cell(1, index, str(title)).font = bold
            for row, entry in enumerate(entries, 2):
                values.cell(row, index, str(entry)).data_type = "s"
            values.column_dimensions[values.cell(1, index).column_letter].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

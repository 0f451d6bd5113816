"""Import of actors, contributions and cooperations from CSV and XLSX files.

Three steps, shared by the web UI (coordination/imports) and the CLI (`flask --app app import`):

1. `read_file` parses the upload: CSV in UTF-8 (with or without BOM) or Windows-1252, `;` or `,`
   separated (detected); XLSX with one sheet per kind (Akteure/actors, Beiträge/contributions,
   Kooperationen/cooperations) or a single sheet. Each sheet's kind and column mapping are
   detected from the headers (German or English, any order, case-insensitive) and can be changed.
2. `check` validates every row against preloaded lookups (no query per row) with the same checks
   the services use (`check_actor_fields`, `check_contribution_fields`,
   `check_cooperation_fields`, the name and duplicate rules) and returns a `Plan`: every problem
   by sheet, row and column, what would be created, merged or skipped.
3. `execute` writes the plan in one transaction with bulk inserts (SQLAlchemy Core) and one
   summary audit entry. All or nothing: with an error in any row nothing is written, unless the
   caller asks for the valid rows only.

Choices worth knowing:

* Actors are matched to existing ones case-, whitespace- and umlaut-insensitively (ü = ue,
  ß = ss). A match is merged by default: no second actor is created, the existing one keeps its
  values, gains the imported districts, target groups, fields, languages, commitments and flags,
  and empty text fields (description, address, website, e-mail, phone) are filled in.
* The actor column "Selbstverpflichtungen" (1–10): the data model links actors to commitments
  through contributions, so each listed commitment becomes one active contribution led by the
  actor, titled "Beitrag zu Selbstverpflichtung N (Import)", kind "Projekt", with the actor's
  districts and target groups — unless the actor already takes part in a contribution under
  that commitment (in the database or in the file's contributions sheet). The coordinator can
  rename and complete these later; the title makes them easy to find.
* A missing actor type becomes "Sonstige", a missing contribution kind "Projekt", a missing
  cooperation kind "informeller Austausch", each with a warning.
* Unknown types, districts, target groups, fields of action and languages are errors unless
  their creation is chosen (UI: tick them in the preview; CLI: --create-missing).
* The history gets one entry per import (counts), not one per row.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from types import SimpleNamespace

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coordination.extensions import db
from coordination.models import (Actor, ActorStatus, ActorType, AuditAction, Commitment, Contribution,
                                 ContributionKind, ContributionParticipant, ContributionStatus,
                                 Cooperation, CooperationKind, District, FieldOfAction, Language,
                                 TargetGroup, User)
from coordination.models.actors import actor_districts, actor_fields, actor_languages, actor_target_groups
from coordination.models.common import normalize_name, utcnow
from coordination.models.contributions import (contribution_districts, contribution_languages,
                                               contribution_target_groups)
from coordination.models.cooperations import cooperation_commitments
from coordination.services import lists as list_service
from coordination.services.actors import (ActorValues, check_actor_fields, flag_migrant_organisations,
                                          name_taken_message)
from coordination.services.base import record, transaction
from coordination.services.contributions import ContributionValues, check_contribution_fields
from coordination.services.cooperations import (CooperationValues, check_cooperation_fields,
                                                duplicate_message, is_running)

KINDS = ("actors", "contributions", "cooperations")
KIND_LABELS = {"actors": _l("Akteure"), "contributions": _l("Beiträge"), "cooperations": _l("Kooperationen")}
SHEET_NAMES = {
    "actors": ("akteure", "actors", "akteur"),
    "contributions": ("beitraege", "contributions", "beitrag", "angebote", "massnahmen"),
    "cooperations": ("kooperationen", "cooperations", "kooperation"),
}
GENERATED_TITLE = _l("Beitrag zu Selbstverpflichtung %(number)d (Import)")
THE_STATUS, THE_KIND = _l("den Status"), _l("die Art")
DEFAULT_CONTRIBUTION_KIND = ContributionKind.PROJECT.value
DEFAULT_COOPERATION_KIND = CooperationKind.INFORMAL.value
DEFAULT_TYPE_KEY = "other"


class ImportFileError(Exception):
    """The file cannot be read as an import (German message)."""


# --- normalising names and headers --------------------------------------------------------------

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Names repeat (an actor is named in many cooperation rows): remember the keys of the import.
_name_key = lru_cache(maxsize=2**18)(normalize_name)


@lru_cache(maxsize=2**18)
def fold_name(name: str) -> str:
    """Key for matching names case-, whitespace- and umlaut-insensitively ("Müller" = "mueller")."""
    key = _name_key(name).translate(_UMLAUTS)
    if key.isascii():
        return key
    key = unicodedata.normalize("NFKD", key)
    return "".join(char for char in key if not unicodedata.combining(char))


def fold_header(header: str) -> str:
    return re.sub(r"[\s_\-.:/*()]+", " ", fold_name(str(header))).strip()


# --- columns -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    name: str
    label: object  # lazy German label
    aliases: tuple[str, ...]
    help: object = ""


COLUMNS: dict[str, tuple[Column, ...]] = {
    "actors": (
        Column("name", _l("Name"), ("name", "akteur", "akteursname", "name des akteurs", "organisation",
                                    "einrichtung")),
        Column("type", _l("Typ"), ("type", "typ", "akteurstyp", "art", "kategorie")),
        Column("districts", _l("Stadtteile"), ("districts", "stadtteile", "stadtteil", "sozialraum",
                                               "sozialraeume", "wirkungsraum", "quartier", "gemeinden")),
        Column("commitments", _l("Selbstverpflichtungen"), ("commitments", "selbstverpflichtungen",
                                                            "selbstverpflichtung", "sv")),
        Column("target_groups", _l("Zielgruppen"), ("target groups", "zielgruppen", "zielgruppe")),
        Column("migrant_led", _l("MSO"), ("migrant led", "mso", "migrantenorganisation",
                                          "migrantisch gefuehrt")),
        Column("municipal", _l("Verwaltung"), ("municipal", "verwaltung", "kommunalverwaltung",
                                               "teil der verwaltung")),
        Column("website", _l("Website"), ("website", "webseite", "homepage", "internet", "url")),
        Column("email", _l("E-Mail"), ("email", "e mail", "mail")),
        Column("phone", _l("Telefon"), ("phone", "telefon", "tel", "telefonnummer")),
        Column("description", _l("Beschreibung"), ("description", "beschreibung", "bemerkung",
                                                   "bemerkungen")),
        Column("address", _l("Anschrift"), ("address", "anschrift", "adresse")),
        Column("status", _l("Status"), ("status",)),
        Column("fields_of_action", _l("Handlungsfelder"), ("fields of action", "handlungsfelder",
                                                          "handlungsfeld")),
        Column("languages", _l("Sprachen"), ("languages", "sprachen")),
        Column("whole_commune", _l("ganze Kommune"), ("whole commune", "ganze kommune", "gesamtstadt",
                                                      "stadtweit")),
    ),
    "contributions": (
        Column("actor", _l("Akteur"), ("actor", "akteur", "traeger", "federfuehrend", "lead")),
        Column("commitment", _l("Selbstverpflichtung"), ("commitment", "selbstverpflichtung", "sv")),
        Column("title", _l("Titel"), ("title", "titel", "angebot", "massnahme", "bezeichnung")),
        Column("status", _l("Status"), ("status",)),
        Column("start", _l("Beginn"), ("start", "beginn", "start date", "von")),
        Column("end", _l("Ende"), ("end", "ende", "end date", "bis")),
        Column("target_groups", _l("Zielgruppen"), ("target groups", "zielgruppen", "zielgruppe")),
        Column("districts", _l("Stadtteile"), ("districts", "stadtteile", "stadtteil", "sozialraum")),
        Column("kind", _l("Art"), ("kind", "art", "angebotsart")),
        Column("partners", _l("Partner"), ("partners", "partner", "partnerinnen")),
        Column("description", _l("Beschreibung"), ("description", "beschreibung")),
        Column("field_of_action", _l("Handlungsfeld"), ("field of action", "handlungsfeld")),
        Column("languages", _l("Sprachen"), ("languages", "sprachen")),
    ),
    "cooperations": (
        Column("actor_a", _l("Akteur A"), ("actor a", "akteur a", "akteur 1", "partner a")),
        Column("actor_b", _l("Akteur B"), ("actor b", "akteur b", "akteur 2", "partner b")),
        Column("kind", _l("Art"), ("kind", "art", "kooperationsart")),
        Column("since", _l("seit"), ("since", "seit", "beginn", "start")),
        Column("until", _l("bis"), ("until", "bis", "ende", "end")),
        Column("intensity", _l("Intensität"), ("intensity", "intensitaet")),
        Column("note", _l("Notiz"), ("note", "notiz", "bemerkung", "bemerkungen")),
        Column("written_agreement", _l("schriftliche Vereinbarung"), (
            "written agreement", "schriftliche vereinbarung", "schriftlich", "vereinbarung")),
        Column("commitments", _l("Selbstverpflichtungen"), ("commitments", "selbstverpflichtungen",
                                                            "selbstverpflichtung")),
    ),
}
REQUIRED = {"actors": ("name",), "contributions": ("actor", "title", "commitment"),
            "cooperations": ("actor_a", "actor_b")}


def column(kind: str, name: str) -> Column:
    return next(c for c in COLUMNS[kind] if c.name == name)


def detect_mapping(kind: str, headers: list[str]) -> dict[int, str]:
    """{column index: field name} for the headers that match a field of `kind` (first wins)."""
    lookup = {fold_header(alias): c.name for c in COLUMNS[kind] for alias in (c.name, *c.aliases)}
    mapping, used = {}, set()
    for index, header in enumerate(headers):
        name = lookup.get(fold_header(header)) if header else None
        if name and name not in used:
            mapping[index] = name
            used.add(name)
    return mapping


def detect_kind(sheet_name: str | None, headers: list[str]) -> str | None:
    """The kind of a sheet: from its name, else from its headers; None if neither says."""
    folded = fold_header(sheet_name or "")
    for kind, names in SHEET_NAMES.items():
        if folded in names:
            return kind
    fields = {kind: set(detect_mapping(kind, headers).values()) for kind in KINDS}
    if {"actor_a", "actor_b"} <= fields["cooperations"]:
        return "cooperations"
    if {"actor", "title"} <= fields["contributions"]:
        return "contributions"
    if "name" in fields["actors"]:
        return "actors"
    return None


# --- reading files -------------------------------------------------------------------------------

@dataclass
class Sheet:
    """One table of the file: its name, headers and rows as (row number in the file, cells)."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list]]
    kind: str | None = None
    mapping: dict[int, str] = field(default_factory=dict)

    def remap(self) -> None:
        self.mapping = detect_mapping(self.kind, self.headers) if self.kind else {}


@dataclass
class ImportFile:
    filename: str
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def row_count(self) -> int:
        return sum(len(sheet.rows) for sheet in self.sheets)


def max_rows() -> int:
    return current_app.config["IMPORT_MAX_ROWS"]


def read_file(filename: str, content: bytes) -> ImportFile:
    """Parse CSV or XLSX `content` (by content, not by name) and detect kinds and columns."""
    if not content.strip():
        raise ImportFileError(_("Die Datei ist leer."))
    if content[:2] == b"PK":
        result = _read_xlsx(filename, content)
    elif content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(_("Das ist eine alte Excel-Datei (.xls). Bitte speichern Sie sie in "
                                "Excel als „Excel-Arbeitsmappe (.xlsx)“ oder als CSV."))
    else:
        result = _read_csv(filename, content)
    if result.row_count > max_rows():
        raise ImportFileError(_("Die Datei hat %(rows)d Datenzeilen; erlaubt sind höchstens %(max)d. "
                                "Bitte teilen Sie sie in mehrere Dateien auf.",
                                rows=result.row_count, max=max_rows()))
    for sheet in result.sheets:
        sheet.kind = detect_kind(sheet.name if len(result.sheets) > 1 or content[:2] == b"PK" else None,
                                 sheet.headers)
        sheet.remap()
    known = [sheet for sheet in result.sheets if sheet.kind]
    if len(result.sheets) > 1 and known:  # e.g. the template's sheet of accepted values
        result.sheets = known
    return result


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace"), "Windows-1252"


def _read_csv(filename: str, content: bytes) -> ImportFile:
    text, encoding = _decode(content)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: _count_outside_quotes(first_line, delimiter) for delimiter in (";", ",", "\t")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = [row for row in reader]
    except csv.Error as error:
        raise ImportFileError(_("Die CSV-Datei ist fehlerhaft (Zeile %(line)d): %(error)s",
                                line=reader.line_num, error=str(error))) from error
    numbered = [(number, row) for number, row in enumerate(records, 1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise ImportFileError(_("Die Datei ist leer."))
    (_header_number, headers), rows = numbered[0], numbered[1:]
    headers = [_clean_header(h) for h in headers]
    return ImportFile(filename, [Sheet(filename, headers, [(n, [_clean_text(c) for c in row])
                                                           for n, row in rows])],
                      encoding=encoding, delimiter=delimiter)


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _read_xlsx(filename: str, content: bytes) -> ImportFile:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ImportFileError(_("Die Excel-Datei lässt sich nicht lesen. Bitte speichern Sie sie "
                                "erneut als .xlsx oder als CSV.")) from error
    sheets, total = [], 0
    try:
        for worksheet in workbook.worksheets:
            rows, headers = [], None
            for number, row in enumerate(worksheet.iter_rows(values_only=True), 1):
                cells = [_clean_cell(value) for value in row]
                if not any(cell not in (None, "") for cell in cells):
                    continue
                if headers is None:
                    headers = [_clean_header(h) for h in cells]
                    continue
                rows.append((number, cells))
                total += 1
                if total > max_rows():
                    raise ImportFileError(_(
                        "Die Datei hat mehr als %(max)d Datenzeilen. Bitte teilen Sie sie in mehrere "
                        "Dateien auf.", max=max_rows()))
            if headers is not None:
                while headers and not headers[-1]:
                    headers.pop()
                sheets.append(Sheet(worksheet.title, headers, rows))
    finally:
        workbook.close()
    if not sheets:
        raise ImportFileError(_("Die Datei ist leer."))
    return ImportFile(filename, sheets)


def _clean_header(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _clean_text(value: str) -> str:
    return value.replace("\u00a0", " ").strip()


def _clean_cell(value):
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, datetime):
        return value.date() if (value.hour, value.minute, value.second) == (0, 0, 0) else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- cell values ---------------------------------------------------------------------------------

TRUE_WORDS = {"ja", "j", "yes", "y", "x", "1", "true", "wahr", "✓", "✔"}
FALSE_WORDS = {"", "nein", "n", "no", "0", "false", "falsch", "-"}
MULTI_SEPARATOR = re.compile(r"\s*[|;,\n]\s*")
DATE_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
INTENSITY_WORDS = {"lose": 1, "locker": 1, "regelmaessig": 2, "mittel": 2, "eng": 3, "intensiv": 3}


class CellError(ValueError):
    """A cell that cannot be read (German message)."""


def text_of(cell) -> str:
    if cell.__class__ is str:  # cells are stripped when read
        return cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return _("ja") if cell else _("nein")
    if isinstance(cell, (date, datetime)):
        return cell.strftime("%d.%m.%Y")
    return str(cell).strip()


def split_values(cell) -> list[str]:
    return [part for part in MULTI_SEPARATOR.split(text_of(cell)) if part]


def parse_bool(cell) -> bool:
    if isinstance(cell, bool):
        return cell
    word = text_of(cell).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("„%(value)s“ ist kein Ja/Nein-Wert (ja/nein, yes/no, x, 1/0).", value=text_of(cell)))


def parse_date(cell) -> date | None:
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = text_of(cell)
    try:
        if match := DATE_GERMAN.match(text):
            day, month, year = (int(part) for part in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        if match := DATE_ISO.match(text):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        pass
    raise CellError(_("„%(value)s“ ist kein gültiges Datum (TT.MM.JJJJ oder JJJJ-MM-TT).", value=text))


def parse_numbers(cell, low: int = 1, high: int = 10) -> list[int]:
    numbers = []
    for part in split_values(cell):
        part = part.rstrip(".")
        if not part.isdigit() or not low <= int(part) <= high:
            raise CellError(_("„%(value)s“: bitte Nummern von %(low)d bis %(high)d angeben.",
                              value=part, low=low, high=high))
        numbers.append(int(part))
    return list(dict.fromkeys(numbers))


def parse_intensity(cell) -> int | None:
    text = text_of(cell)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    word = fold_name(text)
    if word in INTENSITY_WORDS:
        return INTENSITY_WORDS[word]
    raise CellError(_("„%(value)s“: bitte 1 (lose), 2 (regelmäßig) oder 3 (eng) angeben.", value=text))


def _choice_lookup(choice) -> dict[str, str]:
    """Folded value, German label and its parts → value, for an enum of the models."""
    lookup = {}
    with force_locale("de"):
        for member in choice:
            label = str(member.label)
            for text in (member.value, label, *label.split("/")):
                lookup.setdefault(fold_name(text.strip()), member.value)
    return lookup


def parse_choice(cell, lookup: dict[str, str], what: str) -> str | None:
    text = text_of(cell)
    if not text:
        return None
    value = lookup.get(fold_name(text))
    if value is None:
        raise CellError(_("„%(value)s“ ist kein bekannter Wert für %(what)s.", value=text, what=what))
    return value


# --- the plan ------------------------------------------------------------------------------------

@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str
    level: str = "error"  # or "warning"

    def as_text(self) -> str:
        where = _("Blatt „%(sheet)s“", sheet=self.sheet)
        if self.row is not None:
            where += ", " + _("Zeile %(row)d", row=self.row)
        if self.column:
            where += ", " + _("Spalte „%(column)s“", column=self.column)
        prefix = _("Fehler") if self.level == "error" else _("Hinweis")
        return f"{prefix} ({where}): {self.message}"


@dataclass
class Missing:
    """A list value the file uses but the lists lack (a type, district, target group …)."""

    list_name: str  # "types", "districts", "target_groups", "fields_of_action", "languages"
    name: str
    rows: list[tuple[str, int]] = field(default_factory=list)
    provisional_id: int | None = None  # set when the entry is to be created

    @property
    def key(self) -> str:
        return f"{self.list_name}:{fold_name(self.name)}"


LIST_MODELS = {"types": ActorType, "districts": District, "target_groups": TargetGroup,
               "fields_of_action": FieldOfAction, "languages": Language}
LIST_LABELS = {"types": _l("Akteurstyp"), "districts": _l("Stadtteil"), "target_groups": _l("Zielgruppe"),
               "fields_of_action": _l("Handlungsfeld"), "languages": _l("Sprache")}


@dataclass
class Options:
    """create_missing: True for all, or the `Missing.key`s to create. on_match: what to do with
    an actor row whose name matches an existing actor: "merge", "skip" or "new" (a new actor,
    possible only where the names differ in more than case and spacing)."""

    create_missing: bool | frozenset[str] = False
    on_match: str = "merge"
    valid_only: bool = False

    def creates(self, missing_key: str) -> bool:
        return self.create_missing is True or (
            isinstance(self.create_missing, frozenset) and missing_key in self.create_missing)


@dataclass
class RowResult:
    sheet: str
    kind: str
    row: int
    label: str
    ok: bool = True
    action: str = "create"  # create, merge, skip


@dataclass
class ActorPlan:
    row: RowResult
    ref: int  # provisional (negative) id of a new actor, or the id of the existing actor
    values: ActorValues
    commitments: list[int]
    merge_into: int | None = None


@dataclass
class ContributionPlan:
    row: RowResult | None  # None for contributions generated from the actors' commitments column
    values: ContributionValues


@dataclass
class CooperationPlan:
    row: RowResult
    values: CooperationValues


@dataclass
class Plan:
    filenames: list[str]
    problems: list[Problem] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    actors: list[ActorPlan] = field(default_factory=list)
    contributions: list[ContributionPlan] = field(default_factory=list)
    cooperations: list[CooperationPlan] = field(default_factory=list)
    missing: dict[str, Missing] = field(default_factory=dict)
    sheets: list[tuple[str, str, int]] = field(default_factory=list)  # name, kind, rows

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def summary(self) -> dict[str, int]:
        ok = [r for r in self.rows if r.ok]
        return {
            "rows": len(self.rows), "valid_rows": len(ok), "invalid_rows": len(self.rows) - len(ok),
            "actors_new": sum(1 for a in self.actors if a.row.ok and a.row.action == "create"),
            "actors_merged": sum(1 for a in self.actors if a.row.ok and a.row.action == "merge"),
            "actors_skipped": sum(1 for a in self.actors if a.row.ok and a.row.action == "skip"),
            "contributions": sum(1 for c in self.contributions if c.row is None or c.row.ok),
            "contributions_generated": sum(1 for c in self.contributions if c.row is None),
            "cooperations": sum(1 for c in self.cooperations if c.row.ok),
            "missing": len(self.missing),
        }


# --- lookups -------------------------------------------------------------------------------------

class _ListIndex:
    """Entries of one editable list by folded name, key and name parts ("Bildungsträger/VHS")."""

    def __init__(self, model):
        self.by_name: dict[str, int] = {}
        self.by_alias: dict[str, set[int]] = defaultdict(set)
        for entry_id, name, key in db.session.execute(sa.select(model.id, model.name, model.key)):
            self.by_name[fold_name(name)] = entry_id
            if key:
                self.by_alias[fold_name(key)].add(entry_id)
            bare = re.sub(r"\s*\(([^)]*)\)", "", name)
            for part in {bare, *bare.split("/"), *re.findall(r"\(([^)]*)\)", name)}:
                if part.strip():
                    self.by_alias[fold_name(part)].add(entry_id)
        self.created: dict[str, int] = {}

    def find(self, name: str) -> int | None:
        key = fold_name(name)
        if key in self.by_name:
            return self.by_name[key]
        if key in self.created:
            return self.created[key]
        ids = self.by_alias.get(key, ())
        return next(iter(ids)) if len(ids) == 1 else None


class _Lookups:
    def __init__(self):
        self.lists = {name: _ListIndex(model) for name, model in LIST_MODELS.items()}
        self.commitment_ids = dict(db.session.execute(sa.select(Commitment.number, Commitment.id)).all())
        self.commitment_numbers = {v: k for k, v in self.commitment_ids.items()}
        self.actor_by_key: dict[str, tuple[int, str]] = {}
        self.actors_by_fold: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for actor_id, name, name_key in db.session.execute(sa.select(Actor.id, Actor.name, Actor.name_key)):
            self.actor_by_key[name_key] = (actor_id, name)
            self.actors_by_fold[fold_name(name)].append((actor_id, name))
        today = date.today()
        self.running_pairs: dict[tuple[int, int, str], int] = {}
        for row in db.session.execute(sa.select(Cooperation.id, Cooperation.actor_a_id, Cooperation.actor_b_id,
                                                Cooperation.kind, Cooperation.end_date)):
            if is_running(row.end_date, today):
                self.running_pairs.setdefault((row.actor_a_id, row.actor_b_id, row.kind.value), row.id)
        self.participations = set(db.session.execute(
            sa.select(ContributionParticipant.actor_id, Commitment.number)
            .join(Contribution, Contribution.id == ContributionParticipant.contribution_id)
            .join(Commitment, Commitment.id == Contribution.commitment_id)).tuples())
        self.default_type_id = db.session.scalar(sa.select(ActorType.id).where(ActorType.key == DEFAULT_TYPE_KEY))
        self.actor_statuses = _choice_lookup(ActorStatus)
        self.contribution_statuses = _choice_lookup(ContributionStatus)
        self.contribution_kinds = _choice_lookup(ContributionKind)
        self.cooperation_kinds = _choice_lookup(CooperationKind)
        self.next_id = -1

    def provisional_id(self) -> int:
        self.next_id -= 1
        return self.next_id

    def existing_actor(self, name: str) -> tuple[int, str] | str | None:
        """(id, name) of the existing actor with this name, "ambiguous", or None."""
        exact = self.actor_by_key.get(_name_key(name))
        if exact:
            return exact
        matches = self.actors_by_fold.get(fold_name(name), [])
        if len(matches) > 1:
            return "ambiguous"
        return matches[0] if matches else None


# --- checking ------------------------------------------------------------------------------------

# service error field -> import column, per kind
_FIELD_COLUMNS = {
    "actors": {"name": "name", "type_id": "type", "districts": "districts", "target_groups": "target_groups",
               "fields_of_action": "fields_of_action", "languages": "languages", "email": "email",
               "phone": "phone", "website": "website", "description": "description", "address": "address",
               "status": "status"},
    "contributions": {"title": "title", "commitment_id": "commitment", "kind": "kind", "status": "status",
                      "start_date": "start", "end_date": "end", "description": "description",
                      "lead_actor_id": "actor", "partner_actor_ids": "partners",
                      "target_group_ids": "target_groups", "district_ids": "districts",
                      "language_ids": "languages", "field_of_action_id": "field_of_action"},
    "cooperations": {"actor_a_id": "actor_a", "actor_b_id": "actor_b", "kind": "kind",
                     "intensity": "intensity", "start_date": "since", "end_date": "until", "note": "note",
                     "commitment_ids": "commitments"},
}


class _SheetChecker:
    """Reads the cells of one sheet's rows and collects the problems of the current row."""

    def __init__(self, plan: Plan, sheet: Sheet):
        self.plan, self.sheet, self.kind = plan, sheet, sheet.kind
        self.headers = {name: sheet.headers[index] for index, name in sheet.mapping.items()}
        self.index = {name: index for index, name in sheet.mapping.items()}
        self.result: RowResult | None = None

    def start(self, number: int, cells: list, label: str = "") -> RowResult:
        self.cells = cells
        self.result = RowResult(self.sheet.name, self.kind, number, label)
        self.plan.rows.append(self.result)
        return self.result

    def has(self, name: str) -> bool:
        return name in self.index

    def cell(self, name: str):
        index = self.index.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else None

    def column_label(self, name: str) -> str:
        if name in self.headers:
            return self.headers[name]
        return str(column(self.kind, name).label)

    def problem(self, name: str, message: str, level: str = "error") -> None:
        self.plan.problems.append(Problem(self.sheet.name, self.result.row if self.result else None,
                                          self.column_label(name) if name else "", message, level))
        if level == "error" and self.result is not None:
            self.result.ok = False

    def read(self, name: str, parser, default=None, *args):
        try:
            value = parser(self.cell(name), *args)
        except CellError as error:
            self.problem(name, str(error))
            return default
        return default if value is None else value

    def service_errors(self, errors: dict[str, str]) -> None:
        columns = _FIELD_COLUMNS[self.kind]
        for service_field, message in errors.items():
            self.problem(columns.get(service_field, ""), message)


def check(files: list[ImportFile], options: Options) -> Plan:
    """Validate every row of `files` (all sheets with a kind) and plan what the import does."""
    plan = Plan([f.filename for f in files])
    lookups = _Lookups()
    sheets = [sheet for f in files for sheet in f.sheets]
    for sheet in sheets:
        plan.sheets.append((sheet.name, sheet.kind or "", len(sheet.rows)))
        if sheet.kind is None:
            plan.problems.append(Problem(sheet.name, None, "", _(
                "Es ist nicht erkennbar, ob das Blatt Akteure, Beiträge oder Kooperationen enthält. Bitte "
                "wählen Sie die Art oder benennen Sie die Spalten wie in der Vorlage.")))
            continue
        missing_columns = [column(sheet.kind, name) for name in REQUIRED[sheet.kind]
                           if name not in sheet.mapping.values()]
        for col in missing_columns:
            plan.problems.append(Problem(sheet.name, None, str(col.label), _(
                "Die Pflichtspalte „%(column)s“ fehlt (oder ist keiner Spalte zugeordnet).", column=col.label)))
    new_actors: dict[str, ActorPlan] = {}
    usable = [sheet for sheet in sheets if sheet.kind and not any(
        name not in sheet.mapping.values() for name in REQUIRED[sheet.kind])]
    for sheet in usable:
        if sheet.kind == "actors":
            _check_actors(plan, sheet, lookups, options, new_actors)
    file_commitments = set()
    for sheet in usable:
        if sheet.kind == "contributions":
            _check_contributions(plan, sheet, lookups, options, new_actors, file_commitments)
    for sheet in usable:
        if sheet.kind == "cooperations":
            _check_cooperations(plan, sheet, lookups, new_actors)
    _generate_commitment_contributions(plan, lookups, file_commitments)
    for missing in plan.missing.values():
        rows = ", ".join(str(row) for _sheet, row in missing.rows[:10]) + (" …" if len(missing.rows) > 10 else "")
        if options.creates(missing.key):
            plan.problems.append(Problem(missing.rows[0][0], None, str(LIST_LABELS[missing.list_name]), _(
                "„%(name)s“ wird als neuer Eintrag angelegt (Zeilen %(rows)s).", name=missing.name, rows=rows),
                "warning"))
    return plan


def _resolve_list(checker: _SheetChecker, lookups: _Lookups, list_name: str, column_name: str,
                  names: list[str], options: Options) -> list[int]:
    ids = []
    for name in names:
        if len(name) > 120:
            checker.problem(column_name, _("„%(name)s…“ ist zu lang (höchstens %(max)d Zeichen).",
                                           name=name[:40], max=120))
            continue
        entry_id = lookups.lists[list_name].find(name)
        if entry_id is None:
            missing = checker.plan.missing.setdefault(
                f"{list_name}:{fold_name(name)}", Missing(list_name, name))
            missing.rows.append((checker.sheet.name, checker.result.row))
            if options.creates(missing.key):
                if missing.provisional_id is None:
                    missing.provisional_id = lookups.provisional_id()
                entry_id = lookups.lists[list_name].created.setdefault(fold_name(name), missing.provisional_id)
            else:
                checker.problem(column_name, _("„%(name)s“ ist kein bekannter Eintrag der Liste %(list)s. "
                                               "Legen Sie ihn an (Vorschau im Browser, auf der Kommandozeile --create-missing) oder korrigieren Sie den Wert.",
                                               name=name, list=LIST_LABELS[list_name]))
                continue
        ids.append(entry_id)
    return list(dict.fromkeys(ids))


def _check_actors(plan: Plan, sheet: Sheet, lookups: _Lookups, options: Options,
                  new_actors: dict[str, ActorPlan]) -> None:
    checker = _SheetChecker(plan, sheet)
    defaulted_types = 0
    for number, cells in sheet.rows:
        checker.cells = cells
        name = text_of(checker.cell("name"))
        result = checker.start(number, cells, name)
        type_names = split_values(checker.cell("type"))
        type_ids = _resolve_list(checker, lookups, "types", "type", type_names[:1], options)
        if not type_names:
            type_ids = [lookups.default_type_id]
            defaulted_types += 1
        values = ActorValues(
            name=name, type_id=type_ids[0] if type_ids else None,
            migrant_led=checker.read("migrant_led", parse_bool, False),
            municipal=checker.read("municipal", parse_bool, False),
            description=text_of(checker.cell("description")), address=text_of(checker.cell("address")),
            whole_commune=checker.read("whole_commune", parse_bool, False),
            district_ids=_resolve_list(checker, lookups, "districts", "districts",
                                       split_values(checker.cell("districts")), options),
            website=text_of(checker.cell("website")), email=text_of(checker.cell("email")),
            phone=text_of(checker.cell("phone")),
            target_group_ids=_resolve_list(checker, lookups, "target_groups", "target_groups",
                                           split_values(checker.cell("target_groups")), options),
            field_of_action_ids=_resolve_list(checker, lookups, "fields_of_action", "fields_of_action",
                                              split_values(checker.cell("fields_of_action")), options),
            language_ids=_resolve_list(checker, lookups, "languages", "languages",
                                       split_values(checker.cell("languages")), options),
            status=checker.read("status", parse_choice, ActorStatus.ACTIVE.value, lookups.actor_statuses,
                                THE_STATUS))
        if len(type_names) > 1:
            checker.problem("type", _("Bitte nur einen Typ angeben."))
        commitments = checker.read("commitments", parse_numbers, [])
        errors: dict[str, str] = {}
        check_actor_fields(values, errors)
        checker.service_errors(errors)
        if "name" in errors:
            continue
        key = fold_name(values.name)
        if key in new_actors:
            checker.problem("name", _("„%(name)s“ steht schon in Zeile %(row)d dieses Blatts.",
                                      name=values.name, row=new_actors[key].row.row))
            continue
        existing = lookups.existing_actor(values.name)
        ref = None
        if existing == "ambiguous":
            checker.problem("name", _("Mehrere vorhandene Akteure heißen ähnlich wie „%(name)s“. Bitte den "
                                      "Namen genau wie im Bestand schreiben.", name=values.name))
        elif existing is not None:
            existing_id, existing_name = existing
            same_key = normalize_name(existing_name) == normalize_name(values.name)
            if options.on_match == "new" and not same_key:
                ref = lookups.provisional_id()
            elif options.on_match == "new":
                checker.problem("name", name_taken_message(existing_name))
            else:
                result.action = options.on_match
                ref = existing_id
                plan.problems.append(Problem(sheet.name, number, checker.column_label("name"), _(
                    "„%(name)s“ gibt es schon als „%(existing)s“: wird zusammengeführt.",
                    name=values.name, existing=existing_name) if options.on_match == "merge" else _(
                    "„%(name)s“ gibt es schon als „%(existing)s“: Zeile wird übersprungen.",
                    name=values.name, existing=existing_name), "warning"))
        else:
            ref = lookups.provisional_id()
        new_actors[key] = ActorPlan(result, ref if ref is not None else lookups.provisional_id(), values,
                                    commitments, merge_into=ref if result.action == "merge" else None)
        plan.actors.append(new_actors[key])
    if defaulted_types:
        plan.problems.append(Problem(sheet.name, None, checker.column_label("type"), _(
            "%(count)d Akteure ohne Typ werden als „Sonstige“ angelegt.", count=defaulted_types), "warning"))


def _actor_ref(checker: _SheetChecker, lookups: _Lookups, new_actors: dict[str, ActorPlan],
               column_name: str, name: str) -> int | None:
    """The (possibly provisional) id of the actor called `name`, with a problem if there is none."""
    if not name:
        return None
    planned = new_actors.get(fold_name(name))
    if planned is not None:
        if not planned.row.ok:
            checker.problem(column_name, _("Der Akteur „%(name)s“ (Blatt „%(sheet)s“, Zeile %(row)d) hat "
                                           "Fehler und wird nicht importiert.", name=name,
                                           sheet=planned.row.sheet, row=planned.row.row))
            return None
        return planned.ref
    existing = lookups.existing_actor(name)
    if existing == "ambiguous":
        checker.problem(column_name, _("Mehrere vorhandene Akteure heißen ähnlich wie „%(name)s“. Bitte "
                                       "den Namen genau wie im Bestand schreiben.", name=name))
        return None
    if existing is None:
        checker.problem(column_name, _("Unbekannter Akteur „%(name)s“: weder im Bestand noch im Blatt "
                                       "Akteure.", name=name))
        return None
    return existing[0]


def _check_contributions(plan: Plan, sheet: Sheet, lookups: _Lookups, options: Options,
                         new_actors: dict[str, ActorPlan], file_commitments: set) -> None:
    checker = _SheetChecker(plan, sheet)
    defaulted_kinds = 0
    for number, cells in sheet.rows:
        checker.cells = cells
        result = checker.start(number, cells, text_of(checker.cell("title")))
        actor_name = text_of(checker.cell("actor"))
        lead = _actor_ref(checker, lookups, new_actors, "actor", actor_name)
        partners = [ref for ref in (_actor_ref(checker, lookups, new_actors, "partners", name)
                                    for name in split_values(checker.cell("partners"))) if ref is not None]
        commitment_numbers = checker.read("commitment", parse_numbers, [])
        if len(commitment_numbers) > 1:
            checker.problem("commitment", _("Bitte nur eine Selbstverpflichtung je Zeile angeben."))
        kind = checker.read("kind", parse_choice, None, lookups.contribution_kinds, THE_KIND)
        if kind is None and not text_of(checker.cell("kind")):
            kind = DEFAULT_CONTRIBUTION_KIND
            defaulted_kinds += 1
        field_names = split_values(checker.cell("field_of_action"))
        fields_ = _resolve_list(checker, lookups, "fields_of_action", "field_of_action", field_names[:1],
                                options)
        values = ContributionValues(
            title=text_of(checker.cell("title")),
            commitment_id=lookups.commitment_ids.get(commitment_numbers[0]) if commitment_numbers else None,
            kind=kind, lead_actor_id=lead if lead is not None else (None if not actor_name else 0),
            field_of_action_id=fields_[0] if fields_ else None,
            status=checker.read("status", parse_choice, ContributionStatus.ACTIVE.value,
                                lookups.contribution_statuses, THE_STATUS),
            start_date=checker.read("start", parse_date), end_date=checker.read("end", parse_date),
            description=text_of(checker.cell("description")),
            partner_actor_ids=partners,
            target_group_ids=_resolve_list(checker, lookups, "target_groups", "target_groups",
                                           split_values(checker.cell("target_groups")), options),
            district_ids=_resolve_list(checker, lookups, "districts", "districts",
                                       split_values(checker.cell("districts")), options),
            language_ids=_resolve_list(checker, lookups, "languages", "languages",
                                       split_values(checker.cell("languages")), options))
        errors: dict[str, str] = {}
        check_contribution_fields(values, errors)
        if values.lead_actor_id == 0:  # named but not found: the problem is already listed
            errors.pop("lead_actor_id", None)
        checker.service_errors(errors)
        if result.ok:
            for actor_id in (values.lead_actor_id, *values.partner_actor_ids):
                file_commitments.add((actor_id, commitment_numbers[0]))
        plan.contributions.append(ContributionPlan(result, values))
    if defaulted_kinds:
        plan.problems.append(Problem(sheet.name, None, checker.column_label("kind"), _(
            "%(count)d Beiträge ohne Art werden als „Projekt“ angelegt.", count=defaulted_kinds), "warning"))


def _check_cooperations(plan: Plan, sheet: Sheet, lookups: _Lookups, new_actors: dict[str, ActorPlan]) -> None:
    checker = _SheetChecker(plan, sheet)
    defaulted_kinds = 0
    seen: dict[tuple[int, int, str], int] = {}
    for number, cells in sheet.rows:
        checker.cells = cells
        name_a, name_b = text_of(checker.cell("actor_a")), text_of(checker.cell("actor_b"))
        result = checker.start(number, cells, f"{name_a} – {name_b}")
        actor_a = _actor_ref(checker, lookups, new_actors, "actor_a", name_a)
        actor_b = _actor_ref(checker, lookups, new_actors, "actor_b", name_b)
        kind = checker.read("kind", parse_choice, None, lookups.cooperation_kinds, THE_KIND)
        if kind is None and not text_of(checker.cell("kind")):
            kind = DEFAULT_COOPERATION_KIND
            defaulted_kinds += 1
        intensity = checker.read("intensity", parse_intensity, 2)
        commitment_numbers = checker.read("commitments", parse_numbers, [])
        values = CooperationValues(
            actor_a_id=actor_a if actor_a is not None else (0 if name_a else None),
            actor_b_id=actor_b if actor_b is not None else (0 if name_b else None),
            kind=kind, start_date=checker.read("since", parse_date), end_date=checker.read("until", parse_date),
            intensity=intensity, written_agreement=checker.read("written_agreement", parse_bool, False),
            note=text_of(checker.cell("note")),
            commitment_ids=[lookups.commitment_ids[n] for n in commitment_numbers if n in lookups.commitment_ids])
        errors: dict[str, str] = {}
        check_cooperation_fields(values, errors)
        for key in ("actor_a_id", "actor_b_id"):
            if getattr(values, key) is None:
                if key not in errors:
                    errors[key] = _("Bitte wählen Sie einen Akteur.")
        checker.service_errors(errors)
        if result.ok and kind and actor_a and actor_b and is_running(values.end_date):
            low, high = sorted((actor_a, actor_b))
            pair = (low, high, kind)
            clash_id = lookups.running_pairs.get(pair) if low > 0 and high > 0 else None
            if clash_id is not None:
                checker.problem("kind", duplicate_message(db.session.get(Cooperation, clash_id)))
            elif pair in seen:
                checker.problem("kind", _("Dieselbe laufende Kooperation (gleiche Akteure, gleiche Art) "
                                          "steht schon in Zeile %(row)d.", row=seen[pair]))
            else:
                seen[pair] = number
        plan.cooperations.append(CooperationPlan(result, values))
    if defaulted_kinds:
        plan.problems.append(Problem(sheet.name, None, checker.column_label("kind"), _(
            "%(count)d Kooperationen ohne Art werden als „informeller Austausch“ angelegt.",
            count=defaulted_kinds), "warning"))


def _generate_commitment_contributions(plan: Plan, lookups: _Lookups, file_commitments: set) -> None:
    """One contribution per commitment listed in an actor row (see the module docstring)."""
    title = str(GENERATED_TITLE)
    for actor in plan.actors:
        if not actor.row.ok or actor.row.action == "skip":
            continue
        for number in actor.commitments:
            if (actor.ref, number) in lookups.participations or (actor.ref, number) in file_commitments:
                continue
            values = ContributionValues(
                title=title % {"number": number}, commitment_id=lookups.commitment_ids.get(number),
                kind=DEFAULT_CONTRIBUTION_KIND, lead_actor_id=actor.ref,
                status=ContributionStatus.ACTIVE.value, whole_commune=actor.values.whole_commune,
                target_group_ids=list(actor.values.target_group_ids), district_ids=list(actor.values.district_ids))
            errors: dict[str, str] = {}
            check_contribution_fields(values, errors)
            if errors:  # cannot happen with the values above; keep the rule visible anyway
                plan.problems.append(Problem(actor.row.sheet, actor.row.row, "", "; ".join(errors.values())))
                actor.row.ok = False
                continue
            plan.contributions.append(ContributionPlan(None, values))


# --- writing -------------------------------------------------------------------------------------

class ImportRefused(Exception):
    """The plan has errors and the caller did not ask for the valid rows only."""

    def __init__(self, problems: list[Problem]):
        super().__init__(_("Der Import wurde nicht ausgeführt: %(count)d Fehler.", count=len(problems)))
        self.problems = problems


@lru_cache(maxsize=None)
def _link_columns(table: sa.Table) -> tuple[str, str]:
    owner, other = (c.name for c in table.columns)
    return owner, other


def _link_rows(table: sa.Table, owner_id: int, ids) -> list[dict]:
    owner, other = _link_columns(table)
    return [{owner: owner_id, other: entry_id} for entry_id in dict.fromkeys(ids)]


def _insert_returning_ids(table: sa.Table, rows: list[dict]) -> list[int]:
    """Insert `rows` and return their new ids in the same order.

    PostgreSQL: INSERT … RETURNING. SQLite: a plain executemany (several times faster than
    RETURNING row batches), then the ids above the previous maximum, which are exactly these rows
    because the transaction holds SQLite's write lock from its first write on (taken below).
    """
    if not rows:
        return []
    if db.session.get_bind().dialect.name != "sqlite":
        statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(db.session.execute(statement, rows).scalars())
    db.session.execute(sa.update(table).where(sa.false()).values(id=table.c.id))  # take the write lock
    before = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0)))
    _insert(table, rows)
    ids = list(db.session.scalars(sa.select(table.c.id).where(table.c.id > before).order_by(table.c.id)))
    if len(ids) != len(rows):  # someone else wrote in between: refuse rather than mix up ids
        raise RuntimeError(f"{table.name}: expected {len(rows)} new rows, found {len(ids)}")
    return ids


def _insert(table: sa.Table, rows: list[dict]) -> None:
    """INSERT many rows (all with the same keys) through the driver's executemany.

    The values pass the columns' own bind processors (dates, enums, booleans as the dialect
    stores them), once per value instead of SQLAlchemy's per-row parameter handling, which
    takes most of the time at tens of thousands of rows.
    """
    if not rows:
        return
    connection = db.session.connection()
    dialect = connection.dialect
    names = list(rows[0])
    defaults = [column for column in table.columns if column.name not in rows[0] and column.default is not None]
    if any(column.default.is_clause_element or column.default.is_sequence for column in defaults):
        db.session.execute(sa.insert(table), rows)  # SQL-side defaults: let SQLAlchemy render them
        return
    if defaults:  # Python-side column defaults (e.g. a sort key computed from the name)
        rows = [row | {column.name: _default_value(column, row) for column in defaults} for row in rows]
        names += [column.name for column in defaults]
    columns = [table.c[name] for name in names]
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    marker = {"qmark": "?", "numeric": None, "named": None}.get(dialect.paramstyle, "%s")
    if marker is None:  # not used by the supported drivers (sqlite3, psycopg)
        db.session.execute(sa.insert(table), rows)
        return
    preparer = dialect.identifier_preparer
    statement = (f"INSERT INTO {preparer.format_table(table)} "
                 f"({', '.join(preparer.format_column(column) for column in columns)}) "
                 f"VALUES ({', '.join([marker] * len(columns))})")
    if any(processors):
        pairs = list(zip(names, processors))
        values = [tuple(process(row[name]) if process else row[name] for name, process in pairs)
                  for row in rows]
    else:
        values = [tuple(row[name] for name in names) for row in rows]
    connection.exec_driver_sql(statement, values)


class _DefaultContext:
    """What a context-sensitive column default sees of the row being inserted."""

    def __init__(self, row: dict):
        self.current_parameters = row

    def get_current_parameters(self, isolate_multiinsert_groups: bool = True) -> dict:
        return self.current_parameters


def _default_value(column: sa.Column, row: dict):
    default = column.default
    return default.arg(_DefaultContext(row)) if default.is_callable else default.arg


def execute(plan: Plan, options: Options, *, by: User | None, label: str = "") -> dict[str, int]:
    """Write the plan in one transaction; {what: how many}. Raises ImportRefused when the plan
    has errors, unless `options.valid_only` (then rows with errors, and rows that depend on
    them, are left out)."""
    if plan.errors and not options.valid_only:
        raise ImportRefused(plan.errors)
    now, by_id = utcnow(), (by.id if by else None)
    tracked = {"created_at": now, "updated_at": now, "version": 1, "created_by_id": by_id,
               "updated_by_id": by_id}
    id_map: dict[int, int] = {}

    def real(provisional):
        return id_map.get(provisional, provisional)

    counts = {"list_entries": 0, "actors_created": 0, "actors_merged": 0, "contributions": 0,
              "cooperations": 0, "rows_skipped": sum(1 for row in plan.rows if not row.ok or row.action == "skip")}
    with transaction():
        for missing in plan.missing.values():
            if missing.provisional_id is not None:
                entry = list_service.create_entry(LIST_MODELS[missing.list_name],
                                                  list_service.EntryValues(name=missing.name), by=by)
                id_map[missing.provisional_id] = entry.id
                counts["list_entries"] += 1

        # actors: new ones in bulk, matches merged into the existing ones
        actors = [a for a in plan.actors if a.row.ok and a.row.action != "skip"]
        new = [a for a in actors if a.row.action == "create"]
        ids = _insert_returning_ids(Actor.__table__, [{
            "name": a.values.name, "name_key": normalize_name(a.values.name), "type_id": real(a.values.type_id),
            "migrant_led": a.values.migrant_led, "municipal": a.values.municipal,
            "description": a.values.description.strip(), "address": a.values.address.strip(),
            "whole_commune": a.values.whole_commune, "website": a.values.website.strip(),
            "email": a.values.email.strip(), "phone": a.values.phone.strip(), "status": a.values.status,
            "last_reviewed": None, **tracked} for a in new])
        for actor, actor_id in zip(new, ids):
            id_map[actor.ref] = actor_id
        merged = [a for a in actors if a.row.action == "merge"]
        _merge_actors(merged, real, now, by_id)
        flag_migrant_organisations()
        counts["actors_created"], counts["actors_merged"] = len(new), len(merged)
        existing_links = _existing_links([a.ref for a in merged])
        for table, attribute in ((actor_districts, "district_ids"), (actor_target_groups, "target_group_ids"),
                                 (actor_fields, "field_of_action_ids"), (actor_languages, "language_ids")):
            _insert(table, [row for a in actors for row in _link_rows(table, real(a.ref), map(
                real, getattr(a.values, attribute))) if tuple(row.values()) not in existing_links[table.name]])

        # contributions with their participants and lists
        contributions = [c for c in plan.contributions if c.row is None or c.row.ok]
        ids = _insert_returning_ids(Contribution.__table__, [{
            "title": c.values.title, "commitment_id": c.values.commitment_id, "kind": c.values.kind,
            "field_of_action_id": real(c.values.field_of_action_id) if c.values.field_of_action_id else None,
            "status": c.values.status, "start_date": c.values.start_date, "end_date": c.values.end_date,
            "description": c.values.description, "whole_commune": c.values.whole_commune,
            "last_reviewed": None, **tracked} for c in contributions])
        participants, links = [], defaultdict(list)
        for contribution, contribution_id in zip(contributions, ids):
            values = contribution.values
            lead = real(values.lead_actor_id)
            participants.append({"contribution_id": contribution_id, "actor_id": lead, "is_lead": True})
            participants.extend({"contribution_id": contribution_id, "actor_id": real(p), "is_lead": False}
                                for p in dict.fromkeys(values.partner_actor_ids) if real(p) != lead)
            for table, attribute in ((contribution_target_groups, "target_group_ids"),
                                     (contribution_districts, "district_ids"),
                                     (contribution_languages, "language_ids")):
                links[table].extend(_link_rows(table, contribution_id, map(real, getattr(values, attribute))))
        _insert(ContributionParticipant.__table__, participants)
        for table, rows in links.items():
            _insert(table, rows)
        counts["contributions"] = len(contributions)

        # cooperations, stored as ordered pairs
        cooperations = [c for c in plan.cooperations if c.row.ok]
        rows = []
        for cooperation in cooperations:
            values = cooperation.values
            low, high = sorted((real(values.actor_a_id), real(values.actor_b_id)))
            rows.append({"actor_a_id": low, "actor_b_id": high, "kind": values.kind,
                         "start_date": values.start_date, "end_date": values.end_date,
                         "intensity": values.intensity, "written_agreement": values.written_agreement,
                         "note": values.note, **tracked})
        ids = _insert_returning_ids(Cooperation.__table__, rows)
        _insert(cooperation_commitments, [row for cooperation, cooperation_id in zip(cooperations, ids)
                                          for row in _link_rows(cooperation_commitments, cooperation_id,
                                                                cooperation.values.commitment_ids)])
        counts["cooperations"] = len(cooperations)

        record(AuditAction.CREATE, SimpleNamespace(id=None), by, entity_type="import",
               label=(label or _("Import: %(files)s", files=", ".join(plan.filenames)))[:300],
               changes={name: [None, value] for name, value in counts.items() if value})
    return counts


def _existing_links(actor_ids: list[int]) -> dict[str, set[tuple]]:
    result = defaultdict(set)
    if actor_ids:
        for table in (actor_districts, actor_target_groups, actor_fields, actor_languages):
            owner = list(table.columns)[0]
            result[table.name] = set(db.session.execute(sa.select(*table.columns).where(
                owner.in_(actor_ids))).tuples())
    return result


def _merge_actors(merged: list[ActorPlan], real, now, by_id) -> None:
    """Fill the existing actors' empty text fields, add flags (a "ja" in the file wins)."""
    if not merged:
        return
    table = Actor.__table__
    current = {row.id: row for row in db.session.execute(sa.select(table).where(
        table.c.id.in_([a.ref for a in merged])))}
    for actor in merged:
        row, values = current[actor.ref], actor.values
        changes = {name: getattr(values, name).strip() for name in ("description", "address", "website",
                                                                     "email", "phone")
                   if not getattr(row, name) and getattr(values, name).strip()}
        for flag in ("migrant_led", "municipal", "whole_commune"):
            if getattr(values, flag) and not getattr(row, flag):
                changes[flag] = True
        if changes:
            db.session.execute(table.update().where(table.c.id == actor.ref).values(
                **changes, version=table.c.version + 1, updated_at=now, updated_by_id=by_id))

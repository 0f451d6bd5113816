"""The import's columns and cell values: which header means which field (German or English, any
order, case-, spacing- and umlaut-insensitive), which sheet holds which kind of record, and how a
cell becomes a yes/no, a date, commitment numbers, an intensity or a value of a choice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coordination import text
from coordination.text import normalize_name
from coordination.wording import DISTRICTS_LABEL, WHOLE_COMMUNE_LABEL

KINDS = ("actors", "contributions", "cooperations")
KIND_LABELS = {"actors": _l("Akteure"), "contributions": _l("Angebote"), "cooperations": _l("Kooperationen")}
SHEET_NAMES = {
    "actors": ("akteure", "actors", "akteur"),
    "contributions": ("beitraege", "contributions", "beitrag", "angebote", "massnahmen"),
    "cooperations": ("kooperationen", "cooperations", "kooperation"),
}

# What coordinators write in a district cell when they mean the whole commune (folded).
WHOLE_COMMUNE_WORDS = frozenset({
    "ganze stadt", "ganze kommune", "ganzer landkreis", "ganzer kreis", "ganze gemeinde", "gesamte stadt",
    "gesamte kommune", "gesamter landkreis", "gesamte gemeinde", "ganzes stadtgebiet", "gesamtes stadtgebiet",
    "ganzes kreisgebiet", "gesamtes kreisgebiet", "ganzes gemeindegebiet", "stadtweit", "kreisweit",
    "gemeindeweit", "gesamtstadt", "alle", "alle stadtteile", "alle gemeinden", "alle ortsteile", "gesamt",
})

# --- normalising names and headers --------------------------------------------------------------

# Names repeat (an actor is named in many cooperation rows): remember the keys of the import.
name_key = lru_cache(maxsize=2**18)(normalize_name)
fold_name = lru_cache(maxsize=2**18)(text.fold_name)


def fold_header(header: str) -> str:
    return re.sub(r"[\s_\-.:/*()]+", " ", fold_name(str(header))).strip()


# --- columns -------------------------------------------------------------------------------------

# The district column under the name of every commune kind (a file written for a Landkreis may be
# imported by a city) and the older ones.
DISTRICT_HEADERS = ("districts", "stadtteile", "stadtteil", "gemeinden", "gemeinde", "ortsteile",
                    "ortsteil", "sozialraum")

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
        Column("districts", DISTRICTS_LABEL, DISTRICT_HEADERS + ("sozialraeume", "wirkungsraum", "quartier")),
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
        Column("whole_commune", WHOLE_COMMUNE_LABEL, (
            "whole commune", "ganze kommune", "ganze stadt", "ganzer landkreis", "ganze gemeinde",
            "gesamtstadt", "stadtweit", "kreisweit", "gemeindeweit")),
        Column("contact_name", _l("Kontaktperson"), ("contact", "contact person", "kontaktperson", "kontakt",
                                                     "ansprechperson", "ansprechpartner", "ansprechpartnerin")),
        Column("contact_role", _l("Funktion der Kontaktperson"), (
            "contact role", "contact function", "funktion", "funktion der kontaktperson", "position")),
        Column("contact_email", _l("E-Mail der Kontaktperson"), (
            "contact email", "contact e mail", "e mail der kontaktperson", "kontakt e mail",
            "e mail kontaktperson", "e mail ansprechperson")),
        Column("contact_phone", _l("Telefon der Kontaktperson"), (
            "contact phone", "telefon der kontaktperson", "kontakt telefon", "telefon kontaktperson",
            "telefon ansprechperson")),
    ),
    "contributions": (
        Column("actor", _l("Akteur"), ("actor", "akteur", "traeger", "federfuehrend", "lead")),
        Column("commitment", _l("Selbstverpflichtung"), ("commitment", "selbstverpflichtung", "sv")),
        Column("title", _l("Titel"), ("title", "titel", "angebot", "massnahme", "bezeichnung")),
        Column("status", _l("Status"), ("status",)),
        Column("start", _l("Beginn"), ("start", "beginn", "start date", "von")),
        Column("end", _l("Ende"), ("end", "ende", "end date", "bis")),
        Column("target_groups", _l("Zielgruppen"), ("target groups", "zielgruppen", "zielgruppe")),
        Column("districts", DISTRICTS_LABEL, DISTRICT_HEADERS),
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


def split_districts(cell) -> tuple[list[str], bool]:
    """The district names of a cell, and whether it (also) names the whole commune ("ganze
    Stadt", "alle", "gesamt", "kreisweit" …)."""
    names = split_values(cell)
    whole = [name for name in names if fold_name(name) in WHOLE_COMMUNE_WORDS]
    return [name for name in names if name not in whole], bool(whole)


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


def choice_lookup(choice) -> dict[str, str]:
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


"""Text keys shared by models, queries and exports: name keys for uniqueness, German sort
order, file-name slugs and LIKE patterns. Plain functions of strings (no Flask, no database)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})


def normalize_name(name: str) -> str:
    """Key for uniqueness: case-folded, whitespace collapsed ("  Caritas  Verband" == "caritas verband")."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip().casefold()


def sort_key(name: str) -> str:
    """Key for alphabetical order as in German lists (DIN 5007-1): "Bäckerei" sorts with "Backerei"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ß", "ss"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", stripped).strip().casefold()


def search_key(*parts: str | None, limit: int | None = None) -> str:
    """Key for searching: case, accents, umlauts and ß folded, and "ae/oe/ue" read as the
    umlaut, so that "Müller", "Mueller" and "muller" all become "muller" ("Straße" ->
    "strasse"). The search folds the query the same way (docs/domain.md, 12. Spellings)."""
    text = re.sub(r"([aou])e", r"\1", sort_key(" ".join(part for part in parts if part)))
    return text[:limit] if limit else text


def fold_name(name: str) -> str:
    """Key for matching names in imported files: `normalize_name`, with umlauts spelt out and
    accents dropped, so that "Müller", "mueller" and "MUELLER" are one name, as are "Café" and
    "cafe".

    >>> fold_name("  Café  Müller ") == fold_name("cafe mueller")
    True
    """
    key = normalize_name(name).translate(_UMLAUTS)
    if key.isascii():
        return key
    key = unicodedata.normalize("NFKD", key)
    return "".join(char for char in key if not unicodedata.combining(char))


def slug(text: str, fallback: str = "kommune", *, skip: Collection[str] = (), words: int | None = None) -> str:
    """ "Bad Müllheim (Süd)" -> "bad-muellheim-sued": for file names (`fallback` if nothing is left).

    >>> slug("Bad Müllheim (Süd)")
    'bad-muellheim-sued'
    >>> slug("***")
    'kommune'

    `skip` leaves out (folded) words, `words` keeps at most that many, for short host names:

    >>> slug("Verein der Freunde und Förderer e.V.", skip={"der", "und", "e", "v"}, words=3)
    'verein-freunde-foerderer'
    """
    text = text.casefold().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    kept = [word for word in re.split(r"[^a-z0-9]+", text) if word and word not in skip]
    return "-".join(kept[:words]) or fallback


def escape_like(text: str) -> str:
    """`text` for a LIKE pattern with escape character backslash: % and _ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

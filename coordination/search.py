"""Search that forgives other spellings, in the database.

The query is folded like the stored search keys (`text.search_key`: case, accents,
umlauts, ß, "ue" read as "ü"), so "mueller" and "muller" find "Müller". Each word of the query
must occur; a word of five letters or more may also differ by one letter (wrong, missing, extra
or two swapped letters), expressed as LIKE patterns the database checks. On PostgreSQL with the
extension pg_trgm, trigram word similarity is accepted too.
"""
from __future__ import annotations

import sqlalchemy as sa

from coordination.extensions import db
from coordination.text import search_key

TYPO_MIN_LENGTH = 5  # shorter words must match exactly (after folding)
SIMILARITY = 0.6  # pg_trgm word_similarity accepted as a match

_trigram_engines: dict[str, bool] = {}


def _escape(char: str) -> str:
    return "\\" + char if char in "\\%_" else char


def word_patterns(word: str) -> list[str]:
    """LIKE patterns (escape "\\") for `word` (folded) and, for longer words, its one-letter
    variants: "mueler" also matches "muller", "mller", "mulller", "mluler" (swapped)."""
    chars = [_escape(char) for char in word]
    patterns = ["%" + "".join(chars) + "%"]
    if len(word) >= TYPO_MIN_LENGTH:
        for i in range(len(chars)):
            patterns.append("%" + "".join(chars[:i] + ["_"] + chars[i + 1:]) + "%")  # wrong letter
            patterns.append("%" + "".join(chars[:i] + chars[i + 1:]) + "%")  # extra letter in the query
        for i in range(1, len(chars)):
            patterns.append("%" + "".join(chars[:i] + ["_"] + chars[i:]) + "%")  # letter missing
            patterns.append("%" + "".join(chars[:i - 1] + [chars[i], chars[i - 1]] + chars[i + 1:]) + "%")
    return list(dict.fromkeys(patterns))


def trigram_available() -> bool:
    """True on PostgreSQL when the extension pg_trgm is installed in the database."""
    engine = db.session.get_bind().engine  # an Engine, or the Connection a session is bound to
    if engine.dialect.name != "postgresql":
        return False
    key = str(engine.url)
    if key not in _trigram_engines:
        _trigram_engines[key] = db.session.scalar(
            sa.text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")) is not None
    return _trigram_engines[key]


def search_clause(query: str, *columns) -> sa.ColumnElement[bool] | None:
    """SQL condition: every word of `query` occurs (allowing one typo) in one of `columns`
    (search-key columns); None for an empty query."""
    words = search_key(query).split()
    if not words:
        return None
    similarity = trigram_available()
    conditions = []
    for word in words:
        options = [column.like(pattern, escape="\\") for column in columns for pattern in word_patterns(word)]
        if similarity and len(word) >= TYPO_MIN_LENGTH:
            options += [sa.func.word_similarity(word, column) >= SIMILARITY for column in columns]
        conditions.append(sa.or_(*options))
    return sa.and_(*conditions)

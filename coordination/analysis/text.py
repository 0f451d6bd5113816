"""Sentences the analysis writes (finding titles and explanations, reasons of suggestions),
kept as messages of the translation catalogue until someone reads them.

The analysis has no Flask and no locale, and its result is cached and read by German and English
users alike, so it does not translate: it builds `Text` values, a catalogue message (a whole
sentence, with a plural form where it holds a count) plus its parameters, which may be `Text`
themselves. The web app renders them with its translations (`Text.render(gettext, ngettext)`,
functions that return the translated message without filling it in); `str(text)` renders the
German source, which is what tests and the command line read.

`N_` and `ngettext` are the names the catalogue extraction (pybabel) looks for, so every message
written here lands in the catalogue whole::

    >>> str(ngettext("%(num)d Akteur", "%(num)d Akteure", 1))
    '1 Akteur'
    >>> str(N_("%(names)s fehlen.", names=enumeration(["A", "B", "C"])))
    'A, B und C fehlen.'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# A name ending in a full stop ("… e. V.") at the end of a sentence gives one stop, not two.
_DOUBLE_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")
Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def _source(message: str) -> str:
    return message


def _source_plural(singular: str, plural: str, num: int) -> str:
    return singular if num == 1 else plural


@dataclass(frozen=True)
class Text:
    """A catalogue message with its parameters. `plural` is set for messages with a count
    (the parameter `num`); parameters that are `Text` or `Sentences` are rendered first."""

    message: str
    plural: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def render(self, gettext: Gettext = _source, ngettext: Ngettext = _source_plural) -> str:
        values = {name: _render(value, gettext, ngettext) for name, value in self.params}
        if self.plural is None:
            template = gettext(self.message)
        else:
            template = ngettext(self.message, self.plural, values["num"])
        text = template % values if values else template
        return _DOUBLE_STOP.sub(".", text)

    def __str__(self) -> str:
        return self.render()

    def with_params(self, **params) -> Text:
        """The same message with these parameters added."""
        return Text(self.message, self.plural, tuple(sorted({**dict(self.params),
                                                               **params}.items())))


@dataclass(frozen=True)
class Sentences:
    """Whole sentences, rendered one after the other with a space between (empty ones left
    out); with `separator` ", " the items of an enumeration."""

    parts: tuple[Text | Sentences | str, ...]
    separator: str = " "

    def render(self, gettext: Gettext = _source, ngettext: Ngettext = _source_plural) -> str:
        rendered = (_render(part, gettext, ngettext) for part in self.parts)
        return self.separator.join(part for part in rendered if part)

    def __str__(self) -> str:
        return self.render()


def _render(value, gettext, ngettext):
    if isinstance(value, (Text, Sentences)):
        return value.render(gettext, ngettext)
    return value


def N_(message: str, **params) -> Text:
    """A message without a count."""
    return Text(message, None, tuple(sorted(params.items())))


def ngettext(singular: str, plural: str, num: int, **params) -> Text:
    """A message with a count `num`: the catalogue chooses the form (1 Akteur, 2 Akteure)."""
    return Text(singular, plural, tuple(sorted({**params, "num": num}.items())))


def sentences(*parts: Text | Sentences | str | None) -> Sentences:
    """The sentences in order; None and empty parts are left out."""
    return Sentences(tuple(part for part in parts if part))


NAMES_SHOWN = 8


# What the names stand for: the rest of a long list is counted in that noun, whose gender the
# German words agree with ("und ein weiteres Angebot", "und eine weitere Zielgruppe"). Filled in
# by `with_params` (names, num).
_MORE = {
    "actor": ngettext("%(names)s und ein weiterer Akteur",
                      "%(names)s und %(num)d weitere Akteure", 2),
    "offer": ngettext("%(names)s und ein weiteres Angebot",
                      "%(names)s und %(num)d weitere Angebote", 2),
    "body": ngettext("%(names)s und ein weiteres Gremium",
                     "%(names)s und %(num)d weitere Gremien", 2),
    "area": ngettext("%(names)s und ein weiteres Gebiet",
                     "%(names)s und %(num)d weitere Gebiete", 2),
    "target_group": ngettext("%(names)s und eine weitere Zielgruppe",
                             "%(names)s und %(num)d weitere Zielgruppen", 2),
}


def enumeration(names: Iterable[str | Text], more: str | None = None,
                shown: int = NAMES_SHOWN) -> Text | str:
    """ "A", "A und B", "A, B und C". With `more` (a key of _MORE: what the names are), a list
    longer than `shown` gives the first ones and counts the rest: "… und 5 weitere Akteure"
    (one name left over is named instead). The names may be `Text` themselves.

    >>> str(enumeration(["A", "B", "C", "D"], "offer", shown=2))
    'A, B und 2 weitere Angebote'
    """
    names = list(names)
    if more is not None and len(names) > shown + 1:
        return _MORE[more].with_params(names=Sentences(tuple(names[:shown]), ", "),
                                       num=len(names) - shown)
    if len(names) > 1:
        return N_("%(names)s und %(last)s", names=Sentences(tuple(names[:-1]), ", "),
                  last=names[-1])
    return names[0] if names else ""

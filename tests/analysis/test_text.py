"""German that is correct in every sentence the analysis writes: every message of the analysis
package with the counts 0, 1 and 2, in German and English, and every finding of the hand-built
communes checked against known-bad patterns."""
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.support import Translations

from coordination.analysis import analyse
from coordination.analysis.text import N_, enumeration, ngettext
from tests.analysis.test_communes import village

ROOT = Path(__file__).resolve().parents[2]
# English terms and the jargon of network research, where German has a word ("Vermittler (Broker)",
# "Gemeinschaften (Louvain)", "Artikulationspunkt"); only the help names them, once, as Fachbegriffe
ENGLISH_TERMS = re.compile(r"\b(Broker\w*|Betweenness|Louvain\S*|Artikulationspunkt\w*|Communit(y|ies)"
                           r"|Scores?|Cluster\w*|Hubs?|Ranking)\b")
BAD_GERMAN = [
    re.compile(r"\b1 (aktive|neue|Akteure|Angebote|Gremien|Zeilen|Migrantenorganisationen|Befunde)\b"),
    re.compile(r"(?<!\.)\.\.(?!\.)"), re.compile(r"– –"),
    re.compile(r"\b(kein|keine) (Ausländerbehörde|Agentur)\b.*\bkeine Jobcenter\b"),
    re.compile(r"\bkeine (Jobcenter|Sozialamt)\b"), re.compile(r"\bkein (Ausländerbehörde|Agentur)\b"),
    re.compile(r"\b(the|and|of|with|none|None|True|False)\b"), re.compile(r"%\(|\)[sd]\b"),
    ENGLISH_TERMS,
    # "und 1 weiterer": the rest of a list is counted in its noun, which the words agree with
    re.compile(r"\bund 1 weiter"), re.compile(r"\bund \d+ weitere[rs]?\b(?! [A-ZÄÖÜ])"),
    # a name where German needs an article it cannot carry ("Fiele Stadtteilzentrum Nordstadt
    # aus", "Mitglieder von Arbeitskreis Sprache")
    re.compile(r"\b(Fiele|Ausfall von|Mitglieder? von|Mitgliedschaft von) (?!der |dem |den |die |das |des "
               r"|einer? |einem |„)[A-ZÄÖÜ]"),
]


def analysis_messages():
    """(singular, plural or None) of every message in coordination/analysis."""
    found = extract_from_dir(str(ROOT / "coordination" / "analysis"))
    return sorted({(m[2], None) if isinstance(m[2], str) else (m[2][0], m[2][1])
                   for m in found})


class Anything(int):
    """A parameter for any placeholder: a number for %d, a name for %s."""

    def __new__(cls):
        return super().__new__(cls, 3)

    def __str__(self):
        return "Muster"


class Params(dict):
    def __missing__(self, key):
        return Anything()


@pytest.fixture(scope="module")
def english():
    return Translations.load(str(ROOT / "coordination" / "translations"), ["en"])


def test_the_analysis_writes_whole_messages():
    messages = analysis_messages()
    assert len(messages) > 100
    assert sum(plural is not None for _, plural in messages) > 30


@pytest.mark.parametrize("num", [0, 1, 2])
def test_every_message_renders_with_each_count_in_both_languages(english, num):
    for singular, plural in analysis_messages():
        german = singular if plural is None or num == 1 else plural
        translated = english.gettext(singular) if plural is None else \
            english.ngettext(singular, plural, num)
        assert translated != singular or singular.startswith(("%(", "Jobcenter")), singular
        for text in (german % Params(num=num), translated % Params(num=num)):
            assert not re.search(r"%\(", text), text
        rendered = german % Params(num=num)
        for pattern in BAD_GERMAN[:3]:
            assert not pattern.search(rendered), rendered


def test_counts_and_lists_read_right():
    assert str(ngettext("%(num)d Akteur", "%(num)d Akteure", 0)) == "0 Akteure"
    assert str(enumeration([])) == ""
    assert str(enumeration(["A"])) == "A"
    assert str(enumeration(["A", "B", "C"])) == "A, B und C"
    assert str(enumeration([f"N{i}" for i in range(10)])) == \
        "N0, N1, N2, N3, N4, N5, N6, N7, N8 und N9"  # no noun given: all named
    assert str(enumeration([f"N{i}" for i in range(10)], "offer")) == \
        "N0, N1, N2, N3, N4, N5, N6, N7 und 2 weitere Angebote"
    assert str(enumeration([f"N{i}" for i in range(9)], "actor")) == \
        "N0, N1, N2, N3, N4, N5, N6, N7 und N8"  # one left over is named, not counted
    assert str(enumeration("ABC", "actor", shown=1)) == "A und 2 weitere Akteure"
    assert str(enumeration("ABC", "target_group", shown=1)) == "A und 2 weitere Zielgruppen"
    assert str(enumeration("ABCD", "body", shown=2)) == "A, B und 2 weitere Gremien"
    assert str(enumeration("ABCD", "area", shown=2)) == "A, B und 2 weitere Gebiete"
    assert str(N_("Kooperation mit %(name)s.", name="Verein e. V.")) == \
        "Kooperation mit Verein e. V."


def communes(actor, offer, tie, network):
    """Hand-built communes with 0, 1 and 2 of most things."""
    small = village(actor, offer, tie, network)
    yield small
    yield network(commune_kind="stadt")
    yield network(actors=[actor(1, "jobcenter", "Jobcenter Musterstadt")],
                  contributions=[offer(1, 6, 1, end=small.today)])
    yield network(actors=[actor(1, "mso", "Verein A e. V.", migrant_led=True),
                          actor(2, "mso", "Verein B e. V.", migrant_led=True),
                          actor(3, "administration", "Amt", municipal=True)],
                  contributions=[offer(1, 4, 3, last_reviewed=None),
                                 offer(2, 4, 3, end=small.today, last_reviewed=None)],
                  cooperations=[tie(1, 1, 2)])


def test_every_finding_of_the_fixture_communes_reads_right(actor, offer, tie, network, english):
    seen = set()
    for data in communes(actor, offer, tie, network):
        for finding in analyse(data).findings:
            seen.add(finding.rule)
            for text in (finding.title, finding.detail):
                german = str(text)
                for pattern in BAD_GERMAN:
                    assert not pattern.search(german), german
                assert text.render(english.gettext, english.ngettext) != german
    assert len(seen) >= 15


# Placeholders of the analysis' messages that stand for a name (of an actor, body or district).
NAME_PLACEHOLDERS = ("name", "names", "actor", "link", "inner", "pairs", "body", "bodies",
                     "district", "districts", "first_names", "second_names")
# What may stand right before a name: nothing (a heading), an opening quotation mark, a colon, a
# bracket, or a noun the name stands in apposition to ("im Gebiet Nordstadt"). A verb or a
# preposition would need the name's article, which the analysis cannot know.
BEFORE_NAME = re.compile(r"(^|„|: |\(|\bGebiet |\bGebieten |, )$")
# A name at the start is a heading's subject: a colon, a bracket or "ohne …" follows, no verb.
AFTER_NAME_AT_START = re.compile(r"^(:| \(| ohne | und )")
SENTINEL = "Stadtteilzentrum Nordstadt"


def test_no_message_puts_a_name_where_german_needs_its_article():
    for singular, plural in analysis_messages():
        for message in filter(None, (singular, plural)):
            rendered = message % Params(dict.fromkeys(NAME_PLACEHOLDERS, SENTINEL), num=2)
            for found in re.finditer(SENTINEL, rendered):
                before, after = rendered[:found.start()], rendered[found.end():]
                assert BEFORE_NAME.search(before), message
                if not before:
                    assert AFTER_NAME_AT_START.match(after), message


def test_every_suggestion_reason_is_a_sentence(actor, offer, tie, network):
    """The reasons follow "Vorschlag „…“." in the documents: each starts like a sentence and
    ends with a full stop, for communes with 0, 1 and 2 offers and actors."""
    for data in communes(actor, offer, tie, network):
        result = analyse(data)
        for number in range(1, 11):
            reason = str(result.suggestion(number).reason)
            assert reason[0].isupper() or reason[0].isdigit(), reason
            assert reason.endswith(".") and not any(p.search(reason) for p in BAD_GERMAN), reason

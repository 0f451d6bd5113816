"""The two documents read as German a council accepts: the Sachstandsbericht and the Bausteine
DOCX, rendered for communes with 0, 1 and 2 actors, migrant organisations, offers and bodies,
converted to HTML with mammoth (what a reader sees, tables and captions included) and checked
against the known-bad patterns (a count of one with a plural noun, doubled full stops, empty
dashes, English words, unfilled placeholders, technical ids). Every sentence of the writers
comes from the catalogue, so the English interface's translations are checked too."""
import io
import re
from datetime import date

import mammoth
import pytest
from flask_babel import force_locale

from coordination.analysis.rules import RULES
from coordination.exports.documents import totals_sentence
from coordination.queries.report_changes import changes, summary_lines
from coordination.queries.status_report import clean_vorlage, vorlage_defaults
from coordination.services import reports as report_service
from tests.analysis.test_text import BAD_GERMAN
from tests.factories import add_member, make_actor, make_body, make_contribution, make_cooperation

SINCE = date(2020, 1, 1)
EARLIER = date(2021, 6, 30)
TECHNICAL = re.compile(r"\b(status_key|None|null|nan|[a-z]+_[a-z_]+)\b")


def commune(count: int) -> None:
    """`count` migrant organisations, each with an offer, a body with them when there is one, a
    cooperation between the first two; all recorded after EARLIER, so the comparison lists them."""
    actors = [make_actor(f"Verein {letter} e. V.", "mso", migrant_led=True,
                         active_since=date(2022, 1, 1)) for letter in "AB"[:count]]
    for index, actor in enumerate(actors):
        make_contribution(f"Sprachcafé {index + 1}", actor, 4, start_date=date(2022, 2, 1))
    if actors:
        body = make_body("Runder Tisch Integration", lead=actors[0], active_since=date(2022, 3, 1))
        for actor in actors[1:]:
            add_member(body, actor, since=date(2022, 3, 1))
    if len(actors) == 2:
        make_cooperation(actors[0], actors[1], start_date=date(2022, 4, 1))


def readable(docx: bytes) -> str:
    """The document's text as its HTML shows it, paragraphs and cells on lines of their own."""
    html = mammoth.convert_to_html(io.BytesIO(docx)).value
    return re.sub(r"[ \t]+", " ", re.sub(r"<[^>]+>", "\n", html)).replace("&amp;", "&")


def bad_lines(text: str) -> list[str]:
    found = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        if any(pattern.search(line) for pattern in BAD_GERMAN) or TECHNICAL.search(line) \
                or any(rule in line for rule in RULES):
            found.append(line)
    return found


@pytest.mark.parametrize("count", [0, 1, 2])
def test_both_documents_read_right_for_zero_one_and_two(app, count):
    commune(count)
    status = report_service.content_for("sachstandsbericht", reporting_date=date.today(),
                                        compare_to=EARLIER)
    bausteine = report_service.content_for("bausteine", reporting_date=date.today())
    status_text = readable(report_service.render_docx(status))
    bausteine_text = readable(report_service.render_docx(bausteine))
    assert "Veränderungen seit dem 30.06.2021" in status_text
    assert "5.4 Selbstverpflichtung 4" in bausteine_text
    assert "die Bestandsaufnahme der Integrationsarbeit in der Stadt Teststadt zum Stichtag" \
        in bausteine_text.replace("\n", " ")
    # the printable pages of both, as a reader sees them
    with app.test_request_context():
        pages = [re.sub(r"[ \t]+", " ", re.sub(r"<[^>]+>", "\n", report_service.render_html(content)))
                 for content in (status, bausteine)]
    for text in (status_text, bausteine_text, *pages):
        assert bad_lines(text) == []
    if count == 1:
        for text in (status_text, pages[0]):
            assert ("ein aktiver Akteur (davon eine Migrantenorganisation), ein aktives Angebot, "
                    "0 aktive Kooperationen und ein aktives Gremium.") in text
        assert "Akteure: 1 neu (Verein A e. V.); 0 beendet." in status_text
    if count == 2:
        assert "2 aktive Akteure (davon 2 Migrantenorganisationen)" in status_text
        assert "eine aktive Kooperation und ein aktives Gremium." in status_text


def test_the_figures_sentence_in_german_and_english(app):
    one = {"actors": 1, "mso": 0, "contributions": 1, "cooperations": 0, "bodies": 1}
    assert totals_sentence(one) == (
        "Erfasst sind zum Stichtag ein aktiver Akteur (davon 0 Migrantenorganisationen), "
        "ein aktives Angebot, 0 aktive Kooperationen und ein aktives Gremium.")
    with force_locale("en"):
        assert totals_sentence(one) == (
            "Recorded on the reference date are one active actor (of which 0 migrant organisations), "
            "one active offer, 0 active cooperations and one active body.")


def test_a_finding_whose_evidence_changed_persists_rather_than_being_new_and_resolved(app):
    def snapshot(day: str, findings: dict) -> dict:
        return {"date": day, "actors": {}, "contributions": {}, "cooperations": {}, "bodies": {},
                "statuses": {}, "findings": findings}

    title = "Kanalsiedlung: besonderer Handlungsbedarf ohne Quartiersarbeit"
    change = changes(snapshot("2025-06-30", {"a1": title, "b1": "Alter Befund"}),
                     snapshot("2026-06-30", {"a2": title, "c1": "Neuer Befund"}))
    assert change["findings_new"] == ["Neuer Befund"]
    assert change["findings_resolved"] == ["Alter Befund"]
    assert change["findings_persisting"] == 1
    assert summary_lines(change)[-1] == (
        "Befunde der Analyse: 1 neu, 1 erledigt, 1 weiterhin offen oder akzeptiert.")


def test_an_english_interface_still_gets_a_german_paper(app):
    with force_locale("en"):
        defaults = vorlage_defaults()
        assert defaults["subject"].startswith("Sachstandsbericht zur Umsetzung")
        assert defaults["opening"].startswith("Die Verwaltung berichtet")
        assert clean_vorlage({})["subject"] == defaults["subject"]
        content = report_service.content_for("sachstandsbericht", reporting_date=date.today())
        assert content["title"].startswith("Sachstandsbericht") and content["decision"].startswith("Der ")
        text = readable(report_service.render_docx(content))
    assert "Beschlussvorschlag" in text and "Mitteilungsvorlage" in text and "Decision" not in text

"""Gap list exports, parsed back: CSV (Excel in Germany), XLSX (three sheets), Markdown, JSON
(the API's shape) and the "Bausteine für das Integrationskonzept" DOCX; formula neutralisation;
downloads and the `gaps` command."""
import csv
import html
import io
import json
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from docx import Document
from openpyxl import load_workbook

from coordination import demo
from coordination.exports import tables
from coordination.exports.documents import TOC_INSTRUCTION
from coordination.extensions import db
from coordination.models import Commitment
from coordination.queries import analysis as analysis_queries
from coordination.services import actors as actor_service
from coordination.services import analysis as analysis_service
from coordination.services import measures as measure_service
from coordination.services.actors import ContactValues
from tests.analysis.test_text import ENGLISH_TERMS
from tests.factories import district_id, make_actor, make_contribution, make_cooperation

FORMULA = '=HYPERLINK("http://evil.example","klick")'


@pytest.fixture
def network(app):
    office = make_actor("Integrationsbüro", "administration", municipal=True)
    caritas = make_actor("Caritasverband", "welfare", district_ids=[district_id("Altstadt")])
    club = make_actor("Stadtteiltreff Nord", "association")
    make_cooperation(office, caritas)
    make_cooperation(caritas, club)
    make_contribution("Bildungslotsen", caritas, 5, partners=[club], district_ids=[district_id("Altstadt")])
    make_contribution("Elternkurs", club, 5, whole_commune=True)
    evil = make_actor(FORMULA)  # isolated: its finding's title starts with the formula
    make_actor("-Minus Verein")
    make_actor("@Home Initiative")
    actor_service.add_contact(caritas, ContactValues(name="Erika Mustermann", email="erika@example.org"),
                              by=None)
    finding = next(f for f in analysis_queries.current_analysis().findings
                   if f.rule == "actor-isolated" and evil.id in f.actor_ids)
    analysis_service.accept_finding(finding.fingerprint, "Testeintrag, wird gelöscht.", by=None)
    c5 = db.session.scalar(sa.select(Commitment.id).where(Commitment.number == 5))
    measure_service.create_measure(measure_service.MeasureValues(
        text="Lotsen auch in der Südstadt", commitment_id=c5, responsible="Caritas"), by=None)
    return {"caritas": caritas, "evil": evil}


def download(client, file_format, query=""):
    response = client.get(f"/analysis/export.{file_format}{query}")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+49 30 1234", "'+49 30 1234"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTab", "'\tTab"), ("\rCR", "'\rCR"), ("Caritas", "Caritas"), (3, 3), (None, ""),
    (["=a", "b"], "'=a, b"), (True, "ja"),
])
def test_neutralise(value, expected):
    assert tables.neutralise(value) == expected


def test_csv_is_for_excel_in_germany_and_neutralises_formulas(network, as_viewer):
    response = download(as_viewer, "csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset, not two
    assert 'filename="lueckenliste-teststadt-' in response.headers["Content-Disposition"]
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Priorität", "Selbstverpflichtung", "Regel", "Titel"]
    by_title = {row[3]: row for row in rows[1:]}
    evil = by_title[f"Nicht vernetzt: {FORMULA}"]
    assert evil[0] == "niedrig" and evil[8] == "akzeptiert"
    assert evil[2] == "Akteur ohne Kooperation und Gremium" and evil[-1] == "actor-isolated"
    assert evil[11] == "Datenpflege" and rows[0][11] == "Gruppe"
    assert {row[11] for row in rows[1:]} == {"Lücke", "Datenpflege"}
    assert evil[5] == f"'{FORMULA}" and evil[9] == "Testeintrag, wird gelöscht."
    assert by_title["Nicht vernetzt: -Minus Verein"][5] == "'-Minus Verein"
    assert by_title["Nicht vernetzt: @Home Initiative"][8] == "offen"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    severities = [row[0] for row in rows[1:]]
    assert severities == sorted(severities, key=["hoch", "mittel", "niedrig"].index)
    assert "Erika Mustermann" not in raw.decode("utf-8-sig")


def test_filtered_csv(network, as_viewer):
    rows = list(csv.reader(io.StringIO(download(as_viewer, "csv", "?status=open&severity=niedrig")
                                       .data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1:] and all(row[0] == "niedrig" and row[8] == "offen" for row in rows[1:])


def test_xlsx_has_three_formatted_sheets(network, as_viewer):
    reviewed = date.today() - timedelta(days=30)
    make_actor("Geprüfter Verein", last_reviewed=reviewed)
    workbook = load_workbook(io.BytesIO(download(as_viewer, "xlsx").data))
    assert workbook.sheetnames == ["Lücken", "Abdeckung", "Akteure"]
    gaps = workbook["Lücken"]
    assert gaps.freeze_panes == "A2" and gaps.auto_filter.ref.startswith("A1:L")
    assert gaps["A1"].value == "Priorität" and gaps["A1"].font.bold
    titles = {row[3].value: row for row in gaps.iter_rows(min_row=2)}
    evil = titles[f"Nicht vernetzt: {FORMULA}"]
    assert evil[11].value == "Datenpflege"  # an actor without offer or tie: no gap
    assert evil[5].value == f"'{FORMULA}" and evil[5].data_type == "s"
    # long texts wrap at the top of their cell; short values stay plain
    assert evil[4].alignment.wrap_text and evil[4].alignment.vertical == "top"
    assert not evil[0].alignment.wrap_text
    assert all(not (isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")))
               for sheet in workbook for row in sheet.iter_rows() for c in row)

    coverage = workbook["Abdeckung"]
    assert coverage.freeze_panes == "A2" and coverage.auto_filter.ref
    assert [c.value for c in coverage[1]][8:11] == ["offene Lücken: hoch", "offene Lücken: mittel",
                                                    "offene Lücken: niedrig"]
    rows = [[c.value for c in row] for row in coverage.iter_rows(min_row=2)]
    total5 = next(r for r in rows if r[0] == 5 and r[2] == "gesamt")
    assert total5[4] == 2 and total5[5] == 2  # two offers, two actors
    assert [5, "Bildung: Lotsenfunktion", "Stadtteil", "Altstadt", 1, 2] == next(
        r for r in rows if r[0] == 5 and r[3] == "Altstadt")[:6]

    actors = workbook["Akteure"]
    names = [row[0].value for row in actors.iter_rows(min_row=2)]
    assert "Caritasverband" in names and f"'{FORMULA}" in names
    assert "Erika Mustermann" not in {c.value for row in actors.iter_rows() for c in row}
    assert actors["A1"].value == "Akteur"
    checked = next(row for row in actors.iter_rows(min_row=2) if row[0].value == "Geprüfter Verein")
    assert checked[11].value == f"{reviewed:%d.%m.%Y}"  # a German date, as on the pages


def test_markdown_escapes_user_text(network, as_viewer):
    make_actor("Verein *fett* <b>x</b> | Pipe")
    text = download(as_viewer, "md").data.decode("utf-8")
    assert text.startswith("# Lückenliste – Stadt Teststadt")
    assert "## Übersicht der Selbstverpflichtungen" in text and "## Befunde" in text
    # the counts by priority are of gaps only: data upkeep is counted apart
    assert ("| Nr. | Selbstverpflichtung | aktive Angebote | Akteure | offene Lücken: hoch "
            "| offene Lücken: mittel | offene Lücken: niedrig | Vorschlag Stand |") in text
    assert "Verein \\*fett\\* \\<b\\>x\\</b\\> \\| Pipe" in text
    assert "<b>" not in text
    assert "- **Akzeptiert:** Testeintrag, wird gelöscht." in text
    assert "| 5 | Bildung: Lotsenfunktion | 2 | 2 |" in text
    # actors without any offer or tie are entries to check, listed last under their own heading
    assert text.count("## Datenpflege") == 1
    assert text.index("## Befunde") < text.index("## Datenpflege") < text.index("Nicht vernetzt: Verein \\*fett\\*")


def test_json_has_the_api_shape(network, as_viewer):
    payload = json.loads(download(as_viewer, "json").data)
    assert set(payload) == {"commune", "generated_at", "findings"}
    assert payload["commune"] == "Teststadt"
    keys = {"rule", "severity", "commitment", "title", "detail", "actors", "districts",
            "target_groups", "status", "upkeep"}
    assert payload["findings"] and all(set(f) == keys for f in payload["findings"])
    evil = next(f for f in payload["findings"] if f["actors"] == [FORMULA])
    assert evil["status"] == "accepted" and evil["commitment"] == 2  # JSON is data: no apostrophe
    assert evil["upkeep"] is True  # an actor without offer or tie: an entry to check
    assert {f["status"] for f in payload["findings"]} == {"open", "accepted"}
    assert payload == analysis_queries.findings_payload()
    only_open = analysis_queries.findings_payload(status="open")
    assert len(only_open["findings"]) == len(payload["findings"]) - 1


def test_building_blocks_docx(network, as_viewer):
    """The Bausteine follow the skeleton of a municipal Integrationskonzept (the detailed
    checks are in tests/test_concept.py)."""
    response = download(as_viewer, "docx")
    assert 'filename="bausteine-integrationskonzept-teststadt-' in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert (level1[0], level1[-1], len(level1)) == ("1 Einleitung und Auftrag", "Anhang", 9)
    assert ("Heading 2", "5.5 Selbstverpflichtung 5: Bildung: Lotsenfunktion") in headings
    assert any(p.style.name == "Title" for p in document.paragraphs)
    instructions = [node.text for node in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}instrText")]
    assert any(TOC_INSTRUCTION in text for text in instructions)
    body = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Stadt Teststadt" in body and "Lotsen auch in der Südstadt" in cells
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr.")
    assert [c.text for c in summary.rows[0].cells][:4] == [
        "Nr.", "Selbstverpflichtung", "Stand", "Hinweis der Analyse"]
    assert len(summary.rows) == 11
    row5 = [c.text for c in summary.rows[5].cells]
    # not assessed: the suggestion stands in its own column, never in the status column
    assert row5[0] == "5" and row5[2] == "nicht eingeschätzt" and row5[3] == "teilweise umgesetzt"
    assert row5[4] == "2" and row5[5] == "2"
    assert "*" not in "".join(c.text for row in summary.rows for c in row.cells)
    annex = document.tables[-1]
    names = [row.cells[0].text for row in annex.rows[1:]]
    assert "Caritasverband" in names and FORMULA in names
    # the annex on data upkeep names the entries to check, not only how many there are
    upkeep = body.split("B Datenpflege")[-1].split("C Akteure")[0]
    assert "Nicht vernetzt: -Minus Verein" in upkeep and "ruhend geführt" in upkeep
    assert "Erika Mustermann" not in body and all("Erika" not in c for c in cells)


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "md", "json", "docx"])
def test_gaps_command_writes_each_format(network, runner, tmp_path, file_format):
    target = tmp_path / f"gaps.{file_format}"
    result = runner.invoke(args=["gaps", "--format", file_format, "--output", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    if file_format == "csv":
        assert data.startswith(b"\xef\xbb\xbf") and b"actor-isolated" in data
    elif file_format == "json":
        assert json.loads(data)["commune"] == "Teststadt"
    elif file_format == "md":
        assert data.startswith("# Lückenliste".encode())
    elif file_format == "xlsx":
        assert load_workbook(io.BytesIO(data)).sheetnames == ["Lücken", "Abdeckung", "Akteure"]
    else:
        assert Document(io.BytesIO(data)).paragraphs


def test_gaps_command_to_stdout_and_status_filter(network, runner):
    result = runner.invoke(args=["gaps", "--format", "json", "--output", "-", "--status", "accepted"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert [f["status"] for f in payload["findings"]] == ["accepted"]


def test_unknown_format_is_404(network, as_viewer):
    assert as_viewer.get("/analysis/export.pdf").status_code == 404


BAD_PATTERNS = [
    re.compile(r"\b1 (aktive|neue|Akteure|Angebote|Gremien|Zeilen|Migrantenorganisationen|Befunde)\b"),
    re.compile(r"(?<!\.)\.\.(?!\.)"), re.compile(r"– –"),
    re.compile(r"\bkeine (Jobcenter|Sozialamt)\b"), re.compile(r"\bkein (Ausländerbehörde|Agentur)\b"),
    re.compile(r"\b(the|with|none|None|True|False)\b"), re.compile(r"%\(\w+\)[sd]"),
    re.compile(r"\b[a-z]+(-[a-z]+)+\b(?<!-)"),  # rule ids such as commitment-uncovered
    ENGLISH_TERMS,
]


def assert_reads_right(text: str, where: str) -> None:
    for pattern in BAD_PATTERNS:
        found = pattern.search(text)
        assert not found, f"{where}: {text[max(0, found.start() - 80):found.end() + 80]!r}"


def test_the_demos_documents_read_right(app, user, as_viewer):
    """The demo's gap list in every document a person reads: no broken count, no doubled stop,
    no English word, no rule id."""
    demo.build_demo_commune(by=user("admin"))
    assert_reads_right(download(as_viewer, "md").data.decode(), "Markdown")
    workbook = load_workbook(io.BytesIO(download(as_viewer, "xlsx").data))
    cells = [str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True)
             for cell in row if isinstance(cell, str)]
    assert_reads_right("\n".join(cells), "XLSX")
    document = Document(io.BytesIO(download(as_viewer, "docx").data))
    paragraphs = [p.text for p in document.paragraphs]
    paragraphs += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert_reads_right("\n".join(paragraphs), "DOCX")
    for url in ("/analysis/", "/analysis/network", "/network/"):
        page = re.sub(r"<[^>]*>", " ", as_viewer.get(url).text)
        assert_reads_right(html.unescape(page), url)

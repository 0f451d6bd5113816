"""Reports for the council and the concept: generating stores a snapshot that reopens
unchanged (printable page and DOCX) after the data change; content of the Sachstandsbericht;
previews; the `report` command; access."""
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from docx import Document

from coordination.extensions import db
from coordination.models import AuditEntry, Commitment, Prerequisite, Report
from coordination.services import assessments as assessment_service
from coordination.services import commune as commune_service
from coordination.services import measures as measure_service
from coordination.services import reports as report_service
from tests.factories import commitment, make_actor, make_contribution, make_cooperation


@pytest.fixture
def network(app):
    office = make_actor("Integrationsbüro", "administration", municipal=True)
    caritas = make_actor("Caritasverband", "welfare")
    make_cooperation(office, caritas)
    make_contribution("Bildungslotsen", caritas, 5, whole_commune=True)
    make_contribution("Integrationskonzept", office, 1, whole_commune=True)
    assessment_service.assess_commitment(commitment(5), "partial", "Lotsen gibt es, aber nur zentral.",
                                         date.today() - timedelta(days=3), by=None)
    moderation = db.session.scalar(sa.select(Prerequisite).where(Prerequisite.key == "moderation"))
    assessment_service.assess_prerequisite(moderation, "implemented", "Runder Tisch seit 2019.",
                                           date.today() - timedelta(days=3), by=None)
    c8 = db.session.scalar(sa.select(Commitment.id).where(Commitment.number == 8))
    measure_service.create_measure(measure_service.MeasureValues(
        text="Wirtschaftsförderung und IHK an einen Tisch holen", commitment_id=c8,
        responsible="Integrationsbüro", due_date=date(2031, 3, 31), status="agreed"), by=None)
    measure_service.create_measure(measure_service.MeasureValues(
        text="Erledigtes", commitment_id=c8, status="done"), by=None)
    return {"office": office, "caritas": caritas}


def generate(client, kind="sachstandsbericht", day=None, title=""):
    return client.post("/reports/new", data={"kind": kind, "reporting_date": (day or date.today()).isoformat(),
                                             "title": title})


def test_coordinator_generates_a_status_report(network, as_coordinator):
    response = generate(as_coordinator)
    assert response.status_code == 302
    report = db.session.scalar(sa.select(Report))
    assert response.headers["Location"].endswith(f"/reports/{report.id}")
    assert report.kind.value == "sachstandsbericht" and report.created_by.username == "coord"
    assert report.reporting_date == date.today() and report.content["commune"] == "Teststadt"
    detail = as_coordinator.get(f"/reports/{report.id}").text
    assert "Sachstandsbericht" in detail and "Druckansicht öffnen" in detail
    assert "Sachstandsbericht" in as_coordinator.get("/reports/").text
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "reports"))
    assert entry.username == "coord" and entry.changes["kind"] == [None, "sachstandsbericht"]


def test_status_report_content(network, as_coordinator):
    generate(as_coordinator)
    report = db.session.scalar(sa.select(Report))
    html = as_coordinator.get(f"/reports/{report.id}/document").text
    assert html.startswith("<!doctype html>")
    assert "Mitteilungsvorlage" in html and "Stadt Teststadt" in html
    assert "Der Stadtrat nimmt den Sachstandsbericht zur Kenntnis." in html
    assert f"Alle Zahlen geben den Stand zum {date.today():%d.%m.%Y} wieder" in html
    rows = html.split("1. Stand der zehn Selbstverpflichtungen")[1].split("</table>")[0].split("<tr>")[2:]
    assert len(rows) == 10
    assert "teilweise umgesetzt" in rows[4] and "eingeschätzt am" in rows[4]
    assert "nicht eingeschätzt" in rows[7] and "umgesetzt" not in rows[7].replace("nicht eingeschätzt", "")
    section = html.split("Selbstverpflichtung 5: Bildung: Lotsenfunktion")[1].split("<section")[0]
    assert "Lotsen gibt es, aber nur zentral." in section and "ein aktives Angebot von einem Akteur" in section
    prerequisites = html.split("2. Strukturelle Voraussetzungen")[1].split("</table>")[0]
    assert "Runder Tisch seit 2019." in prerequisites and prerequisites.count("<tr>") == 6
    # without a comparison there is no section "Veränderungen": the sections count on without a gap
    assert "3. Bewusst hingenommene Befunde" in html and "Veränderungen seit" not in html
    steps = html.split("4. Maßnahmen und nächste Schritte")[1]
    assert "Wirtschaftsförderung und IHK an einen Tisch holen" in steps and "31.03.2031" in steps
    assert 'src="/static/js/report-document.js?v=' in html and "<script>" not in html
    assert "style=" not in html


def test_status_report_docx(network, as_viewer, as_coordinator):
    generate(as_coordinator)
    report = db.session.scalar(sa.select(Report))
    response = as_viewer.get(f"/reports/{report.id}/download.docx")
    assert response.status_code == 200
    assert f'filename="sachstandsbericht-teststadt-{date.today().isoformat()}.docx"' in \
        response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 2", "1. Stand der zehn Selbstverpflichtungen") in headings
    assert ("Heading 2", "2. Strukturelle Voraussetzungen") in headings
    numbered = [text[:2] for style, text in headings if style == "Heading 2" and text[0].isdigit()]
    assert numbered == ["1.", "2.", "3.", "4."]
    assert ("Heading 2", "4. Maßnahmen und nächste Schritte") in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Der Stadtrat nimmt den Sachstandsbericht zur Kenntnis." in text
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Selbstverpflichtung")
    assert len(table.rows) == 11
    cells = [c.text for c in table.rows[5].cells]
    assert cells[:2] == ["5", "Bildung: Lotsenfunktion"]
    assert cells[2] == f"teilweise umgesetzt (eingeschätzt am {date.today() - timedelta(days=3):%d.%m.%Y})"
    measures = next(t for t in document.tables if t.rows[0].cells[0].text == "Maßnahme")
    assert [c.text for c in measures.rows[1].cells] == [
        "Wirtschaftsförderung und IHK an einen Tisch holen", "8", "Integrationsbüro", "31.03.2031",
        "beschlossen"]


def test_snapshot_reopens_unchanged_after_the_data_change(network, as_coordinator):
    generate(as_coordinator)
    report = db.session.scalar(sa.select(Report))
    html_before = as_coordinator.get(f"/reports/{report.id}/document").text
    docx_before = as_coordinator.get(f"/reports/{report.id}/download.docx").data
    # the data change: new offers, a new assessment, a renamed commitment
    make_contribution("Gründungsberatung", make_actor("IHK", "chamber"), 8, whole_commune=True)
    assessment_service.assess_commitment(commitment(5), "implemented", "Jetzt überall.", date.today(), by=None)
    assessment_service.update_commitment_title(commitment(5), "Bildungslotsen überall", by=None)
    db.session.expire_all()
    html_after = as_coordinator.get(f"/reports/{report.id}/document").text
    assert html_after == html_before
    assert "Jetzt überall." not in html_after and "Bildungslotsen überall" not in html_after
    docx_after = as_coordinator.get(f"/reports/{report.id}/download.docx").data
    assert docx_after == docx_before
    text = "\n".join(p.text for p in Document(io.BytesIO(docx_after)).paragraphs)
    assert "Jetzt überall." not in text and "Bildungslotsen überall" not in text
    # a new report shows the new state
    generate(as_coordinator)
    newest = db.session.scalars(sa.select(Report).order_by(Report.id.desc())).first()
    assert "Jetzt überall." in as_coordinator.get(f"/reports/{newest.id}/document").text


def test_reporting_date_counts_only_earlier_assessments(network, as_coordinator):
    generate(as_coordinator, day=date.today() - timedelta(days=10))
    report = db.session.scalar(sa.select(Report))
    row = report.content["commitments"][4]
    assert row["status_key"] is None and row["status"] == "nicht eingeschätzt"
    assert report.content["draft"]


def test_bad_report_input_is_refused(network, as_coordinator):
    response = generate(as_coordinator, day=date.today() + timedelta(days=1))
    assert response.status_code == 200 and "Der Stichtag darf nicht in der Zukunft liegen." in response.text
    response = as_coordinator.post("/reports/new", data={"kind": "roman", "reporting_date": ""})
    assert response.status_code == 200
    response = generate(as_coordinator, title="x" * 201)
    assert "Höchstens 200 Zeichen" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 0


def test_building_blocks_snapshot(network, as_coordinator):
    assert generate(as_coordinator, kind="bausteine", title="Bausteine 2026").status_code == 302
    report = db.session.scalar(sa.select(Report))
    assert report.title == "Bausteine 2026" and report.content["kind"] == "bausteine"
    html = as_coordinator.get(f"/reports/{report.id}/document").text
    assert "5 Handlungsbedarfe" in html and "C Akteure" in html and "Caritasverband" in html
    document = Document(io.BytesIO(as_coordinator.get(f"/reports/{report.id}/download.docx").data))
    assert any(p.style.name == "Heading 2" and p.text == "5.8 Selbstverpflichtung 8: Ethnische Ökonomie"
               for p in document.paragraphs)
    # the analysis' column of the prerequisites says "Vorschlag" in each cell: never taken for an
    # assessment (it read "umgesetzt: …" next to the column of the assessed status)
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "Voraussetzung"]
    moderation = next(row.cells for row in table.rows if row.cells[0].text == "Moderation")
    assert moderation[1].text == "umgesetzt" and moderation[3].text.startswith("Vorschlag „")


def test_preview_is_not_stored(network, as_viewer):
    html = as_viewer.get("/reports/current/sachstandsbericht.html")
    assert html.status_code == 200 and "nicht gespeichert" in html.text
    docx = as_viewer.get("/reports/current/bausteine.docx")
    assert docx.status_code == 200 and Document(io.BytesIO(docx.data)).paragraphs
    assert as_viewer.get("/reports/current/roman.html").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 0


def test_council_follows_the_commune_kind(empty_app):
    commune_service.set_up(commune_name="Landkreis Muster", kind="landkreis", admin_username="admin",
                           admin_password="richtig-langes-passwort")
    content = report_service.content_for("sachstandsbericht")
    assert content["council"] == "Kreistag"
    assert content["decision"] == "Der Kreistag nimmt den Sachstandsbericht zur Kenntnis."
    with empty_app.test_request_context():
        html = report_service.render_html(content, inline_css="body { color: #000 }")
    assert "Der Kreistag nimmt" in html and "<style>body { color: #000 }</style>" in html
    assert "Landkreis Landkreis" not in html and "Landkreis Muster" in html


def test_report_command(network, runner, tmp_path):
    target = tmp_path / "bericht.docx"
    result = runner.invoke(args=["report", "--format", "docx", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "1. Stand der zehn Selbstverpflichtungen" in [p.text for p in Document(str(target)).paragraphs]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 1
    page = tmp_path / "bericht.html"
    result = runner.invoke(args=["report", "--format", "html", "--output", str(page), "--no-save",
                                 "--date", (date.today() - timedelta(days=1)).isoformat()])
    assert result.exit_code == 0, result.output
    html = page.read_text("utf-8")
    assert "<style>" in html and "@page" in html and "data-print" not in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Report)) == 1
    stored = db.session.scalar(sa.select(Report))
    assert 'href="/static/css/report-document.css?v=' in stored.html
    result = runner.invoke(args=["report", "--output", str(target), "--date", "2999-01-01"])
    assert result.exit_code == 1 and "Zukunft" in result.output


def test_access(network, client, as_viewer, as_coordinator, as_admin):
    generate(as_coordinator)
    report = db.session.scalar(sa.select(Report))
    for url in ("/reports/", f"/reports/{report.id}", f"/reports/{report.id}/document",
                f"/reports/{report.id}/download.docx", "/reports/current/sachstandsbericht.html"):
        assert client.get(url).status_code == 302, url
        assert as_viewer.get(url).status_code == 200, url
    assert generate(as_viewer).status_code == 403
    assert "Bericht erstellen und speichern" not in as_viewer.get("/reports/").text
    assert as_coordinator.post(f"/reports/{report.id}/delete").status_code == 403
    assert as_viewer.get("/reports/999").status_code == 404
    assert as_admin.post(f"/reports/{report.id}/delete").status_code == 302
    assert db.session.get(Report, report.id) is None

"""The Sachstandsbericht as a council paper: figures as of the Stichtag, honest statuses, the
Entwurf marking, the Mitteilungsvorlage (header, page fields, signatory), changes since an
earlier date, the JSON format and byte-stable stored reports. DOCX files are read back with
python-docx and as raw XML."""
import io
import json
import zipfile
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from docx import Document

from coordination.exports.trend_chart import trend_png
from coordination.extensions import db
from coordination.models import Commitment, Prerequisite, Report, User
from coordination.queries.report_trends import commitment_trends
from coordination.queries.status_report import report_json, status_report_content
from coordination.services import accounts
from coordination.services import assessments as assessment_service
from coordination.services import reports as report_service
from tests.factories import make_actor, make_body, make_contribution, make_cooperation

PAST = date(2022, 6, 30)
STATUSES = {"umgesetzt", "teilweise umgesetzt", "in Planung", "nicht umgesetzt", "nicht zutreffend"}


@pytest.fixture
def dated(app):
    """A network with records before and after PAST: two actors, a cooperation, an offer and a
    body before; one actor (and its offer and cooperation) after; one actor ended in between."""
    old = make_actor("Caritasverband", "welfare", active_since=date(2019, 1, 1))
    office = make_actor("Integrationsbüro", "administration", active_since=date(2019, 1, 1))
    make_actor("Alter Verein", active_since=date(2019, 1, 1), status="dissolved",
               dissolved_on=date(2024, 3, 1))
    make_cooperation(old, office, start_date=date(2020, 1, 1))
    make_contribution("Migrationsberatung", old, 2, start_date=date(2020, 1, 1))
    make_body("Runder Tisch Integration", lead=office, active_since=date(2020, 1, 1))
    new = make_actor("Neue Initiative", "initiative", active_since=date(2023, 5, 1))
    make_cooperation(new, office, start_date=date(2023, 6, 1))
    make_contribution("Sprachcafé", new, 4, start_date=date(2023, 6, 1))
    return {"old": old, "office": office, "new": new}


def assess_all(on: date) -> None:
    for commitment in db.session.scalars(sa.select(Commitment)):
        assessment_service.assess_commitment(commitment, "partial", "Teilweise.", on, by=None)
    for prerequisite in db.session.scalars(sa.select(Prerequisite)):
        assessment_service.assess_prerequisite(prerequisite, "implemented", "Ja.", on, by=None)


def docx_parts(data: bytes) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
            if name.endswith(".xml")}


def test_figures_on_a_past_stichtag_differ_exactly_by_the_later_records(dated):
    today = report_json(status_report_content())["figures"]
    past = report_json(status_report_content(PAST))["figures"]
    # after PAST: one actor (minus the one dissolved in 2024), one cooperation, one offer
    assert past == {"actors": 3, "migrant_organisations": 0, "contributions": 1,
                    "cooperations": 1, "bodies": 1}
    assert today == {"actors": 3, "migrant_organisations": 0, "contributions": 2,
                     "cooperations": 2, "bodies": 1}
    content = status_report_content(PAST)
    assert "Stand zum 30.06.2022" in content["basis"]


def test_an_unassessed_commitment_never_has_a_status(dated, app):
    assessment_service.assess_commitment(db.session.scalar(sa.select(Commitment).where(
        Commitment.number == 2)), "implemented", "Gut vernetzt.", PAST + timedelta(days=1), by=None)
    content = status_report_content(PAST)
    data = report_json(content)
    assert all(item["status"] is None and not item["assessed"] for item in data["commitments"])
    assert all(item["status"] is None for item in data["prerequisites"])
    assert data["commitments"][1]["suggestion"] in {"umgesetzt", "teilweise_umgesetzt", "in_planung",
                                                    "nicht_umgesetzt", "nicht_zutreffend"}
    assert json.loads(json.dumps(data)) == data
    with app.test_request_context():
        html = report_service.render_html(content)
    table = html.split("1. Stand der zehn Selbstverpflichtungen")[1].split("</table>")[0]
    assert table.count("nicht eingeschätzt") == 10
    assert not any(status in table.replace("nicht eingeschätzt", "") for status in STATUSES)
    assert "Hinweis der Analyse" in html
    document = Document(io.BytesIO(report_service.render_docx(content)))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Selbstverpflichtung")
    assert [row.cells[2].text for row in table.rows[1:]] == ["nicht eingeschätzt"] * 10
    status_lines = [p.text for p in document.paragraphs if p.text.startswith("Stand: ")]
    assert status_lines == ["Stand: nicht eingeschätzt"] * 10
    # assessed from its date on
    assert report_json(status_report_content())["commitments"][1]["status"] == "umgesetzt"


def test_the_draft_mark_appears_and_disappears(dated, app):
    draft = status_report_content()
    assert draft["draft"] and report_json(draft)["draft"] is True
    parts = docx_parts(report_service.render_docx(draft))
    headers = [text for name, text in parts.items() if name.startswith("word/header")]
    assert headers and all("ENTWURF" in text for text in headers)
    assert "Entwurf: " in parts["docProps/core.xml"]
    assert "Mitteilungsvorlage – ENTWURF" in parts["word/document.xml"]
    with app.test_request_context():
        assert "ENTWURF" in report_service.render_html(draft)
    assess_all(date.today())
    final = status_report_content()
    assert not final["draft"]
    parts = docx_parts(report_service.render_docx(final))
    assert not any("ENTWURF" in text or "Entwurf" in text for text in parts.values())
    with app.test_request_context():
        assert "ENTWURF" not in report_service.render_html(final)
    # one assessment dated after the Stichtag: a draft again for that day
    assert status_report_content(date.today() - timedelta(days=1))["draft"]


def test_header_footer_and_page_number_fields(dated):
    vorlage = {"number": "2026/0815", "office": "Amt für Integration", "subject": "Sachstand"}
    content = status_report_content(vorlage={**status_report_content()["vorlage"], **vorlage})
    parts = docx_parts(report_service.render_docx(content))
    footer = next(text for name, text in parts.items() if name.startswith("word/footer"))
    assert "Seite " in footer and " von " in footer
    assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in footer
    assert '<w:instrText xml:space="preserve"> NUMPAGES </w:instrText>' in footer
    assert footer.count('w:fldCharType="begin"') == 2 and footer.count('w:fldCharType="end"') == 2
    header = next(text for name, text in parts.items() if name.startswith("word/header"))
    assert "Stadt Teststadt · Mitteilungsvorlage Nr. 2026/0815" in header
    document = Document(io.BytesIO(report_service.render_docx(content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Betreff: Sachstand" in text and "Der Stadtrat nimmt den Sachstandsbericht zur Kenntnis." in text
    assert document.sections[0].footer.paragraphs[0].text.startswith("Seite ")


def test_the_vorlage_form_prints_the_signatory_and_remembers_its_fields(dated, as_coordinator):
    page = as_coordinator.get("/reports/status/new").text
    assert "Beratungsfolge" in page and "Integrationsbeirat" in page
    response = as_coordinator.post("/reports/status/new", data={
        "reporting_date": date.today().isoformat(), "compare_report": "", "compare_to": "",
        "number": "2026/17", "office": "Fachbereich Soziales", "subject": "Sachstand Integration",
        "reference": "Antrag des Integrationsbeirats vom 03.03.2025 (Drucksache 2025/044)",
        "opening": "Der Integrationsbeirat hat um einen Bericht gebeten.", "financial": "Keine.",
        "attachments": "Übersicht der Akteure\nNetzwerkbild",
        "signatory_name": "Dr. Anna Beispiel", "signatory_function": "Beigeordnete",
        "signatory_capacity": "in_vertretung",
        "consultation-0-body": "Integrationsbeirat", "consultation-0-date": "2027-01-20",
        "consultation-0-purpose": "Vorberatung", "consultation-1-body": "Sozialausschuss",
        "consultation-1-purpose": "Vorberatung", "consultation-2-body": "Stadtrat",
        "consultation-2-date": "2027-02-10", "consultation-2-purpose": "Kenntnisnahme"})
    assert response.status_code == 302, response.text
    report = db.session.scalar(sa.select(Report))
    document = Document(io.BytesIO(as_coordinator.get(f"/reports/{report.id}/download.docx").data))
    text = [p.text for p in document.paragraphs]
    assert "Dr. Anna Beispiel" in text and "Beigeordnete" in text and "In Vertretung" in text
    assert any("Drucksache 2025/044" in line for line in text)
    consultation = next(t for t in document.tables if t.rows[0].cells[0].text == "Gremium")
    assert [[c.text for c in row.cells] for row in consultation.rows[1:]] == [
        ["Integrationsbeirat", "20.01.2027", "Vorberatung"], ["Sozialausschuss", "–", "Vorberatung"],
        ["Stadtrat", "10.02.2027", "Kenntnisnahme"]]
    html = as_coordinator.get(f"/reports/{report.id}/document").text
    assert "Dr. Anna Beispiel" in html and "In Vertretung" in html and "Sozialausschuss" in html
    again = as_coordinator.get("/reports/status/new").text
    assert "Fachbereich Soziales" in again and "Sozialausschuss" in again


def test_signatory_defaults_from_the_account(dated, as_coordinator):
    response = as_coordinator.post("/account", data={
        "sign-full_name": "Max Mustermann", "sign-function": "Integrationsbeauftragter"})
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.username == "coord"))
    assert (user.full_name, user.function) == ("Max Mustermann", "Integrationsbeauftragter")
    page = as_coordinator.get("/reports/status/new").text
    assert 'value="Max Mustermann"' in page and 'value="Integrationsbeauftragter"' in page


def test_the_comparison_names_added_and_ended_actors(dated, runner, tmp_path):
    target = tmp_path / "bericht.json"
    result = runner.invoke(args=["report", "--format", "json", "--output", str(target),
                                 "--compare-to", PAST.isoformat(), "--no-save"])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text("utf-8"))
    changes = data["changes"]
    assert changes["since"] == PAST.isoformat()
    assert changes["actors_added"] == ["Neue Initiative"]
    assert changes["actors_ended"] == ["Alter Verein"]
    assert (changes["cooperations_added"], changes["cooperations_ended"]) == (1, 0)
    assert (changes["contributions_added"], changes["contributions_ended"]) == (1, 0)
    assert set(data) == {"commune", "kind", "date", "draft", "figures", "commitments",
                         "prerequisites", "changes"}
    assert data["kind"] == "stadt" and data["date"] == date.today().isoformat()


def test_the_comparison_in_the_document_and_on_the_page(dated, app, as_viewer):
    content = status_report_content(compare_to=PAST)
    document = Document(io.BytesIO(report_service.render_docx(content)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "3. Veränderungen seit dem 30.06.2022" in text
    assert "4. Bewusst hingenommene Befunde" in text and "5. Maßnahmen und nächste Schritte" in text
    assert "Akteure: 1 neu (Neue Initiative); 1 beendet (Alter Verein)." in text
    page = as_viewer.get(f"/reports/compare?since={PAST.isoformat()}").text
    assert "Neue Initiative" in page and "Alter Verein" in page
    assert "Der erste Tag muss vor dem zweiten liegen" in as_viewer.get(
        "/reports/compare?since=2999-01-01").text


def test_a_stored_report_is_byte_stable(dated, as_coordinator):
    as_coordinator.post("/reports/new", data={"kind": "sachstandsbericht",
                                              "reporting_date": date.today().isoformat()})
    report = db.session.scalar(sa.select(Report))
    first = as_coordinator.get(f"/reports/{report.id}/download.docx").data
    make_actor("Später dazugekommen")
    assess_all(date.today())
    assert as_coordinator.get(f"/reports/{report.id}/download.docx").data == first
    # and the same content renders to the same bytes
    assert report_service.render_docx(report.content) == report_service.render_docx(report.content)


def test_trend_chart_with_alt_text_and_numbers(dated, as_viewer):
    content = status_report_content()
    trend = content["commitments"][1]["trend"]
    assert trend["days"][-1] == date.today().isoformat()
    assert trend["days"][0] == "2019-03-31"  # the first quarter end after the earliest record
    assert (trend["offers"][0], trend["offers"][-1], trend["actors"][-1]) == (0, 1, 1)
    page = as_viewer.get("/commitments/2").text
    assert 'src="/commitments/2/trend.png"' in page and "Liniendiagramm" in page
    image = as_viewer.get("/commitments/2/trend.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    document = Document(io.BytesIO(report_service.render_docx(content)))
    described = [element.get("descr") for element in document.element.body.iter()
                 if element.tag.endswith("}docPr")]
    assert len(described) == 10 and all(text.startswith("Liniendiagramm") for text in described)


def test_the_bausteine_carry_the_trend_charts_too(dated):
    content = report_service.content_for("bausteine")
    document = Document(io.BytesIO(report_service.render_docx(content)))
    pictures = [element for element in document.element.body.iter() if element.tag.endswith("}docPr")]
    trends = [p for p in pictures if p.get("descr", "").startswith("Liniendiagramm zu Selbstverpflichtung")]
    assert len(trends) == 10
    ids = [p.get("id") for p in pictures]
    assert len(ids) == len(set(ids))
    status = Document(io.BytesIO(report_service.render_docx(status_report_content())))
    ids = [e.get("id") for e in status.element.body.iter() if e.tag.endswith("}docPr")]
    assert len(ids) == 10 == len(set(ids))


def test_users_get_a_full_name_and_function_on_the_command_line(app, runner):
    result = runner.invoke(args=["create-user", "leitung", "--role", "coordinator", "--password",
                                 "richtig-langes-passwort", "--name", "Dr. Anna Beispiel",
                                 "--function", "Integrationsbeauftragte"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "leitung"))
    assert (user.full_name, user.function) == ("Dr. Anna Beispiel", "Integrationsbeauftragte")
    assert status_report_content(by=user)["vorlage"]["signatory_name"] == "Dr. Anna Beispiel"


def test_the_trend_is_described_in_the_users_language_and_the_documents_stay_german(dated, as_viewer):
    accounts.set_locale(db.session.scalar(sa.select(User).where(User.username == "viewer")), "en")
    assert "Line chart of 2. Vernetzung und Koordination" in as_viewer.get("/commitments/2").text
    document = as_viewer.get("/reports/current/sachstandsbericht.docx").data
    assert "Liniendiagramm zu Selbstverpflichtung 2" in docx_parts(document)["word/document.xml"]


def test_a_trend_chart_has_the_same_bytes_whatever_was_drawn_before():
    """The charts share one figure per thread; each chart still depends on its numbers only."""
    labels = ("aktive Angebote", "Akteure", "Kooperationen")
    long = (("2019-12-31", "2020-12-31", "2021-06-30"),
            tuple(zip(labels, ((0, 2, 5), (1, 3, 4), (0, 0, 7)))))
    short = (("2026-12-07",), tuple(zip(labels, ((3,), (2,), (1,)))))
    first = trend_png(*long)
    trend_png.cache_clear()
    trend_png(*short)
    trend_png.cache_clear()
    assert trend_png(*long) == first


def test_trend_counts_by_hand(dated):
    """Commitment 2: Caritas' counselling from 2020; commitment 4: the new initiative's language
    café from June 2023, the office's offer from 2024, when their cooperation (since June 2023)
    starts to concern commitment 4, both partners working on it."""
    make_contribution("Elterncafé", dated["office"], 4, start_date=date(2024, 1, 1))
    trends = commitment_trends(date(2024, 6, 30))
    second, fourth = trends[2], trends[4]
    at = second["days"].index
    assert (second["offers"][at("2019-12-31")], second["offers"][at("2020-03-31")]) == (0, 1)
    assert second["actors"][at("2024-06-30")] == 1 and second["cooperations"][at("2024-06-30")] == 0
    at = fourth["days"].index
    assert [fourth[key][at("2023-03-31")] for key in ("offers", "actors", "cooperations")] == [0, 0, 0]
    assert [fourth[key][at("2023-12-31")] for key in ("offers", "actors", "cooperations")] == [1, 1, 0]
    assert [fourth[key][at("2024-03-31")] for key in ("offers", "actors", "cooperations")] == [2, 2, 1]


def evidence_of(number: int) -> list[str]:
    content = report_service.content_for("sachstandsbericht", reporting_date=date.today())
    return next(c["evidence"] for c in report_json(content)["commitments"] if c["number"] == number)


def test_commitment_3_counts_the_administrations_part_in_its_own_offers(app):
    """The administration's offers under other commitments are services, not its intercultural
    opening: the evidence read "2 eigene aktive Angebote der Verwaltung" next to "ein aktives
    Angebot" of commitment 3, counting them all."""
    office = make_actor("Personalamt", "administration")
    club = make_actor("Kulturverein", "association")
    make_contribution("Einbürgerungsberatung", office, 2)
    make_contribution("Sprachkurs", office, 5)
    make_contribution("Tanzgruppe", club, 3)
    assert evidence_of(3)[0] == "ein aktives Angebot von einem Akteur"
    assert evidence_of(3)[-1] == "An keinem dieser Angebote ist die Verwaltung selbst beteiligt"
    make_contribution("Interkulturelle Schulung", club, 3, partners=[office])
    assert evidence_of(3)[-1] == ("An einem dieser Angebote ist die Verwaltung selbst beteiligt "
                                  "(Interkulturelle Schulung)")
    make_contribution("Mehrsprachige Formulare", office, 3)
    assert evidence_of(3)[-1] == ("An 2 dieser Angebote ist die Verwaltung selbst beteiligt "
                                  "(Interkulturelle Schulung und Mehrsprachige Formulare)")
    assert not any("eigene" in line for line in evidence_of(3))

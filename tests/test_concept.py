"""The Integrationskonzept: measures with Handlungsfeld, goal, indicator of success, partners,
period, resources and funding; the concept's own texts; the Bausteine document."""
import io
import zipfile
from types import SimpleNamespace

import sqlalchemy as sa
from docx import Document

from coordination.analysis.data import CommitmentRecord
from coordination.exports.concept import building_blocks_docx
from coordination.extensions import db
from coordination.models import AuditEntry, Commitment, ConceptTexts, FieldOfAction, Indicator, IndicatorValue, Measure
from coordination.queries.concept import Citations
from coordination.reference_data import COMMITMENTS
from coordination.services import measures as measure_service
from tests.factories import district_id, make_actor, make_contribution


def _commitment(number):
    return db.session.scalar(sa.select(Commitment).where(Commitment.number == number))


def _field(key):
    return db.session.scalar(sa.select(FieldOfAction).where(FieldOfAction.key == key))


MEASURE_FORM = {
    "text": "Sprechstunde der Wirtschaftsförderung für Gründer:innen mit Einwanderungsgeschichte",
    "status": "agreed", "goal": "Mehr Gründungen, die länger als drei Jahre bestehen",
    "success_indicator": "40 Beratungen im Jahr", "partners": "IHK, Türkischer Unternehmerverein",
    "start_date": "2027-01-01", "due_date": "2028-12-31", "resources": "0,25 Stelle",
    "funding": "ESF Plus", "responsible": "Wirtschaftsförderung",
}


def test_measure_form_keeps_the_concept_fields_and_the_list_shows_them(as_coordinator, as_viewer):
    data = {**MEASURE_FORM, "commitment_id": _commitment(8).id,
            "field_of_action_id": _field("economy").id}
    assert as_coordinator.post("/analysis/measures/new", data=data).status_code == 302
    measure = db.session.scalars(sa.select(Measure)).one()
    assert measure.field_of_action.name == "Wirtschaft & Gründung"
    assert (measure.goal, measure.success_indicator, measure.partners, measure.resources,
            measure.funding) == ("Mehr Gründungen, die länger als drei Jahre bestehen",
                                 "40 Beratungen im Jahr", "IHK, Türkischer Unternehmerverein",
                                 "0,25 Stelle", "ESF Plus")
    assert measure.start_date.isoformat() == "2027-01-01"
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.entity_type == "measures")).one()
    assert entry.changes["field_of_action"] == [None, "Wirtschaft & Gründung"]
    assert entry.changes["funding"] == [None, "ESF Plus"]

    page = as_viewer.get("/analysis/measures").get_data(as_text=True)
    assert "Wirtschaft &amp; Gründung" in page
    assert "01.01.2027 bis 31.12.2028" in page
    assert "Ziel: Mehr Gründungen" in page

    edit = as_coordinator.get(f"/analysis/measures/{measure.id}/edit").get_data(as_text=True)
    assert "ESF Plus" in edit and "40 Beratungen im Jahr" in edit


def test_measure_period_must_not_end_before_it_starts(as_coordinator):
    data = {**MEASURE_FORM, "commitment_id": _commitment(8).id, "start_date": "2028-01-01",
            "due_date": "2027-01-01"}
    response = as_coordinator.post("/analysis/measures/new", data=data)
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Measure)) == 0


def test_concept_texts_are_edited_by_coordinators_and_read_by_viewers(as_coordinator, as_viewer):
    assert as_viewer.get("/concept/edit").status_code == 403
    assert "Noch nicht geschrieben." in as_viewer.get("/concept/").get_data(as_text=True)
    response = as_coordinator.post("/concept/edit", data={
        "mandate": "Der Stadtrat hat am 12.03.2026 (Drucksache 2026/041) beschlossen …",
        "vision": "Teststadt ist eine Stadt für alle.",
        "guiding_goals": "- Teilhabe in allen Lebensbereichen\n\n• Chancengleiche Bildung\n",
        "evaluation": "Jährlicher Bericht an den Integrationsrat.", "next_update": "2028-06-30",
        "version": ""})
    assert response.status_code == 302
    page = as_viewer.get("/concept/").get_data(as_text=True)
    assert "Drucksache 2026/041" in page
    assert "<li>Teilhabe in allen Lebensbereichen</li><li>Chancengleiche Bildung</li>" in page
    assert "Nächste Fortschreibung: 30.06.2028." in page
    texts = db.session.scalars(sa.select(ConceptTexts)).one()
    stale = as_coordinator.post("/concept/edit", data={"vision": "Anders", "version": str(texts.version + 5)})
    assert "von jemand anderem geändert" in stale.get_data(as_text=True)


def test_coverage_has_a_handlungsfeld_view_beside_the_commitment_view(app, as_viewer):

    mso = make_actor("Kulturverein Anatolia", "mso", migrant_led=True)
    vhs = make_actor("VHS Teststadt", "education_provider", whole_commune=True)
    make_contribution("Sprachcafé", mso, 4, partners=[vhs], field_of_action_id=_field("language").id,
                      district_ids=[district_id("Nordviertel")])
    make_contribution("Berufssprachkurs", vhs, 6, field_of_action_id=_field("language").id,
                      whole_commune=True)
    measure_service.create_measure(measure_service.MeasureValues(
        text="Kursangebot ausbauen", commitment_id=_commitment(6).id,
        field_of_action_id=_field("language").id), by=None)

    commitments = as_viewer.get("/analysis/coverage").get_data(as_text=True)
    assert "nach Handlungsfeld" in commitments and "Überblick nach Handlungsfeld" not in commitments
    page = as_viewer.get("/analysis/coverage?view=fields").get_data(as_text=True)
    assert "Überblick nach Handlungsfeld" in page
    row = page.split('<th scope="row" class="fw-normal">Sprache</th>')[1].split("</tr>")[0]
    cells = [cell.split(">")[-1].strip() for cell in row.split("</td>")[:-1]]
    assert cells[0] == "2" and cells[1] == "2" and cells[2] == "50 %"
    assert '>4</a> (1), <a href="/commitments/6">6</a> (1)' in row
    assert "ganze Stadt" in row and cells[-1] == "1"
    assert "Abdeckung nach Akteurstyp" not in page  # the field view shows fields × commitments only
    assert "Abdeckung nach Handlungsfeld" in page


# --- the Bausteine document -----------------------------------------------------------------------

def _bausteine(client):


    response = client.get("/reports/current/bausteine.docx")
    assert response.status_code == 200
    raw = zipfile.ZipFile(io.BytesIO(response.data)).read("word/document.xml").decode()
    return Document(io.BytesIO(response.data)), raw


def _everything(document):
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(paragraphs + cells)


def test_bausteine_follow_the_concept_skeleton(app, as_coordinator, as_viewer):

    vhs = make_actor("VHS Teststadt", "education_provider", whole_commune=True)
    make_contribution("Berufssprachkurs", vhs, 6, field_of_action_id=_field("language").id,
                      whole_commune=True)
    share = db.session.scalar(sa.select(Indicator).where(Indicator.key == "foreign_share"))
    db.session.add_all([IndicatorValue(indicator=share, year=2023, value=12.9),
                        IndicatorValue(indicator=share, year=2024, value=14.2)])
    db.session.commit()
    as_coordinator.post("/concept/edit", data={
        "mandate": "Der Stadtrat hat die Verwaltung am 12.03.2026 beauftragt.",
        "vision": "Teststadt ist eine Stadt für alle.",
        "guiding_goals": "Teilhabe in allen Lebensbereichen\nChancengleiche Bildung",
        "evaluation": "Jährlicher Bericht an den Integrationsrat.", "next_update": "2028-06-30"})
    as_coordinator.post("/analysis/measures/new", data={
        **MEASURE_FORM, "commitment_id": _commitment(6).id, "field_of_action_id": _field("language").id})

    document, raw = _bausteine(as_viewer)
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == ["1 Einleitung und Auftrag", "2 Leitbild und Leitziele", "3 Ausgangslage",
                      "4 Bestandsaufnahme nach Handlungsfeldern", "5 Handlungsbedarfe",
                      "6 Ziele und Maßnahmen", "7 Strukturen", "8 Monitoring und Fortschreibung",
                      "Anhang"]
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert level2.index("4.1 Sprache") < level2.index("5.1 Selbstverpflichtung 1: Integration als "
                                                      "Querschnittsaufgabe und Gesamtstrategie")
    assert "6.1 Sprache" in level2 and "A Wortlaut der zehn Selbstverpflichtungen" in level2
    # a real Word table of contents: a TOC field, pre-filled with the chapters
    assert "<w:instrText" in raw and 'TOC \\o "1-3"' in raw and 'w:fldCharType="begin"' in raw

    text = _everything(document)
    assert "Der Stadtrat hat die Verwaltung am 12.03.2026 beauftragt." in text
    goals = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert goals == ["Teilhabe in allen Lebensbereichen", "Chancengleiche Bildung"]
    assert "Nächste Fortschreibung: 30.06.2028" in text
    # Ausgangslage from the indicators: the numbers, and their chart with a description
    assert "Anteil ausländischer Staatsangehöriger an der Bevölkerung" in text and "14,2" in text
    assert "12,9 (2023)" in text
    assert "<w:drawing>" in raw and 'descr="Liniendiagramm: Anteil ausländischer' in raw
    # the measure with every concept field
    for value in ("Mehr Gründungen, die länger als drei Jahre bestehen", "40 Beratungen im Jahr",
                  "IHK, Türkischer Unternehmerverein", "01.01.2027 bis 31.12.2028",
                  "0,25 Stelle", "ESF Plus", "Wirtschaftsförderung"):
        assert value in text, value
    # the commitments' long wording once, in the annex; the sections refer to it
    sixth = COMMITMENTS[5][2]
    assert text.count(sixth) == 1
    assert "Wortlaut: Anhang A, Nr. 6" in text
    # rule ids never reach the reader
    assert "commitment-uncovered" not in text and "Art des Befunds:" in text


def test_stored_bausteine_of_the_first_layout_still_render(app):
    """A report stored before the concept skeleton keeps its DOCX (rendered from its content)."""


    old = {"title": "Bausteine", "commune": "Teststadt", "commune_kind": "Stadt",
           "reporting_date": "2026-01-31", "generated_at": "2026-01-31T10:00:00+00:00",
           "totals": {"actors": 1}, "open_findings": 0, "summary": [], "prerequisites": [],
           "actors": [], "commitments": [{
               "number": 1, "short_title": "Gesamtstrategie", "full_text": "…", "status": "umgesetzt",
               "contributions": 0, "actors": 0, "by_type": [], "by_district": [],
               "network": {"summary": "–"}, "findings": [], "measures": []}]}
    document = Document(io.BytesIO(building_blocks_docx(old)))
    assert "1. Gesamtstrategie" in [p.text for p in document.paragraphs]


def test_commitment_quotes_are_given_once(app):

    wording = "sich für eine stärkere Vernetzung einzusetzen und Vernetzungen zu initiieren"
    analysis = SimpleNamespace(data=SimpleNamespace(commitments=(
        CommitmentRecord(2, "Vernetzung und Koordination", wording),)))
    citations = Citations(analysis)
    partial = ("A ist die einzige Verbindung. Selbstverpflichtung 2 empfiehlt den Kommunen, "
               "„sich für eine stärkere Vernetzung einzusetzen …“.")
    assert citations.once(partial) == partial
    assert citations.once(partial.replace("A ist", "B ist")) == "B ist die einzige Verbindung."
    whole = f"Niemand tut es. Selbstverpflichtung 2 empfiehlt den Kommunen, „{wording}“."
    assert citations.once(whole) == ("Niemand tut es. Wortlaut der Selbstverpflichtung 2: "
                                     "Anhang A.")
    named = "Der Kulturverein „Iliria“ e. V. ist isoliert."
    assert citations.once(named) == named

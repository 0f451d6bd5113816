"""Commitments and structural prerequisites: overview, pages, assessments, short titles, access."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from coordination.commitments.queries import current_assessments
from coordination.extensions import db
from coordination.models import (
    Assessment,
    AssessmentStatus,
    Contribution,
    ContributionKind,
    ContributionParticipant,
    ContributionStatus,
    Prerequisite,
)
from coordination.queries.analysis import forget_cached_analysis
from coordination.reference_data import COMMITMENTS
from coordination.services import assessments as assessment_service
from coordination.services.base import ConflictError, ValidationError
from tests.factories import audit_entries, commitment, count, make_actor


def contribution(title: str, number: int, lead, partners=(), status="active") -> Contribution:
    """A contribution row (test data only; the contributions area has its own service tests)."""
    item = Contribution(title=title, commitment=commitment(number), kind=ContributionKind.COUNSELLING,
                        status=ContributionStatus(status))
    item.participants = [ContributionParticipant(actor=lead, is_lead=True)] + [
        ContributionParticipant(actor=partner, is_lead=False) for partner in partners]
    db.session.add(item)
    db.session.commit()
    return item


def prerequisite(key: str) -> Prerequisite:
    return db.session.scalar(sa.select(Prerequisite).where(Prerequisite.key == key))


def assessment_form(**overrides):
    data = {"status": "partial", "justification": "Runder Tisch tagt, Gesamtstrategie fehlt noch.",
            "assessed_on": date.today().isoformat()}
    data.update(overrides)
    return data


# --- overview ------------------------------------------------------------------------------------

def test_index_lists_the_ten_commitments_and_five_prerequisites(as_viewer):
    caritas, awo = make_actor("Caritasverband"), make_actor("AWO Kreisverband")
    contribution("Migrationsberatung", 2, caritas, partners=[awo])
    contribution("Netzwerktreffen", 2, awo)
    contribution("Altes Projekt", 2, make_actor("Ehemalige Initiative"), status="ended")
    assessment_service.assess_commitment(commitment(2), "implemented", "Netzwerk besteht.", date.today(), by=None)

    html = as_viewer.get("/commitments/").text
    for number, short_title, _ in COMMITMENTS:
        assert short_title in html and f"/commitments/{number}\"" in html
    for name in ("Gesamtstrategie", "Moderation", "Koordination", "Vernetzung", "Evaluation"):
        assert name in html
    assert "/commitments/prerequisites/strategy" in html
    row = html.split("Vernetzung und Koordination")[1].split("</tr>")[0]
    assert "umgesetzt" in row
    assert row.count('<td class="text-end">2</td>') == 2  # 2 active contributions, 2 distinct actors
    row = html.split("Interkulturelle Öffnung der Verwaltung")[1].split("</tr>")[0]
    assert "nicht eingeschätzt" in row and "nicht abgedeckt" in row


def test_commitment_index_query_count_is_constant(as_viewer, count_queries):
    actors = [make_actor(f"Verein {i}") for i in range(12)]
    contribution("Erster Beitrag", 1, actors[0])
    assessment_service.assess_commitment(commitment(1), "planned", "Begonnen.", date.today(), by=None)
    db.session.expire_all()
    with count_queries() as small:
        assert as_viewer.get("/commitments/").status_code == 200
    for number in range(1, 11):
        contribution(f"Beitrag {number}", number, actors[number], partners=[actors[number + 1]])
        assessment_service.assess_commitment(commitment(number), "partial", "Teilweise.", date.today(), by=None)
        assessment_service.assess_commitment(commitment(number), "implemented", "Erledigt.", date.today(), by=None)
    for item in db.session.scalars(sa.select(Prerequisite)).all():
        assessment_service.assess_prerequisite(item, "planned", "In Arbeit.", date.today(), by=None)
    db.session.expire_all()
    with count_queries() as large:
        html = as_viewer.get("/commitments/").text
    assert html.count("umgesetzt") >= 10
    assert large.count == small.count


# --- commitment page -------------------------------------------------------------------------------

def test_commitment_page_quotes_the_full_text_and_lists_contributions_active_first(as_viewer):
    caritas, awo = make_actor("Caritasverband"), make_actor("AWO Kreisverband")
    old = contribution("Abgeschlossenes Projekt", 5, awo, status="ended")
    active = contribution("Bildungslotsen", 5, caritas, partners=[awo])
    html = as_viewer.get("/commitments/5").text
    full_text = commitment(5).full_text
    assert "<blockquote" in html and full_text in html.split("<blockquote")[1].split("</blockquote>")[0]
    assert html.index("Bildungslotsen") < html.index("Abgeschlossenes Projekt")
    assert f"/contributions/{active.id}" in html and f"/contributions/{old.id}" in html
    assert f"/actors/{caritas.id}" in html and f"/actors/{awo.id}" in html
    actors_section = html.split('id="actors"')[1]
    assert actors_section.count("Caritasverband") == 1 and actors_section.count("AWO Kreisverband") == 1
    assert "Noch keine Einschätzung erfasst." in html


def test_unknown_commitment_or_prerequisite_is_404(as_viewer):
    assert as_viewer.get("/commitments/11").status_code == 404
    assert as_viewer.get("/commitments/prerequisites/unknown").status_code == 404


def test_commitment_page_query_count_does_not_grow_with_contributions(as_viewer, count_queries):
    actors = [make_actor(f"Verein {i}") for i in range(10)]
    contribution("Beitrag 0", 4, actors[0])
    db.session.expire_all()
    with count_queries() as small:
        as_viewer.get("/commitments/4")
    for i in range(1, 9):
        contribution(f"Beitrag {i}", 4, actors[i], partners=[actors[i + 1]])
        assessment_service.assess_commitment(commitment(4), "partial", f"Stand {i}", date.today(), by=None)
    db.session.expire_all()
    forget_cached_analysis()  # read whole, as the first time (not first checked against the writes since)
    with count_queries() as large:
        assert "Beitrag 8" in as_viewer.get("/commitments/4").text
    assert large.count == small.count


# --- assessments ------------------------------------------------------------------------------------

def test_coordinator_assesses_a_commitment(as_coordinator, user):
    page = as_coordinator.get("/commitments/1").text
    assert "Neue Einschätzung" in page and 'action="/commitments/1/assess"' in page
    assert "/contributions/new?commitment=1" in page
    response = as_coordinator.post("/commitments/1/assess", data=assessment_form(), follow_redirects=True)
    assert "Die Einschätzung wurde gespeichert." in response.text
    current = response.text.split('id="assessment"')[1].split("</section>")[0]
    assert "teilweise umgesetzt" in current and "Gesamtstrategie fehlt noch." in current
    [assessment] = db.session.scalars(sa.select(Assessment)).all()
    assert assessment.commitment == commitment(1) and assessment.author == user("coord")
    assert assessment.status == AssessmentStatus.PARTIAL and assessment.assessed_on == date.today()
    [entry] = audit_entries("assessments")
    assert entry.username == "coord" and entry.action.value == "create"
    assert entry.changes["status"] == [None, "partial"]
    assert "Integration als Querschnittsaufgabe" in entry.label


def test_two_assessments_newest_is_current_and_both_are_in_the_history(as_coordinator):
    as_coordinator.post("/commitments/3/assess", data=assessment_form(
        status="planned", justification="Fortbildungen geplant.",
        assessed_on=(date.today() - timedelta(days=400)).isoformat()))
    as_coordinator.post("/commitments/3/assess", data=assessment_form(
        status="implemented", justification="Fortbildungen laufen jährlich."))
    html = as_coordinator.get("/commitments/3").text
    current = html.split('id="assessment"')[1].split("</section>")[0]
    assert "Fortbildungen laufen jährlich." in current and "Fortbildungen geplant." not in current
    history = html.split("Verlauf der Einschätzungen")[1]
    assert "Fortbildungen laufen jährlich." in history and "Fortbildungen geplant." in history
    assert history.index("Fortbildungen laufen jährlich.") < history.index("Fortbildungen geplant.")
    assert count(Assessment) == 2
    index = as_coordinator.get("/commitments/").text
    row = index.split("Interkulturelle Öffnung der Verwaltung")[1].split("</tr>")[0]
    assert ">umgesetzt<" in row and "in Planung" not in row


def test_a_back_dated_assessment_does_not_replace_the_current_one(app):
    item = commitment(6)
    assessment_service.assess_commitment(item, "implemented", "Heute erledigt.", date.today(), by=None)
    assessment_service.assess_commitment(item, "not_implemented", "Stand 2020 (nachgetragen).",
                                         date(2020, 6, 30), by=None)
    assert current_assessments("commitment")[item.id].justification == "Heute erledigt."


@pytest.mark.parametrize("overrides, field, message", [
    ({"assessed_on": (date.today() + timedelta(days=1)).isoformat()}, "assessed_on",
     "Das Datum darf nicht in der Zukunft liegen."),
    ({"justification": "   "}, "justification", "Bitte begründen Sie die Einschätzung."),
    ({"justification": "x" * 5001}, "justification", "5000"),
    ({"status": ""}, "status", "Bitte wählen Sie einen Stand."),
    ({"assessed_on": ""}, "assessed_on", "Bitte geben Sie ein Datum an."),
])
def test_assessment_validation(as_coordinator, overrides, field, message):
    response = as_coordinator.post("/commitments/1/assess", data=assessment_form(**overrides))
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.text and message in response.text
    assert count(Assessment) == 0 and audit_entries("assessments") == []


def test_unknown_status_is_refused(as_coordinator, app):
    response = as_coordinator.post("/commitments/1/assess", data=assessment_form(status="perfect"))
    assert 'id="status-error"' in response.text
    with pytest.raises(ValidationError) as caught:
        assessment_service.assess_commitment(commitment(1), "perfect", "Text", date.today(), by=None)
    assert set(caught.value.errors) == {"status"}
    assert count(Assessment) == 0


def test_html_in_a_justification_is_escaped(as_coordinator):
    as_coordinator.post("/commitments/1/assess", data=assessment_form(justification="<script>x()</script>"))
    html = as_coordinator.get("/commitments/1").text
    assert "<script>x()</script>" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html


# --- short title -------------------------------------------------------------------------------------

def test_short_title_edit_keeps_the_full_text(as_coordinator):
    full_text = commitment(8).full_text
    response = as_coordinator.post("/commitments/8/title", data={
        "short_title": "  Migrantische   Ökonomie ", "original_title": "Ethnische Ökonomie"},
        follow_redirects=True)
    assert "Der Kurztitel wurde gespeichert." in response.text
    assert "Migrantische Ökonomie" in response.text
    db.session.expire_all()
    item = commitment(8)
    assert item.short_title == "Migrantische Ökonomie" and item.full_text == full_text
    [entry] = audit_entries("commitments")
    assert entry.changes == {"short_title": ["Ethnische Ökonomie", "Migrantische Ökonomie"]}
    # the full text cannot be changed through the form
    as_coordinator.post("/commitments/8/title", data={"short_title": "Ökonomie", "full_text": "anders"})
    db.session.expire_all()
    assert commitment(8).full_text == full_text


def test_short_title_validation_and_stale_form(as_coordinator, app):
    html = as_coordinator.post("/commitments/8/title", data={"short_title": ""}).text
    assert 'id="short_title-error"' in html
    html = as_coordinator.post("/commitments/8/title", data={"short_title": "x" * 121}).text
    assert 'id="short_title-error"' in html
    html = as_coordinator.post("/commitments/8/title", data={
        "short_title": "Neu", "original_title": "ein inzwischen geänderter Titel"}).text
    assert "inzwischen von jemand anderem geändert" in html
    db.session.expire_all()
    assert commitment(8).short_title == "Ethnische Ökonomie" and audit_entries("commitments") == []
    with pytest.raises(ConflictError):
        assessment_service.update_commitment_title(commitment(8), "Neu", expected="alt", by=None)


# --- prerequisites -----------------------------------------------------------------------------------

def test_prerequisite_page_and_assessment(as_coordinator):
    page = as_coordinator.get("/commitments/prerequisites/moderation").text
    assert "Moderation" in page and "Runder Tisch" in page  # the description
    assert "Noch keine Einschätzung erfasst." in page
    response = as_coordinator.post("/commitments/prerequisites/moderation/assess", data=assessment_form(
        status="implemented", justification="Der Runde Tisch Integration tagt viermal im Jahr."),
        follow_redirects=True)
    assert "Die Einschätzung wurde gespeichert." in response.text
    assert "Der Runde Tisch Integration tagt viermal im Jahr." in response.text
    [assessment] = db.session.scalars(sa.select(Assessment)).all()
    assert assessment.prerequisite == prerequisite("moderation") and assessment.commitment is None
    assert audit_entries("assessments")[0].label == "Einschätzung: Moderation"
    bad = as_coordinator.post("/commitments/prerequisites/moderation/assess", data=assessment_form(
        assessed_on=(date.today() + timedelta(days=3)).isoformat()))
    assert "Das Datum darf nicht in der Zukunft liegen." in bad.text
    assert count(Assessment) == 1
    index = as_coordinator.get("/commitments/").text
    row = index.split("/commitments/prerequisites/moderation")[1].split("</tr>")[0]
    assert ">umgesetzt<" in row


# --- access ----------------------------------------------------------------------------------------

def test_viewer_reads_but_gets_403_on_every_write_route(as_viewer):
    assessment_service.assess_commitment(commitment(1), "partial", "Teilweise.", date.today(), by=None)
    page = as_viewer.get("/commitments/1").text
    assert "Teilweise." in page
    assert "Neue Einschätzung" not in page and "Kurztitel ändern" not in page
    assert "/commitments/1/assess" not in page and "/contributions/new" not in page
    assert "Neue Einschätzung" not in as_viewer.get("/commitments/prerequisites/strategy").text
    for url, data in [("/commitments/1/assess", assessment_form()),
                      ("/commitments/1/title", {"short_title": "Neu"}),
                      ("/commitments/prerequisites/strategy/assess", assessment_form())]:
        assert as_viewer.post(url, data=data).status_code == 403, url
    assert count(Assessment) == 1
    db.session.expire_all()
    assert commitment(1).short_title == "Integration als Querschnittsaufgabe und Gesamtstrategie"


def test_anonymous_users_are_sent_to_the_login(client):
    for url in ("/commitments/", "/commitments/1", "/commitments/prerequisites/strategy"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.location

"""What a coordinator reads: the commune's own words (Stadtteil / Gemeinde / Ortsteil), German
history rows and periods, the first steps of an empty commune, the help pages and the
Erklärung zur Barrierefreiheit with its feedback contact."""
import re
from datetime import date

import pytest

from coordination.extensions import db
from coordination.queries.commune import current_commune
from coordination.services import actors as actor_service
from coordination.services import commune as commune_service
from coordination.services.actors import ActorValues
from coordination.wording import in_commune, of_commune
from tests.conftest import PASSWORD, Auth
from tests.factories import district_id, make_actor, make_contribution, make_cooperation, type_id


def _text(response) -> str:
    """The page as a person reads it (tags removed, spaces collapsed)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


# --- the commune's own words -------------------------------------------------------------------

@pytest.fixture
def landkreis(empty_app):
    """A Landkreis whose districts are its Gemeinden, with a little data, and its admin logged in."""
    admin = commune_service.set_up(commune_name="Musterkreis", kind="landkreis", admin_username="admin",
                                   admin_password=PASSWORD, districts=["Altdorf", "Neudorf"])
    club = make_actor("Sportverein Altdorf", district_ids=[district_id("Altdorf")], by=admin)
    school = make_actor("Grundschule Neudorf", type_key="school", by=admin,
                        district_ids=[district_id("Neudorf")])
    make_contribution("Sprachcafé", club, 4, district_ids=[district_id("Altdorf")], by=admin)
    make_cooperation(club, school, by=admin)
    client = empty_app.test_client()
    Auth(client).login("admin")
    return client


@pytest.mark.parametrize("path", ["/", "/actors/", "/actors/new", "/contributions/", "/contributions/new",
                                  "/analysis/coverage", "/analysis/commitments/4", "/help/actors"])
def test_landkreis_pages_speak_of_gemeinden_never_of_stadtteilen(landkreis, path):
    text = _text(landkreis.get(path))
    assert "Gemeinde" in text
    assert "Stadtteil" not in text


def test_landkreis_dashboard_and_forms_use_gemeinde_words(landkreis):
    dashboard = _text(landkreis.get("/"))
    assert "aktive Angebote nach Gemeinde" in dashboard
    assert "Spalten: Gemeinden und ganzer Landkreis" in dashboard
    assert "Gemeinden (Wirkungsraum)" in _text(landkreis.get("/actors/new"))


def test_landkreis_status_report_and_gap_list_speak_of_gemeinden(landkreis):
    report = _text(landkreis.get("/reports/current/sachstandsbericht.html"))
    assert "Keine Gemeinden mit besonderem Handlungsbedarf erfasst" in report
    assert "Stadtteil" not in report
    gap_list = landkreis.get("/analysis/export.md").get_data(as_text=True)
    assert "**Gemeinden:** Neudorf" in gap_list and "**Stadtteile:**" not in gap_list


def test_in_commune_grammar_per_kind(app):
    assert in_commune("stadt", "Musterstadt") == "in der Stadt Musterstadt"
    assert in_commune("landkreis", "Musterkreis") == "im Landkreis Musterkreis"
    assert in_commune("gemeinde", "Musterdorf") == "in der Gemeinde Musterdorf"
    assert of_commune("landkreis", "Musterkreis") == "des Landkreises Musterkreis"


def test_a_name_that_says_its_kind_is_not_doubled(app):
    assert in_commune("landkreis", "Landkreis Muster") == "im Landkreis Muster"
    assert of_commune("landkreis", "Landkreis Muster") == "des Landkreises Muster"
    assert of_commune("landkreis", "Kreis Muster") == "des Kreises Muster"
    assert of_commune("stadt", "Stadt Beispiel") == "der Stadt Beispiel"
    assert of_commune("gemeinde", "Gemeinde Musterdorf") == "der Gemeinde Musterdorf"


def test_a_gemeinde_has_ortsteile(empty_app):
    commune_service.set_up(commune_name="Musterdorf", kind="gemeinde", admin_username="admin",
                           admin_password=PASSWORD, districts=["Oberdorf"])
    client = empty_app.test_client()
    Auth(client).login("admin")
    assert "Ortsteile (Wirkungsraum)" in _text(client.get("/actors/new"))
    assert "ganze Gemeinde" in _text(client.get("/help/actors"))


# --- history rows and periods ------------------------------------------------------------------

def test_history_shows_german_labels_values_and_dates(as_coordinator, user):
    coord = user("coord")
    actor = make_actor("Elterncafé Nord", by=coord)
    values = ActorValues(name=actor.name, type_id=type_id(), status="dormant",
                         last_reviewed=date(2026, 3, 1), district_ids=[district_id("Altstadt")])
    actor_service.update_actor(actor, values, version=actor.version, by=coord)
    text = _text(as_coordinator.get(f"/actors/{actor.id}"))
    assert "Status: aktiv → ruhend" in text
    assert "zuletzt geprüft: – → 01.03.2026" in text
    assert "Stadtteile: – → Altstadt" in text
    assert "dormant" not in text and "2026-03-01" not in text


def test_history_in_the_audit_log_shows_german_values(as_admin, user):
    make_contribution("Sprachkurs", make_actor("Volkshochschule"), 1, status="planned",
                      start_date=date(2026, 3, 1), by=user("admin"))
    text = _text(as_admin.get("/admin/audit"))
    assert "geplant" in text and "01.03.2026" in text
    assert "planned" not in text and "2026-03-01" not in text


def test_a_period_without_end_reads_since(as_coordinator):
    make_contribution("Beratung", make_actor("Caritas"), 1, start_date=date(2025, 9, 1))
    text = _text(as_coordinator.get("/commitments/1"))
    assert "seit 01.09.2025" in text
    assert "01.09.2025 – –" not in text


def test_import_page_highlights_the_data_menu(as_coordinator):
    html = as_coordinator.get("/import/").get_data(as_text=True)
    assert re.search(r'class="nav-link active" aria-current="page" href="/exchange/">', html)


# --- first steps ---------------------------------------------------------------------------------

def test_empty_commune_gets_first_steps_and_no_alarms(as_coordinator):
    text = _text(as_coordinator.get("/"))
    assert "Erste Schritte" in text and "0 von 5 Schritten erledigt" in text
    for step in ("Akteure erfassen oder eine Liste importieren", "Angebote erfassen",
                 "Kooperationen erfassen", "Die zehn Selbstverpflichtungen einschätzen",
                 "Den ersten Sachstandsbericht erstellen"):
        assert step in text
    assert "offene Befunde mit hoher Priorität" not in text
    assert "nicht abgedeckt" not in text
    assert "text-bg-danger" not in as_coordinator.get("/").get_data(as_text=True)


def test_first_steps_count_progress(as_coordinator):
    actor = make_actor("Integrationsbeirat")
    make_contribution("Sprechstunde", actor, 2)
    text = _text(as_coordinator.get("/"))
    assert "2 von 5 Schritten erledigt" in text
    assert "Die zehn Selbstverpflichtungen: aktive Angebote nach Stadtteil" in text


# --- help and the accessibility statement -------------------------------------------------------

@pytest.mark.parametrize("topic", ["actors", "contributions", "cooperations", "bodies", "network",
                                   "analysis", "report", "import", "terms"])
def test_each_area_has_a_help_page(as_viewer, topic):
    assert as_viewer.get(f"/help/{topic}").status_code == 200


def test_the_help_explains_the_terms_and_the_report_step_by_step(as_viewer):
    terms = _text(as_viewer.get("/help/terms"))
    assert "nicht eingeschätzt" in terms and "Das ist keine Bewertung" in terms
    assert "Hinweis der Analyse" in terms and "gilt nie als Einschätzung einer Person" in terms
    report = as_viewer.get("/help/report").get_data(as_text=True)
    assert report.count("<li>") >= 8 and "Stichtag" in report
    analysis = as_viewer.get("/help/analysis").get_data(as_text=True)
    assert "So lesen Sie einen Befund" in analysis and 'href="/help/terms"' in analysis
    for topic in ("actors", "contributions", "cooperations", "bodies"):
        assert "Beispiele" in as_viewer.get(f"/help/{topic}").get_data(as_text=True), topic


@pytest.mark.parametrize("path, topic", [("/actors/", "actors"), ("/contributions/", "contributions"),
                                         ("/cooperations/", "cooperations"), ("/bodies/", "bodies"),
                                         ("/analysis/", "analysis"), ("/reports/", "report"),
                                         ("/import/", "import")])
def test_page_headings_link_their_help(as_coordinator, path, topic):
    html = as_coordinator.get(path).get_data(as_text=True)
    heading = re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)
    assert f'href="/help/{topic}"' in heading


def test_statement_is_public_and_linked_in_the_footer(client, as_viewer):
    assert 'href="/accessibility"' in as_viewer.get("/actors/").get_data(as_text=True)
    text = _text(client.get("/accessibility"))
    assert "Erklärung zur Barrierefreiheit" in text
    assert "teilweise vereinbar" in text and "Schlichtung" in text
    assert "noch keine Kontaktstelle" in text


def test_statement_shows_the_contact_from_the_settings(as_admin, client):
    response = as_admin.post("/admin/accessibility", data={
        "accessibility_contact": "Integrationsbüro, Rathausplatz 1, 12345 Teststadt",
        "accessibility_email": "barrierefrei@teststadt.de", "accessibility_enforcement": "",
        "version": current_commune().version})
    assert response.status_code == 302
    text = _text(client.get("/accessibility"))
    assert "Integrationsbüro, Rathausplatz 1, 12345 Teststadt" in text
    assert "barrierefrei@teststadt.de" in text
    assert f"Stand: {date.today():%d.%m.%Y}" in text


def test_statement_contact_needs_a_valid_email(as_admin):
    response = as_admin.post("/admin/accessibility", data={
        "accessibility_contact": "Integrationsbüro", "accessibility_email": "keine-adresse",
        "version": current_commune().version})
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in _text(response)
    db.session.expire_all()
    assert current_commune().accessibility_email == ""


def test_only_admins_change_the_statement_contact(as_coordinator):
    assert as_coordinator.get("/admin/accessibility").status_code == 403

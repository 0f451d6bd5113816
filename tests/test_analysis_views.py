"""The gap analysis in the web app: gap list with filters and evidence, accepting and reopening
findings, recommended measures, settings, coverage and network pages, the commitment section,
the dashboard, the cache (fresh after every edit, computed once otherwise), the access matrix
and the demo commune's deliberate gaps."""
import csv
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from markupsafe import escape

from coordination import demo
from coordination.analysis.rules import related_findings
from coordination.analysis_views import routes
from coordination.extensions import db
from coordination.models import (
    AuditEntry,
    Commitment,
    CommuneKind,
    FindingAcceptance,
    Measure,
    MeasureStatus,
    Prerequisite,
)
from coordination.queries import analysis as analysis_queries
from coordination.queries import suggestions
from coordination.services import actors as actor_service
from coordination.services import analysis as analysis_service
from coordination.services import assessments as assessment_service
from coordination.services import measures as measure_service
from coordination.services.actors import ActorValues
from coordination.services.base import ConflictError, ValidationError
from tests.factories import district_id, make_actor, make_contribution, make_cooperation, type_id


@pytest.fixture
def network(app):
    """A small commune: an administration office tied to the Caritas, which ties a
    neighbourhood club, which alone ties the homework help and the migrant organisation
    (an articulation point); one actor without any tie; offers under commitments 1, 4, 5."""
    office = make_actor("Integrationsbüro", "administration", municipal=True)
    caritas = make_actor("Caritasverband", "welfare", district_ids=[district_id("Altstadt")])
    club = make_actor("Stadtteiltreff Nord", "association", district_ids=[district_id("Nordviertel")])
    homework = make_actor("Hausaufgabenhilfe Nord", "association")
    mso = make_actor("Kulturverein Anatolia", "mso", migrant_led=True)
    lonely = make_actor("Einzelkämpfer e. V.", "association", district_ids=[district_id("Südstadt")])
    make_cooperation(office, caritas)
    make_cooperation(caritas, club)
    make_cooperation(club, homework)
    make_cooperation(club, mso, kind="informal")
    make_contribution("Integrationskonzept fortschreiben", office, 1, whole_commune=True)
    make_contribution("Elterncafé", mso, 4, district_ids=[district_id("Nordviertel")])
    make_contribution("Bildungslotsen", caritas, 5, partners=[club],
                      district_ids=[district_id("Altstadt")])
    return {"office": office, "caritas": caritas, "club": club, "homework": homework, "mso": mso,
            "lonely": lonely}


def finding_of(rule: str, actor=None):
    """The current finding of `rule` (whose evidence names `actor`, if given)."""
    for finding in analysis_queries.current_analysis().findings:
        if finding.rule == rule and (actor is None or actor.id in finding.actor_ids):
            return finding
    return None


# --- gap list --------------------------------------------------------------------------------

def test_gap_list_shows_findings_by_severity_with_evidence_linked(network, as_viewer):
    html = as_viewer.get("/analysis/").text
    assert "Nicht vernetzt: Einzelkämpfer e. V." in html
    assert f'href="/actors/{network["lonely"].id}"' in html
    assert "Einzige Verbindung von 2 Akteuren zum Netzwerk: Stadtteiltreff Nord" in html
    # hoch (uncovered commitments) before mittel before niedrig
    assert html.index("Priorität hoch") < html.index("Priorität mittel") < html.index("Priorität niedrig")
    assert "kein aktives Angebot" in html  # commitment-uncovered, e.g. commitment 8
    assert 'href="/analysis/export.csv"' in html


@pytest.mark.parametrize("query, present, absent", [
    ("severity=niedrig", "Nicht vernetzt: Einzelkämpfer e. V.", "kein aktives Angebot"),
    ("severity=hoch", "kein aktives Angebot", "Nicht vernetzt: Einzelkämpfer e. V."),
    ("rule=actor-isolated", "Nicht vernetzt: Einzelkämpfer e. V.", "Einzige Verbindung"),
    ("commitment=8", "Selbstverpflichtung 8 (Ethnische Ökonomie): kein aktives Angebot",
     "Einzelkämpfer"),
    ("status=accepted", "Keine Befunde.", "Einzelkämpfer"),
])
def test_gap_list_filters(network, as_viewer, query, present, absent):
    html = as_viewer.get(f"/analysis/?{query}").text
    assert present in html and absent not in html


def test_gap_list_filters_by_district_and_ignores_bad_values(network, as_viewer):
    html = as_viewer.get(f"/analysis/?district={district_id('Südstadt')}").text
    assert "Nicht vernetzt: Einzelkämpfer e. V." in html and "Einzige Verbindung" not in html
    response = as_viewer.get("/analysis/?severity=egal&commitment=99&district=x&page=abc")
    assert response.status_code == 200 and "Einzelkämpfer" in response.text


def csv_rows(client, url: str) -> list[dict]:
    text = client.get(url).get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("sort", ["priority", "-priority", "commitment", "-commitment", "rule",
                                  "-rule", "title", "-title", "actors", "-actors", "districts",
                                  "target_groups", "status", "-status"])
def test_gap_list_sorts_by_every_column_and_its_downloads_follow(network, as_viewer, sort):
    key, descending = sort.lstrip("-"), sort.startswith("-")
    html = as_viewer.get(f"/analysis/?sort={sort}").text
    assert ("absteigend sortiert" if descending else "aufsteigend sortiert") in html
    rows = csv_rows(as_viewer, f"/analysis/export.csv?sort={sort}")
    assert len(rows) == len(csv_rows(as_viewer, "/analysis/export.csv")) > 5
    # the page shows the findings in the order of the download
    positions = [html.index(escape(row["Titel"])) for row in rows]
    assert positions == sorted(positions)
    column = {"priority": "Priorität", "commitment": "Selbstverpflichtung", "rule": "Regel",
              "title": "Titel", "actors": "Akteure", "districts": "Stadtteile",
              "target_groups": "Zielgruppen", "status": "Status"}[key]
    if key == "priority":
        order = ["hoch", "mittel", "niedrig"]
        values = [order.index(row[column]) for row in rows]
    elif key == "commitment":
        values = [int(row[column] or 99) for row in rows]
    elif key in ("actors", "districts", "target_groups"):
        values = [sorted(row[column].split(", "))[0].casefold() if row[column] else "\uffff"
                  for row in rows]
    else:
        values = [row[column].casefold() for row in rows]
    assert values == sorted(values, reverse=descending)


def test_gap_list_download_keeps_filter_and_order(network, as_viewer):
    rows = csv_rows(as_viewer, "/analysis/export.csv?severity=mittel&sort=-title")
    assert rows and {row["Priorität"] for row in rows} == {"mittel"}
    assert [row["Titel"] for row in rows] == sorted((row["Titel"] for row in rows),
                                                     key=str.casefold, reverse=True)
    html = as_viewer.get("/analysis/?severity=mittel&sort=-title").text
    assert "/analysis/export.xlsx?severity=mittel&amp;sort=-title" in html


def test_gap_list_is_paginated(network, as_viewer, monkeypatch):
    monkeypatch.setattr(routes, "PER_PAGE", 3)
    first, second = as_viewer.get("/analysis/").text, as_viewer.get("/analysis/?page=2").text
    assert first.count('class="card mb-3 finding-card') == 3
    assert 'aria-label="Seiten"' in first and first != second


# --- freshness: cache and invalidation -------------------------------------------------------

def test_an_edit_changes_the_gap_list_on_the_next_request(network, as_coordinator, user):
    assert "Nicht vernetzt: Einzelkämpfer e. V." in as_coordinator.get("/analysis/").text
    lonely = network["lonely"]
    actor_service.update_actor(lonely, ActorValues(name="Einzelkämpfer e. V.", type_id=type_id(),
                                                   status="dormant"),
                               version=lonely.version, by=user("coord"))
    html = as_coordinator.get("/analysis/").text
    assert "Nicht vernetzt: Einzelkämpfer e. V." not in html
    assert "Einzige Verbindung von 2 Akteuren zum Netzwerk: Stadtteiltreff Nord" in html
    make_cooperation(network["homework"], network["caritas"])
    html = as_coordinator.get("/analysis/").text
    assert "Einzige Verbindung von 2 Akteuren zum Netzwerk: Stadtteiltreff Nord" not in html
    # one actor hanging on the club is listed with the others that hang on a single partner
    assert "einem einzigen Partner" in html and "(Partner: Stadtteiltreff Nord)" in html


def test_unchanged_data_are_analysed_once(network, as_viewer, monkeypatch, count_queries):
    calls = []
    original = analysis_queries.analyse
    monkeypatch.setattr(analysis_queries, "analyse", lambda *a, **k: calls.append(1) or original(*a, **k))
    for url in ("/analysis/", "/analysis/coverage", "/analysis/network", "/", "/analysis/"):
        assert as_viewer.get(url).status_code == 200
    assert len(calls) == 1
    with count_queries() as counter:
        as_viewer.get("/analysis/")
    assert counter.count <= 8  # user, session, version, thresholds, acceptances, measures, lists
    # accepting a finding or writing a measure does not throw the analysis away ...
    finding = finding_of("actor-isolated")
    analysis_service.accept_finding(finding.fingerprint, "Bewusst eigenständig.", by=None)
    measure_service.create_measure(measure_service.MeasureValues(
        text="Einladen", finding_fingerprint=finding.fingerprint), by=None)
    assert as_viewer.get("/analysis/").status_code == 200 and len(calls) == 1
    # ... a change of the data or of the thresholds does
    make_actor("Neuer Verein")
    as_viewer.get("/analysis/")
    settings = analysis_queries.current_thresholds()
    values = {**vars(settings), "stale_months": 6}
    analysis_service.update_thresholds(values, version=None, by=None)
    as_viewer.get("/analysis/")
    assert len(calls) == 3


def test_the_cache_belongs_to_its_app(network):
    analysis = analysis_queries.current_analysis()
    assert analysis_queries.current_analysis() is analysis
    analysis_queries.forget_cached_analysis()
    assert analysis_queries.current_analysis() is not analysis


# --- accepting findings ----------------------------------------------------------------------

def test_coordinator_accepts_and_reopens_a_finding(network, as_coordinator):
    finding = finding_of("actor-isolated", network["lonely"])
    response = as_coordinator.post(f"/analysis/findings/{finding.fingerprint}/accept",
                                   data={"reason": "Verein wirkt bewusst allein, Bedarf gedeckt."})
    assert response.status_code == 302
    page = as_coordinator.get(response.headers["Location"]).text
    assert "Akzeptiert" in page and "Verein wirkt bewusst allein, Bedarf gedeckt." in page
    assert "akzeptiert" in as_coordinator.get("/analysis/?status=accepted").text
    assert "Einzelkämpfer" not in as_coordinator.get("/analysis/?status=open").text
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "finding_acceptances"))
    assert entry.username == "coord" and entry.changes["reason"][1].startswith("Verein wirkt")

    response = as_coordinator.post(f"/analysis/findings/{finding.fingerprint}/reopen")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FindingAcceptance)) == 0
    assert "Einzelkämpfer" in as_coordinator.get("/analysis/?status=open").text


def test_accepting_without_reason_is_refused_at_the_field(network, as_coordinator):
    finding = finding_of("actor-isolated", network["lonely"])
    response = as_coordinator.post(f"/analysis/findings/{finding.fingerprint}/accept",
                                   data={"reason": "   "})
    assert response.status_code == 200
    assert "Bitte begründen Sie" in response.text and "is-invalid" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FindingAcceptance)) == 0


def test_accepting_a_finding_that_no_longer_exists_says_so(network, as_coordinator):
    response = as_coordinator.post("/analysis/findings/0000000000000000/accept",
                                   data={"reason": "x"}, follow_redirects=True)
    assert "Diesen Befund gibt es nicht mehr" in response.text
    assert as_coordinator.get("/analysis/findings/0000000000000000").status_code == 302


def test_acceptance_survives_recomputation_while_the_evidence_is_unchanged(network):
    lonely = network["lonely"]
    finding = finding_of("actor-isolated", lonely)
    analysis_service.accept_finding(finding.fingerprint, "Bewusst so.", by=None)
    make_actor("Ganz anderer Verein", district_ids=[district_id("Altstadt")])  # unrelated change
    recomputed = finding_of("actor-isolated", lonely)
    assert recomputed.fingerprint == finding.fingerprint
    item = analysis_queries.finding_items(analysis_queries.current_analysis(), [recomputed])[0]
    assert item.status == "accepted"
    # the evidence changes (the actor now serves another district): open again
    actor_service.update_actor(lonely, ActorValues(
        name=lonely.name, type_id=type_id(), district_ids=[district_id("Südstadt"),
                                                           district_id("Nordviertel")]),
        version=lonely.version, by=None)
    changed = finding_of("actor-isolated", lonely)
    assert changed.fingerprint != finding.fingerprint
    item = analysis_queries.finding_items(analysis_queries.current_analysis(), [changed])[0]
    assert item.status == "open"


# --- measures --------------------------------------------------------------------------------

def test_coordinator_adds_a_measure_to_a_finding(network, as_coordinator):
    finding = finding_of("single-point-of-failure", network["club"])
    form = as_coordinator.get(f"/analysis/measures/new?finding={finding.fingerprint}").text
    assert str(finding.title) in form
    response = as_coordinator.post("/analysis/measures/new", data={
        "text": "Hausaufgabenhilfe in den Runden Tisch einladen", "finding_fingerprint": finding.fingerprint,
        "commitment_id": "", "responsible": "Integrationsbüro", "due_date": "2030-06-30",
        "status": "agreed"})
    assert response.status_code == 302
    measure = db.session.scalar(sa.select(Measure))
    assert measure.finding_rule == "single-point-of-failure" and measure.commitment.number == 2
    assert measure.status == MeasureStatus.AGREED and measure.created_by.username == "coord"
    page = as_coordinator.get(f"/analysis/findings/{finding.fingerprint}").text
    assert "Hausaufgabenhilfe in den Runden Tisch einladen" in page and "beschlossen" in page
    assert "Hausaufgabenhilfe in den Runden Tisch einladen" in as_coordinator.get("/analysis/measures").text
    assert "Hausaufgabenhilfe in den Runden Tisch einladen" in as_coordinator.get("/commitments/2").text


def test_measure_validation_and_stale_edit(network, as_coordinator):
    response = as_coordinator.post("/analysis/measures/new", data={"text": "", "commitment_id": "",
                                                                   "status": "proposed"})
    assert response.status_code == 200 and "Bitte beschreiben Sie die Maßnahme." in response.text
    response = as_coordinator.post("/analysis/measures/new", data={"text": "Etwas tun",
                                                                   "commitment_id": "", "status": "proposed"})
    assert "Bitte ordnen Sie die Maßnahme" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Measure)) == 0

    c8 = db.session.scalar(sa.select(Commitment).where(Commitment.number == 8))
    measure = measure_service.create_measure(measure_service.MeasureValues(
        text="Wirtschaftsförderung ansprechen", commitment_id=c8.id), by=None)
    data = {"text": "Geändert", "commitment_id": c8.id, "status": "in_progress", "version": measure.version}
    assert as_coordinator.post(f"/analysis/measures/{measure.id}/edit", data=data).status_code == 302
    assert measure.text == "Geändert" and measure.status == MeasureStatus.IN_PROGRESS
    stale = as_coordinator.post(f"/analysis/measures/{measure.id}/edit",
                                data={**data, "text": "Zu spät", "version": 1})
    assert "von jemand anderem geändert" in stale.text
    db.session.refresh(measure)
    assert measure.text == "Geändert"
    with pytest.raises(ConflictError):
        measure_service.delete_measure(measure, version=1, by=None)
    assert as_coordinator.post(f"/analysis/measures/{measure.id}/delete",
                               data={"version": measure.version}).status_code == 302
    assert db.session.get(Measure, measure.id) is None
    actions = db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.entity_type == "measures")).all()
    assert [a.value for a in actions] == ["create", "update", "delete"]


# --- suggested status ------------------------------------------------------------------------

def test_suggested_status_per_commitment(network, as_coordinator):
    analysis = analysis_queries.current_analysis()
    assert suggestions.suggest_commitment(analysis, 8).status.value == "not_implemented"
    assert suggestions.suggest_commitment(analysis, 1).status.value in ("implemented", "partial")
    make_contribution("Gründungsberatung geplant", network["mso"], 8, status="planned")
    analysis = analysis_queries.current_analysis()
    assert suggestions.suggest_commitment(analysis, 8).status.value == "planned"
    page = as_coordinator.get("/commitments/8").text
    assert "Vorschlag der Analyse:" in page and "in Planung" in page
    page = as_coordinator.get("/commitments/prerequisites/networking").text
    assert "Vorschlag der Analyse:" in page


def test_commitment_1_names_the_strategy_assessment_it_follows(network, as_coordinator, user):
    """The suggestion takes over a person's assessment of the Gesamtstrategie: it says whose and
    of when, and stays marked as the analysis' suggestion."""
    strategy = db.session.scalar(sa.select(Prerequisite).where(Prerequisite.key == "strategy"))
    coordinator = user("coord")
    coordinator.full_name = "Erika Muster"
    assessment_service.assess_prerequisite(strategy, "partial", "Konzept in Arbeit.", date(2026, 3, 2),
                                           by=coordinator)
    reason = ("Die Strukturvoraussetzung Gesamtstrategie ist als „teilweise umgesetzt“ eingeschätzt "
              "(Erika Muster, 02.03.2026); daher schlägt die Analyse für Selbstverpflichtung 1 "
              "denselben Stand vor.")
    analysis = analysis_queries.current_analysis()
    assert suggestions.suggest_commitment(analysis, 1).reason == reason
    page = as_coordinator.get("/commitments/1").text
    assert "Vorschlag der Analyse:" in page and str(escape(reason)) in page
    # the Gesamtstrategie itself gets no suggestion that would only repeat its assessment
    assert suggestions.suggest_prerequisite(analysis, "strategy") is None
    assert "Vorschlag der Analyse:" not in as_coordinator.get("/commitments/prerequisites/strategy").text


# --- settings --------------------------------------------------------------------------------

def test_admin_changes_the_thresholds(network, as_admin):
    page = as_admin.get("/analysis/settings").text
    assert "Veraltet nach (Monaten)" in page
    values = dict(vars(analysis_queries.current_thresholds()).items())
    values.update(stale_months=3, ending_share="0.25", version="")
    response = as_admin.post("/analysis/settings", data=values)
    assert response.status_code == 302
    thresholds = analysis_queries.current_thresholds()
    assert thresholds.stale_months == 3 and thresholds.ending_share == 0.25
    assert analysis_queries.current_analysis().thresholds.stale_months == 3
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "analysis_settings"))
    assert entry.changes["stale_months"] == [12, 3]


def test_bad_thresholds_are_refused_at_the_field(network, as_admin):
    values = {**vars(analysis_queries.current_thresholds()), "ending_share": "5", "stale_months": "0"}
    response = as_admin.post("/analysis/settings", data=values)
    assert response.status_code == 200
    assert "Erlaubt sind Werte von 0 bis 1." in response.text
    assert "Erlaubt sind Werte von 1 bis 120." in response.text
    assert analysis_queries.current_thresholds().stale_months == 12
    with pytest.raises(ValidationError):
        analysis_service.update_thresholds({"stale_months": "viele"}, version=None, by=None)


# --- coverage, network, commitment, dashboard ------------------------------------------------

def test_coverage_page_shows_the_tables_with_numbers(network, as_viewer):
    html = as_viewer.get("/analysis/coverage").text
    for heading in ("nach Akteurstyp", "nach Stadtteil", "nach Zielgruppe", "nach Handlungsfeld"):
        assert heading in html
    row = html.split(">Wohlfahrtsverband<")[1].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells[4] == "1" and cells[0] == "0"  # commitment 5: one offer; commitment 1: none
    assert "heat heat-0" in html and "heat heat-4" in html
    actors = as_viewer.get("/analysis/coverage?count=actors").text
    row = actors.split(">Altstadt<")[1].split("</tr>")[0]
    assert [c.split(">")[-1] for c in row.split("</td>")[:-1]][4] == "2"  # Caritas and the club


def test_network_page_names_who_would_be_cut_off(network, as_viewer):
    html = as_viewer.get("/analysis/network").text
    section = html.split('id="articulation"')[1].split("</section>")[0]
    assert f'<a href="/actors/{network["club"].id}">Stadtteiltreff Nord</a>' in section
    row = section.split("Stadtteiltreff Nord</a>")[1].split("</tr>")[0]
    assert "Hausaufgabenhilfe Nord" in row and "Kulturverein Anatolia" in row
    assert "Einzelkämpfer e. V." in html.split('id="components"')[1].split("</section>")[0]
    mso = html.split('id="mso"')[1].split("</section>")[0]
    assert "Kulturverein Anatolia" in mso and ">3<" in mso  # club, Caritas, office
    assert "nie miteinander kooperieren" in html


def test_commitment_pages_show_the_analysis(network, as_viewer):
    page = as_viewer.get("/commitments/5").text
    section = page.split('id="analysis"')[1]
    assert "ein aktives Angebot von 2 Akteuren" in section and "/analysis/commitments/5" in section
    full = as_viewer.get("/analysis/commitments/5").text
    assert "Caritasverband" in full and "Stadtteiltreff Nord" in full
    assert as_viewer.get("/analysis/commitments/11").status_code == 404


def test_dashboard_shows_heat_map_key_figures_and_top_findings(network, as_viewer):
    html = as_viewer.get("/").text
    heat = html.split("heat-map")[1].split("</table>")[0]
    assert "Ethnische Ökonomie" in heat and "nicht abgedeckt" in heat
    row = heat.split("Bildung: Lotsenfunktion")[1].split("</tr>")[0]
    assert 'heat heat-4 fw-semibold">1<' in row  # one offer: the most of any commitment
    assert "Wichtigste offene Befunde" in html and "Priorität hoch" in html
    assert "Akteure ohne jede Verbindung" in html


def test_the_overview_counts_data_upkeep_apart_from_the_gaps(network, as_viewer, as_coordinator):
    """An offer still "active" past its end and an actor without any offer or tie are data
    upkeep (mittel and niedrig): the council-facing counts of open gaps leave them out, and they
    are counted on their own."""
    make_contribution("Sommerkurs", network["caritas"], 5, start_date=date.today() - timedelta(days=90),
                      end_date=date.today() - timedelta(days=1))
    findings = analysis_queries.current_analysis().findings
    upkeep = [f for f in findings if f.upkeep]
    gaps = {severity: sum(f.severity == severity and not f.upkeep for f in findings)
            for severity in ("hoch", "mittel", "niedrig")}
    assert {f.severity for f in upkeep} == {"mittel", "niedrig"}
    html = as_viewer.get("/").text

    def figure(label):
        return int(html.split(f">{label}</dt>")[1].split("</a>")[0].rsplit(">", 1)[1])

    assert figure("offene Lücken mit hoher Priorität") == gaps["hoch"]
    assert figure("offene Lücken mit mittlerer Priorität") == gaps["mittel"]
    assert figure("offene Hinweise zur Datenpflege") == len(upkeep)
    assert "Nicht vernetzt: Einzelkämpfer e. V." not in html.split("Wichtigste offene Befunde")[1]
    page = as_viewer.get("/analysis/").text
    assert f'{gaps["mittel"]}</span> offen, Priorität mittel' in page
    assert f'{len(upkeep)}</span> offen zur Datenpflege' in page
    listed = as_viewer.get("/analysis/?group=upkeep&status=open").text
    assert "Nicht vernetzt: Einzelkämpfer e. V." in listed and "Einzige Verbindung" not in listed
    listed = as_viewer.get("/analysis/?group=gaps&severity=mittel").text
    assert "abgelaufenes Angebot" not in listed
    markdown = as_coordinator.get("/analysis/export.md").get_data(as_text=True)
    total = sum(gaps.values())
    assert (f"{total} Befunde, davon {total} offen · {len(upkeep)} Hinweise zur Datenpflege, "
            f"davon {len(upkeep)} offen") in markdown
    # commitment 10 holds the expired offer's finding; its row counts the gaps only
    tenth = [f for f in findings if f.commitment == 10]
    assert any(f.upkeep for f in tenth)
    row = markdown.split("| 10 | Information, Dokumentation, Evaluation |")[1].split("\n")[0]
    assert row.split("|")[2:5] == [f" {sum(f.severity == s and not f.upkeep for f in tenth)} "
                                   for s in ("hoch", "mittel", "niedrig")]


def test_dashboard_counts_what_is_active_today_like_the_status_report(network, as_viewer):
    """An offer past its end date and an ended cooperation are still stored, but neither the
    dashboard nor the report counts them as active."""
    make_contribution("Sommerkurs", network["caritas"], 5, start_date=date.today() - timedelta(days=90),
                      end_date=date.today() - timedelta(days=1))
    make_cooperation(network["office"], network["lonely"], start_date=date.today() - timedelta(days=90),
                     end_date=date.today() - timedelta(days=1))
    html = as_viewer.get("/").text

    def card(label):
        return int(html.split(f">{label}</a>")[0].split('class="display-6">')[-1].split("<")[0])

    assert (card("aktive Angebote"), card("aktive Kooperationen")) == (3, 4)
    report = as_viewer.get("/reports/current/sachstandsbericht.html").text
    assert "3 aktive Angebote, 4 aktive Kooperationen" in report


# --- access ----------------------------------------------------------------------------------

READ_ROUTES = ["/analysis/", "/analysis/coverage", "/analysis/network", "/analysis/measures",
               "/analysis/commitments/1", "/analysis/export.json"]


def test_access_matrix(network, client, as_viewer, as_coordinator, as_admin):
    finding = finding_of("actor-isolated", network["lonely"])
    c1 = db.session.scalar(sa.select(Commitment.id).where(Commitment.number == 1))
    measure = measure_service.create_measure(measure_service.MeasureValues(text="x", commitment_id=c1),
                                              by=None)
    reads = READ_ROUTES + [f"/analysis/findings/{finding.fingerprint}"]
    for url in reads:
        assert client.get(url).status_code == 302, url
        assert as_viewer.get(url).status_code == 200, url
    writes = [("get", "/analysis/measures/new"), ("get", f"/analysis/measures/{measure.id}/edit"),
              ("post", f"/analysis/measures/{measure.id}/delete"),
              ("post", f"/analysis/findings/{finding.fingerprint}/accept"),
              ("post", f"/analysis/findings/{finding.fingerprint}/reopen")]
    for method, url in writes:
        assert getattr(as_viewer, method)(url).status_code == 403, url
    assert as_coordinator.get("/analysis/measures/new").status_code == 200
    assert as_coordinator.get("/analysis/settings").status_code == 403
    assert as_coordinator.post("/analysis/settings", data={}).status_code == 403
    assert as_admin.get("/analysis/settings").status_code == 200
    viewer_page = as_viewer.get("/analysis/").text
    assert "Befund akzeptieren" not in viewer_page and "Handlungsempfehlung hinzufügen" not in viewer_page
    assert "Befund akzeptieren" in as_coordinator.get("/analysis/").text
    assert db.session.get(Measure, measure.id) is not None


# --- the demo commune ------------------------------------------------------------------------

def test_demo_commune_shows_each_deliberate_gap_with_evidence(app, as_viewer):
    demo.build_demo_commune(by=None)
    city = demo.load_demo(CommuneKind.CITY)
    findings = analysis_queries.current_analysis().findings
    data = analysis_queries.current_analysis().data
    names = {actor.id: actor.name for actor in data.actors}
    districts = {d.id: d.name for d in data.districts}

    def found(rule, commitment=None):
        return [f for f in findings if f.rule == rule
                and (commitment is None or f.commitment == commitment)]

    # 1. commitment 8 nearly uncovered: one actor, no economic development / chamber (one
    # finding says both)
    [ethnic_economy] = found("expected-type-missing", 8)
    assert [names[a] for a in ethnic_economy.actor_ids] == [city.roles["single_actor"]]
    assert not found("commitment-single-actor", 8)
    # 2. a district without offers, 3. a special-need district without commitment-7 work (hoch)
    assert any(districts[d] == city.gaps.empty_district for f in found("district-without-offer")
               for d in f.district_ids)
    assert any(f.severity == "hoch" and districts[f.district_ids[0]] == city.gaps.district_without_neighbourhood_work
               for f in found("district-without-offer"))
    # 4. peripheral migrant organisations, all behind one café: one finding names them
    [cafe] = [f for f in found("single-point-of-failure") if city.roles["bridge"] in str(f.title)]
    assert {names[a] for a in cafe.actor_ids} == {city.roles["bridge"], *city.names_in("periphery")}
    # 5. the actor that holds a cluster together, with who would be cut off
    spof = [f for f in found("single-point-of-failure")
            if city.roles["articulation"] in str(f.title)]
    assert spof and {names[a] for a in spof[0].actor_ids} >= set(city.names_in("cluster"))
    # 6. isolated actors
    isolated = {names[a] for f in found("actor-isolated") for a in f.actor_ids}
    assert set(city.names_in("isolated")) <= isolated

    html = as_viewer.get("/analysis/?commitment=8").text
    assert "kein Angebot von Wirtschaftsförderung oder Kammern" in html \
        and "Deutsch-Türkischer Unternehmerverein" in html
    html = as_viewer.get("/analysis/?rule=single-point-of-failure").text
    card = html.split(f"zum Netzwerk: {city.roles['articulation']}")[-1].split("</article>")[0]
    assert all(name in card for name in city.names_in("cluster"))
    html = as_viewer.get("/analysis/?rule=district-without-offer").text
    assert city.gaps.empty_district in html and city.gaps.district_without_neighbourhood_work in html
    # stale entries form their own group, after the gaps
    html = as_viewer.get("/analysis/?rule=stale-entry").text
    assert html.index('id="datenpflege"') < html.rindex("Einträge seit über 12 Monaten nicht überprüft")
    # a finding links to the findings about the same actors
    [hub] = [f for f in found("single-point-of-failure")
             if city.roles["articulation"] in str(f.title)]
    related = related_findings(analysis_queries.current_analysis().findings, hub)
    assert not any(f.upkeep for f in related)
    page = as_viewer.get(f"/analysis/findings/{hub.fingerprint}").text
    assert ("Verwandte Befunde" in page) is bool(related)
    assert all(str(escape(str(f.title))) in page for f in related)
    assert as_viewer.get("/").status_code == 200


def test_network_page_lists_the_most_frequent_type_pairs_first(app, as_viewer):
    demo.build_demo_commune(by=None)
    section = as_viewer.get("/analysis/network").text.split('id="mixing"')[1].split("</section>")[0]
    shown, rest = section.split("<details>")
    counts = [int(row.split('text-end">')[1].split("<")[0]) for row in shown.split("<tr>")[2:]]
    assert len(counts) == 12 and counts == sorted(counts, reverse=True)
    total = int(rest.split("Alle ")[1].split(" Typenpaare anzeigen")[0])
    assert rest.count("<tr>") - 1 == total - 12
    assert all(int(row.split('text-end">')[1].split("<")[0]) <= counts[-1]
               for row in rest.split("<tr>")[2:])


def test_actor_names_are_escaped_everywhere(app, as_viewer):
    make_actor("<script>alert(1)</script>")
    for url in ("/analysis/", "/analysis/network", "/analysis/coverage", "/"):
        html = as_viewer.get(url).text
        assert "<script>alert(1)</script>" not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in as_viewer.get("/analysis/").text


def test_stale_entries_follow_the_review_date(app, as_viewer):
    old = make_actor("Altverein", last_reviewed=date.today() - timedelta(days=800))
    make_cooperation(old, make_actor("Partnerverein"))
    html = as_viewer.get("/analysis/?rule=stale-entry").text
    assert "Altverein" in html


def test_measure_list_needs_no_query_per_measure(network, as_viewer, count_queries):
    commitments = db.session.scalars(sa.select(Commitment).order_by(Commitment.number)).all()
    measure_service.create_measure(measure_service.MeasureValues(
        text="Erste", commitment_id=commitments[0].id), by=None)
    as_viewer.get("/analysis/measures")
    with count_queries() as few:
        as_viewer.get("/analysis/measures")
    for item in commitments[1:]:
        measure_service.create_measure(measure_service.MeasureValues(
            text=f"Maßnahme {item.number}", commitment_id=item.id), by=None)
    as_viewer.get("/analysis/measures")
    with count_queries() as many:
        html = as_viewer.get("/analysis/measures").text
    assert "Maßnahme 10" in html and many.count == few.count

"""Full export and restore, the SQLite backup copy and the network files (GraphML, GEXF, JSON)."""
import io
import json
import re
import sqlite3
from datetime import date, datetime

import networkx as nx
import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_migrate import upgrade
from openpyxl import load_workbook

from coordination.extensions import db
from coordination.factory import PROJECT_ROOT
from coordination.models import (
    AnalysisSettings,
    Assessment,
    AssessmentStatus,
    Body,
    BodyKind,
    BodyMembership,
    Contribution,
    ContributionKind,
    ContributionParticipant,
    Cooperation,
    CooperationKind,
    District,
    FindingAcceptance,
    Measure,
    Prerequisite,
    Report,
)
from coordination.models.enums import ReportKind
from coordination.services import accounts, api_tokens
from coordination.services import actors as actor_service
from coordination.services import backup as backup_service
from coordination.services import commune as commune_service
from coordination.services.actors import ContactValues
from coordination.services.base import transaction
from tests.conftest import empty_all_tables, make_app
from tests.factories import commitment, district_id, make_actor, target_group_id

FIXED_TIME = datetime(2026, 1, 2, 3, 4, 5)
CONTACT_NAME = "Erika Mustermann-Kontakt"


def cooperation(a, b, kind=CooperationKind.REFERRAL, **values) -> Cooperation:
    low, high = sorted((a, b), key=lambda actor: actor.id)
    row = Cooperation(actor_a=low, actor_b=high, kind=kind, **values)
    db.session.add(row)
    return row


@pytest.fixture
def network(app, user):
    """A small commune: five actors, contributions, cooperations, a body, assessments, a contact."""
    return _build_network(user)


def _build_network(user):
    admin = user("admin")
    jobcenter = make_actor("Jobcenter Teststadt", "jobcenter", by=admin, municipal=False,
                           district_ids=[district_id("Altstadt")])
    mso = make_actor("Türkischer Elternverein „Brücke“", "mso", by=admin, migrant_led=True,
                     target_group_ids=[target_group_id("families")], description="=SUMME(1;2) <b>x</b>")
    vhs = make_actor("VHS Teststadt", "education_provider", by=admin)
    office = make_actor("Integrationsbüro", "administration", by=admin, municipal=True)
    lonely = make_actor("Stiller Verein", by=admin)
    actor_service.add_contact(mso, ContactValues(name=CONTACT_NAME, email="erika@example.org"), by=admin)
    with transaction():
        district = db.session.get(District, district_id("Nordviertel"))
        district.parent_id = district_id("Altstadt")
        district.special_need = True
        course = Contribution(title="Sprachkurs für Eltern", commitment=commitment(5),
                              kind=ContributionKind.COURSE, start_date=date(2024, 1, 1))
        course.participants = [ContributionParticipant(actor=vhs, is_lead=True),
                               ContributionParticipant(actor=mso, is_lead=False)]
        db.session.add(course)
        cooperation(jobcenter, vhs, intensity=3, written_agreement=True, start_date=date(2023, 5, 1))
        cooperation(mso, vhs, kind=CooperationKind.INFORMAL, note="trifft sich monatlich")
        ended = cooperation(office, mso, start_date=date(2020, 1, 1), end_date=date(2021, 1, 1))
        ended.commitments = [commitment(2), commitment(4)]
        body = Body(name="Runder Tisch Integration", kind=BodyKind.ROUND_TABLE, lead_actor=office)
        body.memberships = [BodyMembership(actor=jobcenter, role="Mitglied", since=date(2022, 1, 1)),
                            BodyMembership(actor=mso, role="Sprecherin")]
        db.session.add(body)
        prerequisite = db.session.scalar(sa.select(Prerequisite).limit(1))
        db.session.add(Assessment(commitment=commitment(5), status=AssessmentStatus.PARTIAL,
                                  justification="Kurse da, Lotsen fehlen", assessed_on=date(2025, 3, 1),
                                  author=admin))
        db.session.add(Assessment(prerequisite=prerequisite, status=AssessmentStatus.IMPLEMENTED,
                                  assessed_on=date(2025, 3, 1)))
        # what the analysis area stores: settings, an accepted finding, a measure, a report
        db.session.add(AnalysisSettings(thresholds={"stale_months": 18}, updated_by=admin))
        db.session.add(FindingAcceptance(fingerprint="abc123", rule="actor-isolated", commitment_number=2,
                                         title="Stiller Verein ohne Kooperation", reason="bewusst",
                                         accepted_by=admin))
        db.session.add(Measure(text="Runden Tisch um MSO erweitern", commitment=commitment(4),
                               responsible="Integrationsbüro", due_date=date(2026, 6, 30)))
        db.session.add(Report(kind=ReportKind.STATUS_REPORT, title="Sachstandsbericht 2025",
                              reporting_date=date(2025, 12, 1), content={"commitments": [1, 2], "note": "ä"},
                              html="<h1>Sachstandsbericht</h1>"))
    return {"jobcenter": jobcenter, "mso": mso, "vhs": vhs, "office": office, "lonely": lonely}


def export_json(with_contacts=False) -> bytes:
    return backup_service.json_bytes(backup_service.export_data(with_contacts=with_contacts,
                                                                generated_at=FIXED_TIME))


def empty_database():
    empty_all_tables()


# --- full export and restore -------------------------------------------------------------------

def test_export_restore_export_is_identical(network):
    before = export_json()
    empty_database()
    counts = backup_service.restore(json.loads(before))
    assert counts["actors"] == 5 and counts["cooperations"] == 3
    assert export_json() == before


def test_round_trip_with_contacts_keeps_contacts(network):
    before = export_json(with_contacts=True)
    assert CONTACT_NAME in before.decode()
    empty_database()
    backup_service.restore(json.loads(before))
    assert export_json(with_contacts=True) == before


def test_xlsx_export_restores_to_the_same_database(network, tmp_path):
    before = export_json()
    path = tmp_path / "export.xlsx"
    path.write_bytes(backup_service.xlsx_bytes(backup_service.export_data()))
    empty_database()
    backup_service.restore(backup_service.read_backup(path))
    assert export_json() == before


def test_export_contains_everything_but_secrets(network):
    data = json.loads(export_json())
    tables = data["tables"]
    for name in ("commune", "commitments", "prerequisites", "actor_types", "districts", "target_groups",
                 "actors", "contributions", "contribution_participants", "cooperations",
                 "cooperation_commitments", "bodies", "body_memberships", "assessments", "users",
                 "audit_entries", "analysis_settings", "finding_acceptances", "measures", "reports"):
        assert tables[name], name
    assert len(tables["commitments"]) == 10
    assert {row["username"] for row in tables["users"]} == {"admin", "coord", "viewer"}
    assert all("password_hash" not in row for row in tables["users"])
    assert "login_sessions" not in tables and "login_throttle" not in tables
    assert "contact_persons" not in tables
    assert CONTACT_NAME not in json.dumps(data, ensure_ascii=False)
    assert "erika@example.org" not in json.dumps(data)


def test_restore_refuses_a_database_that_is_not_empty(network):
    data = json.loads(export_json())
    with pytest.raises(backup_service.BackupError, match="nicht leer"):
        backup_service.restore(data)


def test_restore_refuses_other_files(app, tmp_path):
    path = tmp_path / "fremd.json"
    path.write_text('{"hello": 1}')
    with pytest.raises(backup_service.BackupError, match="keine Sicherung"):
        backup_service.read_backup(path)


def test_restored_accounts_are_locked(network, client):
    data = json.loads(export_json())
    empty_database()
    backup_service.restore(data)
    response = client.post("/login", data={"username": "admin", "password": "richtig-langes-passwort"})
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch" in response.get_data(as_text=True)


def test_restore_ignores_password_hashes_tokens_and_sessions_in_the_file(network, client, user):
    """A tampered backup cannot set a known password, token or session."""
    data = json.loads(export_json())
    admin = next(row for row in data["tables"]["users"] if row["username"] == "admin")
    admin["password_hash"] = accounts.hash_password("gewaehltes-passwort")
    _row, token = api_tokens.create_token(user("admin"), "Fremd", by=None)
    data["tables"]["api_tokens"] = [{"id": 1, "user_id": admin["id"], "name": "Fremd",
                                     "token_hash": api_tokens.token_hash(token), "prefix": token[:12],
                                     "created_at": "2026-01-01T00:00:00+00:00"}]
    data["tables"]["login_sessions"] = [{"id": 1, "user_id": admin["id"], "token_hash": "0" * 64,
                                         "created_at": "2026-01-01T00:00:00+00:00"}]
    empty_database()
    backup_service.restore(data)
    response = client.post("/login", data={"username": "admin", "password": "gewaehltes-passwort"})
    assert "Benutzername oder Passwort ist falsch" in response.get_data(as_text=True)
    assert client.get("/api/v1/actors", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    for table in ("api_tokens", "login_sessions"):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(db.metadata.tables[table])) == 0


@pytest.mark.parametrize("table, column, value", [
    ("users", "role", "superuser"), ("actors", "status", "irgendwie"), ("actors", "created_at", "gestern"),
    ("cooperations", "actor_a_id", 999999)])
def test_restore_of_a_bad_file_says_one_german_sentence(network, table, column, value):
    data = json.loads(export_json())
    data["tables"][table][0][column] = value
    empty_database()
    with pytest.raises(backup_service.BackupError) as error:
        backup_service.restore(data)
    message = str(error.value)
    assert f"Tabelle {table}" in message and "Nichts wurde eingespielt" in message
    assert "Traceback" not in message and "sqlalchemy" not in message.lower()
    assert backup_service.database_tables_with_rows() == []


def test_set_password_unlocks_a_restored_account(network, runner, client):
    data = json.loads(export_json())
    empty_database()
    backup_service.restore(data)
    result = runner.invoke(args=["set-password", "coord", "--password", "ein-neues-langes-passwort"])
    assert result.exit_code == 0, result.output
    assert "Neues Passwort für coord gesetzt" in result.output
    response = client.post("/login", data={"username": "coord", "password": "ein-neues-langes-passwort"})
    assert response.status_code == 302
    result = runner.invoke(args=["set-password", "niemand", "--password", "ein-neues-langes-passwort"])
    assert result.exit_code == 1 and "Kein Konto „niemand“" in result.output
    result = runner.invoke(args=["set-password", "coord", "--password", "kurz"])
    assert result.exit_code == 1 and "mindestens" in result.output


def test_text_that_looks_like_a_formula_stays_text_in_xlsx(network):
    workbook = load_workbook(io.BytesIO(backup_service.xlsx_bytes(backup_service.export_data())))
    sheet = workbook["actors"]
    header = [cell.value for cell in sheet[1]]
    descriptions = [row[header.index("description")] for row in sheet.iter_rows(min_row=2)]
    formula_like = [cell for cell in descriptions if str(cell.value).startswith("=")]
    assert formula_like and all(cell.data_type == "s" for cell in formula_like)


# --- CLI ---------------------------------------------------------------------------------------

def test_cli_export_and_restore(network, runner, tmp_path):
    path = tmp_path / "sicherung.json"
    result = runner.invoke(args=["export", "--format", "json", "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert CONTACT_NAME not in path.read_text(encoding="utf-8")

    result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 1
    assert "nicht leer" in result.output

    empty_database()
    result = runner.invoke(args=["restore", str(path), "--password-for", "admin",
                                 "--password", "ein-neues-langes-passwort"])
    assert result.exit_code == 0, result.output
    # counted in the noun's number, through the catalogue (it read "Eingespielt: 1 Zeilen …")
    assert re.search(r"^Eingespielt: \d+ Zeilen in \d+ Tabellen\.$", result.output, re.M), result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(sa.table("actors"))) == 5
    client = runner.app.test_client()
    response = client.post("/login", data={"username": "admin", "password": "ein-neues-langes-passwort"})
    assert response.status_code == 302


def test_cli_export_with_contacts(network, runner, tmp_path):
    path = tmp_path / "mit-kontakten.json"
    result = runner.invoke(args=["export", "--output", str(path), "--with-contacts"])
    assert result.exit_code == 0, result.output
    assert CONTACT_NAME in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("file_format", ["xlsx", "graphml", "gexf", "nodelink"])
def test_cli_export_formats(network, runner, tmp_path, file_format):
    path = tmp_path / f"export.{file_format}"
    result = runner.invoke(args=["export", "--format", file_format, "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 0
    assert CONTACT_NAME.encode() not in path.read_bytes()


@pytest.fixture
def file_app(tmp_path):
    """An app on an SQLite file (the backup copy needs a file)."""
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'live.sqlite'}")
    with app.app_context():
        db.create_all()
        commune_service.set_up(commune_name="Dateistadt", kind="gemeinde", admin_username="admin",
                               admin_password="richtig-langes-passwort")
        make_actor("Verein am Markt")
        yield app
        db.session.remove()
        db.engine.dispose()


def test_backup_writes_a_consistent_dated_copy(file_app, tmp_path):
    runner = file_app.test_cli_runner()
    result = runner.invoke(args=["backup", "--output-dir", str(tmp_path / "backups")])
    assert result.exit_code == 0, result.output
    copies = list((tmp_path / "backups").glob("integrationsnetz-*.sqlite"))
    assert len(copies) == 1
    assert date.today().isoformat() in copies[0].name
    with sqlite3.connect(copies[0]) as connection:
        assert connection.execute("SELECT name FROM actors").fetchall() == [("Verein am Markt",)]
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backup_refuses_databases_without_a_file(app, runner):
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 1
    if db.engine.url.get_backend_name() == "postgresql":
        assert "pg_dump" in result.output
    else:  # in-memory SQLite
        assert "SQLite-Datei" in result.output


# --- network files -----------------------------------------------------------------------------

def active_pairs(network):
    n = network
    return {frozenset((str(n["jobcenter"].id), str(n["vhs"].id))), frozenset((str(n["mso"].id), str(n["vhs"].id)))}


def exported_graph(runner, tmp_path, file_format: str, network) -> nx.Graph:
    """The network exported by `flask export` as `file_format` and read back by networkx; it
    has every actor and the ties of the active cooperations."""
    path = tmp_path / f"netz.{file_format}"
    assert runner.invoke(args=["export", "--format", file_format, "--output", str(path)]).exit_code == 0
    G = nx.read_graphml(path) if file_format == "graphml" else nx.read_gexf(path)
    assert set(G.nodes) == {str(actor.id) for actor in network.values()}
    assert {frozenset(edge) for edge in G.edges} == active_pairs(network)
    return G


def test_graphml_reads_back_with_the_same_nodes_and_edges(network, runner, tmp_path):
    G = exported_graph(runner, tmp_path, "graphml", network)
    vhs = G.nodes[str(network["vhs"].id)]
    assert vhs["label"] == "VHS Teststadt"
    assert vhs["type"] == "Bildungsträger/VHS"
    # metrics count the ties of the shared body too (office, jobcenter, mso form a clique)
    assert vhs["degree"] == 2 and vhs["articulation_point"] is False
    assert G.nodes[str(network["office"].id)]["degree"] == 2
    lonely = G.nodes[str(network["lonely"].id)]
    assert lonely["degree"] == 0 and "constraint" not in lonely
    assert vhs["commitments"] == "5"
    assert G.nodes[str(network["mso"].id)]["migrant_led"] is True
    edge = G.edges[str(network["jobcenter"].id), str(network["vhs"].id)]
    assert edge["weight"] == 3 and edge["kinds"] == "referral"


def test_gexf_is_readable_by_networkx(network, runner, tmp_path):
    G = exported_graph(runner, tmp_path, "gexf", network)
    assert G.nodes[str(network["mso"].id)]["label"] == "Türkischer Elternverein „Brücke“"
    assert "betweenness" in G.nodes[str(network["vhs"].id)]


def test_node_link_json_is_readable_by_networkx(network, runner, tmp_path):
    path = tmp_path / "netz.json"
    assert runner.invoke(args=["export", "--format", "nodelink", "--output", str(path)]).exit_code == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    G = nx.node_link_graph(document, edges="edges")
    assert set(G.nodes) == {actor.id for actor in network.values()}
    node = next(n for n in document["nodes"] if n["id"] == network["vhs"].id)
    assert set(node["metrics"]) == {"degree", "betweenness", "articulation_point", "community", "constraint"}


# --- downloads ---------------------------------------------------------------------------------

def test_every_signed_in_user_downloads_the_network(network, as_viewer):
    response = as_viewer.get("/exchange/network.graphml")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert nx.read_graphml(io.BytesIO(response.data)).number_of_nodes() == 5
    assert as_viewer.get("/exchange/network.gexf").status_code == 200
    assert as_viewer.get("/exchange/network.nodelink").status_code == 200
    assert as_viewer.get("/exchange/network.exe").status_code == 404
    page = as_viewer.get("/exchange/").get_data(as_text=True)
    assert "GraphML" in page and "Vollständiger Export" not in page


# One client per test: the test app context (and so flask.g with the signed-in user) is shared
# by all requests of a test.
def test_viewers_do_not_get_the_full_export(network, as_viewer):
    assert as_viewer.get("/exchange/export.json").status_code == 403
    assert as_viewer.get("/exchange/export.xlsx").status_code == 403


def test_coordinators_do_not_get_the_full_export(network, as_coordinator):
    assert as_coordinator.get("/exchange/export.json").status_code == 403


def test_admins_download_the_full_export(network, as_admin):
    response = as_admin.get("/exchange/export.json")
    assert response.status_code == 200
    assert response.get_json()["tables"]["actors"]
    assert CONTACT_NAME not in response.get_data(as_text=True)
    assert CONTACT_NAME in as_admin.get("/exchange/export.json?contacts=1").get_data(as_text=True)
    assert as_admin.get("/exchange/export.xlsx").status_code == 200
    assert as_admin.get("/exchange/export.csv").status_code == 404
    assert "Vollständiger Export" in as_admin.get("/exchange/").get_data(as_text=True)


def test_anonymous_users_are_sent_to_the_login(network, client):
    response = client.get("/exchange/network.graphml")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_restore_into_a_freshly_migrated_database_checks_the_schema_revision(tmp_path):
    """With Alembic's revision in both, restore accepts only a backup of the same revision."""

    def migrated_app(name):
        app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / name}")
        with app.app_context():
            upgrade(directory=str(PROJECT_ROOT / "migrations"))
        return app

    source = migrated_app("alt.sqlite")
    with source.app_context():
        commune_service.set_up(commune_name="Altstadt-Gemeinde", kind="gemeinde", admin_username="admin",
                               admin_password="richtig-langes-passwort")
        make_actor("Verein am Markt")
        data = backup_service.export_data(generated_at=FIXED_TIME)
        before = backup_service.json_bytes(data)
        db.engine.dispose()
    assert data["schema_revision"]
    target = migrated_app("neu.sqlite")
    with target.app_context():
        wrong = dict(data, schema_revision="0000000000")
        with pytest.raises(backup_service.BackupError, match="Datenbankstand 0000000000"):
            backup_service.restore(wrong)
        backup_service.restore(data)
        assert backup_service.json_bytes(backup_service.export_data(generated_at=FIXED_TIME)) == before
        db.session.remove()
        db.engine.dispose()


def test_cli_restore_speaks_the_catalogue(network, runner, tmp_path):
    """The restore command's sentences come from the catalogue: in English they are English."""
    path = tmp_path / "sicherung.json"
    assert runner.invoke(args=["export", "--format", "json", "--output", str(path)]).exit_code == 0
    empty_database()
    with force_locale("en"):
        result = runner.invoke(args=["restore", str(path)])
    assert result.exit_code == 0, result.output
    assert re.search(r"^Restored \d+ rows into \d+ tables\.$", result.output, re.M), result.output
    assert "Eingespielt" not in result.output and "Konten" not in result.output

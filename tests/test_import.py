"""Import of actors, contributions and cooperations from CSV and XLSX (CLI and web UI)."""
import io
import re
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from coordination.extensions import db
from coordination.models import (
    Actor,
    AuditEntry,
    ContactPerson,
    Contribution,
    ContributionParticipant,
    Cooperation,
    District,
    TargetGroup,
)
from coordination.services import importing
from tests.factories import count, make_actor, make_cooperation

GERMAN_ACTORS = (
    "Name;Typ;Stadtteile;Selbstverpflichtungen;Zielgruppen;MSO;Verwaltung;Website;E-Mail;Telefon;Beschreibung\n"
    "Türkischer Elternverein „Brücke“;Migrantenorganisation;Südstadt | Altstadt;4, 5;Familien/Eltern;ja;nein;"
    "https://bruecke.example;info@bruecke.example;0123 456;Elterncafé für Mütter & Väter\n"
    "Jobcenter Teststadt;Jobcenter;Altstadt;6;;nein;nein;;;;\n"
    "Integrationsbüro;Kommunalverwaltung;;1;;nein;x;;;;Querschnittsaufgabe\n"
)
GERMAN_COOPERATIONS = (
    "Akteur A;Akteur B;Art;seit;bis;Intensität;Notiz\n"
    "Jobcenter Teststadt;Türkischer Elternverein „Brücke“;Verweisberatung;01.02.2023;;3;monatliche Sprechstunde\n"
    "Integrationsbüro;Jobcenter Teststadt;Kooperationsvereinbarung;2022-05-01;;2;\n"
)


@pytest.fixture
def write(tmp_path):
    def write_file(name: str, text: str, encoding: str = "cp1252") -> str:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return write_file


def database_state() -> tuple:
    return tuple(count(model) for model in (Actor, Contribution, ContributionParticipant, Cooperation,
                                            District, TargetGroup, AuditEntry))


def actor_named(name: str) -> Actor | None:
    return db.session.scalar(sa.select(Actor).where(Actor.name == name))


# --- reading files -------------------------------------------------------------------------------

def test_german_excel_csv_in_windows_1252_with_semicolons(app, runner, write):
    actors = write("akteure.csv", GERMAN_ACTORS)
    cooperations = write("kooperationen.csv", GERMAN_COOPERATIONS)
    result = runner.invoke(args=["import", actors, cooperations])
    assert result.exit_code == 0, result.output
    assert "Importiert: 3 Akteure neu" in result.output
    bruecke = actor_named("Türkischer Elternverein „Brücke“")
    assert bruecke is not None and bruecke.migrant_led and not bruecke.municipal
    assert bruecke.type.key == "mso"
    assert sorted(d.name for d in bruecke.districts) == ["Altstadt", "Südstadt"]
    assert [t.key for t in bruecke.target_groups] == ["families"]
    assert bruecke.description == "Elterncafé für Mütter & Väter"
    assert actor_named("Integrationsbüro").municipal
    # the commitments column becomes one contribution per commitment, led by the actor
    titles = db.session.scalars(sa.select(Contribution.title).join(ContributionParticipant).where(
        ContributionParticipant.actor_id == bruecke.id, ContributionParticipant.is_lead)).all()
    assert sorted(titles) == ["Angebot zu Selbstverpflichtung 4 (Import)", "Angebot zu Selbstverpflichtung 5 (Import)"]
    cooperation = db.session.scalar(sa.select(Cooperation).where(Cooperation.kind == "referral"))
    assert cooperation.start_date == date(2023, 2, 1) and cooperation.intensity == 3
    assert {cooperation.actor_a.name, cooperation.actor_b.name} == {"Jobcenter Teststadt", bruecke.name}
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "import"))
    assert entry.changes["actors_created"] == [None, 3] and entry.changes["cooperations"] == [None, 2]


def test_utf8_with_bom_and_commas(app, runner, write):
    text = "\ufeffname,type,districts,migrant_led\n\"Café Global, Nord\",Verein,\"Nordviertel|Altstadt\",yes\n"
    result = runner.invoke(args=["import", write("actors.csv", text, "utf-8")])
    assert result.exit_code == 0, result.output
    actor = actor_named("Café Global, Nord")
    assert actor.migrant_led and sorted(d.name for d in actor.districts) == ["Altstadt", "Nordviertel"]


def test_values_are_read_in_their_german_and_english_spellings():
    assert importing.parse_date("1.2.2024") == date(2024, 2, 1)
    assert importing.parse_date("2024-02-01") == date(2024, 2, 1)
    assert importing.parse_date(date(2024, 2, 1)) == date(2024, 2, 1)
    with pytest.raises(importing.CellError, match="TT.MM.JJJJ"):
        importing.parse_date("31.02.2024")
    assert [importing.parse_bool(v) for v in ("ja", "Yes", "x", "1", "nein", "no", "0", "")] == [
        True, True, True, True, False, False, False, False]
    assert importing.split_values("a | b; c,d") == ["a", "b", "c", "d"]
    assert importing.parse_numbers("1, 4 | 10") == [1, 4, 10]
    assert importing.fold_name("  MÜLLER-Straße ") == importing.fold_name("mueller-strasse")


# --- all or nothing ------------------------------------------------------------------------------

def test_one_bad_row_among_many_leaves_the_database_unchanged(app, runner, write):
    rows = [f"Verein Nummer {n};Verein;Altstadt;;;nein" for n in range(1, 31)]
    rows[16] = "Verein Nummer 17;Verein;Weststadt;;;vielleicht"  # file row 18 (header is row 1)
    actors = write("viele.csv", "Name;Typ;Stadtteile;Selbstverpflichtungen;Zielgruppen;MSO\n" + "\n".join(rows) + "\n")
    before = database_state()
    result = runner.invoke(args=["import", actors])
    assert result.exit_code == 1
    assert "Zeile 18, Spalte „Stadtteile“" in result.output and "Weststadt" in result.output
    assert "Zeile 18, Spalte „MSO“" in result.output and "vielleicht" in result.output
    assert "Nichts wurde importiert" in result.output
    assert database_state() == before


def test_bad_cooperation_row_rolls_back_the_actors_of_the_same_import(app, runner, write):
    actors = write("akteure.csv", GERMAN_ACTORS)
    bad = GERMAN_COOPERATIONS + "Jobcenter Teststadt;Jobcenter Teststadt;Projektpartnerschaft;;;2;\n"
    before = database_state()
    result = runner.invoke(args=["import", actors, write("kooperationen.csv", bad)])
    assert result.exit_code == 1
    assert "Zeile 4, Spalte „Akteur B“): Ein Akteur kann nicht mit sich selbst kooperieren." in result.output
    assert database_state() == before


def test_valid_only_imports_the_good_rows(app, runner, write):
    actors = write("akteure.csv", GERMAN_ACTORS + "Kaputt e.V.;Verein;;;;vielleicht\n")
    cooperations = write("koop.csv", GERMAN_COOPERATIONS + "Kaputt e.V.;Jobcenter Teststadt;;;;;\n")
    result = runner.invoke(args=["import", actors, cooperations, "--valid-only"])
    assert result.exit_code == 0, result.output
    assert actor_named("Kaputt e.V.") is None
    assert count(Actor) == 3 and count(Cooperation) == 2
    assert "hat Fehler und wird nicht importiert" in result.output
    assert "2 Zeilen ausgelassen" in result.output


def test_existing_running_cooperation_is_reported(app, runner, write):
    a, b = make_actor("Jobcenter Teststadt", "jobcenter"), make_actor("Integrationsbüro", "administration")
    make_cooperation(a, b, kind="agreement")
    result = runner.invoke(args=["import", write("koop.csv", GERMAN_COOPERATIONS.splitlines()[0] + "\n"
                                                 + GERMAN_COOPERATIONS.splitlines()[2] + "\n")])
    assert result.exit_code == 1
    assert "besteht bereits eine laufende Kooperation" in result.output


# --- duplicates ----------------------------------------------------------------------------------

def test_existing_actors_are_merged_case_whitespace_and_umlaut_insensitively(app, runner, write):
    existing = make_actor("Müller-Stiftung für Bildung", "foundation")
    text = ("Name;Typ;Stadtteile;Beschreibung;Selbstverpflichtungen\n"
            "  MUELLER-Stiftung   fuer Bildung ;Stiftung;Nordviertel;Stipendien;5\n")
    result = runner.invoke(args=["import", write("a.csv", text)])
    assert result.exit_code == 0, result.output
    assert "wird zusammengeführt" in result.output
    assert count(Actor) == 1
    db.session.refresh(existing)
    assert existing.name == "Müller-Stiftung für Bildung"
    assert [d.name for d in existing.districts] == ["Nordviertel"] and existing.description == "Stipendien"
    assert existing.version == 2
    # references use the existing actor too
    coop = "Akteur A;Akteur B\nmüller-stiftung für bildung;Neuer Partner\n"
    partners = "Name\nNeuer Partner\n"
    result = runner.invoke(args=["import", write("p.csv", partners), write("c.csv", coop)])
    assert result.exit_code == 0, result.output
    assert count(Cooperation) == 1


def test_duplicate_names_within_the_file_are_errors(app, runner, write):
    text = "Name;Typ\nCafé Global;Verein\ncafe  GLOBAL;Verein\n"
    result = runner.invoke(args=["import", write("a.csv", text)])
    assert result.exit_code == 1
    assert "Zeile 3, Spalte „Name“): „cafe  GLOBAL“ steht schon in Zeile 2" in result.output
    assert count(Actor) == 0


def test_skip_and_new_on_match(app, runner, write):
    make_actor("Mueller Verein")
    text = "Name;Typ;Beschreibung\nMüller Verein;Verein;neu\n"
    assert runner.invoke(args=["import", write("a.csv", text), "--on-match", "skip"]).exit_code == 0
    assert count(Actor) == 1 and actor_named("Mueller Verein").description == ""
    assert runner.invoke(args=["import", write("a.csv", text), "--on-match", "new"]).exit_code == 0
    assert count(Actor) == 2 and actor_named("Müller Verein") is not None


# --- lists, XLSX, CLI ----------------------------------------------------------------------------

def test_unknown_list_values_are_created_with_create_missing(app, runner, write):
    text = "Name;Typ;Stadtteile;Zielgruppen\nNeuer Treff;Nachbarschaftstreff;Weststadt;Alleinerziehende\n"
    result = runner.invoke(args=["import", write("a.csv", text)])
    assert result.exit_code == 1 and "kein bekannter Eintrag der Liste Stadtteil" in result.output
    result = runner.invoke(args=["import", write("a.csv", text), "--create-missing"])
    assert result.exit_code == 0, result.output
    assert "„Weststadt“ wird als neuer Eintrag angelegt" in result.output
    actor = actor_named("Neuer Treff")
    assert actor.type.name == "Nachbarschaftstreff" and [d.name for d in actor.districts] == ["Weststadt"]
    assert [t.name for t in actor.target_groups] == ["Alleinerziehende"]


def test_missing_type_becomes_other_with_a_warning(app, runner, write):
    result = runner.invoke(args=["import", write("a.csv", "Name\nOhne Typ e.V.\n")])
    assert result.exit_code == 0, result.output
    assert "Ein Akteur ohne Typ wird als „Sonstige“ angelegt." in result.output
    # one of each, in the singular (the command read "1 Zeilen gelesen", "1 Akteure neu")
    assert "1 Zeile gelesen, 1 fehlerfrei, 0 mit Fehlern." in result.output
    assert "Geplant: 1 neuer Akteur, 0 zusammengeführt" in result.output
    assert "Importiert: 1 Akteur neu, 0 zusammengeführt, 0 Kontaktpersonen, 0 Angebote" in result.output
    assert actor_named("Ohne Typ e.V.").type.key == "other"


def xlsx_workbook() -> bytes:
    workbook = Workbook()
    actors = workbook.active
    actors.title = "Akteure"
    actors.append(["Name", "Typ", "Stadtteile", "MSO"])
    actors.append(["Internationaler Frauentreff", "Migrantenorganisation", "Südstadt", True])
    actors.append(["VHS Teststadt", "Bildungsträger/VHS", "Altstadt; Nordviertel", 0])
    contributions = workbook.create_sheet("Beiträge")
    contributions.append(["Akteur", "Selbstverpflichtung", "Titel", "Status", "Beginn", "Ende", "Zielgruppen"])
    contributions.append(["VHS Teststadt", 5, "Integrationskurs mit Kinderbetreuung", "aktiv", date(2024, 1, 8),
                          None, "Frauen"])
    cooperations = workbook.create_sheet("Kooperationen")
    cooperations.append(["Akteur A", "Akteur B", "Art", "seit", "Intensität"])
    cooperations.append(["VHS Teststadt", "Internationaler Frauentreff", "Projektpartnerschaft", date(2023, 9, 1), 2])
    notes = workbook.create_sheet("Hinweise")
    notes.append(["Dieses Blatt wird ignoriert"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_one_sheet_per_kind(app, runner, tmp_path):
    path = tmp_path / "netzwerk.xlsx"
    path.write_bytes(xlsx_workbook())
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert count(Actor) == 2 and count(Cooperation) == 1
    course = db.session.scalar(sa.select(Contribution).where(Contribution.title.like("Integrationskurs%")))
    assert course.start_date == date(2024, 1, 8) and course.commitment.number == 5
    assert course.lead.name == "VHS Teststadt" and [t.key for t in course.target_groups] == ["women"]
    assert actor_named("Internationaler Frauentreff").migrant_led


def test_cli_exit_codes_and_dry_run(app, runner, write):
    good = write("gut.csv", "Name;Typ\nGuter Verein;Verein\n")
    bad = write("schlecht.csv", "Name;Typ;E-Mail\nSchlechter Verein;Verein;keine-adresse\n")
    before = database_state()
    result = runner.invoke(args=["import", good, "--dry-run"])
    assert result.exit_code == 0 and "Probelauf: nichts geschrieben." in result.output
    result = runner.invoke(args=["import", bad, "--dry-run"])
    assert result.exit_code == 1 and "Zeile 2, Spalte „E-Mail“): Bitte eine gültige E-Mail-Adresse angeben." in result.output
    assert database_state() == before
    assert runner.invoke(args=["import", str(good) + ".fehlt"]).exit_code == 2
    empty = write("leer.csv", "")
    result = runner.invoke(args=["import", empty])
    assert result.exit_code == 1 and "Die Datei ist leer." in result.output
    assert runner.invoke(args=["import", good]).exit_code == 0
    assert actor_named("Guter Verein") is not None


def test_row_limit_has_a_clear_message(app, runner, write):
    app.config["IMPORT_MAX_ROWS"] = 2
    result = runner.invoke(args=["import", write("a.csv", "Name\nA\nB\nC\n")])
    assert result.exit_code == 1 and "mehr als 2 Zeilen (leere Zeilen mitgezählt)" in result.output


# --- web UI --------------------------------------------------------------------------------------

def upload(client, name: str, content: bytes, **headers):
    return client.post("/import/", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data", headers=headers)


def test_viewers_may_not_import(as_viewer):
    assert as_viewer.get("/import/").status_code == 403
    assert as_viewer.get("/import/template.xlsx").status_code == 403
    assert upload(as_viewer, "a.csv", b"Name\nX\n").status_code == 403
    assert count(Actor) == 0


def test_upload_mapping_preview_and_import(as_coordinator):
    page = as_coordinator.get("/import/").get_data(as_text=True)
    assert "CSV- oder Excel-Datei" in page and "js/import.js" in page
    response = upload(as_coordinator, "akteure.csv", GERMAN_ACTORS.encode("cp1252"))
    assert response.status_code == 302
    mapping_url = response.headers["Location"]
    page = as_coordinator.get(mapping_url).get_data(as_text=True)
    assert "Windows-1252" in page and "„;“" in page and "Stadtteile" in page
    response = as_coordinator.post(mapping_url, data={"kind-0": "actors", **{
        f"column-0-{i}": name for i, name in enumerate(
            ["name", "type", "districts", "commitments", "target_groups", "migrant_led", "municipal", "website",
             "email", "phone", "description"])}})
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = as_coordinator.get(preview_url).get_data(as_text=True)
    assert "Keine Fehler gefunden" in page and "3 neue Akteure" in page
    response = as_coordinator.post(preview_url, data={"action": "import", "on_match": "merge"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/actors/")
    assert count(Actor) == 3
    page = as_coordinator.get("/actors/").get_data(as_text=True)
    assert "Import abgeschlossen: 3 Akteure neu" in page


def test_preview_lists_every_problem_and_import_writes_nothing(as_coordinator):
    text = "Name;Typ;Stadtteile;Website\nGut e.V.;Verein;Altstadt;\nSchlecht e.V.;Verein;Weststadt;ftp://x\n"
    response = upload(as_coordinator, "a.csv", text.encode("cp1252"))
    token_url = response.headers["Location"].replace("/mapping", "/preview")
    page = as_coordinator.get(token_url).get_data(as_text=True)
    assert "2 Fehler gefunden" in page
    assert re.search(r"<td>3</td><td>Stadtteile</td>\s*<td>Fehler</td><td>„Weststadt“ ist kein bekannter", page)
    assert re.search(r"<td>3</td><td>Website</td>\s*<td>Fehler</td><td>Bitte eine Adresse mit http", page)
    response = as_coordinator.post(token_url, data={"action": "import"}, follow_redirects=True)
    assert "Nichts wurde importiert: 2 Fehler" in response.get_data(as_text=True)
    assert count(Actor) == 0
    # creating the district and importing only the valid rows
    page = as_coordinator.post(token_url, data={"action": "check", "create": "districts:weststadt"},
                               follow_redirects=True).get_data(as_text=True)
    assert "1 Fehler gefunden" in page and "„Weststadt“ wird als neuer Eintrag angelegt" in page
    as_coordinator.post(token_url, data={"action": "import", "valid_only": "1", "create": "districts:weststadt"})
    assert [a.name for a in db.session.scalars(sa.select(Actor))] == ["Gut e.V."]
    assert db.session.scalar(sa.select(District).where(District.name == "Weststadt")) is not None


def test_mapping_can_be_changed(as_coordinator):
    text = "Organisation;Bezirk\nStadtteilbüro Nord;Nordviertel\n"
    response = upload(as_coordinator, "a.csv", text.encode("utf-8"))
    mapping_url = response.headers["Location"]
    page = as_coordinator.get(mapping_url).get_data(as_text=True)
    assert 'value="name" selected' in page
    response = as_coordinator.post(mapping_url, data={"kind-0": "actors", "column-0-0": "name",
                                                      "column-0-1": "districts"})
    as_coordinator.post(response.headers["Location"], data={"action": "import"})
    assert [d.name for d in actor_named("Stadtteilbüro Nord").districts] == ["Nordviertel"]


def test_upload_answers_json_for_the_progress_script(as_coordinator, app):
    response = upload(as_coordinator, "a.csv", b"Name\nX\n", Accept="application/json")
    assert response.status_code == 200 and "/mapping" in response.get_json()["redirect"]
    app.config["IMPORT_MAX_BYTES"] = 10
    response = upload(as_coordinator, "a.csv", b"Name\nein langer Name\n", Accept="application/json")
    assert response.status_code == 400
    assert response.get_json()["errors"] == ["Die Datei ist zu groß (höchstens 0 MB)."]


def test_unreadable_upload_is_explained(as_coordinator):
    response = upload(as_coordinator, "alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 50)
    assert response.status_code == 400
    assert "alte Excel-Datei (.xls)" in response.get_data(as_text=True)


def test_uploads_belong_to_their_user(app, as_coordinator):
    response = upload(as_coordinator, "a.csv", b"Name\nX\n")
    other = app.test_client()
    other.post("/login", data={"username": "admin", "password": "richtig-langes-passwort"})
    assert other.get(response.headers["Location"]).status_code == 404
    assert other.get("/import/..%2F..%2Fetc/mapping").status_code == 404


def test_template_lists_accepted_values_and_imports_cleanly(as_coordinator, runner, tmp_path):
    response = as_coordinator.get("/import/template.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Akteure", "Angebote", "Kooperationen", "Erlaubte Werte"]
    assert [c.value for c in workbook["Akteure"][1]][:4] == ["Name", "Typ", "Stadtteile", "Selbstverpflichtungen"]
    values = [c.value for c in workbook["Erlaubte Werte"]["B"]]
    assert "Altstadt" in values and "Südstadt" in values
    path = tmp_path / "vorlage.xlsx"
    path.write_bytes(response.data)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert count(Actor) == 2 and count(Cooperation) == 1


# --- the coordinator's words, contact persons, left-out rows --------------------------------------

def _xlsx(rows: list[list], title: str = "Akteure") -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_whole_commune_words_are_not_new_districts(app, user):

    data = _xlsx([["Name", "Typ", "Stadtteile"],
                  ["Caritasverband", "Wohlfahrtsverband", "ganze Stadt"],
                  ["Kreisjugendamt", "Kommunalverwaltung", "ganzer Landkreis"],
                  ["Tafel", "Verein", "alle"],
                  ["Sportverein Nord", "Verein", "Altstadt, gesamt"]])
    plan = importing.check([importing.read_file("akteure.xlsx", data)], importing.Options())
    assert plan.errors == [] and plan.missing == {}
    importing.execute(plan, importing.Options(), by=user("admin"))
    actors = {a.name: a for a in db.session.scalars(sa.select(Actor))}
    assert all(actors[name].whole_commune for name in actors)
    assert [d.name for d in actors["Sportverein Nord"].districts] == ["Altstadt"]
    assert "ganze Stadt" not in db.session.scalars(sa.select(District.name)).all()


def test_contact_persons_are_imported_as_personal_data(app, user, as_coordinator, as_viewer):

    data = _xlsx([["Name", "Typ", "Kontaktperson", "Funktion", "E-Mail der Kontaktperson",
                   "Telefon der Kontaktperson"],
                  ["Caritasverband", "Wohlfahrtsverband", "Erika Mustermann", "Migrationsberatung",
                   "erika.mustermann@caritas.example", "0123 456789"],
                  ["Tafel", "Verein", "", "", "", ""]])
    plan = importing.check([importing.read_file("akteure.xlsx", data)], importing.Options())
    counts = importing.execute(plan, importing.Options(), by=user("admin"))
    assert counts["contact_persons"] == 1
    [contact] = db.session.scalars(sa.select(ContactPerson)).all()
    assert (contact.actor.name, contact.name, contact.role, contact.email, contact.phone) == (
        "Caritasverband", "Erika Mustermann", "Migrationsberatung", "erika.mustermann@caritas.example",
        "0123 456789")
    page = f"/actors/{contact.actor_id}"
    assert "Erika Mustermann" in as_coordinator.get(page).text
    assert "Erika Mustermann" not in as_viewer.get(page).text
    # the same file again: merged, the contact is not doubled
    plan = importing.check([importing.read_file("akteure.xlsx", data)], importing.Options())
    assert importing.execute(plan, importing.Options(), by=user("admin"))["contact_persons"] == 0


def test_a_bad_contact_email_is_an_error_of_its_row(app):
    data = _xlsx([["Name", "Typ", "Kontaktperson", "E-Mail der Kontaktperson"],
                  ["Caritasverband", "Wohlfahrtsverband", "Erika Mustermann", "keine-adresse"]])
    plan = importing.check([importing.read_file("akteure.xlsx", data)], importing.Options())
    assert [(p.row, p.message) for p in plan.errors] == [
        (2, "Kontaktperson: Bitte eine gültige E-Mail-Adresse angeben.")]


def test_valid_only_names_the_left_out_rows_and_no_cli_flags(as_coordinator):
    rows = [["Name", "Typ", "Stadtteile", "E-Mail"]]
    rows += [[f"Verein {i}", "Verein", "Altstadt", "kaputt" if i in (2, 3, 4, 7) else ""] for i in range(1, 9)]
    rows.append(["Neuer Verein", "Verein", "Mondviertel", ""])
    response = as_coordinator.post("/import/", data={"file": (io.BytesIO(_xlsx(rows)), "akteure.xlsx")},
                                   content_type="multipart/form-data")
    token = response.headers["Location"].split("/import/")[1].split("/")[0]
    preview = as_coordinator.get(f"/import/{token}/preview?show=errors").text
    assert "--" + "create-missing" not in preview and "Kommandozeile" not in preview
    assert "Legen Sie ihn beim Import mit an oder korrigieren Sie den Wert." in preview
    response = as_coordinator.post(f"/import/{token}/preview", data={"action": "import", "valid_only": "1"},
                                   follow_redirects=True)
    assert "Wegen Fehlern nicht importiert – Blatt „Akteure“, 5 Zeilen: 3–5, 8, 10." in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Actor)) == 4

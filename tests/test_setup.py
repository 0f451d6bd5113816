"""First start: the set-up page and the CLI commands setup / create-user."""
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Commitment, Commune, District, Prerequisite, Role, User
from tests.conftest import PASSWORD


def setup_form(**overrides):
    data = {"commune_name": "Teststadt", "kind": "landkreis", "advisory_body_name": "Integrationsrat",
            "districts": "Nordgemeinde\nSüdgemeinde", "admin_username": "chefin",
            "admin_password": PASSWORD, "admin_password_repeat": PASSWORD}
    data.update(overrides)
    return data


def test_setup_page_creates_commune_admin_and_reference_data(empty_app):
    client = empty_app.test_client()
    assert client.get("/").headers["Location"] == "/setup"
    response = client.post("/setup", data=setup_form(), follow_redirects=True)
    assert "Integrationsnetz ist eingerichtet. Willkommen!" in response.text
    commune = db.session.scalar(sa.select(Commune))
    assert commune.name == "Teststadt" and commune.council == "Kreistag"
    admin = db.session.scalar(sa.select(User))
    assert admin.username == "chefin" and admin.role == Role.ADMIN
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Commitment)) == 10
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Prerequisite)) == 5
    assert sorted(db.session.scalars(sa.select(District.name))) == ["Nordgemeinde", "Südgemeinde"]
    eighth = db.session.scalar(sa.select(Commitment).where(Commitment.number == 8))
    assert eighth.full_text.startswith("im Rahmen kommunaler Wirtschaftsförderungskonzepte")


def test_setup_page_is_gone_once_set_up(app):
    client = app.test_client()
    assert client.get("/setup").headers["Location"] == "/"
    client.post("/setup", data=setup_form(admin_username="eindringling"))
    assert db.session.scalar(sa.select(User).where(User.username == "eindringling")) is None


def test_setup_validates_and_saves_nothing_on_error(empty_app):
    client = empty_app.test_client()
    response = client.post("/setup", data=setup_form(admin_password="kurz", admin_password_repeat="kurz",
                                                     districts="Nord\nnord"))
    assert "Das Passwort muss mindestens 12 Zeichen lang sein." in response.text
    assert "Eine Gemeinde ist doppelt genannt." in response.text
    assert db.session.scalar(sa.select(Commune)) is None
    assert db.session.scalar(sa.select(User)) is None


def test_setup_page_refuses_mismatched_passwords(empty_app):
    response = empty_app.test_client().post("/setup", data=setup_form(admin_password_repeat="anders-als-oben"))
    assert "Die Passwörter stimmen nicht überein." in response.text
    assert db.session.scalar(sa.select(Commune)) is None


def test_cli_setup_then_refuses_a_second_time(empty_app):
    runner = empty_app.test_cli_runner()
    result = runner.invoke(args=["setup", "--commune", "Gemeinde Beispiel", "--kind", "gemeinde",
                                 "--admin", "admin", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(Commune)).council == "Gemeinderat"
    again = runner.invoke(args=["setup", "--commune", "X", "--kind", "stadt", "--admin", "b",
                                "--password", PASSWORD])
    assert again.exit_code == 1
    assert "bereits eingerichtet" in again.output


def test_cli_setup_reports_bad_input(empty_app):
    result = empty_app.test_cli_runner().invoke(args=["setup", "--commune", "X", "--kind", "stadt",
                                                      "--admin", "admin", "--password", "kurz"])
    assert result.exit_code == 1
    assert "mindestens 12 Zeichen" in result.output
    assert "(password)" not in result.output  # the form field's id was printed: "Fehler (password): …"
    assert db.session.scalar(sa.select(Commune)) is None


def test_cli_create_user(runner, auth):
    result = runner.invoke(args=["create-user", "ratsmitglied", "--role", "viewer", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert auth.login("ratsmitglied").status_code == 302
    duplicate = runner.invoke(args=["create-user", "ratsmitglied", "--role", "viewer", "--password", PASSWORD])
    assert duplicate.exit_code == 1 and "bereits vergeben" in duplicate.output

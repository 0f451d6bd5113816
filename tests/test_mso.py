"""One MSO concept: an actor of the type Migrantenorganisation is migrant-led, whatever the form
or file said; actors of other types may be flagged too; the dashboard, the API, the gap rules and
the report count the same actors."""
import io

import openpyxl
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from coordination.demo import build_demo_commune
from coordination.extensions import db
from coordination.models import Actor, ActorType
from coordination.network.payload import ui_labels
from coordination.queries import analysis as analysis_queries
from coordination.queries import status_report
from coordination.services import importing
from tests.conftest import make_app
from tests.factories import make_actor, make_contribution, type_id


def test_the_type_migrantenorganisation_makes_an_actor_migrant_led(as_coordinator):
    form = {"name": "Deutsch-Syrischer Verein", "type_id": str(type_id("mso")), "status": "active"}
    as_coordinator.post("/actors/new", data=form)  # the box "migrantisch geführt" left empty
    actor = db.session.scalar(sa.select(Actor).where(Actor.name == "Deutsch-Syrischer Verein"))
    assert actor.migrant_led
    as_coordinator.post(f"/actors/{actor.id}/edit", data=dict(form, version=str(actor.version)))
    assert db.session.get(Actor, actor.id).migrant_led
    # another type may be migrant-led, and may be not
    mosque = make_actor("Moscheegemeinde Nord", "religious", migrant_led=True)
    club = make_actor("Sportverein", "association")
    assert mosque.migrant_led and not club.migrant_led


def test_the_form_marks_the_mso_type_for_the_script(as_coordinator):
    html = as_coordinator.get("/actors/new").text
    assert f'data-implies-migrant-led="{type_id("mso")}"' in html
    assert "/static/js/actor-form.js" in html
    assert "Beim Typ Migrantenorganisation immer gesetzt" in html


def test_dashboard_api_rules_and_report_count_the_same_migrant_led_actors(app, as_coordinator):
    syrian = make_actor("Deutsch-Syrischer Verein", "mso")  # type only
    mosque = make_actor("Moscheegemeinde Nord", "religious", migrant_led=True)  # flag only
    make_actor("Sportverein", "association")
    make_contribution("Elterncafé", syrian, 4, whole_commune=True)

    dashboard = as_coordinator.get("/").text
    figure = dashboard.split(">davon MSO<")[0].rsplit('class="display-6">', 1)[1]
    assert figure.startswith("2<")
    assert "Als Migrantenorganisationen (MSO) zählen alle migrantisch geführten Akteure" in dashboard

    api = as_coordinator.get("/api/v1/actors?mso=true").get_json()
    assert {item["name"] for item in api["items"]} == {syrian.name, mosque.name}
    assert as_coordinator.get("/actors/?mso=yes").text.count('href="/actors/') >= 2

    analysis = analysis_queries.current_analysis()
    assert not [f for f in analysis.findings if f.rule == "mso-missing-participation"
                and str(f.title).startswith("Keine Migrantenorganisation trägt")]
    coverage = as_coordinator.get("/analysis/coverage").text
    assert "Als Migrantenorganisationen (MSO) zählen" in coverage

    content = status_report.status_report_content()
    assert content["totals"]["mso"] == 2
    assert content["mso_definition"].startswith("Als Migrantenorganisationen (MSO) zählen")


def test_network_legend_names_the_definition(as_viewer):
    assert "Typ Migrantenorganisation oder als migrantisch geführt markiert" in ui_labels()["shape_diamond"]


def test_an_import_row_of_the_mso_type_is_migrant_led(app, user):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Akteure"
    sheet.append(["Name", "Typ", "MSO"])
    sheet.append(["Kurdischer Kulturverein", "Migrantenorganisation (MSO)", "nein"])
    sheet.append(["Alevitische Gemeinde", "Religionsgemeinschaft", "ja"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = importing.check([importing.read_file("akteure.xlsx", buffer.getvalue())], importing.Options())
    importing.execute(plan, importing.Options(), by=user("admin"))
    flags = dict(db.session.execute(sa.select(Actor.name, Actor.migrant_led)).tuples().all())
    assert flags == {"Kurdischer Kulturverein": True, "Alevitische Gemeinde": True}


def test_every_demo_actor_of_the_mso_type_is_migrant_led(app):

    build_demo_commune(by=None)
    unflagged = db.session.scalars(sa.select(Actor.name).join(ActorType).where(
        ActorType.key == ActorType.MIGRANT_ORGANISATION_KEY, Actor.migrant_led.is_(False))).all()
    assert unflagged == []


def test_the_migration_flags_existing_actors_of_the_mso_type(tmp_path):

    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'old.sqlite'}")
    with app.app_context():
        upgrade(revision="c0be88818b58")
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO actor_types (id, name, key, position) VALUES "
                "(1, 'Migrantenorganisation (MSO)', 'mso', 1), (2, 'Verein', 'association', 2)"))
            for actor_id, name, type_ in ((1, "Kurdischer Kulturverein", 1), (2, "Sportverein", 2)):
                connection.execute(sa.text(
                    "INSERT INTO actors (id, name, name_key, sort_name, type_id, migrant_led, municipal, "
                    "description, address, whole_commune, website, email, phone, status, created_at, "
                    "updated_at, version) VALUES (:id, :name, :key, :key, :type, 0, 0, '', '', 0, '', '', "
                    "'', 'active', '2026-01-01', '2026-01-01', 1)"),
                    {"id": actor_id, "name": name, "key": name.casefold(), "type": type_})
        upgrade()
        with db.engine.connect() as connection:
            flags = dict(connection.execute(sa.text("SELECT name, migrant_led FROM actors")).tuples().all())
        assert flags == {"Kurdischer Kulturverein": 1, "Sportverein": 0}
        downgrade(revision="base")
        db.engine.dispose()

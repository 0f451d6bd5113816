"""The change history a process keeps follows the writes since (queries.network_history): after
the creation or change of actors it reads just those actors anew, after anything else it reads
the whole history again; either way it equals what a full load reads."""
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from coordination.extensions import db
from coordination.models import Actor
from coordination.queries import network_history
from coordination.queries.analysis import current_analysis
from coordination.queries.network_data import load_history
from coordination.queries.network_history import analysis_version, current_history
from coordination.services import actors as actor_service
from coordination.services import backup as backup_service
from coordination.services import bodies as body_service
from coordination.services import contributions as contribution_service
from coordination.services import cooperations as cooperation_service
from coordination.services.actors import ActorValues
from coordination.services.bulk_edit import BulkChanges, bulk_edit_actors
from coordination.services.cooperations import CooperationValues
from tests.conftest import empty_all_tables
from tests.factories import (
    district_id,
    make_actor,
    make_body,
    make_contribution,
    make_cooperation,
    target_group_id,
    type_id,
)


@pytest.fixture
def network(app):
    """Actors with districts and target groups, dated and undated activities, an offer and a body."""
    veteran = make_actor("Alter Hase e. V.", district_ids=[district_id("Altstadt")],
                         target_group_ids=[target_group_id("families")])
    partner = make_actor("Partner e. V.", "mso", active_since=date(2015, 1, 1))
    office = make_actor("Integrationsbüro", "administration", municipal=True)
    cooperation = make_cooperation(veteran, partner, start_date=date(2019, 5, 1))
    offer = make_contribution("Beratung seit 2020", veteran, 2, start_date=date(2020, 2, 1),
                              partners=[office])
    body = make_body("Runder Tisch", lead=office)
    membership = body_service.add_member(body, veteran.id, since=date(2018, 3, 1), by=None)
    return {"veteran": veteran, "partner": partner, "office": office, "cooperation": cooperation,
            "offer": offer, "body": body, "membership": membership}


@pytest.fixture
def full_loads(monkeypatch):
    """How often the whole history was read."""
    calls = []
    monkeypatch.setattr(network_history, "load_history", lambda: calls.append(1) or load_history())
    return calls


def _values(actor: Actor, **changes) -> ActorValues:
    values = ActorValues(
        name=actor.name, type_id=actor.type_id, migrant_led=actor.migrant_led, municipal=actor.municipal,
        description=actor.description, whole_commune=actor.whole_commune,
        district_ids=[d.id for d in actor.districts], target_group_ids=[t.id for t in actor.target_groups],
        status=actor.status.value, last_reviewed=actor.last_reviewed, active_since=actor.active_since,
        dissolved_on=actor.dissolved_on)
    return replace(values, **changes)


def _update(actor: Actor, **changes) -> None:
    actor_service.update_actor(actor, _values(actor, **changes), version=actor.version, by=None)


ACTOR_WRITES = {
    "actor created": lambda n: make_actor("Neuer Verein", district_ids=[district_id("Südstadt")],
                                          target_group_ids=[target_group_id("families")]),
    "description changed": lambda n: _update(n["veteran"], description="neu beschrieben"),
    "districts, target groups and type changed": lambda n: _update(
        n["veteran"], district_ids=[district_id("Südstadt"), district_id("Altstadt")],
        target_group_ids=[], type_id=type_id("mso")),
    "actor dissolved": lambda n: _update(n["partner"], status="dissolved", dissolved_on=date(2024, 6, 30)),
    "start date changed": lambda n: _update(n["veteran"], active_since=date(2010, 1, 1)),
    "marked as reviewed": lambda n: actor_service.mark_reviewed(n["office"], by=None),
    "bulk edit": lambda n: bulk_edit_actors(
        [n["veteran"].id, n["partner"].id],
        BulkChanges(district_ids=[district_id("Nordviertel")], districts_mode="replace",
                    status="dormant", reviewed_today=True), by=None),
}


def _cooperation_changed(n):
    cooperation = n["cooperation"]
    cooperation_service.update_cooperation(cooperation, CooperationValues(
        actor_a_id=cooperation.actor_a_id, actor_b_id=cooperation.actor_b_id, kind="informal",
        start_date=date(2017, 1, 1)), version=cooperation.version, by=None)


OTHER_WRITES = {
    "cooperation created": lambda n: make_cooperation(n["office"], n["partner"], start_date=date(2012, 1, 1)),
    "cooperation changed": _cooperation_changed,
    "cooperation deleted": lambda n: cooperation_service.delete_cooperation(
        n["cooperation"], version=n["cooperation"].version, by=None),
    "offer created": lambda n: make_contribution("Sprachcafé", n["partner"], 4, start_date=date(2011, 3, 1)),
    "offer deleted": lambda n: contribution_service.delete_contribution(
        n["offer"], version=n["offer"].version, by=None),
    "body created": lambda n: make_body("Arbeitskreis", "working_group", lead=n["partner"]),
    "member added": lambda n: body_service.add_member(n["body"], n["partner"].id, since=date(2013, 1, 1),
                                                      by=None),
    "member removed": lambda n: body_service.remove_member(n["membership"], by=None),
    "actor deleted": lambda n: actor_service.delete_actor(n["partner"], version=n["partner"].version,
                                                          by=None),
}


@pytest.mark.parametrize("write", ACTOR_WRITES, ids=list(ACTOR_WRITES))
def test_after_an_actor_is_created_or_changed_only_it_is_read_anew(network, full_loads, write):
    kept = current_history()
    ACTOR_WRITES[write](network)
    followed = current_history()
    assert full_loads == [1]  # the first; the write was followed
    assert followed is not kept and followed == load_history()


@pytest.mark.parametrize("write", OTHER_WRITES, ids=list(OTHER_WRITES))
def test_after_any_other_write_the_whole_history_is_read(network, full_loads, write):
    current_history()
    OTHER_WRITES[write](network)
    assert current_history() == load_history()
    assert full_loads == [1, 1]


def test_an_actor_write_after_another_kind_of_write_reads_the_whole_history(network, full_loads):
    current_history()
    make_cooperation(network["office"], network["partner"])
    _update(network["office"], description="nach der Kooperation")
    assert current_history() == load_history() and full_loads == [1, 1]
    _update(network["office"], description="und noch einmal")  # from there on followed again
    assert current_history() == load_history() and full_loads == [1, 1]


def test_the_analysis_shows_an_edit_at_once(network):
    assert network["partner"].id not in {a.id for a in current_analysis().data.actors
                                         if a.status == "dissolved"}
    _update(network["partner"], status="dissolved", dissolved_on=date.today() - timedelta(days=1))
    dissolved = {a.id for a in current_analysis().data.actors if a.status == "dissolved"}
    assert network["partner"].id in dissolved


def test_an_entry_committed_late_below_the_kept_version_reads_the_whole_history(network, full_loads):
    """As if an entry below the newest had not been committed when the history was read (on
    PostgreSQL two writers may commit in the other order than they drew their ids)."""
    newest, count = analysis_version()
    current_history((newest, count - 1))
    _update(network["office"], description="später")
    assert current_history() == load_history() and full_loads == [1, 1]


def test_a_new_day_reads_the_whole_history(app, network, full_loads):
    current_history()
    version, written_at, history = app.extensions[network_history._HISTORY]["entry"]
    yesterday = replace(history, data=replace(history.data, today=history.data.today - timedelta(days=1)))
    app.extensions[network_history._HISTORY]["entry"] = (version, written_at, yesterday)
    _update(network["office"], description="am nächsten Tag")
    assert current_history() == load_history() and full_loads == [1, 1]


def test_many_writes_since_read_the_whole_history(network, full_loads):
    current_history()
    for number in range(network_history.FOLLOWED_WRITES + 1):
        _update(network["office"], description=f"Fassung {number}")
    assert current_history() == load_history() and full_loads == [1, 1]


def test_an_import_reads_the_whole_history(network, full_loads, runner, tmp_path):
    current_history()
    path = tmp_path / "akteure.csv"
    path.write_text("Name;Typ;Stadtteile\nImportverein;Verein;Altstadt\n", encoding="utf-8")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Importverein" in {a.name for a in current_history().data.actors}
    assert current_history() == load_history() and full_loads == [1, 1]


def test_after_a_restore_the_history_equals_a_full_load(network, full_loads):
    current_history()
    backup = json.loads(backup_service.json_bytes(backup_service.export_data()))
    empty_all_tables()
    backup_service.restore(backup)
    _update(db.session.get(Actor, network["office"].id), description="nach der Wiederherstellung")
    assert current_history() == load_history()

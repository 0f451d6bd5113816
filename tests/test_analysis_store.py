"""The analysis computed once per data version for all app server processes
(coordination.queries.analysis_store): a second process loads what the first computed, and
nothing unsigned is ever unpickled."""
import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor, AuditAction, AuditEntry, StoredAnalysis
from coordination.queries import analysis as analysis_queries
from coordination.services import commune as commune_service
from tests.conftest import make_app
from tests.factories import make_actor, make_cooperation, type_id

CONFIGURED_STORE_FROM = analysis_queries.STORE_FROM_SECONDS


@pytest.fixture(autouse=True)
def store_every_analysis():
    """The small communes of these tests compute in far less than an analysis worth storing
    (set apart from the tests' monkeypatch, which some undo on the way)."""
    analysis_queries.STORE_FROM_SECONDS = 0
    yield
    analysis_queries.STORE_FROM_SECONDS = CONFIGURED_STORE_FROM


def _servers(tmp_path, second_key="test-secret"):
    """Two apps on one database file, as two server processes (each with its own caches)."""
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    first, second = make_app(SQLALCHEMY_DATABASE_URI=url), make_app(SQLALCHEMY_DATABASE_URI=url,
                                                                     SECRET_KEY=second_key)
    with first.app_context():
        db.create_all()
        commune_service.set_up(commune_name="Teilstadt", kind="stadt", admin_username="admin",
                               admin_password="richtig-langes-passwort")
        hub = make_actor("Stadtverwaltung", "administration")
        make_cooperation(hub, make_actor("Elternverein"))
        make_actor("Schachclub")
        db.session.commit()
    return first, second


def _analysis(app):
    with app.app_context():
        analysis = analysis_queries.current_analysis()
        db.session.remove()
        return analysis


def test_a_second_process_loads_the_analysis_the_first_computed(tmp_path, monkeypatch):
    first, second = _servers(tmp_path)
    computed = _analysis(first)

    def must_not_compute(*_args):
        raise AssertionError("computed again")
    monkeypatch.setattr(analysis_queries, "analyse", must_not_compute)
    loaded = _analysis(second)
    assert loaded.version == computed.version and loaded.computed_at == computed.computed_at
    assert [finding.fingerprint for finding in loaded.findings] \
        == [finding.fingerprint for finding in computed.findings]
    assert {actor.name for actor in loaded.data.actors} == {"Stadtverwaltung", "Elternverein", "Schachclub"}
    monkeypatch.undo()

    with first.app_context():  # a write: the next analysis is a new one, also for the other process
        make_actor("Tafel")
        db.session.commit()
    assert "Tafel" in {actor.name for actor in _analysis(second).data.actors}
    with first.app_context():
        first.extensions.clear()
        assert "Tafel" in {actor.name for actor in analysis_queries.current_analysis().data.actors}
        assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredAnalysis)) == 2
        db.engine.dispose()
    with second.app_context():
        db.engine.dispose()


def test_a_stored_analysis_not_signed_with_the_apps_key_is_computed_anew(tmp_path, monkeypatch):
    first, second = _servers(tmp_path, second_key="another-secret")
    _analysis(first)
    calls = []
    original = analysis_queries.analyse
    monkeypatch.setattr(analysis_queries, "analyse", lambda *args: calls.append(1) or original(*args))
    assert _analysis(second).findings is not None
    assert calls == [1]  # the first process' signature did not match: computed, not unpickled
    with first.app_context():
        row = db.session.scalar(sa.select(StoredAnalysis))
        row.payload = row.payload[:-8] + b"tampered"
        db.session.commit()
        first.extensions.clear()
        calls.clear()
        analysis_queries.current_analysis()  # a tampered payload is not unpickled either
        assert calls == [1]
        db.session.remove()
        db.engine.dispose()
    with second.app_context():
        db.engine.dispose()


def test_a_write_committed_after_a_newer_one_is_not_missed(app):
    """Two writers on PostgreSQL may commit their audit entries out of id order: the analysis
    (and the network JSON and pages built on it) must see the older id's commit too."""
    make_actor("Stadtverwaltung", "administration")
    db.session.commit()
    newest = db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))
    db.session.add(AuditEntry(id=newest + 5, username="b", action=AuditAction.UPDATE,
                              entity_type="actors", entity_id=0, label="B", changes={}))
    db.session.commit()
    before = analysis_queries.current_analysis()
    # the early writer commits now: its actor and its audit entry with the smaller id
    db.session.add(Actor(name="Elternverein", type_id=type_id("association")))
    db.session.add(AuditEntry(id=newest + 2, username="a", action=AuditAction.CREATE,
                              entity_type="actors", entity_id=0, label="Elternverein", changes={}))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.max(AuditEntry.id))) == newest + 5
    after = analysis_queries.current_analysis()
    assert after is not before and "Elternverein" in {actor.name for actor in after.data.actors}


def _stored_count(app) -> int:
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(StoredAnalysis))
        db.session.remove()
        return count


def test_an_analysis_overtaken_by_a_write_is_not_stored(tmp_path, monkeypatch):
    """A write while the analysis was computed: no process will ask for the old version again."""
    first, _second = _servers(tmp_path)
    original = analysis_queries.analyse

    def analyse_while_someone_writes(*args):
        result = original(*args)
        make_actor("Tafel")
        db.session.commit()
        return result
    monkeypatch.setattr(analysis_queries, "analyse", analyse_while_someone_writes)
    _analysis(first)
    assert _stored_count(first) == 0
    monkeypatch.undo()
    assert "Tafel" in {actor.name for actor in _analysis(first).data.actors}  # the next one is stored
    assert _stored_count(first) == 1
    with first.app_context():
        db.engine.dispose()


def test_an_analysis_another_process_stored_meanwhile_is_not_stored_again(tmp_path, monkeypatch):
    """Both processes computed the same version at once; the one that finishes second does not
    serialise its result for nothing."""
    first, second = _servers(tmp_path)
    computed = _analysis(first)
    monkeypatch.setattr(analysis_queries.analysis_store, "load", lambda _key: None)  # looked too early
    monkeypatch.setattr(analysis_queries.analysis_store, "encode", lambda _value: pytest.fail("stored again"))
    assert _analysis(second).version == computed.version
    assert _stored_count(second) == 1
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()


def test_an_analysis_computed_faster_than_storing_and_loading_it_is_not_stored(tmp_path, monkeypatch):
    first, second = _servers(tmp_path)
    monkeypatch.setattr(analysis_queries, "STORE_FROM_SECONDS", CONFIGURED_STORE_FROM)
    _analysis(first)
    assert _stored_count(first) == 0
    assert "Schachclub" in {actor.name for actor in _analysis(second).data.actors}  # computed there too
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()

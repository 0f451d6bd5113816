"""The fixtures every test module uses: app, client, runner, login helpers, data helpers.

One app and one database serve the whole session: in-memory SQLite by default, or the PostgreSQL
database named by TEST_DATABASE_URL. Its schema is built once. Each test runs inside an outer
transaction on one connection that is rolled back afterwards; the session joins it with
`join_transaction_mode="create_savepoint"` (SQLAlchemy's recipe "Joining a Session into an
External Transaction"), so the code under test commits and rolls back as usual and nothing
survives the test. Tests that need a database of their own (files, migrations) call `make_app`.
"""
import os
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask.testing import FlaskClient
from flask_sqlalchemy.session import Session

from coordination.extensions import db
from coordination.factory import create_app
from coordination.models import Role, User
from coordination.queries import analysis as analysis_queries
from coordination.services import accounts
from coordination.services import commune as commune_service

PASSWORD = "richtig-langes-passwort"
USERS = {"admin": Role.ADMIN, "coord": Role.COORDINATOR, "viewer": Role.VIEWER}


class Client(FlaskClient):
    """A test client whose every request starts with an empty `g`, as in production.

    The fixtures keep one app context open for the whole test (so tests can use db.session
    directly); Flask reuses it for requests, and with it `g`, where Flask-Login caches the user
    and Flask-Babel the locale. Emptying it per request keeps clients of different users apart.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            for name in list(g):
                g.pop(name)
        return super().open(*args, **kwargs)


def make_app(**overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": os.environ.get("TEST_DATABASE_URL", "sqlite://"),
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_COST": 8,
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = Client
    return app


class JoinedSession(Session):
    """Flask-SQLAlchemy's session, but every statement goes through the test's connection
    (Flask-SQLAlchemy would pick the engine by the table's bind key)."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind if bind is not None else self.bind


def _sqlite_savepoints(engine) -> None:
    """Let SQLAlchemy, not pysqlite, begin SQLite transactions, so that SAVEPOINT and ROLLBACK
    work inside the outer transaction (SQLAlchemy's documented pysqlite recipe)."""
    if engine.dialect.name != "sqlite":
        return

    @sa.event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection, _record):
        dbapi_connection.isolation_level = None

    @sa.event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture(scope="session")
def _session_app():
    """The app of the whole test session, on a database whose schema is built once."""
    app = make_app()
    with app.app_context():
        _sqlite_savepoints(db.engine)
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def _forget_app_state(app, config: dict, wsgi_app) -> None:
    """Drop what an app remembers between requests (set-up flag, cached analysis and network,
    all kept under "coordination." keys) and restore what a test may change: the configuration
    and the WSGI middleware (e.g. a proxy fix)."""
    for key in [key for key in app.extensions if key.startswith("coordination.")]:
        del app.extensions[key]
    app.config.clear()
    app.config.update(config)
    app.wsgi_app = wsgi_app


@pytest.fixture
def empty_app(_session_app):
    """The app on an empty (not yet set up) database; everything the test writes is rolled back."""
    app = _session_app
    config, wsgi_app = dict(app.config), app.wsgi_app
    _forget_app_state(app, config, wsgi_app)
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        engine_session = db.session
        db.session = db._make_scoped_session({
            "class_": JoinedSession, "bind": connection,
            "join_transaction_mode": "create_savepoint"})
        try:
            yield app
        finally:
            db.session.remove()
            db.session = engine_session
            outer.rollback()
            connection.close()
            _forget_app_state(app, config, wsgi_app)


def empty_all_tables() -> None:
    """Delete every row of every table (children first, self-references unlinked first), inside
    the test's transaction: the shared schema stays, as after a fresh migration."""
    for table in reversed(db.metadata.sorted_tables):
        own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        if own:
            db.session.execute(table.update().values(dict.fromkeys(own)))
        db.session.execute(table.delete())
    db.session.commit()


@pytest.fixture
def app(empty_app):
    """An app set up for "Teststadt" with one user per role (password PASSWORD)."""
    commune_service.set_up(commune_name="Teststadt", kind="stadt", admin_username="admin",
                           admin_password=PASSWORD, districts=["Altstadt", "Nordviertel", "Südstadt"])
    for username, role in USERS.items():
        if username != "admin":
            accounts.create_user(username, PASSWORD, role.value)
    return empty_app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, username="coord", password=PASSWORD, follow_redirects=False):
        return self.client.post("/login", data={"username": username, "password": password},
                                follow_redirects=follow_redirects)

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


def _client_as(app, username):
    client = app.test_client()
    response = Auth(client).login(username)
    assert response.status_code == 302, response.data
    return client


@pytest.fixture
def as_admin(app):
    return _client_as(app, "admin")


@pytest.fixture
def as_coordinator(app):
    return _client_as(app, "coord")


@pytest.fixture
def as_viewer(app):
    return _client_as(app, "viewer")


@pytest.fixture
def user(app):
    """Look up a user by name: user("coord")."""
    return lambda username: db.session.scalar(sa.select(User).where(User.username == username))


class QueryCounter:
    """Counts the statements the code under test sends; the savepoints that the per-test
    transaction adds around each of its transactions are not the code's and do not count."""

    SAVEPOINT_STATEMENTS = ("SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")

    def __init__(self):
        self.count = 0

    def __call__(self, _connection, _cursor, statement, *args):
        if not statement.startswith(self.SAVEPOINT_STATEMENTS):
            self.count += 1


@pytest.fixture
def count_queries(app, monkeypatch):
    """Use as `with count_queries() as counter: ...; counter.count`.

    No analysis is stored for other processes meanwhile: whether one is depends on the
    processor time its computing took (a garbage collection on a busy machine can push a small
    one past the threshold), and storing adds its own statements."""
    monkeypatch.setattr(analysis_queries, "STORE_FROM_SECONDS", float("inf"))
    @contextmanager
    def counting():
        counter = QueryCounter()
        sa.event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", counter)

    return counting

"""The fixtures every test module uses: app, client, runner, login helpers, data helpers.

Each test gets a fresh database: in-memory SQLite by default, or the PostgreSQL database named
by TEST_DATABASE_URL (emptied and re-created per test).
"""
import os

import pytest
import sqlalchemy as sa
from flask import g, has_app_context
from flask.testing import FlaskClient

from coordination import create_app
from coordination.extensions import db
from coordination.models import Role
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


@pytest.fixture
def empty_app():
    """An app on an empty (not yet set up) database."""
    app = make_app()
    with app.app_context():
        in_memory = db.engine.url.get_backend_name() == "sqlite"
        if not in_memory:
            db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        if not in_memory:  # an in-memory SQLite database vanishes with its engine
            db.drop_all()
        db.engine.dispose()


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
    from coordination.models import User

    return lambda username: db.session.scalar(sa.select(User).where(User.username == username))


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args):
        self.count += 1


@pytest.fixture
def count_queries(app):
    """Use as `with count_queries() as counter: ...; counter.count`."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        sa.event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", counter)

    return counting

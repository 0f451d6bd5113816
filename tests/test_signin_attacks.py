"""Sign-in under attack: behind a proxy, from many addresses, all at once, by timing; sessions
that outlive their limits."""
import os
import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from werkzeug.middleware.proxy_fix import ProxyFix

from coordination import security
from coordination.extensions import db
from coordination.models import AuditEntry, LoginSession
from coordination.models.common import utcnow
from coordination.services import accounts
from coordination.services import commune as commune_service
from coordination.services.throttle import LoginThrottled
from tests.conftest import PASSWORD, make_app

WRONG = "falsches-passwort-123"
PROXY = "10.0.0.1"


def login(client, username, password, client_address, proxy_address=PROXY):
    """A sign-in as it arrives from the reverse proxy in front of the app."""
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": proxy_address},
                       headers={"X-Forwarded-For": client_address})


@pytest.fixture
def behind_proxy(app):
    """The app as deployed behind one reverse proxy (TRUSTED_PROXIES=1)."""
    app.config["TRUSTED_PROXIES"] = 1
    security.trust_proxies(app, 1)
    return app


@pytest.fixture
def sleeps(monkeypatch):
    """The delays the throttle asks for, recorded instead of waited."""
    waited = []
    monkeypatch.setattr(accounts.time, "sleep", waited.append)
    return waited


def test_typos_of_others_behind_the_proxy_do_not_lock_out_the_admin(behind_proxy):
    client = behind_proxy.test_client()
    for name in ("mueller", "schmidt", "amt", "x", "gast", "test"):
        assert login(client, name, WRONG, "203.0.113.5").status_code == 200
    assert login(client, "admin", PASSWORD, "198.51.100.7").status_code == 302


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(app):
    client = app.test_client()
    for number in range(5):
        login(client, "coord", WRONG, f"203.0.113.{number}")
    assert login(client, "coord", PASSWORD, "198.51.100.7").status_code == 429


def test_failures_from_many_addresses_delay_the_account_but_do_not_lock_it(behind_proxy, sleeps):
    client = behind_proxy.test_client()
    threshold = behind_proxy.config["LOGIN_ACCOUNT_DELAY_AFTER"]
    for number in range(threshold + 4):
        assert login(client, "admin", WRONG, f"203.0.113.{number}").status_code == 200
    assert sleeps == [0.5, 1.0, 2.0, 4.0]  # from the threshold on, doubling
    assert login(client, "admin", PASSWORD, "198.51.100.7").status_code == 302
    [alarm] = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.label.contains("Fehlversuche")))
    assert f"{threshold} Fehlversuche für „admin“ von {threshold} Adressen" in alarm.label


def test_the_account_delay_is_bounded(behind_proxy, sleeps):
    behind_proxy.config["LOGIN_MAX_DELAY_SECONDS"] = 3
    client = behind_proxy.test_client()
    for number in range(behind_proxy.config["LOGIN_ACCOUNT_DELAY_AFTER"] + 12):
        login(client, "coord", WRONG, f"203.0.113.{number}")
    assert max(sleeps) == 3


def _count_password_checks(monkeypatch) -> list:
    checks = []
    real_hasher = accounts._hasher

    class CountingHasher:
        def __init__(self):
            self.inner = real_hasher()

        def verify(self, hashed, password):
            checks.append(hashed)
            return self.inner.verify(hashed, password)

        def hash(self, password):
            return self.inner.hash(password)

    monkeypatch.setattr(accounts, "_hasher", CountingHasher)
    return checks


def test_unknown_deactivated_and_active_accounts_cost_the_same_work(app, auth, user, monkeypatch):
    user("viewer").active = False
    db.session.commit()
    checks = _count_password_checks(monkeypatch)
    for username, password in (("niemand", WRONG), ("viewer", PASSWORD), ("viewer", WRONG),
                               ("coord", WRONG), ("coord", PASSWORD)):
        before = len(checks)
        auth.login(username, password)
        assert len(checks) - before == 1, username
        auth.logout()


@pytest.fixture
def shared_database(tmp_path):
    """An app on a database that several threads can use at once (a file, or PostgreSQL)."""
    url = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path}/throttle.sqlite"
    shared = make_app(SQLALCHEMY_DATABASE_URI=url)
    with shared.app_context():
        db.drop_all()
        db.create_all()
        commune_service.set_up(commune_name="Teststadt", kind="stadt", admin_username="admin",
                               admin_password=PASSWORD)
        yield shared
        db.session.remove()
        db.drop_all()
        db.create_all()  # on PostgreSQL the other tests share this database and its schema
        db.engine.dispose()


def test_forty_guesses_at_once_get_five_checks(shared_database, monkeypatch):
    checks = _count_password_checks(monkeypatch)
    outcomes, start = [], threading.Barrier(40)

    def guess(number):
        with shared_database.app_context():
            start.wait()
            try:
                outcomes.append(accounts.authenticate("admin", f"{WRONG}-{number}", "203.0.113.9"))
            except LoginThrottled:
                outcomes.append("throttled")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=guess, args=(number,)) for number in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 40
    assert len(checks) == shared_database.config["LOGIN_MAX_FAILURES"]
    assert outcomes.count("throttled") == 40 - len(checks)


def _utc(moment: datetime) -> datetime:
    """A naive UTC time (SQLite gives naive ones back, PostgreSQL aware ones)."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _signed_in(app, auth):
    assert auth.login("coord").status_code == 302
    return db.session.scalar(sa.select(LoginSession))


def test_a_session_from_2020_no_longer_opens_pages(app, client, auth):
    session = _signed_in(app, auth)
    session.created_at = session.last_seen_at = utcnow().replace(year=2020)
    db.session.commit()
    assert client.get("/actors/").status_code == 302


def test_sessions_end_after_an_idle_hour(app, client, auth):
    session = _signed_in(app, auth)
    session.last_seen_at = utcnow() - timedelta(minutes=59)
    db.session.commit()
    assert client.get("/actors/").status_code == 200
    db.session.refresh(session)
    assert _utc(session.last_seen_at) > _utc(utcnow() - timedelta(minutes=1))  # the request was noted
    session.last_seen_at = utcnow() - timedelta(minutes=61)
    db.session.commit()
    assert client.get("/actors/").status_code == 302


def test_sessions_end_after_ten_hours_even_when_used(app, client, auth):
    session = _signed_in(app, auth)
    session.created_at = utcnow() - timedelta(hours=10, minutes=1)
    db.session.commit()
    assert client.get("/actors/").status_code == 302


def test_session_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "15")
    monkeypatch.setenv("SESSION_MAX_HOURS", "4")
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    configured = make_app()
    assert configured.config["SESSION_IDLE_MINUTES"] == 15 and configured.config["SESSION_MAX_HOURS"] == 4
    assert configured.permanent_session_lifetime.total_seconds() == 4 * 3600
    assert isinstance(configured.wsgi_app, ProxyFix) and configured.wsgi_app.x_for == 2

"""Two app servers (gunicorn, each with its own instance folder) on one PostgreSQL database, as
behind a load balancer: any request may reach either. Runs in `make test-postgres`; skipped on
SQLite, which is one file on one machine."""
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor
from coordination.services import accounts
from coordination.services import commune as commune_service
from tests.conftest import PASSWORD, USERS, empty_all_tables, make_app

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
                                reason="two app servers share a PostgreSQL database (make test-postgres)")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One gunicorn on a loopback port, its own instance folder, the shared database."""

    def __init__(self, name: str, tmp_path: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = dict(os.environ, DATABASE_URL=os.environ["TEST_DATABASE_URL"],
                           SECRET_KEY="ein-gemeinsamer-schluessel-fuer-alle-server",
                           INSTANCE_PATH=str(tmp_path / f"instance-{name}"))
        self.log = (tmp_path / f"{name}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", "1", "-b", f"127.0.0.1:{self.port}", "app:app"],
            cwd=PROJECT_ROOT, env=environment, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_ready(self) -> None:
        """Until the worker answers (it imports the app first: seconds on a busy machine)."""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/login", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"server on port {self.port} did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


@pytest.fixture
def app(_session_app):
    """A commune and its users committed for real, not in the per-test transaction of the other
    tests: the servers are other processes and see committed rows only. Afterwards every row is
    deleted (sign-in failures the servers recorded included), so later tests find the empty
    schema."""
    app = make_app()
    with app.app_context():
        commune_service.set_up(commune_name="Teststadt", kind="stadt", admin_username="admin",
                               admin_password=PASSWORD, districts=["Altstadt", "Nordviertel"])
        for username, role in USERS.items():
            if username != "admin":
                accounts.create_user(username, PASSWORD, role.value)
        try:
            yield app
        finally:
            db.session.rollback()
            empty_all_tables()
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def servers(app, tmp_path):
    pair = [Server("a", tmp_path), Server("b", tmp_path)]
    try:
        for server in pair:
            server.wait_until_ready()
        yield pair
    finally:
        for server in pair:
            server.stop()


def csrf_token(browser: requests.Session, url: str) -> str:
    return CSRF.search(browser.get(url, timeout=30).text).group(1)


def sign_in(browser: requests.Session, server: Server, password: str = PASSWORD) -> requests.Response:
    token = csrf_token(browser, f"{server.url}/login")
    return browser.post(f"{server.url}/login", data={"csrf_token": token, "username": "coord",
                                                     "password": password},
                        allow_redirects=False, timeout=30)


def test_any_step_may_run_on_either_server(app, servers):
    a, b = servers
    browser = requests.Session()  # one browser; the load balancer sends each request anywhere
    assert sign_in(browser, a).status_code == 302

    # upload on A, preview and import on B
    token = csrf_token(browser, f"{a.url}/import/")
    upload = browser.post(f"{a.url}/import/", data={"csrf_token": token},
                          files={"file": ("akteure.csv", "Name;Typ\nVerein Brücke;Verein\n".encode("cp1252"))},
                          headers={"Accept": "application/json"}, timeout=60)
    assert upload.status_code == 200, upload.text
    mapping = upload.json()["redirect"]
    assert "Verein Brücke" in browser.get(f"{b.url}{mapping}", timeout=30).text
    preview = mapping.replace("/mapping", "/preview")
    page = browser.get(f"{b.url}{preview}", timeout=60)
    assert page.status_code == 200 and re.search(r"\b1 neuer? Akteur", page.text)
    done = browser.post(f"{b.url}{preview}", data={"csrf_token": CSRF.search(page.text).group(1),
                                                   "action": "import", "on_match": "merge"},
                        allow_redirects=False, timeout=60)
    assert done.status_code == 302
    db.session.expire_all()
    actor = db.session.scalar(sa.select(Actor).where(Actor.name == "Verein Brücke"))
    assert actor is not None

    # the analysis on A, an edit on B, the analysis on A again: the edit shows at once
    def isolated_on_a() -> list[str]:
        findings = browser.get(f"{a.url}/api/v1/findings?rule=actor-isolated", timeout=60).json()["items"]
        return [name for finding in findings for name in finding["actors"]]

    assert "Verein Brücke" in isolated_on_a()
    edit = browser.get(f"{b.url}/actors/{actor.id}/edit", timeout=30).text
    form = {"csrf_token": CSRF.search(edit).group(1), "name": "Verein Brücke Nord", "version": str(actor.version),
            "type_id": str(actor.type_id), "status": "active"}
    assert browser.post(f"{b.url}/actors/{actor.id}/edit", data=form, allow_redirects=False,
                        timeout=30).status_code == 302
    names = isolated_on_a()
    assert "Verein Brücke Nord" in names and "Verein Brücke" not in names


def test_failed_sign_ins_count_across_both_servers(app, servers):
    a, b = servers
    limit = app.config["LOGIN_MAX_FAILURES"]
    for number in range(limit):
        server = (a, b)[number % 2]
        assert sign_in(requests.Session(), server, "falsches-passwort-123").status_code == 200
    assert sign_in(requests.Session(), a).status_code == 429
    assert sign_in(requests.Session(), b).status_code == 429


def test_a_session_ends_on_both_servers_at_sign_out(app, servers):
    a, b = servers
    browser = requests.Session()
    assert sign_in(browser, a).status_code == 302
    assert browser.get(f"{b.url}/actors/", allow_redirects=False, timeout=30).status_code == 200
    signed_cookie = browser.cookies.get_dict()
    browser.post(f"{b.url}/logout", data={"csrf_token": csrf_token(browser, f"{b.url}/actors/")}, timeout=30)
    replay = requests.Session()  # the cookie from before the sign-out, sent again
    replay.cookies.update(signed_cookie)
    assert replay.get(f"{a.url}/actors/", allow_redirects=False, timeout=30).status_code == 302

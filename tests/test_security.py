"""Headers, CSRF, configuration defaults, and the access matrix over every route."""
import os
import stat

import pytest
from flask import Flask, url_for

from coordination.config import load_config
from coordination.extensions import db
from coordination.models import Role
from coordination.services import commune as commune_service
from tests.conftest import _client_as, make_app

# Values for URL parameters when building every rule of the app.
SAMPLE_ARGUMENTS = {"number": 1, "key": "strategy", "list_name": "districts", "format": "csv"}
PUBLIC = {"auth.login", "setup.index", "static", "static_module", "help.accessibility"}


def _rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC:
            continue
        yield rule


def _sample(rule, name):
    """A value the rule accepts: the first choice of an `any(...)` part, else a sample."""
    choices = getattr(rule._converters.get(name), "items", None)
    return sorted(choices)[0] if choices else SAMPLE_ARGUMENTS.get(name, 1)


def _url(app, rule):
    with app.test_request_context():
        arguments = {name: _sample(rule, name) for name in rule.arguments}
        return url_for(rule.endpoint, **arguments)


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp


def test_pages_contain_no_inline_script(as_coordinator):
    for url in ("/", "/actors/", "/account"):
        html = as_coordinator.get(url).text
        assert "<script>" not in html and "onclick=" not in html


def test_csrf_is_on_outside_tests(tmp_path):
    app = make_app(WTF_CSRF_ENABLED=True, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/db.sqlite")
    assert app.config["WTF_CSRF_ENABLED"] is True
    with app.app_context():
        db.create_all()
        response = app.test_client().post("/login", data={"username": "x", "password": "y"})
    assert response.status_code == 400


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first, second = Flask("a", instance_path=str(tmp_path)), Flask("b", instance_path=str(tmp_path))
    load_config(first)
    load_config(second)
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_unset_database_redirects_to_setup(empty_app):
    client = empty_app.test_client()
    assert client.get("/actors/").headers["Location"] == "/setup"


def test_anonymous_is_sent_to_login_on_every_route(app, client):
    for rule in _rules(app):
        url = _url(app, rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            if url.startswith("/api/"):
                assert response.status_code == 401, (method, url)
            else:
                assert response.status_code == 302, (method, url)
                assert response.headers["Location"].startswith("/login"), (method, url)


@pytest.mark.parametrize("username,role", [("viewer", Role.VIEWER), ("coord", Role.COORDINATOR)])
def test_routes_above_the_role_are_forbidden(app, username, role):
    """Every route that needs a higher role answers 403, for GET and POST alike."""
    client = _client_as(app, username)
    checked = 0
    for rule in _rules(app):
        view = app.view_functions[rule.endpoint]
        required = getattr(view, "required_role", None)
        if required is None or role.rank >= required.rank:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(_url(app, rule), method=method)
            assert response.status_code == 403, (username, method, rule.rule)
            checked += 1
    assert checked > 0


def test_every_write_route_declares_a_role(app):
    """A POST route without role_required would let viewers write."""
    allowed_without_role = {"auth.logout", "auth.account"}
    for rule in _rules(app):
        if "POST" in rule.methods and rule.endpoint not in allowed_without_role:
            view = app.view_functions[rule.endpoint]
            assert getattr(view, "required_role", None) is not None, rule.endpoint


def test_database_backups_exports_and_instance_folder_are_owner_only(tmp_path, monkeypatch):


    def mode(path):
        return stat.S_IMODE(os.stat(path).st_mode)

    monkeypatch.delenv("SECRET_KEY", raising=False)
    previous = os.umask(0o022)  # the usual umask: files 0644, folders 0755
    try:
        instance = tmp_path / "instance"
        app = make_app(INSTANCE_PATH=str(instance), SECRET_KEY=None,
                       SQLALCHEMY_DATABASE_URI=f"sqlite:///{instance}/integrationsnetz.sqlite")
        with app.app_context():
            db.create_all()
            commune_service.set_up(commune_name="Teststadt", kind="stadt", admin_username="admin",
                                   admin_password="richtig-langes-passwort")
            runner = app.test_cli_runner()
            assert runner.invoke(args=["export", "--output", str(tmp_path / "alles.json")]).exit_code == 0
            assert runner.invoke(args=["backup", "--output-dir", str(tmp_path / "sicherungen")]).exit_code == 0
            db.engine.dispose()
        assert mode(instance) == 0o700
        assert mode(instance / "secret_key") == 0o600
        assert mode(instance / "integrationsnetz.sqlite") == 0o600
        assert mode(tmp_path / "alles.json") == 0o600
        assert mode(tmp_path / "sicherungen") == 0o700
        [copy] = (tmp_path / "sicherungen").iterdir()
        assert mode(copy) == 0o600
    finally:
        os.umask(previous)


def test_too_large_upload_gets_a_german_page(app, as_coordinator):
    app.config["MAX_CONTENT_LENGTH"] = 2**20
    body = (b"--grenze\r\nContent-Disposition: form-data; name=\"file\"; filename=\"gross.csv\"\r\n\r\n"
            + b"x" * (3 * 2**20) + b"\r\n--grenze--\r\n")
    response = as_coordinator.post("/import/", data=body, content_type="multipart/form-data; boundary=grenze")
    assert response.status_code == 413
    assert "Die Datei ist zu groß" in response.text and "bis 1 MB" in response.text
    assert "Request Entity Too Large" not in response.text


def test_error_pages_say_in_german_what_happened(app, as_viewer, monkeypatch):
    forbidden = as_viewer.get("/actors/new")
    assert forbidden.status_code == 403 and "<h1>Keine Berechtigung</h1>" in forbidden.text
    not_allowed = as_viewer.delete("/actors/")
    assert not_allowed.status_code == 405 and "(Fehlercode 405)" in not_allowed.text

    def broken_dashboard():
        raise RuntimeError("a bug")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setitem(app.view_functions, "main.dashboard", broken_dashboard)
    failed = as_viewer.get("/")
    assert failed.status_code == 500 and "es wurde nichts gespeichert" in failed.text
    assert "RuntimeError" not in failed.text

"""Browser tests: the app served from a thread, driven by Debian's Chromium through Playwright.

The app runs with CSRF on and a file-based SQLite database (the server threads and the test
share it). Every request that does not go to the app is aborted and recorded, so a test fails
when a page tries to reach the internet; console errors and CSP violations are recorded too.
Without /usr/bin/chromium the tests are skipped (scripts/ensure-chromium.sh installs it; `make
test` runs that script first).
"""
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from coordination.extensions import db
from coordination.services import accounts
from coordination.services import commune as commune_service
from tests.conftest import PASSWORD, make_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# Records CSP violations the page reports (Chromium also logs them to the console).
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Browser tests skipped: no Chromium at {CHROMIUM} "
                    "(install it with scripts/ensure-chromium.sh or `apt-get install chromium`).")

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class LiveApp:
    app: object
    url: str

    def context(self):
        """An app context for creating test data (the services commit, the server sees it)."""
        return self.app.app_context()


@contextmanager
def serving(app):
    """`app` served from a thread: yields its URL; then stops the server and closes the database."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def live_app(tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'browser.sqlite'}",
                   WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        commune_service.set_up(commune_name="Teststadt", kind="stadt", admin_username="admin",
                               admin_password=PASSWORD, districts=["Altstadt", "Nordviertel"])
        accounts.create_user("coord", PASSWORD, "coordinator")
        accounts.create_user("viewer", PASSWORD, "viewer")
    with serving(app) as url:
        yield LiveApp(app, url)


@dataclass
class Watch:
    """What a page did that it should not: external requests, console errors, dialogs."""

    external_requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)


@pytest.fixture
def page(browser, live_app):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    watch = Watch()

    def guard(route):
        url = route.request.url
        if url.startswith(live_app.url + "/") or url.startswith(("blob:", "data:")):
            route.continue_()
        else:
            watch.external_requests.append(url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()

    def on_console(message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            watch.console_errors.append(message.text)

    def on_dialog(dialog):
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.console_errors.append(f"page error: {error}"))
    page.on("dialog", on_dialog)
    page.watch = watch
    page.base_url = live_app.url
    yield page
    context.close()


def login(page, username="coord"):
    page.goto(page.base_url + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/login" not in page.url


def assert_clean(page):
    """No external request, no console error, no CSP violation, no dialog."""
    violations = page.evaluate("window.__cspViolations")
    assert page.watch.external_requests == []
    assert page.watch.console_errors == []
    assert violations == []
    assert page.watch.dialogs == []

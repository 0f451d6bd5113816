"""Accessibility in Chromium, with the demo commune loaded: axe-core finds no violation at any
impact level on any page type at 1366 px and at 390 px; nothing overflows at 390 px (wide tables
scroll in their own named, focusable region with a visible hint); the dashboard matrix shows all
its columns at 1366 px; the skip link and keyboard focus work."""

import pytest
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor, Body, Contribution, Cooperation, User
from coordination.services import accounts
from coordination.services import commune as commune_service
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import login, serving
from tests.conftest import PASSWORD, make_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    """The demo commune served from a thread, shared by the tests of this module (they only read)."""
    path = tmp_path_factory.mktemp("a11y") / "demo.sqlite"
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}", WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        commune_service.set_up(commune_name="Musterstadt", kind="stadt", admin_username="admin",
                               admin_password=PASSWORD, with_demo=True)
        accounts.create_user("viewer", PASSWORD, "viewer")
        first = {model.__name__: db.session.scalar(sa.select(sa.func.min(model.id)))
                 for model in (Actor, Body, Contribution, Cooperation, User)}
    with serving(app) as url:
        yield url, first


@pytest.fixture
def demo_page(browser, demo_url):
    base, first = demo_url
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.base_url = base
    page.first = first
    yield page
    context.close()


# Every page type a coordinator or admin opens: (name, path; {Model} is the first record's id).
PAGES = [
    ("dashboard", "/"),
    ("actor list", "/actors/"), ("actor", "/actors/{Actor}"), ("actor form", "/actors/{Actor}/edit"),
    ("new actor", "/actors/new"), ("contact form", "/actors/{Actor}/contacts/new"),
    ("contribution list", "/contributions/"), ("contribution", "/contributions/{Contribution}"),
    ("contribution form", "/contributions/new"),
    ("cooperation list", "/cooperations/"), ("cooperation", "/cooperations/{Cooperation}"),
    ("cooperation form", "/cooperations/new"),
    ("body list", "/bodies/"), ("body", "/bodies/{Body}"), ("body form", "/bodies/new"),
    ("commitments", "/commitments/"), ("commitment", "/commitments/1"),
    ("prerequisite", "/commitments/prerequisites/{prerequisite}"),
    ("network", "/network/"),
    ("analysis", "/analysis/"), ("coverage", "/analysis/coverage"),
    ("network figures", "/analysis/network"), ("commitment analysis", "/analysis/commitments/4"),
    ("measures", "/analysis/measures"), ("measure form", "/analysis/measures/new"),
    ("analysis settings", "/analysis/settings"),
    ("reports", "/reports/"), ("status report", "/reports/current/sachstandsbericht.html"),
    ("building blocks", "/reports/current/bausteine.html"),
    ("data", "/exchange/"), ("import", "/import/"),
    ("administration", "/admin/"), ("users", "/admin/users"), ("user form", "/admin/users/{User}/edit"),
    ("audit", "/admin/audit"), ("settings", "/admin/settings"), ("list", "/admin/lists/{list}"),
    ("account", "/account"),
    ("monitoring", "/monitoring/"),
    ("help", "/help/"), ("help topic", "/help/analysis"),
    ("accessibility statement", "/accessibility"), ("accessibility contact", "/admin/accessibility"),
    ("not found", "/does-not-exist"),
]


def _path(page, path):
    values = dict(page.first)
    values["prerequisite"] = _first_link(page, "/commitments/", "/commitments/prerequisites/")
    values["list"] = _first_link(page, "/admin/", "/admin/lists/")
    return path.format(**values)


def _first_link(page, index, prefix):
    page.goto(page.base_url + index)
    href = page.locator(f"a[href^='{prefix}']").first.get_attribute("href")
    return href.removeprefix(prefix).split("?")[0]


def _open(page, path):
    login(page, "admin")
    if "{" in path:
        path = _path(page, path)
    page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", [path for _, path in PAGES], ids=[name for name, _ in PAGES])
def test_no_axe_violation_on_any_page_type(demo_page, path):
    _open(demo_page, path)
    assert_accessible(demo_page)


# Every element that scrolls sideways: is it a named, focusable region with a visible hint?
SCROLLERS = """() => [...document.querySelectorAll("main *")].filter((el) => {
  const style = getComputedStyle(el);
  return ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
}).map((el) => {
  const hint = document.getElementById(el.getAttribute("aria-describedby") || "");
  return {name: el.getAttribute("aria-label") || "", role: el.getAttribute("role"),
          tabindex: el.getAttribute("tabindex"),
          hint: hint && hint.offsetParent !== null ? hint.textContent : ""};
})"""


@pytest.mark.parametrize("path", [path for _, path in PAGES], ids=[name for name, _ in PAGES])
def test_nothing_overflows_at_390_px(demo_page, path):
    demo_page.set_viewport_size({"width": 390, "height": 844})
    _open(demo_page, path)
    assert demo_page.evaluate("document.documentElement.scrollWidth") <= 390
    for scroller in demo_page.evaluate(SCROLLERS):
        assert scroller["role"] == "region" and scroller["tabindex"] == "0" and scroller["name"], scroller
        assert "breiter als der Bildschirm" in scroller["hint"], scroller
    assert_accessible(demo_page)


def test_dashboard_matrix_shows_all_columns_at_1366_px(demo_page):
    _open(demo_page, "/")
    matrix = demo_page.locator("table.heat-map")
    assert matrix.locator("thead th").count() > 12  # the demo's districts are all there
    wrapper_overflows = matrix.evaluate("t => t.parentElement.scrollWidth > t.parentElement.clientWidth")
    assert not wrapper_overflows
    assert not demo_page.locator(".scroll-hint:visible").count()


@pytest.mark.parametrize("path", ["/analysis/", "/analysis/network", "/analysis/coverage"])
def test_long_analysis_pages_have_in_page_navigation(demo_page, path):
    demo_page.set_viewport_size({"width": 390, "height": 844})
    demo_page.emulate_media(reduced_motion="reduce")  # jumps at once instead of scrolling smoothly
    _open(demo_page, path)
    contents = demo_page.get_by_role("navigation", name="Auf dieser Seite")
    contents.locator("summary").click()
    links = contents.get_by_role("link")
    assert links.count() > 3
    target = links.nth(2).get_attribute("href").removeprefix("#")
    links.nth(2).click()
    top = demo_page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target)
    assert abs(top) < 120  # the section is at the top of the screen
    assert demo_page.evaluate("window.scrollY") > 300
    demo_page.get_by_role("link", name="Nach oben").click()
    assert demo_page.evaluate("window.scrollY") < 200


@pytest.mark.parametrize("path", ["/login", "/does-not-exist", "/admin/"],
                         ids=["login", "not found (logged out)", "forbidden"])
def test_no_axe_violation_without_admin_rights(demo_page, path):
    if path == "/admin/":
        login(demo_page, "viewer")
    demo_page.goto(demo_page.base_url + path)
    assert_accessible(demo_page)


def test_import_steps_have_no_axe_violation(demo_page, tmp_path):
    csv = tmp_path / "akteure.csv"
    csv.write_bytes(b"Name;Typ\nNachbarschaftshilfe Nord;Verein\n")
    login(demo_page, "admin")
    demo_page.goto(demo_page.base_url + "/import/")
    demo_page.set_input_files("#file", str(csv))
    with demo_page.expect_navigation(url="**/mapping"):
        demo_page.locator("#file").evaluate("input => input.form.requestSubmit()")
    assert_accessible(demo_page)
    with demo_page.expect_navigation(url="**/preview"):
        demo_page.locator("main form button[type=submit]").first.click()
    assert_accessible(demo_page)


def test_set_up_page_has_no_axe_violation(browser, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with app.app_context():
        db.create_all()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    with serving(app) as url:
        try:
            page = context.new_page()
            page.goto(f"{url}/setup")
            assert_accessible(page)
        finally:
            context.close()


def test_skip_link_shows_on_focus_and_lands_on_main(demo_page):
    login(demo_page, "admin")
    demo_page.goto(demo_page.base_url + "/actors/")
    demo_page.keyboard.press("Tab")
    skip = demo_page.get_by_role("link", name="Zum Inhalt springen")
    box = skip.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10
    # Nothing covers it: the element at its centre is the link itself.
    assert demo_page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a')?.textContent.trim()",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]) == "Zum Inhalt springen"
    demo_page.keyboard.press("Enter")
    assert demo_page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("selector", ["nav .nav-link[href='/actors/']", "main a[href='/actors/new']"])
def test_keyboard_focus_is_visible(demo_page, selector):
    login(demo_page, "admin")
    demo_page.goto(demo_page.base_url + "/actors/")
    demo_page.focus(selector)
    outline = demo_page.eval_on_selector(
        selector, "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2

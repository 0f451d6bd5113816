"""The network picture at 11, about 150 (the demo) and 2,000 actors in Chromium: names never
overlap, everything shown fits the canvas, focus fits, the address restores a filtered and
focused view (and the back button works), the keyboard selects actors, axe-core finds nothing,
no request leaves the host and no console error appears."""

import re

import pytest

from bench.pages import build_database
from coordination.extensions import db
from coordination.services import accounts
from coordination.services import commune as commune_service
from tests.browser import communes
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import LiveApp, assert_clean, login, serving
from tests.conftest import PASSWORD, make_app

expect = pytest.importorskip("playwright.sync_api",
                             reason="playwright is not installed (requirements-dev.txt)").expect

pytestmark = pytest.mark.browser

READY = "[data-network][data-state=ready]"
PICTURE = "document.querySelector('[data-network]').networkPicture"

# Every drawn name's box, recomputed from vis-network's own positions and the canvas font
# metrics (not from the script's placement), and every shown node's position on the canvas.
GEOMETRY = """() => {
  const picture = document.querySelector('[data-network]').networkPicture;
  const network = picture.network;
  const canvas = picture.part('canvas').querySelector('canvas');
  const context = document.createElement('canvas').getContext('2d');
  const scale = network.getScale();
  const boxes = picture.drawnLabels.map((label) => {
    const size = picture.measured.get(label.id);
    context.font = size.font;
    // the text plus a pixel of halo on each side, set 3 px off the node's rim
    const width = Math.ceil(Math.max(...size.lines.map((line) => context.measureText(line).width))) + 2;
    const height = Math.ceil(size.lines.length * size.size * 1.2) + 2;
    const body = network.body.nodes[label.id];
    const centre = network.canvasToDOM({x: body.x, y: body.y});
    const gap = (body.options.size || 10) * scale + 1 + 3;
    const x = {below: centre.x - width / 2, above: centre.x - width / 2,
               right: centre.x + gap, left: centre.x - gap - width}[label.anchor];
    const y = {below: centre.y + gap, above: centre.y - gap - height,
               right: centre.y - height / 2, left: centre.y - height / 2}[label.anchor];
    return {id: label.id, x, y, w: width, h: height};
  });
  const ids = [...picture.shown.nodes];
  const positions = network.getPositions(ids);
  const nodes = ids.map((id) => ({id, ...network.canvasToDOM(positions[id])}));
  return {boxes, nodes, width: canvas.clientWidth, height: canvas.clientHeight,
          shown: ids.filter((id) => typeof id === 'number').length};
}"""


@pytest.fixture(scope="module", params=["small", "demo", "large"])
def live_app(request, tmp_path_factory):
    """One commune per size, built once for the module's tests (they only read)."""
    folder = tmp_path_factory.mktemp(request.param)
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'network.sqlite'}",
                   WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        if request.param == "large":
            build_database(2000, 5000)
        else:
            commune_service.set_up(commune_name="Teststadt", kind="stadt", admin_username="admin",
                                   admin_password=PASSWORD)
            communes.small_commune() if request.param == "small" else communes.demo_commune()
        accounts.create_user("viewer", PASSWORD, "viewer")
        app.config["FOCUS_ACTOR"] = communes.most_connected()
        app.config["ACTORS"] = communes.actor_count()
    with serving(app) as url:
        yield LiveApp(app, url)


@pytest.fixture
def viewer(page, live_app):
    page.set_viewport_size({"width": 1366, "height": 768})
    # no fading tab panes: axe must not read a table's colours halfway through its fade-in
    page.emulate_media(reduced_motion="reduce")
    login(page, "viewer")
    page.live = live_app
    return page


def open_network(page, query=""):
    page.goto(page.base_url + "/network/" + query)
    page.wait_for_selector(READY, timeout=60000)
    settle(page)


def settle(page):
    """Wait until the picture has drawn its frame with names: after "ready" or a change of view,
    the names are placed in a later frame than the nodes (measured before that, the boxes from
    the current positions and the names of the frame before need not match)."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(100)


def _overlapping(boxes):
    slack = 0.5  # sub-pixel rounding of measureText
    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] + slack < b["x"] + b["w"] and b["x"] + slack < a["x"] + a["w"]
            and a["y"] + slack < b["y"] + b["h"] and b["y"] + slack < a["y"] + a["h"]]


def _assert_fits(geometry):
    width, height = geometry["width"], geometry["height"]
    outside = [node for node in geometry["nodes"]
               if not (0 <= node["x"] <= width and 0 <= node["y"] <= height)]
    assert outside == []
    clipped = [box for box in geometry["boxes"] if box["x"] < -0.5 or box["y"] < -0.5
               or box["x"] + box["w"] > width + 0.5 or box["y"] + box["h"] > height + 0.5]
    assert clipped == []


def _assert_grouped_readable(page):
    """Grouped by community: the groups are named after actors, no overlap (names of actors and
    of groups), everything fits, and a small network names everyone."""
    page.select_option("[data-net=group]", "community")
    settle(page)
    grouped = page.evaluate(GEOMETRY)
    groups = page.evaluate(f"{PICTURE}.drawnHullNames.map((box) => "
                           "({id: box.text, x: box.x, y: box.y, w: box.w, h: box.h}))")
    assert any(re.search(r" u\. a\.( \(\d+\))?$", group["id"]) for group in groups), \
        "a group is named after its centre"
    assert not [group for group in groups if group["id"].startswith("Gruppe ")], "no numbered group"
    assert _overlapping(grouped["boxes"] + groups) == []
    _assert_fits(grouped)
    if page.live.app.config["ACTORS"] <= 30:
        assert len(grouped["boxes"]) == grouped["shown"], "grouped, a small network shows every name"


def test_names_never_overlap_and_the_picture_fits(viewer):
    open_network(viewer)
    geometry = viewer.evaluate(GEOMETRY)
    assert geometry["boxes"], "the most important actors are named"
    assert _overlapping(geometry["boxes"]) == []
    _assert_fits(geometry)
    if viewer.live.app.config["ACTORS"] <= 30:
        assert len(geometry["boxes"]) == geometry["shown"], "a small network shows every name"
    else:
        viewer.evaluate(f"{PICTURE}.zoom(2.5)")
        settle(viewer)
        zoomed = viewer.evaluate(GEOMETRY)
        assert _overlapping(zoomed["boxes"]) == []
        # zoomed in, the actors still on screen keep their names (but for the odd one pushed
        # aside by a name that now fits) and many more of them are named
        width, height = zoomed["width"], zoomed["height"]
        on_screen = {node["id"] for node in zoomed["nodes"]
                     if 0 <= node["x"] <= width and 0 <= node["y"] <= height}
        named_before = on_screen & {box["id"] for box in geometry["boxes"]}
        named_after = on_screen & {box["id"] for box in zoomed["boxes"]}
        assert len(named_before - named_after) <= len(named_before) // 4
        assert len(named_after) >= min(len(on_screen), 1.5 * len(named_before))
        viewer.click("[data-net=fit]")
    _assert_grouped_readable(viewer)
    assert "group=community" in viewer.url
    assert_clean(viewer)


def test_the_address_restores_a_filtered_focused_view(viewer):
    focus = viewer.live.app.config["FOCUS_ACTOR"]
    open_network(viewer, f"?focus={focus}&colour=community&isolated=hide")
    name = viewer.evaluate(f"{PICTURE}.nodeById.get({focus}).label")
    expect(viewer.locator("[data-net=details] h2")).to_have_text(name)
    assert viewer.input_value("[data-net=colour]") == "community"
    assert viewer.is_checked("[data-net=hide-isolated]")
    shown = viewer.evaluate(f"[...{PICTURE}.shown.nodes]")
    partners = set(viewer.evaluate(f"{PICTURE}.partners.get({focus})"))
    assert focus in shown and set(shown) - {focus} <= partners
    geometry = viewer.evaluate(GEOMETRY)
    _assert_fits(geometry)  # focus fits the view
    assert _overlapping(geometry["boxes"]) == []

    viewer.select_option("[data-net=focus-depth]", "2")
    assert "depth=2" in viewer.url
    assert viewer.evaluate(f"{PICTURE}.shown.nodes.size") >= len(shown)
    _assert_fits(viewer.evaluate(GEOMETRY))
    viewer.go_back()
    expect(viewer.locator("[data-net=focus-depth]")).to_have_value("1")
    assert sorted(viewer.evaluate(f"[...{PICTURE}.shown.nodes]")) == sorted(shown)
    viewer.click("[data-net=focus-clear]")
    assert f"focus={focus}" not in viewer.url
    viewer.go_back()
    assert f"focus={focus}" in viewer.url
    assert viewer.evaluate(f"{PICTURE}.state.focus") == focus
    assert_clean(viewer)


def test_keyboard_selects_actors_and_opens_their_details(viewer):
    open_network(viewer)
    details = viewer.locator("[data-net=details]")
    assert details.is_hidden()
    viewer.focus("[data-net=canvas]")
    viewer.keyboard.press("ArrowRight")  # nothing selected yet: the most important actor
    first = viewer.evaluate(f"{PICTURE}.selected")
    name = viewer.evaluate(f"{PICTURE}.nodeById.get({first}).label")
    expect(details.locator("h2")).to_have_text(name)
    assert viewer.evaluate("document.activeElement.dataset.net") == "canvas"
    moved = None
    for key in ("ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp"):
        viewer.keyboard.press(key)
        if viewer.evaluate(f"{PICTURE}.selected") != first:
            moved = viewer.evaluate(f"{PICTURE}.selected")
            break
    assert moved is not None, "an arrow key moves to another actor"
    expect(details.locator("h2")).to_have_text(viewer.evaluate(f"{PICTURE}.nodeById.get({moved}).label"))
    viewer.keyboard.press("Enter")
    assert viewer.evaluate("document.activeElement.id") == "net-details-heading"
    viewer.focus("[data-net=actor-list] button")
    viewer.keyboard.press("Enter")
    listed = viewer.inner_text("[data-net=actor-list] button >> nth=0")
    expect(details.locator("h2")).to_have_text(listed)
    assert_accessible(viewer)  # with the details open
    assert_clean(viewer)


def test_on_a_phone_the_picture_comes_first(viewer):
    """At 390 px the controls fold away behind one button, so the picture starts on the first
    screen; nothing is wider than the screen; names fit as at 1366 px."""
    viewer.set_viewport_size({"width": 390, "height": 844})
    open_network(viewer)
    assert viewer.locator("[data-net=canvas]").bounding_box()["y"] < 844 / 2
    assert viewer.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    toggle = viewer.get_by_role("button", name="Filter und Ansicht")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(viewer.locator("[data-net=group]")).to_be_hidden()
    geometry = viewer.evaluate(GEOMETRY)
    assert geometry["boxes"] and _overlapping(geometry["boxes"]) == []
    _assert_fits(geometry)
    assert_accessible(viewer)

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    _assert_grouped_readable(viewer)
    assert viewer.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_accessible(viewer)

    # a tap on an actor brings its details (below the picture) into view
    viewer.locator("[data-net=canvas]").scroll_into_view_if_needed()
    point = viewer.evaluate(f"""() => {{
        const picture = {PICTURE};
        const id = picture.order.find((candidate) => picture.shown.nodes.has(candidate));
        picture.network.focus(id, {{scale: 2, animation: false}});  // big enough to hit
        const dom = picture.network.canvasToDOM(picture.network.getPositions([id])[id]);
        const box = picture.part('canvas').getBoundingClientRect();
        return {{id, x: box.left + dom.x, y: box.top + dom.y}};
    }}""")
    viewer.mouse.click(point["x"], point["y"])
    heading = viewer.locator("[data-net=details] h2")
    expect(heading).to_have_text(viewer.evaluate(f"{PICTURE}.nodeById.get({point['id']}).label"))
    expect(heading).to_be_in_viewport()
    assert_clean(viewer)


def test_no_accessibility_violation_in_any_view(viewer):
    open_network(viewer)
    assert_accessible(viewer)
    viewer.select_option("[data-net=view]", "bipartite")
    settle(viewer)
    labels = viewer.evaluate(f"{PICTURE}.drawnLabels.map((label) => label.id)")
    commitments = [label for label in labels if isinstance(label, str)]
    assert commitments, "the commitments are named in the bipartite view"
    names = viewer.evaluate(f"{PICTURE}.drawnLabels.filter((l) => typeof l.id === 'string')"
                            f".map((l) => {PICTURE}.measured.get(l.id).lines.join(' '))")
    assert all(name.split(" ", 1)[0].isdigit() for name in names)  # "1 Gesamtstrategie"
    viewer.click("#net-tab-table")
    viewer.wait_for_selector("[data-net=node-table] tbody tr")
    table = viewer.inner_text("[data-net=node-table] tbody")
    assert "Rang" in table or "keine" in table  # the broker role in words
    assert_accessible(viewer)
    assert_clean(viewer)

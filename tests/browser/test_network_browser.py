"""The network picture in Chromium: offline, no errors, hostile names stay text, controls work."""
import re
from datetime import date, timedelta

import pytest

from tests.browser.conftest import assert_clean, login
from tests.factories import make_actor, make_contribution, make_cooperation

expect = pytest.importorskip("playwright.sync_api",
                             reason="playwright is not installed (requirements-dev.txt)").expect

pytestmark = pytest.mark.browser

XSS_NAME = "<img src=x onerror=alert(1)>"
HREF_NAME = 'Treff <a href="javascript:alert(2)">hier</a>'
READY = "[data-network][data-state=ready]"


@pytest.fixture
def commune(live_app):
    """Six actors: a Jobcenter hub tied to a school, a welfare office and both hostile names; a
    dormant association; an actor without partners."""
    with live_app.context():
        hub = make_actor("Jobcenter Teststadt", "jobcenter")
        school = make_actor("Grundschule Nord", "school")
        welfare = make_actor("Caritas Beratung", "welfare")
        evil = make_actor(XSS_NAME, migrant_led=True)
        href = make_actor(HREF_NAME)
        dormant = make_actor("Ruhender Verein", status="dormant")
        loner = make_actor("Einzelkämpfer e. V.")
        make_cooperation(hub, school, "referral", start_date=date(2021, 3, 1))
        make_cooperation(hub, welfare, "agreement")
        make_cooperation(hub, evil, "informal")
        make_cooperation(evil, href, "project_partnership")
        make_cooperation(dormant, school, "informal")
        make_cooperation(welfare, school, "funding", start_date=date(2018, 1, 1),
                         end_date=date.today() - timedelta(days=10))
        make_contribution("Sprachcafé", evil, 4, partners=[hub])
        return {name: actor.id for name, actor in (("hub", hub), ("school", school), ("welfare", welfare),
                                                   ("evil", evil), ("href", href), ("dormant", dormant),
                                                   ("loner", loner))}


def open_network(page, path="/network/"):
    page.goto(page.base_url + path)
    page.wait_for_selector(READY, timeout=20000)


def visible_count(page):
    return int(page.get_attribute("[data-network]", "data-visible-nodes"))


def drawn_count(page):
    """Nodes vis-network actually has on the canvas."""
    return page.evaluate("document.querySelector('[data-network]').networkPicture.network.body.nodeIndices.length")


def node_point(page, actor_id):
    """Page coordinates of a node's centre."""
    return page.evaluate("""(id) => {
        const picture = document.querySelector('[data-network]').networkPicture;
        const dom = picture.network.canvasToDOM(picture.network.getPositions([id])[id]);
        const box = picture.part('canvas').getBoundingClientRect();
        return {x: box.left + dom.x, y: box.top + dom.y};
    }""", actor_id)


def focus_on(page, actor_id):
    """Zoom onto a node so it is big enough to hit with the mouse."""
    page.evaluate("""(id) => {
        const network = document.querySelector('[data-network]').networkPicture.network;
        network.focus(id, {scale: 1.5, animation: false});
    }""", actor_id)


def test_graph_renders_offline_without_errors(page, commune):
    login(page)
    open_network(page)
    assert page.locator("[data-net=canvas] canvas").count() == 1
    # active only (the default): the dormant association is hidden
    assert visible_count(page) == drawn_count(page) == 6
    assert "Angezeigt: 6 von 7 Akteuren, 4 Verbindungen" in page.inner_text("[data-net=status]")
    assert "Arbeitsmarkt und Wirtschaft (1)" in page.inner_text("[data-net=legend]")  # the Jobcenter's family
    page.goto(page.base_url + f"/actors/{commune['hub']}")
    page.wait_for_selector(READY, timeout=20000)
    assert visible_count(page) == 4  # the hub and its three current partners
    page.select_option("[data-net=depth]", "2")
    expect(page.locator("[data-network]")).to_have_attribute("data-visible-nodes", "6")
    expect(page.locator("[data-network]")).to_have_attribute("data-state", "ready")
    assert_clean(page)


def test_hostile_names_stay_text_everywhere(page, commune):
    login(page, "viewer")
    open_network(page)
    picture = "document.querySelector('[data-network]').networkPicture"
    assert page.evaluate(f"{picture}.nodeById.get({commune['evil']}).label") == XSS_NAME
    assert commune["evil"] in page.evaluate(f"{picture}.drawnLabels.map((label) => label.id)")  # on the canvas

    focus_on(page, commune["evil"])
    point = node_point(page, commune["evil"])
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("[data-net=tooltip]")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().splitlines()[0] == XSS_NAME
    assert tooltip.locator("*").count() == 0  # text only
    edge = page.evaluate("""(ids) => {
        // a point on the edge that is not covered by either node
        const picture = document.querySelector('[data-network]').networkPicture;
        const network = picture.network;
        const positions = network.getPositions(ids);
        const [a, b] = [positions[ids[0]], positions[ids[1]]];
        network.moveTo({position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}, scale: 3, animation: false});
        const box = picture.part('canvas').getBoundingClientRect();
        for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65]) {
            const dom = network.canvasToDOM({x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t});
            if (network.getNodeAt(dom) === undefined && network.getEdgeAt(dom) !== undefined) {
                return {x: box.left + dom.x, y: box.top + dom.y};
            }
        }
        return null;
    }""", [commune["evil"], commune["href"]])
    page.mouse.move(edge["x"], edge["y"])
    expect(tooltip).to_contain_text("Projektpartnerschaft")
    assert tooltip.inner_text().splitlines()[0] in (f"{XSS_NAME} – {HREF_NAME}", f"{HREF_NAME} – {XSS_NAME}")
    assert tooltip.locator("*").count() == 0

    page.fill("[data-net=search]", "onerror")
    results = page.locator("[data-net=results] button")
    assert results.count() == 1 and results.first.inner_text().startswith(XSS_NAME)
    page.fill("[data-net=search]", "href")
    results.first.click()
    assert page.inner_text("[data-net=details] h2") == HREF_NAME

    page.click("#net-tab-table")
    page.wait_for_selector("[data-net=node-table] tbody tr")
    names = page.locator("[data-net=node-table] tbody td:first-child a").all_inner_texts()
    assert XSS_NAME in names and HREF_NAME in names
    edges = page.locator("[data-net=edge-table] tbody").inner_text()
    assert XSS_NAME in edges and HREF_NAME in edges

    assert page.locator("img[src=x], a[href^='javascript']").count() == 0
    page.wait_for_timeout(300)
    assert_clean(page)  # no dialog fired


def test_filters_change_the_visible_nodes(page, commune):
    login(page)
    open_network(page)
    assert visible_count(page) == 6
    page.uncheck("[data-net=active-only]")
    assert visible_count(page) == drawn_count(page) == 7
    page.check("[data-net=hide-isolated]")
    assert visible_count(page) == drawn_count(page) == 6  # the actor without partners goes
    page.select_option("[data-net=filter-kind]", "referral")
    assert visible_count(page) == drawn_count(page) == 2
    page.click("[data-net=filter-reset]")
    assert visible_count(page) == 6
    page.select_option("[data-net=filter-commitment]", "4")
    assert visible_count(page) == drawn_count(page) == 2  # the Sprachcafé's lead and partner
    page.select_option("[data-net=filter-commitment]", "")
    page.select_option("[data-net=filter-type]", label="Schule")
    assert visible_count(page) == 1
    page.click("[data-net=filter-reset]")

    page.fill("[data-net=search]", "Grundschule")
    page.press("[data-net=search]", "Enter")
    page.click("[data-net=details-focus]")
    assert visible_count(page) == 2  # the school and its current partner
    page.select_option("[data-net=focus-depth]", "2")
    assert visible_count(page) == 4  # and the hub's other partners
    page.click("[data-net=focus-clear]")
    assert visible_count(page) == 6

    page.select_option("[data-net=view]", "bipartite")
    assert page.evaluate("document.querySelector('[data-network]').networkPicture.shown.nodes.has('c:4')")
    assert visible_count(page) == 2  # actors with an active contribution
    page.check("[data-net=hl-articulation]")
    assert "roter Rand" in page.inner_text("[data-net=legend]")
    assert_clean(page)


def test_click_shows_the_actor_and_links_its_page(page, commune):
    login(page, "viewer")
    open_network(page)
    focus_on(page, commune["school"])
    point = node_point(page, commune["school"])
    page.mouse.click(point["x"], point["y"])
    details = page.locator("[data-net=details]")
    expect(details.locator("h2")).to_have_text("Grundschule Nord")
    assert "ohne Verbindung" not in details.inner_text()
    partners = details.locator(".network-partners button").all_inner_texts()
    assert partners == ["Jobcenter Teststadt", "Ruhender Verein"]  # current partners only
    with page.expect_navigation():
        details.get_by_role("link", name="Akteursseite öffnen").click()
    assert page.url.endswith(f"/actors/{commune['school']}")
    assert_clean(page)


def test_saved_positions_survive_reload(page, commune):
    login(page)
    open_network(page)
    focus_on(page, commune["loner"])
    start = node_point(page, commune["loner"])
    page.mouse.move(start["x"], start["y"])
    page.mouse.down()
    page.mouse.move(start["x"] + 120, start["y"] + 80, steps=12)
    page.mouse.up()
    picture = "document.querySelector('[data-network]').networkPicture"
    moved = page.evaluate(f"{picture}.network.getPositions([{commune['loner']}])[{commune['loner']}]")
    page.wait_for_selector("[data-net=save]:not([disabled])")
    page.click("[data-net=save]")
    # (wait_for_function would need eval, which the CSP forbids; locator assertions do not)
    expect(page.locator("[data-net=save-status]")).to_contain_text("Anordnung gespeichert (1 Akteur).")
    page.reload()
    page.wait_for_selector(READY, timeout=20000)
    node = page.evaluate(f"{picture}.nodeById.get({commune['loner']})")
    assert node["x"] == pytest.approx(moved["x"], abs=0.1) and node["y"] == pytest.approx(moved["y"], abs=0.1)
    assert node["pinned"] is True
    assert_clean(page)


def exported_picture(page, file_format: str):
    """The download of the network picture as `file_format` ("png", "svg"), asked for by a viewer."""
    login(page, "viewer")
    open_network(page)
    page.click("summary:has-text('Export')")
    with page.expect_download() as download:
        page.click(f"[data-net={file_format}]")
    return download.value


def test_png_export_downloads_the_current_view(page, commune):
    download = exported_picture(page, "png")
    with open(download.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert re.fullmatch(r"netzwerk-\d{4}-\d\d-\d\d\.png", download.suggested_filename)
    assert_clean(page)


def test_svg_export_is_titled_with_the_commune_and_the_page(page, commune):
    with open(exported_picture(page, "svg").path(), encoding="utf-8") as file:
        svg = file.read()
    assert "Netzwerk der Akteure" in svg
    assert "Hilfe" not in svg  # the heading's help link is no part of the picture's title
    assert_clean(page)


def test_controls_are_reachable_by_keyboard(page, commune):
    login(page, "viewer")
    open_network(page)
    page.focus("#net-view")
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.dataset.net || ''"))
    assert {"net-group", "net-colour", "net-size", "net-filter-type"} <= set(reached)
    page.focus("#net-search")
    page.keyboard.type("Caritas")
    page.keyboard.press("Enter")
    assert page.inner_text("[data-net=details] h2") == "Caritas Beratung"
    assert_clean(page)


def test_actor_page_link_opens_the_network_focused_on_the_actor(page, commune):
    login(page, "viewer")
    page.goto(page.base_url + f"/actors/{commune['school']}")
    page.wait_for_selector(READY, timeout=20000)
    with page.expect_navigation():
        page.click("text=Im Gesamtnetz zeigen")
    page.wait_for_selector(READY, timeout=20000)
    assert visible_count(page) == 2  # the school and its current partner
    assert page.inner_text("[data-net=details] h2") == "Grundschule Nord"
    page.click("[data-net=focus-clear]")
    assert visible_count(page) == 6
    assert_clean(page)


def test_the_stichtag_field_keeps_the_filters_and_asks_for_that_day(page, commune):
    login(page, "viewer")
    open_network(page)
    page.select_option("[data-net=filter-commitment]", "4")
    day = date.today() - timedelta(days=1)  # the actors were entered today: none existed then
    page.fill("#net-date", day.isoformat())
    with page.expect_navigation():
        page.click("[data-net=stichtag] button[type=submit]")
    page.wait_for_selector(READY, timeout=20000)
    assert f"commitment=4&date={day.isoformat()}" in page.url
    assert page.input_value("[data-net=filter-commitment]") == "4"
    assert page.inner_text("[data-net=as-of]") == f"Stand: {day:%d.%m.%Y} (Stichtag)"
    assert page.evaluate("document.querySelector('[data-network]').networkPicture.data.today") \
        == day.isoformat()
    assert visible_count(page) == 0
    assert_clean(page)

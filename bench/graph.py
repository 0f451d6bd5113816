"""The network picture in headless Chromium: time from navigation to a drawn, idle graph.

For generated communes of 200, 2,000 and 5,000 actors (coordination.analysis.synthetic, about
2.5 cooperations per actor, written into a throw-away SQLite database with bench/pages.py's
`build_database`) three pages are timed side by side in the same Chromium:

* app    – Integrationsnetz's /network page, served by the app (werkzeug, in a thread), signed
           in as a coordinator, positions already stored. Time = performance mark
           "network-drawn" (the first `afterDrawing` after the data are set; physics is off,
           so drawn is idle), measured from navigation start.
* floor  – a bare vis-network page (no Bootstrap, no app, no filters, no tooltips) with the
           same nodes, edges, labels and positions and physics off, served as static files
           with the caching headers of the app's static files; its JSON is fetched like the
           app's. The least any page with this library can take.
* pyvis  – pyvis's default `Network().write_html()` of the same network (no positions,
           pyvis's default physics and smooth edges). Its template loads vis-network and
           Bootstrap from CDNs: the vis-network requests are answered with the identical
           vis-network 9.1.2 bundled in pyvis, Bootstrap's are aborted, so only the local work
           is measured. Time = vis-network's "stabilized" event (the layout stops moving),
           capped at --pyvis-timeout seconds.

The first request of the app's JSON computes and stores the layout; its time is printed as
"first layout". Sizes: the app's JSON as sent (gzip) and as text; the page's HTML.
Targets: app <= 0.5 s at 200, <= 1.5 s at 2,000 and <= 3 s at 5,000 actors, within 1.5x of the
floor, and at least 10x faster than pyvis's default at 200 actors.

App and floor are timed with the browser's cache on, as a coordinator meets the page (the app's
static files are versioned and cached for a year, the floor's revalidated on every visit), and
with the cache off (a first visit), which is printed for information. Requests are watched, not
intercepted: interception would turn the browser's cache off. Chromium resolves no host but
127.0.0.1, and any request for another host is listed as unexpected.

    .venv/bin/python bench/graph.py [--sizes 200 2000 5000] [--repeat 5] [--pyvis-timeout 60]
        [--pyvis-sizes 200]   run pyvis's default only at these sizes (it needs minutes beyond
                              1,000 actors and is cut off at --pyvis-timeout)

App and floor are visited alternately, five times each after a warm-up; the table gives the
median (the single runs are listed below it). The machine's load moves all figures a lot on a
2-core machine: compare app and floor of the same run.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import importlib.util
import json
import logging
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from flask_migrate import upgrade  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from coordination.extensions import db  # noqa: E402
from coordination.factory import create_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
VIEWPORT = {"width": 1400, "height": 1000}
VIS_DIR = PROJECT_ROOT / "static" / "vendor" / "vis-network"
PYVIS_TIMEOUT_DEFAULT = 60
TARGETS = {200: 0.5, 2000: 1.5, 5000: 3.0}
FLOOR_RATIO = 1.5
PYVIS_RATIO = 10
CORS = {"Access-Control-Allow-Origin": "*"}  # the template loads the CDN files with crossorigin

FLOOR_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>floor</title>
<style>#graph { width: 100%; height: 720px; border: 1px solid #ccc; }</style>
</head><body><div id="graph"></div>
<script src="vis-network.min.js"></script>
<script>
fetch("data.json").then((r) => r.json()).then((data) => {
  const network = new vis.Network(document.getElementById("graph"),
    {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)},
    {physics: {enabled: false}, layout: {improvedLayout: false}, edges: {smooth: false},
     interaction: {hideEdgesOnDrag: true, hideEdgesOnZoom: true}});
  network.once("afterDrawing", () => performance.mark("network-drawn"));
});
</script></body></html>
"""

# pyvis declares `var network;` and assigns it once: catch the assignment to listen for the
# end of the physics simulation.
PYVIS_HOOK = """
(() => {
  let value;
  Object.defineProperty(window, "network", {configurable: true, get: () => value, set: (network) => {
    value = network;
    network.once("afterDrawing", () => performance.mark("first-drawn"));
    network.once("stabilized", () => performance.mark("network-idle"));
  }});
})();
"""


def load_pages_module():
    """bench/pages.py's database builder (the same synthetic commune, bulk-inserted)."""
    spec = importlib.util.spec_from_file_location("bench_pages", PROJECT_ROOT / "bench" / "pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the caching headers Flask gives the app's static files (revalidated
    on every visit), so floor and app are served alike."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


class ServerProcess:
    """A server running in a child process of its own. In this process it would share the
    interpreter lock with the Playwright client, which handles several protocol events for
    every request a page makes: a page with more files would then wait longer for its JSON for
    a reason no real server has."""

    def __init__(self, server):
        self.server_port = server.server_port
        self.process = multiprocessing.get_context("fork").Process(target=server.serve_forever,
                                                                   daemon=True)
        self.process.start()
        server.socket.close()  # the child serves on its own copy of the socket

    def shutdown(self):
        self.process.terminate()
        self.process.join()


def serve_folder(folder: Path) -> ServerProcess:
    handler = functools.partial(QuietHandler, directory=str(folder))
    return ServerProcess(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler))


def serve_app(app) -> ServerProcess:
    with app.app_context():
        db.engine.dispose()  # no connection shared with the child
    return ServerProcess(make_server("127.0.0.1", 0, app, threaded=True))


def mark_time(page, name: str) -> float | None:
    """Seconds from navigation start to the performance mark `name` (None if not reached)."""
    value = page.evaluate(f"(performance.getEntriesByName({json.dumps(name)})[0] || {{}}).startTime")
    return None if value is None else value / 1000


def timed_visit(page, url: str, mark: str, timeout: float) -> float | None:
    page.goto(url, wait_until="commit")
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = mark_time(page, mark)
        if value is not None:
            return value
        page.wait_for_timeout(50)
    return None


def build_commune(folder: Path, actors: int, pages_module):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                      "SECRET_KEY": "benchmark", "WTF_CSRF_ENABLED": False,
                      "PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_COST": 8})
    with app.app_context():

        logging.disable(logging.INFO)
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        pages_module.build_database(actors, round(actors * 2.5))
        logging.disable(logging.NOTSET)
        db.session.remove()
    return app


def app_payload(app, password: str) -> tuple[dict, int, int, float]:
    """The network JSON (computing and storing the layout), its sizes, and that first time."""
    client = app.test_client()
    client.post("/login", data={"username": "coord", "password": password})
    started = time.perf_counter()
    response = client.get("/network/data.json")
    first = time.perf_counter() - started
    body = response.get_data()
    return json.loads(body), len(body), len(gzip.compress(body, compresslevel=5)), first


def write_floor(folder: Path, payload: dict) -> None:
    folder.mkdir()
    (folder / "vis-network.min.js").write_bytes((VIS_DIR / "vis-network.min.js").read_bytes())
    (folder / "floor.html").write_text(FLOOR_HTML)
    (folder / "data.json").write_text(json.dumps({
        "nodes": [{"id": n["id"], "label": n["label"], "x": n["x"], "y": n["y"]} for n in payload["nodes"]],
        "edges": [{"id": e["id"], "from": e["from"], "to": e["to"]} for e in payload["edges"]],
    }))


def write_pyvis(folder: Path, payload: dict) -> None:
    """pyvis's default output. Nodes and edges are filled in as add_node/add_edge would (those
    are quadratic: 0.7 s at 2,000 actors, see docs/performance.md)."""

    folder.mkdir()
    net = Network()
    for node in payload["nodes"]:
        net.nodes.append(Node(node["id"], "dot", label=node["label"], color="#97c2fc",
                              font_color=net.font_color, title=node["label"]).options)
        net.node_ids.append(node["id"])
    for edge in payload["edges"]:
        net.edges.append(Edge(edge["from"], edge["to"]).options)
    cwd = os.getcwd()
    os.chdir(folder)  # write_html copies its lib/ folder into the working directory
    try:
        net.write_html("pyvis.html")
    finally:
        os.chdir(cwd)
    # The vis-network 9.1.2 bundled in pyvis is another build than the CDN's file the template
    # pins with a subresource-integrity hash: drop that one hash so the bundled copy may run.
    html = (folder / "pyvis.html").read_text()
    html, count = re.subn(r'(<script src="[^"]*vis-network\.min\.js") integrity="[^"]*"', r"\1", html)
    if count != 1:
        raise SystemExit("pyvis template changed: vis-network script tag not found")
    (folder / "pyvis.html").write_text(html)


def route_pyvis_cdn(context, blocked: list) -> None:
    bundled = Path(__import__("pyvis").__file__).parent / "templates" / "lib" / "vis-9.1.2"

    def handle(route):
        url = route.request.url
        if url.startswith("http://127.0.0.1"):
            route.continue_()
        elif "vis-network" in url and url.endswith(".js"):
            route.fulfill(body=(bundled / "vis-network.min.js").read_bytes(), headers=CORS,
                          content_type="application/javascript")
        elif "vis-network" in url and url.endswith(".css"):
            route.fulfill(body=(bundled / "vis-network.css").read_bytes(), headers=CORS,
                          content_type="text/css")
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", handle)


def watch_external(context, seen: list) -> None:
    """Note every request that would leave the host. Only noted, not intercepted: Playwright's
    request interception (context.route) turns the browser's HTTP cache off, and the app's
    static files are meant to come from that cache on every visit after the first. Chromium's
    host resolver (CHROMIUM_ARGS) lets no such request reach another host."""
    context.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
               else seen.append(request.url))


def cold_visit(page, url: str, mark: str, timeout: float) -> float | None:
    """A visit with the browser's cache off (a first visit: every file fetched)."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    try:
        return timed_visit(page, url, mark, timeout)
    finally:
        session.send("Network.setCacheDisabled", {"cacheDisabled": False})
        session.detach()


TIMINGS = "document.querySelector('[data-network]').networkPicture.timings"


def measure_interaction(page, url: str, repeat: int) -> dict:
    """Milliseconds of the script's own work on the app page, `repeat` times each: placing the
    names of one frame (after a redraw), and switching to the grouped layout by community
    (the cluster layout alone, and the whole update: filters, layout, fit, panels)."""
    page.goto(url)
    page.wait_for_selector("[data-network][data-state=ready]", timeout=60000)
    labels, clusters, grouped = [], [], []
    for _ in range(repeat):
        page.evaluate("document.querySelector('[data-network]').networkPicture.network.redraw()")
        page.wait_for_timeout(150)
        labels.append(page.evaluate(f"{TIMINGS}.labels"))
    for _ in range(repeat):
        page.select_option("[data-net=group]", "community")
        page.wait_for_timeout(150)
        clusters.append(page.evaluate(f"{TIMINGS}.clusters"))
        grouped.append(page.evaluate(f"{TIMINGS}.render"))
        page.select_option("[data-net=group]", "")
        page.wait_for_timeout(150)
    return {"labels_ms": labels, "clusters_ms": clusters, "grouped_ms": grouped}


def measure_size(browser, actors: int, options, pages_module) -> dict:
    result = {"actors": actors}
    with tempfile.TemporaryDirectory(prefix="integrationsnetz-graph-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        app = build_commune(folder, actors, pages_module)
        result["built"] = time.perf_counter() - started
        payload, raw, compressed, first = app_payload(app, pages_module.PASSWORD)
        result.update(nodes=len(payload["nodes"]), edges=len(payload["edges"]), json_raw=raw,
                      json_gzip=compressed, first_layout=first)
        write_floor(folder / "floor", payload)
        write_pyvis(folder / "pyvis", payload)
        app_server, static_server = serve_app(app), serve_folder(folder)
        app_url = f"http://127.0.0.1:{app_server.server_port}"
        static_url = f"http://127.0.0.1:{static_server.server_port}"
        blocked: list[str] = []
        try:
            context = browser.new_context(viewport=VIEWPORT)
            watch_external(context, blocked)
            page = context.new_page()
            page.goto(app_url + "/login")
            page.fill("#username", "coord")
            page.fill("#password", pages_module.PASSWORD)
            with page.expect_navigation():
                page.click("button[type=submit]")
            result["html"] = len(context.request.get(app_url + "/network/").body())
            app_page, floor_page = app_url + "/network/", static_url + "/floor/floor.html"
            timed_visit(page, app_page, "network-drawn", 60)  # warm-up (caches)
            timed_visit(page, floor_page, "network-drawn", 60)
            for key in ("app", "floor", "app_cold", "floor_cold"):
                result[key] = []
            for _ in range(options.repeat):  # interleaved, so both see the same machine load
                result["app"].append(timed_visit(page, app_page, "network-drawn", 60))
                result["floor"].append(timed_visit(page, floor_page, "network-drawn", 60))
                result["app_cold"].append(cold_visit(page, app_page, "network-drawn", 60))
                result["floor_cold"].append(cold_visit(page, floor_page, "network-drawn", 60))
            result.update(measure_interaction(page, app_page, options.repeat))
            context.close()

            if actors in options.pyvis_sizes:
                context = browser.new_context(viewport=VIEWPORT)
                pyvis_blocked: list[str] = []
                route_pyvis_cdn(context, pyvis_blocked)
                context.add_init_script(PYVIS_HOOK)
                page = context.new_page()
                result["pyvis"] = timed_visit(page, static_url + "/pyvis/pyvis.html", "network-idle",
                                              options.pyvis_timeout)
                result["pyvis_first"] = mark_time(page, "first-drawn")
                result["pyvis_blocked"] = sorted({url.split("/")[2] for url in pyvis_blocked})
                context.close()
        finally:
            app_server.shutdown()
            static_server.shutdown()
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        result["blocked"] = blocked
    return result


def seconds(value: float | None, timeout: float | None = None) -> str:
    if value is None:
        return f"> {timeout:.0f} s" if timeout else "–"
    return f"{value:.2f} s"


def report(results: list[dict], options) -> bool:
    print(f"\n{'actors':>7} {'edges':>6} {'first layout':>12} {'JSON gzip/raw':>15} "
          f"{'app':>8} {'floor':>8} {'app/floor':>9} {'pyvis idle':>11} {'pyvis/app':>9}")
    print("-" * 96)
    ok = True
    verdicts = []
    for r in results:
        app = statistics.median(r["app"]) if None not in r["app"] else None
        floor = statistics.median(r["floor"]) if None not in r["floor"] else None
        ratio = app / floor if app and floor else None
        pyvis = r.get("pyvis")
        pyvis_text = seconds(pyvis, options.pyvis_timeout) if "pyvis" in r else "not run"
        speedup = (pyvis if pyvis is not None else options.pyvis_timeout) / app if app and "pyvis" in r else None
        speedup_text = (f"{'>' if pyvis is None else ''}{speedup:.0f}x" if speedup else "–")
        print(f"{r['actors']:>7,} {r['edges']:>6,} {seconds(r['first_layout']):>12} "
              f"{r['json_gzip'] / 1024:>6.0f}/{r['json_raw'] / 1024:>5.0f} KB "
              f"{seconds(app):>8} {seconds(floor):>8} {ratio or 0:>8.2f}x {pyvis_text:>11} {speedup_text:>9}")
        target = TARGETS.get(r["actors"])
        if target is not None:
            verdicts.append((f"app at {r['actors']:,} actors <= {target} s", app is not None and app <= target))
        verdicts.append((f"app within {FLOOR_RATIO}x of the floor at {r['actors']:,}",
                         ratio is not None and ratio <= FLOOR_RATIO))
        if r["actors"] == 200 and "pyvis" in r:
            verdicts.append((f"at least {PYVIS_RATIO}x faster than pyvis's default at 200",
                             speedup is not None and speedup >= PYVIS_RATIO))
    print("\nTimes: median of", options.repeat, "alternating navigations after a warm-up, from "
          "navigation start to the drawn graph (app, floor) or to vis-network's 'stabilized' (pyvis). "
          "App and floor come from the browser's cache as on every visit after the first (the floor "
          "revalidates its files, the app's versioned files are cached for a year); the same with "
          "an empty cache is listed per size.")
    for r in results:
        runs = ", ".join(seconds(value) for value in r["app"])
        floors = ", ".join(seconds(value) for value in r["floor"])
        print(f"  {r['actors']:>5,} actors: app {runs}; floor {floors}; page HTML "
              f"{r['html'] / 1024:.0f} KB; database built in {r['built']:.1f} s"
              + (f"; pyvis first drawn {seconds(r.get('pyvis_first'))}, aborted hosts "
                 f"{', '.join(r['pyvis_blocked']) or '–'}" if "pyvis" in r else ""))
        app_cold, floor_cold = (statistics.median(r[key]) if None not in r[key] else None
                                for key in ("app_cold", "floor_cold"))
        print(f"    empty cache (a first visit, every file fetched): app {seconds(app_cold)}, floor "
              f"{seconds(floor_cold)}"
              + (f", {app_cold / floor_cold:.2f}x" if app_cold and floor_cold else ""))
        if r["blocked"]:
            print(f"    UNEXPECTED external requests from app/floor: {r['blocked']}")
            ok = False
    print("\nThe script's own work on the app page (median of", options.repeat, "runs, ms):")
    for r in results:
        print(f"  {r['actors']:>5,} actors: names of one frame placed and drawn "
              f"{statistics.median(r['labels_ms']):.1f}; grouped by community: cluster layout "
              f"{statistics.median(r['clusters_ms']):.1f}, whole update (filters, layout, fit, "
              f"panels) {statistics.median(r['grouped_ms']):.1f}")
    print("'first layout': the first JSON request, which computes and stores every position "
          "(later requests read them).")
    print("vis-network.min.js (458 KB) is served from static/vendor and cached by the browser "
          "like Bootstrap.\n")
    for label, passed in verdicts:
        print(f"  {'ok    ' if passed else 'MISSED'} {label}")
        ok = ok and passed
    return ok


def main() -> int:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pyvis-timeout", type=float, default=PYVIS_TIMEOUT_DEFAULT)
    parser.add_argument("--pyvis-sizes", type=int, nargs="*", default=None,
                        help="sizes to run pyvis's default on (default: all; it needs minutes "
                             "beyond 1,000 actors and is cut off at --pyvis-timeout)")
    options = parser.parse_args()
    if options.pyvis_sizes is None:
        options.pyvis_sizes = options.sizes
    if not os.path.exists(CHROMIUM):
        print(f"No Chromium at {CHROMIUM}: install it with scripts/ensure-chromium.sh.")
        return 1

    pages_module = load_pages_module()
    print(f"Network picture benchmark: headless Chromium ({CHROMIUM}), viewport "
          f"{VIEWPORT['width']}x{VIEWPORT['height']}, load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs.")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for actors in options.sizes:
            print(f"  {actors:,} actors …", flush=True)
            results.append(measure_size(browser, actors, options, pages_module))
        browser.close()
    report(results, options)
    return 0  # figures, not a test: missed targets are printed, not an error for `make bench`


if __name__ == "__main__":
    sys.exit(main())

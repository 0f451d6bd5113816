"""Server processor time and database queries of one request of each kind of bench/load.py.

Sets up the same throw-away database as bench/load.py (the demo commune, a coordinator and a
viewer), creates the app as the production server does (CSRF on, not in testing mode) and sends
the load's requests through Flask's test client: the whole WSGI stack runs (cookie, server-side
session, Flask-Login, CSRF, the before-request hooks, Babel, templates, SQLAlchemy), only the
HTTP server and the network are left out. Per kind it prints the median processor time of
--requests requests, the Python function calls of one request (a measure of the work that other processes on the
machine do not inflate), the database queries of one request, and with --profile the functions with
the most cumulative time (cProfile over all requests of that kind).

The figures are processor time of this process: other processes on the machine inflate them
less than wall time, but they do (state the load average with them).

    .venv/bin/python bench/request_costs.py [--requests 50] [--profile [KIND]] [--postgres]
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import re
import runpy
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
SERVER_PROCESSES = runpy.run_path(str(PROJECT_ROOT / "gunicorn.conf.py"))["workers"]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sqlalchemy as sa  # noqa: E402
from load import (  # noqa: E402
    COORDINATOR_PACING,
    COORDINATORS,
    CSRF,
    PASSWORD,
    VIEWER_PACING,
    VIEWERS,
    FormFields,
    set_up,
)
from werkzeug.datastructures import MultiDict  # noqa: E402

from coordination.extensions import db  # noqa: E402
from coordination.factory import create_app  # noqa: E402


def signed_in_client(app, username: str):
    client = app.test_client()
    token = CSRF.search(client.get("/login").text).group(1)
    response = client.post("/login", data={"csrf_token": token, "username": username, "password": PASSWORD})
    assert response.status_code == 302, f"sign-in of {username} failed: {response.status_code}"
    return client


def kinds(actor_ids: list[int]) -> tuple[list, list[tuple[str, str, float, callable, callable]]]:
    """(name, user, share of bench/load.py's requests, prepare, send) for each kind of request
    of bench/load.py: prepare(client) runs untimed (a save's form, as the browser loaded it; an
    edit before the analysis) and returns what send(client, prepared) needs. The first item is
    a list to put the coordinator's client in, for the edits before the analysis."""
    own = actor_ids[::20]

    def edit_form(client):
        actor_id = own[0]
        parser = FormFields()
        parser.feed(client.get(f"/actors/{actor_id}/edit").text)
        data = [(name, value) for name, value in parser.fields if name != "description"]
        data.append(("description", f"Lastprobe {uuid.uuid4().hex}"))
        return actor_id, MultiDict(data)

    def new_form(client):
        page = client.get("/actors/new").text
        type_id = re.search(r'name="type_id"[^>]*>.*?<option value="(\d+)"', page, re.S).group(1)
        return {"csrf_token": CSRF.search(page).group(1), "name": f"Lastverein {uuid.uuid4().hex[:12]}",
                "type_id": type_id, "status": "active"}

    def nothing(_client):
        return None

    coordinator_client = []

    def after_an_edit(_client):
        """An edit by a coordinator first: in the load, every few requests are an edit, so the
        analysis (cached per data version) is computed anew for nearly every request that needs it."""
        client = coordinator_client[0]
        actor_id, form = edit_form(client)
        assert client.post(f"/actors/{actor_id}/edit", data=form).status_code == 302

    # Shares as bench/load.py's default pace sends them (at response times within the pace): a
    # coordinator's task is two requests (form, save), edits three times as often as creations;
    # a viewer's is one, weighted 3:3:1:1:2. Each write gives a new data version, which each
    # server process meets at its next analysis and network JSON: that share of them computes
    # the analysis anew, the rest is served from the process' cache.
    coordinator_rate, viewer_rate = 2 * COORDINATORS / COORDINATOR_PACING, VIEWERS / VIEWER_PACING
    coordinator = coordinator_rate / (coordinator_rate + viewer_rate)
    viewer = 1 - coordinator
    per_process = viewer_rate / 10 / SERVER_PROCESSES  # analysis (or network JSON) requests/s
    new = min(1.0, COORDINATORS / COORDINATOR_PACING / per_process)
    return coordinator_client, [
        ("actor list", "ansicht", viewer * 3 / 10, nothing, lambda client, _: client.get("/actors/?page=2")),
        ("actor page", "ansicht", viewer * 3 / 10, nothing,
         lambda client, _: client.get(f"/actors/{actor_ids[7]}")),
        ("analysis", "ansicht", viewer / 10 * (1 - new), nothing, lambda client, _: client.get("/analysis/")),
        ("network JSON", "ansicht", viewer / 10 * (1 - new), nothing,
         lambda client, _: client.get("/network/data.json")),
        ("analysis, new", "ansicht", viewer / 10 * new, after_an_edit,
         lambda client, _: client.get("/analysis/")),
        ("network JSON, new", "ansicht", viewer / 10 * new, after_an_edit,
         lambda client, _: client.get("/network/data.json")),
        ("API actors", "ansicht", viewer * 2 / 10, nothing,
         lambda client, _: client.get("/api/v1/actors?per_page=50")),
        ("edit form", "koordination1", coordinator * 3 / 8, nothing,
         lambda client, _: client.get(f"/actors/{own[0]}/edit")),
        ("save edit", "koordination1", coordinator * 3 / 8, edit_form,
         lambda client, form: client.post(f"/actors/{form[0]}/edit", data=form[1])),
        ("new form", "koordination1", coordinator / 8, nothing, lambda client, _: client.get("/actors/new")),
        ("save new", "koordination1", coordinator / 8, new_form,
         lambda client, data: client.post("/actors/new", data=data)),
        ("login page", "", 0, nothing, lambda client, _: client.get("/login")),
    ]


class QueryCounter:
    """Counts the statements sent to the database; keeps their text while `listing` is set."""

    def __init__(self):
        self.count = 0
        self.listing: list[str] | None = None

    def __call__(self, _connection, _cursor, statement, *_args, **_kwargs):
        self.count += 1
        if self.listing is not None:
            self.listing.append(" ".join(statement.split())[:160])


def python_calls(client, prepare, send, requests: int = 5) -> float:
    """Python function calls per request (cProfile's count): the work done, independent of
    what else runs on the machine."""
    profiler = cProfile.Profile()
    for _ in range(requests):
        prepared = prepare(client)
        profiler.enable()
        send(client, prepared)
        profiler.disable()
    return pstats.Stats(profiler).total_calls / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=50, help="requests per kind")
    parser.add_argument("--profile", nargs="?", const="", metavar="KIND",
                        help="cProfile each kind (or only the kinds whose name contains KIND)")
    parser.add_argument("--queries", action="store_true", help="list the statements of one request of each kind")
    parser.add_argument("--top", type=int, default=25, help="functions listed per profile")
    parser.add_argument("--postgres", action="store_true", help="use the PostgreSQL database of DATABASE_URL")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="integrationsnetz-bench-request-costs-"))
    database_url = os.environ["DATABASE_URL"] if args.postgres else f"sqlite:///{folder / 'requests.sqlite'}"
    actor_ids = set_up(database_url)
    os.environ["INSTANCE_PATH"] = str(folder / "instance")
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": uuid.uuid4().hex})
    gc.freeze()  # as app.py does in each server process
    counter = QueryCounter()
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", counter)
    clients = {user: signed_in_client(app, user) if user else app.test_client()
               for user in ("", "ansicht", "koordination1")}
    print(f"Datenbank: {'PostgreSQL' if args.postgres else 'SQLite'}; {len(actor_ids)} Akteure; "
          f"Last des Rechners (1 min): {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen")
    print(f"\n{'Art':<18} {'CPU ms (Median)':>15} {'Aufrufe':>8} {'Abfragen':>9} {'Anteil':>10}")
    mix = mix_calls = 0.0
    coordinator_client, requests = kinds(actor_ids)
    coordinator_client.append(clients["koordination1"])
    for name, user, share, prepare, send in requests:
        client = clients[user]
        for _ in range(3):  # warm-up: caches of the analysis, templates, translations
            assert send(client, prepare(client)).status_code in (200, 302), name
        prepared = prepare(client)
        counter.count, counter.listing = 0, [] if args.queries else None
        send(client, prepared)
        queries, listing, counter.listing = counter.count, counter.listing, None
        profiler = cProfile.Profile() if args.profile is not None and args.profile in name else None
        times = []
        for _ in range(args.requests):
            prepared = prepare(client)
            started = time.process_time()
            if profiler:
                profiler.enable()
            response = send(client, prepared)
            if profiler:
                profiler.disable()
            times.append(1000 * (time.process_time() - started))
            assert response.status_code in (200, 302), (name, response.status_code)
        median = statistics.median(times)
        calls = python_calls(client, prepare, send)
        mix += share * median
        mix_calls += share * calls
        print(f"{name:<18} {median:>15.2f} {calls:>8.0f} {queries:>9} {100 * share:>8.1f} %")
        for statement in listing or ():
            print(f"    {statement}")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())
    print(f"\nMischung wie in bench/load.py: {mix:.2f} ms und {mix_calls:,.0f} Python-Aufrufe je Anfrage "
          "(Ziel: deutlich unter 9 ms, da locust auf denselben Kernen läuft)")
    print(f"Last des Rechners (1 min) danach: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

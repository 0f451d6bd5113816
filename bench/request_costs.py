"""Server processor time and database queries of one request of each kind of bench/load.py.

Sets up the same throw-away database as bench/load.py (the demo commune, a coordinator and a
viewer), creates the app as the production server does (CSRF on, not in testing mode) and sends
the load's requests through Flask's test client: the whole WSGI stack runs (cookie, server-side
session, Flask-Login, CSRF, the before-request hooks, Babel, templates, SQLAlchemy), only the
HTTP server and the network are left out. Per kind it prints the median processor time of
--requests requests, the Python function calls of one request (a measure of the work that other processes on the
machine do not inflate), the database queries of one request, and with --profile the functions with
the most cumulative time (cProfile over all requests of that kind). A kind ending in ", new"
follows a write, so that nothing kept for the previous data version serves it.

Then it replays the load itself, as one of gunicorn's processes sees it (`load_mix`): the
requests in the load's proportions, random actors and list pages, and the writes of both
processes in between at the load's rate. The mean processor time per request of that replay is
the figure to compare with bench/load.py's server time per request.

The figures are processor time of this process: other processes on the machine inflate them
less than wall time, but they do (state the load average with them).

    .venv/bin/python bench/request_costs.py [--requests 50] [--mix 1500] [--profile [KIND]] [--postgres]
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
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
from coordination.factory import create_app, settle_server_process  # noqa: E402


def signed_in_client(app, username: str):
    client = app.test_client()
    token = CSRF.search(client.get("/login").text).group(1)
    response = client.post("/login", data={"csrf_token": token, "username": username, "password": PASSWORD})
    assert response.status_code == 302, f"sign-in of {username} failed: {response.status_code}"
    return client


def filled_edit_form(client, actor_id: int) -> MultiDict:
    """The actor's edit form as the browser loaded it, with a new description."""
    parser = FormFields()
    parser.feed(client.get(f"/actors/{actor_id}/edit").text)
    data = [(name, value) for name, value in parser.fields if name != "description"]
    data.append(("description", f"Lastprobe {uuid.uuid4().hex}"))
    return MultiDict(data)


def new_form(client) -> dict:
    """A new actor's form as the browser loaded it, filled in."""
    page = client.get("/actors/new").text
    type_id = re.search(r'name="type_id"[^>]*>.*?<option value="(\d+)"', page, re.S).group(1)
    return {"csrf_token": CSRF.search(page).group(1), "name": f"Lastverein {uuid.uuid4().hex[:12]}",
            "type_id": type_id, "status": "active"}


def kinds(actor_ids: list[int]) -> tuple[list, list[tuple[str, str, callable, callable]]]:
    """(name, user, prepare, send) for each kind of request of bench/load.py: prepare(client)
    runs untimed (a save's form, as the browser loaded it; a write before a read, so that the
    read finds nothing kept for the new data version) and returns what send(client, prepared)
    needs. The first item is a list to put the coordinator's client in, for those writes."""
    own = actor_ids[::20]

    def edit_form(client):
        return own[0], filled_edit_form(client, own[0])

    def nothing(_client):
        return None

    coordinator_client = []

    def after_an_edit(_client):
        """An edit by a coordinator first: the data version changes, so nothing kept for the
        old one (the analysis, rendered pages) serves the read."""
        client = coordinator_client[0]
        actor_id, form = edit_form(client)
        assert client.post(f"/actors/{actor_id}/edit", data=form).status_code == 302

    def get(url):
        return lambda client, _: client.get(url)

    return coordinator_client, [
        ("actor list", "ansicht", nothing, get("/actors/?page=2")),
        ("actor list, new", "ansicht", after_an_edit, get("/actors/?page=2")),
        ("actor page", "ansicht", nothing, get(f"/actors/{actor_ids[7]}")),
        ("actor page, new", "ansicht", after_an_edit, get(f"/actors/{actor_ids[7]}")),
        ("analysis", "ansicht", nothing, get("/analysis/")),
        ("analysis, new", "ansicht", after_an_edit, get("/analysis/")),
        ("network JSON", "ansicht", nothing, get("/network/data.json")),
        ("network JSON, new", "ansicht", after_an_edit, get("/network/data.json")),
        ("API actors", "ansicht", nothing, get("/api/v1/actors?per_page=50")),
        ("API actors, new", "ansicht", after_an_edit, get("/api/v1/actors?per_page=50")),
        ("edit form", "koordination1", nothing, get(f"/actors/{own[0]}/edit")),
        ("save edit", "koordination1", edit_form,
         lambda client, form: client.post(f"/actors/{form[0]}/edit", data=form[1])),
        ("new form", "koordination1", nothing, get("/actors/new")),
        ("save new", "koordination1", new_form, lambda client, data: client.post("/actors/new", data=data)),
        ("login page", "", nothing, get("/login")),
    ]


def load_mix(actor_ids: list[int], clients: dict, requests: int, seed: int = 1
             ) -> tuple[float, dict[str, list[float]]]:
    """The processor time per request of one server process under bench/load.py's default
    profile, replayed in order: (mean ms over all requests, ms per request by kind).

    The load's rates: a viewer sends one request every VIEWER_PACING seconds, weighted 3:3:1:1:2
    (actor list pages 1 to 3, any actor's page, the analysis, the network JSON, the API); a
    coordinator an edit (form and save) or a creation (form and save), 3:1, every
    COORDINATOR_PACING seconds. One of gunicorn's SERVER_PROCESSES processes gets its share of the
    requests but sees every write: the other processes' writes come in between, untimed, at
    their rate. Whatever is kept per data version (the analysis, rendered pages) serves the
    reads between two writes, as in the load."""
    generator = random.Random(seed)
    viewer_rate = VIEWERS / VIEWER_PACING
    task_rate = COORDINATORS / COORDINATOR_PACING
    viewer, coordinator, other = clients["ansicht"], clients["koordination1"], clients["koordination2"]
    own = actor_ids[::20]

    def edit(client):
        actor_id = generator.choice(own)
        return client.post(f"/actors/{actor_id}/edit", data=filled_edit_form(client, actor_id))

    def create(client):
        return client.post("/actors/new", data=new_form(client))

    viewer_kinds = [
        ("actor list", 3, lambda: viewer.get(f"/actors/?page={generator.randint(1, 3)}")),
        ("actor page", 3, lambda: viewer.get(f"/actors/{generator.choice(actor_ids)}")),
        ("analysis", 1, lambda: viewer.get("/analysis/")),
        ("network JSON", 1, lambda: viewer.get("/network/data.json")),
        ("API actors", 2, lambda: viewer.get("/api/v1/actors?per_page=50")),
    ]
    times: dict[str, list[float]] = {}
    task_share = task_rate / (task_rate + viewer_rate)  # of a process' tasks and viewer requests
    for _ in range(requests):
        if generator.random() < task_share:
            name, send = ("edit (form and save)", lambda: edit(coordinator)) if generator.random() < 0.75 \
                else ("creation (form and save)", lambda: create(coordinator))
            sent = 2  # form and save
        else:
            name, _weight, send = generator.choices(viewer_kinds, [kind[1] for kind in viewer_kinds])[0]
            sent = 1
        started = time.process_time()
        response = send()
        elapsed = 1000 * (time.process_time() - started)
        assert response.status_code in (200, 302), (name, response.status_code)
        times.setdefault(name, []).extend([elapsed / sent] * sent)
        for _process in range(SERVER_PROCESSES - 1):
            if generator.random() < task_share:
                (edit if generator.random() < 0.75 else create)(other)  # another process' write
    every = [value for values in times.values() for value in values]
    return statistics.fmean(every), times


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
    parser.add_argument("--mix", type=int, default=1500, help="requests of the replayed load")
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
    settle_server_process()  # as app.py does in each server process
    counter = QueryCounter()
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", counter)
    clients = {user: signed_in_client(app, user) if user else app.test_client()
               for user in ("", "ansicht", "koordination1", "koordination2")}
    print(f"Datenbank: {'PostgreSQL' if args.postgres else 'SQLite'}; {len(actor_ids)} Akteure; "
          f"Last des Rechners (1 min): {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen")
    print(f"\n{'Art':<18} {'CPU ms (Median)':>15} {'Aufrufe':>8} {'Abfragen':>9}")
    coordinator_client, requests = kinds(actor_ids)
    coordinator_client.append(clients["koordination1"])
    for name, user, prepare, send in requests:
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
        print(f"{name:<18} {median:>15.2f} {calls:>8.0f} {queries:>9}")
        for statement in listing or ():
            print(f"    {statement}")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())
    mean, by_kind = load_mix(actor_ids, clients, args.mix)
    print(f"\nDie Last von bench/load.py nachgespielt ({args.mix} Anfragen eines Serverprozesses, "
          "Schreibvorgänge beider Prozesse dazwischen):")
    print(f"{'Art':<26} {'Anfragen':>8} {'CPU ms (Mittel)':>16} {'Anteil':>7}")
    total = sum(len(values) for values in by_kind.values())
    for name, values in sorted(by_kind.items(), key=lambda item: -len(item[1])):
        print(f"{name:<26} {len(values):>8} {statistics.fmean(values):>16.2f} {100 * len(values) / total:>6.0f} %")
    print(f"\nMischung wie in bench/load.py: {mean:.2f} ms Rechenzeit je Anfrage "
          "(Ziel: deutlich unter 9 ms, da locust auf denselben Kernen läuft)")
    print(f"Last des Rechners (1 min) danach: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

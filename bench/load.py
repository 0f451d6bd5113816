"""Mixed load on the production server: 20 coordinators editing and creating, 50 viewers reading.

Sets up a throw-away database (SQLite file in a temporary folder, or the PostgreSQL database of
DATABASE_URL with --postgres, e.g. under scripts/with-postgres.sh) with the demo commune, 20
coordinator accounts and one viewer account, starts the server as the README's production
instructions say (`gunicorn -b 127.0.0.1:PORT app:app` in the project folder, so that it reads
gunicorn.conf.py; loopback only) and runs locust headless against it for --seconds (at most 60),
with locust's FastHttpUser (geventhttpclient): on the two cores it shares with the server, it
costs about half the processor time per request of locust's HttpUser (python-requests):

* coordinators (20): open an actor's edit form and save it with a new description (the form's
  version travels along), or create an actor; each works on its own actors, so a refused
  stale form would be a fault, not a race between users;
* viewers (50): the actor list, actor pages, the analysis, the network JSON, the API.

Each user starts a task at a constant pace (locust's constant_pacing; a coordinator's task is
two requests, the form and its saving). A coordinator starts one every --coordinator-pacing seconds
(default 6 s: a brisk person who opens a record and saves it every six seconds without pause;
20 of them write about 3.3 times a second), a viewer one every --viewer-pacing seconds (default
0.3 s), so the load offers about 173 requests/s as long as the server answers in time, and fewer
when it does not. Every write changes the data version, after which each server process
recomputes the analysis for the next analysis page or network JSON it serves; the write rate
therefore drives the cost of the reads. `--coordinator-pacing 0.55 --viewer-pacing 0.55` is the
stress profile of an earlier round (36 writes a second, each coordinator saving twice a second).

Prints requests/s, p50/p95/p99 per kind, errors, the CPU milliseconds per request (gunicorn
master and workers, from the process times; and locust's own; on a PostgreSQL of
scripts/with-postgres.sh also the database server's), each gunicorn process' share of
a core (a process with several threads computes on one core at a time: one process near 100 %
while another idles means the connections are unevenly spread over the processes), and lost
writes: every save the server acknowledged (302) is looked up in the database afterwards; an
edit is lost if the actor holds neither the last acknowledged description nor one sent after it
(a save on its way when the load stops), a creation if the actor is missing.

Target on 2 cores: 0 errors, 0 lost writes, at least 150 requests/s with p95 ≤ 250 ms. The
figures depend on what else runs on the machine: say so when quoting them.

    .venv/bin/python bench/load.py [--seconds 40] [--postgres] [--workers N] [--threads N]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COORDINATORS, VIEWERS = 20, 50
COORDINATOR_PACING, VIEWER_PACING = 6.0, 0.3  # seconds from one task's start to the next
PASSWORD = "last-probe-passwort"

# --- the simulated users (run by locust inside this process) -------------------------------------


class FormFields(HTMLParser):
    """The values a browser would submit for the first form with a `version` field."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.append((name, attributes.get("value", "y" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields.append((self._select, attributes.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def form_body(fields) -> bytes:
    """A form's fields (a dict, or pairs for repeated names) as a browser posts them; locust's
    FastHttpUser sends bytes as they are (it encodes only dicts itself, and pairs not at all)."""
    return urlencode(fields).encode()


def _user_classes(actor_ids: list[int], acknowledged_path: str, coordinator_pacing: float,
                  viewer_pacing: float):
    from locust import FastHttpUser, constant_pacing, task

    acknowledged = open(acknowledged_path, "a", buffering=1)  # one line per acknowledged save
    numbers = iter(range(1, COORDINATORS + 1))
    signed_in = []

    def sign_in(user, username: str) -> None:
        """Sign in, and check that the session cookie is sent back: without it every page would
        redirect to the sign-in page, which the client follows and counts as a success. The 50
        viewers share one account and one address, and the failed-login throttle counts the
        attempts still being checked: a refused one (429) tries again a moment later."""
        for _attempt in range(20):
            token = CSRF.search(user.client.get("/login", name="login").text).group(1)
            response = user.client.post("/login", data=form_body({"csrf_token": token, "username": username,
                                                                  "password": PASSWORD}),
                                        headers=FORM, name="login", allow_redirects=False)
            if response.status_code != 429:
                break
            time.sleep(0.5 + random.random())  # gevent's sleep (patched): the other users go on
        if response.status_code == 302 and user.client.get(
                "/actors/", name="login", allow_redirects=False).status_code == 200:
            signed_in.append(username)

    class Coordinator(FastHttpUser):
        weight = COORDINATORS
        fixed_count = COORDINATORS
        wait_time = constant_pacing(coordinator_pacing)

        def on_start(self):
            self.number = next(numbers)
            self.own = [actor_id for index, actor_id in enumerate(actor_ids)
                        if index % COORDINATORS == self.number - 1]
            sign_in(self, f"koordination{self.number}")

        @task(3)
        def edit(self):
            actor_id = random.choice(self.own)
            page = self.client.get(f"/actors/{actor_id}/edit", name="edit form")
            parser = FormFields()
            parser.feed(page.text)
            description = f"Lastprobe {uuid.uuid4().hex}"
            data = [(name, value) for name, value in parser.fields if name != "description"]
            data.append(("description", description))
            acknowledged.write(json.dumps({"sent": actor_id, "description": description}) + "\n")
            with self.client.post(f"/actors/{actor_id}/edit", data=form_body(data), headers=FORM,
                                  name="save edit", allow_redirects=False, catch_response=True) as response:
                if response.status_code == 302:
                    acknowledged.write(json.dumps({"edit": actor_id, "description": description}) + "\n")
                    response.success()
                else:
                    response.failure(f"save refused: {response.status_code}")

        @task(1)
        def create(self):
            page = self.client.get("/actors/new", name="new form")
            type_id = re.search(r'name="type_id"[^>]*>.*?<option value="(\d+)"', page.text, re.S).group(1)
            name = f"Lastverein {uuid.uuid4().hex[:12]}"
            data = {"csrf_token": CSRF.search(page.text).group(1), "name": name, "type_id": type_id,
                    "status": "active"}
            with self.client.post("/actors/new", data=form_body(data), headers=FORM, name="save new",
                                  allow_redirects=False, catch_response=True) as response:
                if response.status_code == 302:
                    acknowledged.write(json.dumps({"create": name}) + "\n")
                    response.success()
                else:
                    response.failure(f"create refused: {response.status_code}")

    class Viewer(FastHttpUser):
        weight = VIEWERS
        fixed_count = VIEWERS
        wait_time = constant_pacing(viewer_pacing)

        def on_start(self):
            sign_in(self, "ansicht")

        @task(3)
        def actor_list(self):
            self.client.get(f"/actors/?page={random.randint(1, 3)}", name="actor list")

        @task(3)
        def actor_page(self):
            self.client.get(f"/actors/{random.choice(actor_ids)}", name="actor page")

        @task(1)
        def analysis(self):
            self.client.get("/analysis/", name="analysis")

        @task(1)
        def network(self):
            self.client.get("/network/data.json", name="network JSON")

        @task(2)
        def api(self):
            self.client.get("/api/v1/actors?per_page=50", name="API actors")

    return Coordinator, Viewer, signed_in


# --- set-up, server, figures ---------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def set_up(database_url: str) -> list[int]:
    """Schema, demo commune, accounts; the ids of the actors the coordinators edit."""
    sys.path.insert(0, str(PROJECT_ROOT))
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from coordination.extensions import db
    from coordination.factory import create_app
    from coordination.models import Actor
    from coordination.services import accounts
    from coordination.services import commune as commune_service

    # cheap hashes for the bench accounts: each is checked once, at the sign-in
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "PASSWORD_HASH_TIME_COST": 1,
                      "PASSWORD_HASH_MEMORY_COST": 8})
    with app.app_context(), contextlib.redirect_stderr(io.StringIO()):  # Alembic's progress lines
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
    with app.app_context():
        commune_service.set_up(commune_name="Musterstadt", kind="stadt", admin_username="admin",
                               admin_password=PASSWORD, with_demo=True)
        for number in range(1, COORDINATORS + 1):
            accounts.create_user(f"koordination{number}", PASSWORD, "coordinator")
        accounts.create_user("ansicht", PASSWORD, "viewer")
        actor_ids = list(db.session.scalars(sa.select(Actor.id).order_by(Actor.id)))
        db.engine.dispose()
    return actor_ids


def lost_writes(database_url: str, acknowledged_path: Path) -> tuple[int, int]:
    """(acknowledged saves, lost ones), checked in the database.

    An actor must hold the last acknowledged description, or one sent after it: a save still on
    its way when the load stops may have been stored without its answer arriving."""
    import sqlalchemy as sa

    from coordination.extensions import db
    from coordination.factory import create_app
    from coordination.models import Actor

    sent: dict[int, list[str]] = {}  # per actor, the descriptions in the order they were sent
    last_acknowledged: dict[int, int] = {}  # per actor, the position of the last acknowledged one
    created, acknowledged = [], 0
    for line in acknowledged_path.read_text().splitlines():
        record = json.loads(line)
        if "sent" in record:
            sent.setdefault(record["sent"], []).append(record["description"])
        elif "edit" in record:
            last_acknowledged[record["edit"]] = sent[record["edit"]].index(record["description"])
            acknowledged += 1
        else:
            created.append(record["create"])
            acknowledged += 1
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        descriptions = dict(db.session.execute(sa.select(Actor.id, Actor.description).where(
            Actor.id.in_(list(last_acknowledged)))).all()) if last_acknowledged else {}
        names = set(db.session.scalars(sa.select(Actor.name).where(Actor.name.in_(created)))) if created else set()
        db.engine.dispose()
    lost = sum(1 for actor_id, position in last_acknowledged.items()
               if descriptions.get(actor_id) not in sent[actor_id][position:])
    lost += sum(1 for name in created if name not in names)
    return acknowledged, lost


def cpu_seconds(process) -> dict[int, float]:
    """Processor seconds of the gunicorn master and each worker, by process id."""
    import psutil

    seconds = {}
    for each in [process, *process.children(recursive=True)]:
        try:
            times = each.cpu_times()
            seconds[each.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return seconds


def database_server(database_url: str):
    """The PostgreSQL server process of a database on this machine reached by its socket folder
    (scripts/with-postgres.sh: `?host=/tmp/…`), to count its processor time too; None for SQLite or
    a server found no other way."""
    import psutil
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    folder = url.query.get("host") or url.host or ""
    if url.get_backend_name() != "postgresql" or not folder.startswith("/"):
        return None
    for process in psutil.process_iter(["cmdline"]):
        cmdline = process.info["cmdline"] or []
        if "-D" in cmdline and any(part.startswith(folder) for part in cmdline):
            return process
    return None


def run(seconds: int, database_url: str, folder: Path, coordinator_pacing: float,
        viewer_pacing: float, server_options: list[str]) -> None:
    import psutil

    started = time.perf_counter()
    actor_ids = set_up(database_url)
    port = _free_port()
    environment = dict(os.environ, DATABASE_URL=database_url, SECRET_KEY=uuid.uuid4().hex,
                       INSTANCE_PATH=str(folder / "instance"))
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", *server_options, "app:app"],
                              cwd=PROJECT_ROOT, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    host = f"http://127.0.0.1:{port}"
    try:
        import requests

        for _ in range(600):
            try:
                if requests.get(f"{host}/login", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        requests.get(f"{host}/login", timeout=30)  # both workers have imported the app
        print(f"Vorbereitung: {time.perf_counter() - started:.1f} s, {len(actor_ids)} Akteure (Demo-Kommune)")

        import gevent
        from locust.env import Environment

        acknowledged_path = folder / "acknowledged.jsonl"
        acknowledged_path.touch()
        coordinator, viewer, signed_in = _user_classes(actor_ids, str(acknowledged_path),
                                                       coordinator_pacing, viewer_pacing)
        environment_ = Environment(user_classes=[coordinator, viewer], host=host)
        runner = environment_.create_local_runner()
        gunicorn = psutil.Process(server.pid)
        database = database_server(database_url)
        runner.start(COORDINATORS + VIEWERS, spawn_rate=COORDINATORS + VIEWERS)
        deadline = time.monotonic() + 60
        while len(signed_in) < COORDINATORS + VIEWERS and time.monotonic() < deadline:
            gevent.sleep(0.5)  # the sign-ins are not part of the measured load
        if len(signed_in) < COORDINATORS + VIEWERS:
            problems = [f"{error.occurrences}× {error.method} {error.name}: {error.error}"
                        for error in environment_.stats.errors.values()]
            problems += [str(exception["msg"]) for exception in runner.exceptions.values()]
            raise SystemExit(f"Nur {len(signed_in)} von {COORDINATORS + VIEWERS} Anmeldungen gelungen. "
                             + "; ".join(problems))
        gevent.sleep(2)
        environment_.stats.reset_all()
        cpu_before, client_before = cpu_seconds(gunicorn), time.process_time()
        database_before = cpu_seconds(database) if database else {}
        load_started = time.perf_counter()
        gevent.sleep(seconds)
        elapsed, cpu_after = time.perf_counter() - load_started, cpu_seconds(gunicorn)
        per_process = sorted((cpu_after[pid] - cpu_before.get(pid, 0.0) for pid in cpu_after), reverse=True)
        database_used = None
        if database:  # the connections' server processes; one that ended meanwhile is not counted
            database_after = cpu_seconds(database)
            database_used = sum(database_after[pid] - database_before.get(pid, 0.0) for pid in database_after)
        client_used = time.process_time() - client_before  # locust runs in this process
        runner.quit()
        report(environment_.stats, elapsed, per_process, client_used, database_used)
    finally:
        server.terminate()
        server.wait(timeout=30)
    saves, lost = lost_writes(database_url, acknowledged_path)
    print(f"Schreibvorgänge bestätigt: {saves}, verloren: {lost} (Ziel: 0)")


def report(stats, elapsed: float, per_process: list[float], client_used: float,
           database_used: float | None) -> None:
    total = stats.total
    print(f"\n{'Art':<14} {'Anfragen':>8} {'Fehler':>6} {'/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for entry in sorted((entry for entry in stats.entries.values() if entry.num_requests),
                        key=lambda entry: (entry.name, entry.method)):
        name = f"{entry.name} ({entry.method})" if entry.name == "login" else entry.name
        print(f"{name:<14} {entry.num_requests:>8} {entry.num_failures:>6} {entry.num_requests / elapsed:>7.1f} "
              f"{entry.get_response_time_percentile(0.5):>7.0f} {entry.get_response_time_percentile(0.95):>7.0f} "
              f"{entry.get_response_time_percentile(0.99):>7.0f}")
    print(f"{'alle':<14} {total.num_requests:>8} {total.num_failures:>6} {total.num_requests / elapsed:>7.1f} "
          f"{total.get_response_time_percentile(0.5):>7.0f} {total.get_response_time_percentile(0.95):>7.0f} "
          f"{total.get_response_time_percentile(0.99):>7.0f}")
    for error in stats.errors.values():
        print(f"Fehler: {error.occurrences}× {error.method} {error.name}: {error.error}")
    per_request = 1000 * sum(per_process) / max(total.num_requests, 1)
    print(f"\n{elapsed:.0f} s Last, {total.num_requests / elapsed:.1f} Anfragen/s (Ziel ≥ 150), "
          f"p95 {total.get_response_time_percentile(0.95):.0f} ms (Ziel ≤ 250), {total.num_failures} Fehler (Ziel 0); "
          f"Server-Rechenzeit {per_request:.1f} ms je Anfrage (gunicorn, alle Prozesse), "
          f"locust {1000 * client_used / max(total.num_requests, 1):.1f} ms je Anfrage; "
          f"Last des Rechners (1 min) {os.getloadavg()[0]:.1f} auf {os.cpu_count()} Kernen")
    print("Rechenzeit je gunicorn-Prozess (Anteil eines Kerns, größter zuerst; ein Prozess rechnet wegen "
          "des GIL auf höchstens einem): " + ", ".join(f"{seconds / elapsed:.0%}" for seconds in per_process))
    if database_used is not None:
        print(f"PostgreSQL-Rechenzeit {1000 * database_used / max(total.num_requests, 1):.1f} ms je Anfrage "
              f"({database_used / elapsed:.0%} eines Kerns), zusätzlich zu gunicorn")


def main() -> None:
    from gevent import monkey

    monkey.patch_all()  # locust runs on gevent: patch before ssl, requests and the database drivers load
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=40, help="duration of the load (at most 60)")
    parser.add_argument("--postgres", action="store_true", help="use the PostgreSQL database of DATABASE_URL")
    parser.add_argument("--coordinator-pacing", type=float, default=COORDINATOR_PACING,
                        help="seconds between the starts of a coordinator's edits (form and save)")
    parser.add_argument("--viewer-pacing", type=float, default=VIEWER_PACING,
                        help="seconds between the starts of a viewer's requests")
    parser.add_argument("--workers", type=int, help="gunicorn processes (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn process (default: gunicorn.conf.py's)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="integrationsnetz-bench-load-"))
    if args.postgres:
        database_url = os.environ["DATABASE_URL"]
    else:
        database_url = f"sqlite:///{folder / 'load.sqlite'}"
    print(f"Datenbank: {'PostgreSQL' if args.postgres else 'SQLite'}; {COORDINATORS} Koordinationen, "
          f"{VIEWERS} Lesende; {os.cpu_count()} Kerne (geteilter Rechner: Zahlen schwanken)")
    offered = 2 * COORDINATORS / args.coordinator_pacing + VIEWERS / args.viewer_pacing
    print(f"Takt: Koordination alle {args.coordinator_pacing:g} s ein Bearbeiten (Formular und Speichern), "
          f"Lesende alle {args.viewer_pacing:g} s eine Anfrage; angeboten ≈ {offered:.0f} Anfragen/s, "
          f"davon {COORDINATORS / args.coordinator_pacing:.1f} Schreibvorgänge/s")
    server_options = [*(["-w", str(args.workers)] if args.workers else []),
                      *(["--threads", str(args.threads)] if args.threads else [])]
    if server_options:
        print("gunicorn wie gunicorn.conf.py, außer: " + " ".join(server_options))
    run(min(args.seconds, 60), database_url, folder, args.coordinator_pacing, args.viewer_pacing, server_options)


if __name__ == "__main__":
    main()

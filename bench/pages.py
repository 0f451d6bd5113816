"""Server time of the main pages with 2,000 actors and 5,000 cooperations.

Builds a throw-away SQLite database in a temporary folder (schema by the migrations, data by
SQLAlchemy Core bulk inserts from `coordination.analysis.synthetic`), signs in as a coordinator
through the Flask test client and times `client.get` of the actor list (page 1, and filtered and
sorted), the page of the best-connected actor and the dashboard: warm-up first, then the median
and 95th percentile of `--requests` requests each. Target: median below 50 ms per page.

The login uses a low password-hash cost (argon2 t=1, m=8 KiB): the hash is computed once per
login, never per page, so the real setting would only slow down building the benchmark.

    .venv/bin/python bench/pages.py [--actors 2000] [--cooperations 5000] [--requests 40]
        [--gc-freeze]  freeze the objects alive after start-up (gc.freeze()), as a pre-fork
                       server can: full garbage collections then skip the ~200,000 objects of
                       the imported libraries and the cached analysis (~130 ms each otherwise)
        [--profile]    cProfile of each page, top 15 functions by cumulative time
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import logging
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from flask_migrate import upgrade

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402
from flask import url_for  # noqa: E402

from coordination import reference_data  # noqa: E402
from coordination.analysis.synthetic import generate_commune  # noqa: E402
from coordination.extensions import db  # noqa: E402
from coordination.factory import create_app  # noqa: E402
from coordination.models import (  # noqa: E402
    Actor,
    ActorType,
    AuditAction,
    AuditEntry,
    Body,
    BodyKind,
    BodyMembership,
    Commitment,
    ContactPerson,
    Contribution,
    ContributionKind,
    ContributionParticipant,
    Cooperation,
    District,
    FieldOfAction,
    TargetGroup,
)
from coordination.models.actors import actor_districts, actor_target_groups  # noqa: E402
from coordination.models.contributions import contribution_districts, contribution_target_groups  # noqa: E402
from coordination.models.cooperations import cooperation_commitments  # noqa: E402
from coordination.services import accounts  # noqa: E402
from coordination.services import commune as commune_service  # noqa: E402
from coordination.text import normalize_name  # noqa: E402

PASSWORD = "benchmark-passwort-1234"
TARGET_MS = 50.0
TODAY = date.today()


def build_database(n_actors: int, n_cooperations: int) -> dict:
    """Fill the (migrated, empty) database; return ids the pages need."""
    commune_service.set_up(commune_name="Benchstadt", kind="stadt", admin_username="admin",
                           admin_password=PASSWORD)
    accounts.create_user("coord", PASSWORD, "coordinator")
    data = generate_commune(n_actors, seed=1, today=TODAY)
    rng = random.Random(1)

    def ids_by_key(model) -> dict[str, int]:
        return dict(db.session.execute(sa.select(model.key, model.id)).all())

    # the generator numbers list entries in reference order; the database has its own ids
    types = ids_by_key(ActorType)
    groups = ids_by_key(TargetGroup)
    fields = ids_by_key(FieldOfAction)
    group_id = {index: groups[key] for index, (key, _name)
                in enumerate(reference_data.TARGET_GROUPS, start=1)}
    field_id = {index: fields[key] for index, (key, _name)
                in enumerate(reference_data.FIELDS_OF_ACTION, start=1)}
    commitment_id = dict(db.session.execute(sa.select(Commitment.number, Commitment.id)).all())
    execute = db.session.execute

    execute(sa.insert(District), [{"id": d.id, "name": d.name, "position": d.id,
                                   "special_need": d.special_need,
                                   "is_funding_area": d.is_funding_area} for d in data.districts])
    stamp = datetime.combine(TODAY, clock(9), tzinfo=UTC)
    execute(sa.insert(Actor), [{
        "id": a.id, "name": a.name, "name_key": normalize_name(a.name), "type_id": types[a.type_key],
        "migrant_led": a.migrant_led, "municipal": a.municipal, "status": a.status,
        "whole_commune": a.whole_commune, "last_reviewed": a.last_reviewed,
        "description": f"Beschreibung von {a.name}.", "address": "Marktplatz 1, 12345 Benchstadt",
        "created_at": a.updated_at, "updated_at": a.updated_at, "version": 1,
    } for a in data.actors])
    execute(actor_districts.insert(), [{"actor_id": a.id, "district_id": d}
                                       for a in data.actors for d in sorted(a.district_ids)])
    execute(actor_target_groups.insert(), [{"actor_id": a.id, "target_group_id": group_id[g]}
                                           for a in data.actors for g in sorted(a.target_group_ids)])

    # cooperations: the generated ones (one per pair and kind), topped up to exactly n
    seen, cooperations = set(), []
    for c in data.cooperations:
        if (c.actor_a, c.actor_b, c.kind) not in seen:
            seen.add((c.actor_a, c.actor_b, c.kind))
            cooperations.append((c.actor_a, c.actor_b, c.kind, c.intensity, c.start, c.end,
                                 sorted(c.commitment_numbers)))
    actor_ids = [a.id for a in data.actors]
    kinds = ("agreement", "project_partnership", "referral", "funding", "membership", "informal")
    while len(cooperations) < n_cooperations:
        a, b = sorted(rng.sample(actor_ids, 2))
        kind = rng.choice(kinds)
        if (a, b, kind) not in seen:
            seen.add((a, b, kind))
            cooperations.append((a, b, kind, rng.randint(1, 3),
                                 TODAY - timedelta(days=rng.randrange(3000)), None,
                                 [rng.randint(1, 10)]))
    cooperations = cooperations[:n_cooperations]
    execute(sa.insert(Cooperation), [{
        "id": index, "actor_a_id": a, "actor_b_id": b, "kind": kind, "intensity": intensity,
        "start_date": start, "end_date": end, "written_agreement": kind == "agreement",
        "note": "", "created_at": stamp, "updated_at": stamp, "version": 1,
    } for index, (a, b, kind, intensity, start, end, _numbers) in enumerate(cooperations, start=1)])
    execute(cooperation_commitments.insert(), [
        {"cooperation_id": index, "commitment_id": commitment_id[number]}
        for index, (*_rest, numbers) in enumerate(cooperations, start=1) for number in numbers])

    contribution_kinds = [kind.value for kind in ContributionKind]
    execute(sa.insert(Contribution), [{
        "id": c.id, "title": c.title, "commitment_id": commitment_id[c.commitment_number],
        "kind": rng.choice(contribution_kinds), "field_of_action_id": field_id[c.field_of_action_id],
        "status": c.status, "start_date": c.start, "end_date": c.end, "description": "",
        "whole_commune": c.whole_commune, "last_reviewed": c.last_reviewed,
        "created_at": stamp, "updated_at": stamp, "version": 1,
    } for c in data.contributions])
    execute(sa.insert(ContributionParticipant), [
        {"contribution_id": c.id, "actor_id": a, "is_lead": a == c.lead_actor_id}
        for c in data.contributions for a in sorted(c.actor_ids)])
    execute(contribution_target_groups.insert(), [
        {"contribution_id": c.id, "target_group_id": group_id[g]}
        for c in data.contributions for g in sorted(c.target_group_ids)])
    execute(contribution_districts.insert(), [{"contribution_id": c.id, "district_id": d}
                                              for c in data.contributions
                                              for d in sorted(c.district_ids)])

    execute(sa.insert(Body), [{
        "id": b.id, "name": b.name, "name_key": normalize_name(b.name), "kind": BodyKind(b.kind),
        "lead_actor_id": b.lead_actor_id, "active": b.active, "description": "",
        "created_at": stamp, "updated_at": stamp, "version": 1} for b in data.bodies])
    execute(sa.insert(BodyMembership), [{"body_id": m.body_id, "actor_id": m.actor_id,
                                         "role": m.role, "since": m.since, "until": m.until}
                                        for m in data.memberships])
    execute(sa.insert(ContactPerson), [{"actor_id": a, "name": f"Kontakt {a}", "role": "Leitung",
                                        "email": f"kontakt{a}@example.org", "version": 1}
                                       for a in actor_ids[::4]])
    # a history as the services would have written it: one entry per actor and cooperation
    entries = [{"username": "coord", "action": AuditAction.CREATE, "entity_type": "actors",
                "entity_id": a.id, "label": a.name, "changes": {"name": [None, a.name]},
                "actor_id": a.id, "created_at": stamp} for a in data.actors]
    entries += [{"username": "coord", "action": AuditAction.CREATE, "entity_type": "cooperations",
                 "entity_id": index, "label": f"{a} – {b}", "changes": {}, "actor_id": a,
                 "created_at": stamp} for index, (a, b, *_rest) in enumerate(cooperations, start=1)]
    execute(sa.insert(AuditEntry), entries)
    db.session.commit()

    degree: dict[int, int] = {}
    for a, b, *_rest in cooperations:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    hub = max(sorted(degree), key=degree.get)
    return {"hub": hub, "hub_degree": degree[hub], "commitment": commitment_id[5],
            "district": data.districts[0].id, "counts": {
                "actors": len(data.actors), "cooperations": len(cooperations),
                "contributions": len(data.contributions), "bodies": len(data.bodies),
                "memberships": len(data.memberships), "audit entries": len(entries)}}


def built_app(folder: str, n_actors: int, n_cooperations: int) -> tuple:
    """(app, facts): an app on a new, migrated SQLite database in `folder`, filled by
    `build_database`, and the facts that returned."""
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
        "SECRET_KEY": "benchmark", "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_COST": 8,
    })
    with app.app_context():

        logging.disable(logging.INFO)  # alembic's progress lines
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        logging.disable(logging.NOTSET)
        facts = build_database(n_actors, n_cooperations)
        db.session.remove()
    return app, facts


@contextmanager
def throwaway_app(options: argparse.Namespace) -> Iterator[tuple]:
    """`built_app` in a temporary folder, of the size the command line asked for
    (`size_arguments`); the folder goes afterwards."""
    with tempfile.TemporaryDirectory(prefix="integrationsnetz-bench-") as folder:
        yield built_app(folder, options.actors, options.cooperations)


def size_arguments(doc: str) -> argparse.ArgumentParser:
    """A command line with the size of the database built (--actors, --cooperations); the
    description is the first paragraph of the script's `doc`."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--cooperations", type=int, default=5000)
    return parser


def timed(function, repeat: int, before=None) -> tuple[float, float]:
    """(median wall time, median CPU time) of `function()` in ms; `before()` runs untimed."""
    times, cpu_times = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        started, cpu_started = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
    return statistics.median(times), statistics.median(cpu_times)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, url: str, requests: int, warm_up: int = 5) -> tuple[list, list, float]:
    """Wall and CPU times of `requests` GETs of `url` in ms (after `warm_up` untimed ones), and
    the wall time of the first. CPU time of this process does not count other processes on a
    busy machine; wall time does."""
    started = time.perf_counter()
    response = client.get(url)
    first = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: status {response.status_code}")
    for _ in range(warm_up - 1):
        client.get(url)
    times, cpu_times = [], []
    for _ in range(requests):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, url
    return times, cpu_times, first


def count_queries(client, url: str) -> int:
    counter = []
    listener = lambda *args: counter.append(1)  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        client.get(url)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    return len(counter)


def profile(client, url: str) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(url)
    profiler.disable()
    output = io.StringIO()
    pstats.Stats(profiler, stream=output).sort_stats("cumulative").print_stats(15)
    return output.getvalue()


def main() -> int:
    parser = size_arguments(__doc__)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--gc-freeze", action="store_true")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="integrationsnetz-bench-") as folder:
        started = time.perf_counter()
        app, facts = built_app(folder, options.actors, options.cooperations)
        built = time.perf_counter() - started
        with app.test_request_context():
            pages = [
                ("actor list, page 1", url_for("actors.index")),
                ("actor list, filtered + sorted",
                 url_for("actors.index", q="ver", commitment=facts["commitment"],
                         district=facts["district"], sort="-updated")),
                (f"actor page ({facts['hub_degree']} cooperations)",
                 url_for("actors.detail", actor_id=facts["hub"])),
                ("dashboard", url_for("main.dashboard")),
            ]
        client = app.test_client()
        response = client.post("/login", data={"username": "coord", "password": PASSWORD})
        if response.status_code != 302:
            raise SystemExit("login failed")
        if options.gc_freeze:
            client.get(pages[-1][1])  # the dashboard computes and caches the analysis
            gc.collect()
            gc.freeze()

        counts = ", ".join(f"{value:,} {name}" for name, value in facts["counts"].items())
        print(f"Integrationsnetz page benchmark: {counts}")
        print(f"SQLite in a temporary folder, built in {built:.1f} s; Flask test client, "
              f"signed in as coordinator; {options.requests} timed requests per page after "
              f"5 untimed ones{'; gc.freeze() after start-up' if options.gc_freeze else ''}.\n")
        header = (f"{'page':<36} {'first':>7} {'median':>7} {'p95':>7} {'cpu med':>7} "
                  f"{'queries':>7}  target")
        print(header)
        print("-" * len(header))
        missed = []
        profiles = []
        for label, url in pages:
            with app.app_context():
                times, cpu_times, first = measure(client, url, options.requests)
                queries = count_queries(client, url)
                if options.profile:
                    profiles.append((label, profile(client, url)))
            median, p95 = statistics.median(times), percentile(times, 0.95)
            verdict = "ok" if median < TARGET_MS else "MISSED"
            if median >= TARGET_MS:
                missed.append(label)
            print(f"{label:<36} {first:7.1f} {median:7.1f} {p95:7.1f} "
                  f"{statistics.median(cpu_times):7.1f} {queries:7d}  < {TARGET_MS:.0f} ms {verdict}")
        print("\nServer time in ms (the test client calls the app directly, no network): wall "
              "clock, and the median CPU time of this process, which other load on the machine "
              "does not inflate. 'first' is the first request after start (cold caches, e.g. the "
              "dashboard's analysis); the target applies to the wall-clock median.")
        print("Login with a low password-hash cost; the pages themselves never hash a password.")
        if missed:
            print(f"Above the target: {', '.join(missed)}")
        for label, text in profiles:
            print(f"\n=== profile: {label} ===\n{text}")
        db_engine_dispose(app)
    return 0


def db_engine_dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())

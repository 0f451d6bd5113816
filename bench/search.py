"""The list search on SQLite: count plus first page of 25 actors, as the actor list runs it, for
queries that fold umlauts ("mueller"), carry a typo ("mueler stiftung"), match a long word, or
match nothing (every typo pattern is tried on every row).

The commune: `--actors` generated actors with two-word names and 30-word descriptions, written
with the bulk insert (the search keys come from the column defaults). Printed per query: the
number of matches and the best and median of `--repeat` runs; the load average comes with the
figures, since other processes on a shared machine inflate them.

    .venv/bin/python bench/search.py [--actors 2000] [--repeat 7]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa  # noqa: E402

from coordination import create_app  # noqa: E402
from coordination.actors.queries import ActorFilter, actor_list_query  # noqa: E402
from coordination.extensions import db  # noqa: E402
from coordination.models import Actor, ActorType  # noqa: E402
from coordination.services import commune as commune_service  # noqa: E402
from coordination.services.bulk import insert_rows  # noqa: E402

WORDS = ["Verein", "Müller", "Stiftung", "Caritas", "Jugend", "Familienzentrum", "Straße", "Café",
         "Beratung", "Nord", "Integration", "Sprache"]
QUERIES = ["mueller", "mueler stiftung", "familienzentrum", "xyzabc"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/search.sqlite", "TESTING": True,
                      "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        commune_service.set_up(commune_name="Bench", kind="stadt", admin_username="admin",
                               admin_password="bench-passwort-lang-genug")
        type_id = db.session.scalar(sa.select(ActorType.id))
        rng = random.Random(1)
        insert_rows(Actor.__table__, [
            {"name": f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}", "name_key": f"actor {i}",
             "type_id": type_id, "description": " ".join(rng.choice(WORDS) for _ in range(30))}
            for i in range(args.actors)])
        db.session.commit()
        print(f"{args.actors} actors, SQLite; load average {os.getloadavg()[0]:.1f}")
        for text in QUERIES:
            query = actor_list_query(ActorFilter(q=text))
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                found = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
                db.session.scalars(query.limit(25)).unique().all()
                times.append(time.perf_counter() - start)
            print(f"  {text!r:20} {found:6} found   best {min(times) * 1000:6.1f} ms   "
                  f"median {statistics.median(times) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()

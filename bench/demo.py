"""Loading the demo communes (Musterstadt, Musterkreis, Mustergemeinde) into an empty database.

For each commune kind: a fresh in-memory SQLite database (schema by the models), set-up of the
commune, then `build_demo_commune` timed `--repeat` times, each on a new database. Printed per
kind: actors, contributions, cooperations and bodies written, the median processor and wall
time of loading, and the load average of the machine (other processes inflate both times).
Target: at most 2 s of processor time per demo on a 2-core machine.

    .venv/bin/python bench/demo.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

import sqlalchemy as sa

from coordination.demo import build_demo_commune
from coordination.extensions import db
from coordination.factory import create_app
from coordination.models import CommuneKind, User
from coordination.services import commune as commune_service

TARGET_CPU_SECONDS = 2.0


def load_once(kind: CommuneKind) -> tuple[object, float, float]:
    """(summary, processor seconds, wall seconds) of one demo load into a new database."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "benchmark",
                      "PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_COST": 8})
    with app.app_context():
        db.create_all()
        commune_service.set_up(commune_name="Benchmark", kind=kind.value, admin_username="admin",
                               admin_password="ein-langes-passwort")
        admin = db.session.scalar(sa.select(User))
        cpu, wall = time.process_time(), time.perf_counter()
        summary = build_demo_commune(by=admin)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        db.session.remove()
        db.engine.dispose()
    return summary, cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"load average: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")
    for kind in CommuneKind:
        runs = [load_once(kind) for _ in range(args.repeat)]
        summary = runs[0][0]
        cpu = statistics.median(run[1] for run in runs)
        wall = statistics.median(run[2] for run in runs)
        print(f"{summary.name}: {summary.actors} actors, {summary.contributions} contributions, "
              f"{summary.cooperations} cooperations, {summary.bodies} bodies; load median "
              f"cpu {cpu:.2f} s, wall {wall:.2f} s (target cpu <= {TARGET_CPU_SECONDS:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

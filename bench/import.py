"""Import of 20,000 actors and 50,000 cooperations from CSV.

Writes two German-Excel-style CSV files (`;`, Windows-1252) into a temporary folder: actors with
type, districts, commitments (1–10), target groups and the MSO flag; cooperations between
distinct pairs with kind, start date, intensity and a note. Sets up a fresh SQLite database
there (schema by the migrations, commune and lists by the set-up service), then runs the import
exactly as a user would: `flask --app app import akteure.csv kooperationen.csv` in a child
process. Prints the wall time and the peak memory (maximum resident set size) of that process.
Target: at most 30 s and 1 GiB.

    .venv/bin/python bench/import.py [--actors 20000] [--cooperations 50000] [--keep]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from flask_migrate import upgrade  # noqa: E402

from coordination import reference_data  # noqa: E402
from coordination.factory import create_app  # noqa: E402
from coordination.services import commune as commune_service  # noqa: E402

DISTRICTS = ["Altstadt", "Nordviertel", "Südstadt", "Weststadt", "Oststadt", "Hafenviertel", "Bahnhofsviertel",
             "Am Mühlenbach", "Gartenstadt", "Schlossberg", "Neue Mitte", "Rheinaue"]
WORDS = ["Bildung", "Begegnung", "Zukunft", "Brücke", "Nachbarschaft", "Integration", "Sprache", "Arbeit",
         "Familie", "Jugend", "Kultur", "Teilhabe", "Heimat", "Dialog", "Miteinander", "Chance"]
FORMS = ["Verein", "Initiative", "Zentrum", "Netzwerk", "Treff", "Werkstatt", "Forum", "Büro"]
PLACES = ["Musterstadt", "Nord", "Süd", "am Markt", "an der Aue", "im Quartier", "Mitte", "West"]
KINDS = ["Kooperationsvereinbarung", "Projektpartnerschaft", "Verweisberatung", "Förderung",
         "Mitgliedschaft", "informeller Austausch"]


def actor_names(count: int, rng: random.Random) -> list[str]:
    names, seen = [], set()
    while len(names) < count:
        name = f"{rng.choice(WORDS)}{rng.choice(['', '-', ' '])}{rng.choice(FORMS)} {rng.choice(PLACES)} {len(names) + 1}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def write_files(folder: Path, actors: int, cooperations: int, seed: int = 5) -> tuple[Path, Path]:
    rng = random.Random(seed)
    names = actor_names(actors, rng)
    types = [name for _key, name in reference_data.ACTOR_TYPES]
    groups = [name for _key, name in reference_data.TARGET_GROUPS]
    actor_file = folder / "akteure.csv"
    with actor_file.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Name", "Typ", "Stadtteile", "Selbstverpflichtungen", "Zielgruppen", "MSO",
                         "Verwaltung", "Website", "E-Mail", "Telefon", "Beschreibung"])
        for number, name in enumerate(names):
            writer.writerow([
                name, rng.choice(types), " | ".join(rng.sample(DISTRICTS, rng.randint(0, 3))),
                ", ".join(str(n) for n in sorted(rng.sample(range(1, 11), rng.randint(0, 2)))),
                "; ".join(rng.sample(groups, rng.randint(0, 2))), rng.choice(["ja", "nein", "nein", ""]),
                "x" if number % 40 == 0 else "", f"https://verein{number}.example" if number % 3 else "",
                f"kontakt{number}@verein.example" if number % 2 else "", "0123 4567" if number % 5 else "",
                "Angebote für Neuzugewanderte im Stadtteil" if number % 4 == 0 else ""])
    cooperation_file = folder / "kooperationen.csv"
    pairs = set()
    with cooperation_file.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Akteur A", "Akteur B", "Art", "seit", "bis", "Intensität", "Notiz"])
        while len(pairs) < cooperations:
            a, b = rng.sample(range(actors), 2)
            pair = (min(a, b), max(a, b))
            if pair in pairs:
                continue
            pairs.add(pair)
            writer.writerow([names[a], names[b], rng.choice(KINDS),
                             f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2010, 2025)}",
                             "", rng.randint(1, 3), "regelmäßiger Austausch" if len(pairs) % 7 == 0 else ""])
    return actor_file, cooperation_file


def set_up_database(database: Path) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "PASSWORD_HASH_TIME_COST": 1,
                      "PASSWORD_HASH_MEMORY_COST": 8})
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        commune_service.set_up(commune_name="Benchstadt", kind="stadt", admin_username="admin",
                               admin_password="ein-langes-passwort", districts=DISTRICTS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--cooperations", type=int, default=50_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="integrationsnetz-bench-import-"))
    database = folder / "bench.sqlite"
    started = time.perf_counter()
    actor_file, cooperation_file = write_files(folder, args.actors, args.cooperations)
    set_up_database(database)
    print(f"Vorbereitung: {time.perf_counter() - started:.1f} s "
          f"({actor_file.stat().st_size / 2**20:.1f} MB + {cooperation_file.stat().st_size / 2**20:.1f} MB CSV)")

    environment = dict(os.environ, DATABASE_URL=f"sqlite:///{database}")
    flask = str(Path(sys.executable).with_name("flask"))
    started = time.perf_counter()
    completed = subprocess.run([flask, "--app", "app", "import", str(actor_file), str(cooperation_file)],
                               cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mib, cpu_seconds = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    print(completed.stdout.strip())
    if completed.returncode != 0:
        print(completed.stderr.strip()[-3000:], file=sys.stderr)
        raise SystemExit(f"Import fehlgeschlagen (Exit-Code {completed.returncode})")

    with sqlite3.connect(database) as connection:
        counts = {table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("actors", "cooperations", "contributions")}
    print(f"In der Datenbank: {counts['actors']} Akteure, {counts['cooperations']} Kooperationen, "
          f"{counts['contributions']} Angebote")
    print(f"Import von {args.actors} Akteuren und {args.cooperations} Kooperationen (CLI, ein Prozess): "
          f"{elapsed:.1f} s (Ziel ≤ 30 s), davon {cpu_seconds:.1f} s Rechenzeit (auf einem geteilten Rechner "
          f"die verlässlichere Zahl), Spitzenspeicher {peak_mib:.0f} MiB (Ziel ≤ 1024 MiB)")
    if args.keep:
        print(f"Dateien: {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

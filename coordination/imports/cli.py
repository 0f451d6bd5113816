"""`flask --app app import FILE… [--dry-run] [--create-missing] [--valid-only]`."""
from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import User
from coordination.queries.commune import is_set_up
from coordination.services import importing


def summary_lines(plan: importing.Plan) -> list[str]:
    s = plan.summary()
    lines = [f"{s['rows']} Zeilen gelesen, {s['valid_rows']} fehlerfrei, {s['invalid_rows']} mit Fehlern."]
    if s["missing"]:
        lines.append(f"{s['missing']} Werte fehlen in den Listen: mit --create-missing werden sie angelegt.")
    lines.append(f"Geplant: {s['actors_new']} neue Akteure, {s['actors_merged']} zusammengeführt, "
                 f"{s['actors_skipped']} übersprungen; {s['contributions']} Angebote "
                 f"(davon {s['contributions_generated']} aus Selbstverpflichtungen); "
                 f"{s['cooperations']} Kooperationen.")
    return lines


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="nur prüfen, nichts schreiben")
@click.option("--create-missing", is_flag=True,
              help="unbekannte Typen, Stadtteile (Gemeinden, Ortsteile), Zielgruppen, Handlungsfelder "
                   "und Sprachen anlegen")
@click.option("--valid-only", is_flag=True, help="nur die fehlerfreien Zeilen importieren")
@click.option("--on-match", type=click.Choice(["merge", "skip", "new"]), default="merge", show_default=True,
              help="Akteure, die es schon gibt: zusammenführen, überspringen oder neu anlegen")
@click.option("--user", "username", default=None, help="Benutzer, der im Änderungsverlauf steht")
def import_command(files, dry_run, create_missing, valid_only, on_match, username):
    """Import actors, contributions and cooperations from CSV or XLSX files (all or nothing)."""
    if not is_set_up():
        click.echo("Fehler: Bitte zuerst einrichten (flask --app app setup …).", err=True)
        raise SystemExit(1) from None
    user = None
    if username:
        user = db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))
        if user is None:
            click.echo(f"Fehler: Es gibt keinen Benutzer „{username}“.", err=True)
            raise SystemExit(1) from None
    parsed = []
    for name in files:
        try:
            parsed.append(importing.read_file(Path(name).name, Path(name).read_bytes()))
        except importing.ImportFileError as error:
            click.echo(f"Fehler ({name}): {error}", err=True)
            raise SystemExit(1) from None
    options = importing.Options(create_missing=create_missing, on_match=on_match, valid_only=valid_only)
    plan = importing.check(parsed, options)
    for problem in plan.problems:
        click.echo(problem.as_text(), err=True)
    for line in summary_lines(plan):
        click.echo(line)
    if dry_run:
        click.echo("Probelauf: nichts geschrieben." + (f" {len(plan.errors)} Fehler." if plan.errors else ""))
        raise SystemExit(1 if plan.errors else 0)
    try:
        counts = importing.execute(plan, options, by=user)
    except importing.ImportRefused as error:
        click.echo(f"{error} Nichts wurde importiert. Korrigieren Sie die Datei oder verwenden Sie "
                   "--valid-only (nur fehlerfreie Zeilen).", err=True)
        raise SystemExit(1) from None
    click.echo(f"Importiert: {counts['actors_created']} Akteure neu, {counts['actors_merged']} zusammengeführt, "
               f"{counts['contact_persons']} Kontaktpersonen, "
               f"{counts['contributions']} Angebote, {counts['cooperations']} Kooperationen, "
               f"{counts['list_entries']} neue Listeneinträge; {counts['rows_skipped']} Zeilen ausgelassen.")
    for sheet, _count, rows in plan.left_out():
        click.echo(f"Wegen Fehlern nicht importiert – Blatt „{sheet}“, Zeilen: {rows}.")


COMMANDS = (import_command,)

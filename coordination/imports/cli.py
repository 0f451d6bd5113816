"""`flask --app app import FILE… [--dry-run] [--create-missing] [--valid-only]`."""
from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.extensions import db
from coordination.models import User
from coordination.queries.commune import is_set_up
from coordination.services import importing


def summary_lines(plan: importing.Plan) -> list[str]:
    s = plan.summary()
    lines = [ngettext("%(num)d Zeile gelesen, %(valid)d fehlerfrei, %(invalid)d mit Fehlern.",
                      "%(num)d Zeilen gelesen, %(valid)d fehlerfrei, %(invalid)d mit Fehlern.", s["rows"],
                      valid=s["valid_rows"], invalid=s["invalid_rows"])]
    if s["missing"]:
        lines.append(ngettext("Ein Wert fehlt in den Listen: mit --create-missing wird er angelegt.",
                              "%(num)d Werte fehlen in den Listen: mit --create-missing werden sie angelegt.",
                              s["missing"]))
    lines.append(_("Geplant: %(actors)s, %(merged)d zusammengeführt, %(skipped)d übersprungen; %(offers)s "
                   "(davon %(generated)d aus Selbstverpflichtungen); %(cooperations)s.",
                   actors=ngettext("%(num)d neuer Akteur", "%(num)d neue Akteure", s["actors_new"]),
                   merged=s["actors_merged"], skipped=s["actors_skipped"],
                   offers=ngettext("%(num)d Angebot", "%(num)d Angebote", s["contributions"]),
                   generated=s["contributions_generated"],
                   cooperations=ngettext("%(num)d Kooperation", "%(num)d Kooperationen", s["cooperations"])))
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
        click.echo(_("Fehler: Bitte zuerst einrichten (flask --app app setup …)."), err=True)
        raise SystemExit(1) from None
    user = None
    if username:
        user = db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))
        if user is None:
            click.echo(_("Fehler: Es gibt keinen Benutzer „%(username)s“.", username=username), err=True)
            raise SystemExit(1) from None
    parsed = []
    for name in files:
        try:
            parsed.append(importing.read_file(Path(name).name, Path(name).read_bytes()))
        except importing.ImportFileError as error:
            click.echo(_("Fehler (%(file)s): %(message)s", file=name, message=error), err=True)
            raise SystemExit(1) from None
    options = importing.Options(create_missing=create_missing, on_match=on_match, valid_only=valid_only)
    plan = importing.check(parsed, options)
    for problem in plan.problems:
        click.echo(problem.as_text(), err=True)
    for line in summary_lines(plan):
        click.echo(line)
    if dry_run:
        click.echo(ngettext("Probelauf: nichts geschrieben. %(num)d Fehler.",
                            "Probelauf: nichts geschrieben. %(num)d Fehler.", len(plan.errors))
                   if plan.errors else _("Probelauf: nichts geschrieben."))
        raise SystemExit(1 if plan.errors else 0)
    try:
        counts = importing.execute(plan, options, by=user)
    except importing.ImportRefused as error:
        click.echo(_("%(error)s Nichts wurde importiert. Korrigieren Sie die Datei oder verwenden Sie "
                     "--valid-only (nur fehlerfreie Zeilen).", error=error), err=True)
        raise SystemExit(1) from None
    click.echo(_("Importiert: %(actors)s neu, %(merged)d zusammengeführt, %(contacts)s, %(offers)s, "
                 "%(cooperations)s, %(entries)s; %(skipped)s ausgelassen.",
                 actors=ngettext("%(num)d Akteur", "%(num)d Akteure", counts["actors_created"]),
                 merged=counts["actors_merged"],
                 contacts=ngettext("%(num)d Kontaktperson", "%(num)d Kontaktpersonen", counts["contact_persons"]),
                 offers=ngettext("%(num)d Angebot", "%(num)d Angebote", counts["contributions"]),
                 cooperations=ngettext("%(num)d Kooperation", "%(num)d Kooperationen", counts["cooperations"]),
                 entries=ngettext("%(num)d neuer Listeneintrag", "%(num)d neue Listeneinträge",
                                  counts["list_entries"]),
                 skipped=ngettext("%(num)d Zeile", "%(num)d Zeilen", counts["rows_skipped"])))
    for sheet, count, rows in plan.left_out():
        click.echo(ngettext("Wegen Fehlern nicht importiert – Blatt „%(sheet)s“, Zeile %(rows)s.",
                            "Wegen Fehlern nicht importiert – Blatt „%(sheet)s“, %(num)d Zeilen: %(rows)s.", count,
                            sheet=sheet, rows=rows))


COMMANDS = (import_command,)

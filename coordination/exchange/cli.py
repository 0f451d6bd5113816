"""`flask --app app export | restore | backup`."""
from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.exchange.files import EXPORT_FORMATS, export_bytes
from coordination.extensions import db
from coordination.files import write_output
from coordination.models import User
from coordination.queries.analysis import forget_cached_analysis
from coordination.services import accounts
from coordination.services import backup as backup_service
from coordination.services.base import ValidationError


@click.command("export")
@click.option("--format", "file_format", type=click.Choice(EXPORT_FORMATS), default="json",
              show_default=True, help="json/xlsx: vollständige Sicherung; graphml/gexf/nodelink: Netzwerk")
@click.option("--output", "output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Zieldatei („-“ für die Standardausgabe)")
@click.option("--with-contacts", is_flag=True, help="Kontaktpersonen (personenbezogen) mit exportieren")
def export_command(file_format: str, output: str, with_contacts: bool):
    """Export everything (json, xlsx) or the cooperation network (graphml, gexf, nodelink)."""
    if with_contacts and file_format not in ("json", "xlsx"):
        click.echo(_("Hinweis: --with-contacts gilt nur für json und xlsx."), err=True)
    content = export_bytes(file_format, with_contacts=with_contacts)
    if write_output(output, content):
        click.echo(_("Export (%(format)s) geschrieben: %(output)s", format=file_format, output=output), err=True)


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--password-for", "password_for", default=None, metavar="USER",
              help="diesem Konto nach dem Einspielen ein neues Passwort geben (wird abgefragt)")
@click.option("--password", default=None, hidden=True)
def restore_command(file: str, password_for: str | None, password: str | None):
    """Restore a full export (JSON or XLSX) into an empty, freshly migrated database."""

    try:
        data = backup_service.read_backup(file)
        if password_for and not any(row.get("username") == password_for
                                    for row in data["tables"].get("users", [])):
            click.echo(_("Fehler: Die Sicherung enthält kein Konto „%(username)s“.", username=password_for),
                       err=True)
            raise SystemExit(1) from None
        if password_for and password is None:
            password = click.prompt(_("Neues Passwort für %(username)s", username=password_for), hide_input=True,
                                    confirmation_prompt=True)
        if password_for:
            errors = accounts.password_errors(password)
            if errors:
                click.echo(_("Fehler: %(message)s", message=errors["password"]), err=True)
                raise SystemExit(1) from None
        counts = backup_service.restore(data)
    except backup_service.BackupError as error:
        click.echo(_("Fehler: %(message)s", message=error), err=True)
        raise SystemExit(1) from None
    current_app.extensions.pop("coordination.set_up", None)
    forget_cached_analysis()  # the restored history restarts the data version
    click.echo(_("Eingespielt: %(rows)s in %(tables)s.",
                 rows=ngettext("%(num)d Zeile", "%(num)d Zeilen", sum(counts.values())),
                 tables=ngettext("%(num)d Tabelle", "%(num)d Tabellen", len(counts))))
    if password_for:
        user = db.session.scalar(sa.select(User).where(User.username == password_for))
        try:
            accounts.change_password(user, password, by=user)
        except ValidationError as error:
            click.echo(_("Fehler: %(message)s", message="; ".join(error.errors.values())), err=True)
            raise SystemExit(1) from None
        click.echo(_("Neues Passwort für %(username)s gesetzt.", username=password_for))
    click.echo(_("Alle anderen Konten sind gesperrt, bis ein Administrator ihnen ein neues Passwort gibt "
                 "(Sicherungen enthalten keine Passwörter). API-Tokens müssen neu erstellt werden."))


@click.command("backup")
@click.option("--output-dir", default=None, type=click.Path(file_okay=False),
              help="Zielordner (Standard: instance/backups)")
def backup_command(output_dir: str | None):
    """Write a consistent copy of the SQLite database (works while the app runs)."""
    if backup_service.sqlite_database_path() is None:
        if db.engine.url.get_backend_name() == "postgresql":
            click.echo(_("Diese Installation nutzt PostgreSQL: Bitte sichern Sie die Datenbank mit "
                         "pg_dump (z. B. pg_dump -Fc DATENBANK > sicherung.dump)."), err=True)
        else:
            click.echo(_("Fehler: Die Sicherungskopie funktioniert nur mit einer SQLite-Datei."), err=True)
        raise SystemExit(1) from None
    target_dir = output_dir or str(Path(current_app.instance_path) / "backups")
    try:
        target = backup_service.backup_sqlite(target_dir)
    except backup_service.BackupError as error:
        click.echo(_("Fehler: %(message)s", message=error), err=True)
        raise SystemExit(1) from None
    click.echo(_("Sicherungskopie geschrieben: %(path)s", path=target))


COMMANDS = (export_command, restore_command, backup_command)

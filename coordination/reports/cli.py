"""`flask --app app report --format docx|html|json --output FILE [--date …] [--compare-to …]`."""
from __future__ import annotations

import json
from datetime import date

import click
from flask import current_app
from flask_babel import gettext as _

from coordination.files import write_output
from coordination.models import ReportKind
from coordination.queries.commune import is_set_up
from coordination.queries.status_report import report_json
from coordination.services import reports as report_service
from coordination.services.base import ValidationError


@click.command("report")
@click.option("--format", "file_format", type=click.Choice(["docx", "html", "json"]), default="docx",
              show_default=True, help="json: der Sachstandsbericht als Daten (Stand, Zahlen, Belege)")
@click.option("--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Zieldatei („-“ für die Standardausgabe)")
@click.option("--kind", type=click.Choice([k.value for k in ReportKind]),
              default=ReportKind.STATUS_REPORT.value, show_default=True,
              help="sachstandsbericht (an den Rat) oder bausteine (für das Integrationskonzept)")
@click.option("--date", "reporting_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Stichtag (JJJJ-MM-TT, Standard: heute)")
@click.option("--compare-to", "compare_to", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Sachstandsbericht: Veränderungen seit diesem Tag (JJJJ-MM-TT)")
@click.option("--save/--no-save", default=True, show_default=True,
              help="den Bericht zusätzlich als Stand unter „Berichte“ speichern")
def report_command(file_format: str, output: str, kind: str, reporting_date, compare_to, save: bool):
    """Write the Sachstandsbericht for the council (or the Bausteine) as DOCX or printable HTML."""

    if not is_set_up():
        click.echo(_("Fehler: Bitte zuerst einrichten (flask --app app setup …)."), err=True)
        raise SystemExit(1) from None
    on = reporting_date.date() if reporting_date else date.today()
    since = compare_to.date() if compare_to else None
    if file_format == "json" and kind != ReportKind.STATUS_REPORT.value:
        click.echo(_("Fehler: Als JSON gibt es nur den Sachstandsbericht."), err=True)
        raise SystemExit(1) from None
    with current_app.test_request_context():  # links in the stored page, as in the web app
        if save:
            try:
                report = report_service.create_report(kind, on, by=None, compare_to=since)
            except ValidationError as error:
                for message in error.errors.values():
                    click.echo(_("Fehler: %(message)s", message=message), err=True)
                raise SystemExit(1) from None
            content = report.content
            click.echo(_("Bericht gespeichert (Nr. %(number)d).", number=report.id), err=True)
        else:
            if on > date.today() or (since and since >= on):
                click.echo(_("Fehler: Der Stichtag darf nicht in der Zukunft liegen, der Vergleichstag "
                             "muss vor ihm liegen."), err=True)
                raise SystemExit(1) from None
            content = report_service.content_for(kind, reporting_date=on, compare_to=since)
        if file_format == "docx":
            data = report.docx if save else report_service.render_docx(content)
        elif file_format == "json":

            data = (json.dumps(report_json(content), ensure_ascii=False, indent=2) + "\n").encode()
        else:
            data = report_service.render_html(
                content, inline_css=report_service.stylesheet_text()).encode("utf-8")
    if write_output(output, data):
        click.echo(_("Bericht (%(format)s) geschrieben: %(output)s", format=file_format, output=output), err=True)


COMMANDS = (report_command,)

"""`flask --app app report --format docx|html --output FILE`."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click
from flask import current_app

from coordination.models import ReportKind
from coordination.reports import bp


@bp.cli.command("report")
@click.option("--format", "file_format", type=click.Choice(["docx", "html"]), default="docx",
              show_default=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Zieldatei („-“ für die Standardausgabe)")
@click.option("--kind", type=click.Choice([k.value for k in ReportKind]),
              default=ReportKind.STATUS_REPORT.value, show_default=True,
              help="sachstandsbericht (an den Rat) oder bausteine (für das Integrationskonzept)")
@click.option("--date", "reporting_date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Stichtag (JJJJ-MM-TT, Standard: heute)")
@click.option("--save/--no-save", default=True, show_default=True,
              help="den Bericht zusätzlich als Stand unter „Berichte“ speichern")
def report_command(file_format: str, output: str, kind: str, reporting_date, save: bool):
    """Write the Sachstandsbericht for the council (or the Bausteine) as DOCX or printable HTML."""
    from coordination.services import reports as report_service
    from coordination.services.base import ValidationError
    from coordination.services.commune import is_set_up

    if not is_set_up():
        click.echo("Fehler: Bitte zuerst einrichten (flask --app app setup …).", err=True)
        raise SystemExit(1)
    on = reporting_date.date() if reporting_date else date.today()
    with current_app.test_request_context():  # links in the stored page, as in the web app
        if save:
            try:
                report = report_service.create_report(kind, on, by=None)
            except ValidationError as error:
                for message in error.errors.values():
                    click.echo(f"Fehler: {message}", err=True)
                raise SystemExit(1)
            content = report.content
            click.echo(f"Bericht gespeichert (Nr. {report.id}).", err=True)
        else:
            if on > date.today():
                click.echo("Fehler: Der Stichtag darf nicht in der Zukunft liegen.", err=True)
                raise SystemExit(1)
            content = report_service.content_for(kind, reporting_date=on)
        if file_format == "docx":
            data = report_service.render_docx(content)
        else:
            data = report_service.render_html(
                content, inline_css=report_service.stylesheet_text()).encode("utf-8")
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    Path(output).write_bytes(data)
    click.echo(f"Bericht ({file_format}) geschrieben: {output}", err=True)

"""`flask --app app gaps --format csv|xlsx|md|json|docx --output FILE`."""
from __future__ import annotations

import click
from flask_babel import gettext as _

from coordination.files import write_output
from coordination.queries import gap_exports
from coordination.queries.analysis import GapFilter
from coordination.queries.commune import is_set_up


@click.command("gaps")
@click.option("--format", "file_format", type=click.Choice(list(gap_exports.FORMATS)), default="csv",
              show_default=True,
              help="csv/xlsx/md/json: Lückenliste; docx: Bausteine für das Integrationskonzept")
@click.option("--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Zieldatei („-“ für die Standardausgabe)")
@click.option("--status", type=click.Choice(["open", "accepted"]), default=None,
              help="nur offene oder nur akzeptierte Befunde")
def gaps_command(file_format: str, output: str, status: str | None):
    """Export the gap list (or the Bausteine für das Integrationskonzept as DOCX)."""

    if not is_set_up():
        click.echo(_("Fehler: Bitte zuerst einrichten (flask --app app setup …)."), err=True)
        raise SystemExit(1) from None
    exported = gap_exports.export_gaps(file_format, GapFilter(status=status) if status else None)
    if write_output(output, exported.content):
        click.echo(_("Lückenliste (%(format)s) geschrieben: %(output)s", format=file_format, output=output),
                   err=True)


COMMANDS = (gaps_command,)

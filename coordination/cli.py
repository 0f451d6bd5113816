"""Command-line interface: `flask --app app <command>`. Each area keeps its commands in its own
`cli.py` (a COMMANDS tuple); they are all registered here."""
from flask import Flask

from coordination.admin import cli as admin_cli
from coordination.analysis_views import cli as analysis_cli
from coordination.api import cli as api_cli
from coordination.exchange import cli as exchange_cli
from coordination.imports import cli as imports_cli
from coordination.reports import cli as reports_cli
from coordination.setup import cli as setup_cli

AREAS = (setup_cli, admin_cli, api_cli, imports_cli, exchange_cli, analysis_cli, reports_cli)


def init_app(app: Flask) -> None:
    for area in AREAS:
        for command in area.COMMANDS:
            app.cli.add_command(command)

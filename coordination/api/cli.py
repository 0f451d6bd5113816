"""`flask --app app create-token`: personal API tokens from the command line."""
from __future__ import annotations

import click
import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import User
from coordination.services import api_tokens
from coordination.services.base import ValidationError


@click.command("create-token")
@click.argument("username")
@click.option("--name", default="Kommandozeile", show_default=True, help="wofür das Token gedacht ist")
def create_token_command(username: str, name: str):
    """Create a personal API token for USER and print it (only this once)."""
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))
    if user is None:
        click.echo(_("Fehler: Es gibt keinen Benutzer „%(username)s“.", username=username), err=True)
        raise SystemExit(1)
    try:
        _row, token = api_tokens.create_token(user, name, by=None)
    except ValidationError as error:
        for message in error.errors.values():
            click.echo(_("Fehler: %(message)s", message=message), err=True)
        raise SystemExit(1) from None
    click.echo(token)
    click.echo(_("API-Token „%(name)s“ für %(username)s (%(role)s) erstellt. Es wird nur jetzt angezeigt; "
                 "bitte sicher aufbewahren.", name=name, username=user.username, role=user.role.label), err=True)


COMMANDS = (create_token_command,)

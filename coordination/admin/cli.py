"""`flask --app app create-user`: accounts from the command line."""
from __future__ import annotations

import click
from flask_babel import gettext as _

from coordination.models import Role
from coordination.queries.commune import is_set_up
from coordination.services import accounts
from coordination.services.base import ValidationError


def _fail_on(error: ValidationError) -> None:
    for message in error.errors.values():
        click.echo(_("Fehler: %(message)s", message=message), err=True)
    raise SystemExit(1)


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--display-name", default="")
@click.option("--name", "full_name", default="", help="vollständiger Name (für Unterschriften)")
@click.option("--function", "function", default="", help="Funktion, z. B. Integrationsbeauftragte")
def create_user_command(username, role, password, display_name, full_name, function):
    """Create a user account."""
    if not is_set_up():
        click.echo(_("Fehler: Bitte zuerst einrichten (flask --app app setup …)."), err=True)
        raise SystemExit(1)
    try:
        accounts.create_user(username, password, role, display_name=display_name,
                             full_name=full_name, function=function)
    except ValidationError as error:
        _fail_on(error)
    click.echo(_("Benutzer %(username)s (%(role)s) angelegt.", username=username, role=Role(role).label))


@click.command("set-password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def set_password_command(username, password):
    """Give an account a new password (e.g. after a restore) and end its sign-in sessions."""
    user = accounts.user_by_name(username)
    if user is None:
        click.echo(_("Fehler: Kein Konto „%(username)s“.", username=username), err=True)
        raise SystemExit(1)
    try:
        accounts.change_password(user, password, by=None)
    except ValidationError as error:
        _fail_on(error)
    click.echo(_("Neues Passwort für %(username)s gesetzt.", username=username))


COMMANDS = (create_user_command, set_password_command)

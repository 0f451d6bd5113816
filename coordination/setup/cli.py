"""`flask --app app setup | seed-demo`: a new installation from the command line."""
from __future__ import annotations

import click
import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.demo import build_demo_commune
from coordination.extensions import db
from coordination.models import Actor, CommuneKind
from coordination.queries.commune import is_set_up
from coordination.services import commune as commune_service
from coordination.services.base import ValidationError


def _fail_on(error: ValidationError) -> None:
    for message in error.errors.values():
        click.echo(_("Fehler: %(message)s", message=message), err=True)
    raise SystemExit(1)


@click.command("setup")
@click.option("--commune", "commune_name", required=True, help="Name der Kommune")
@click.option("--kind", type=click.Choice([k.value for k in CommuneKind]), required=True)
@click.option("--admin", "admin_username", required=True, help="Benutzername des ersten Administrators")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--advisory-body", default="", help="Name des Beirats (Standard: Integrationsbeirat)")
@click.option("--district", "districts", multiple=True, help="Stadtteil, Gemeinde oder Ortsteil, je nach --kind (mehrfach möglich)")
@click.option("--demo", is_flag=True, help="Demo-Daten laden: Musterstadt, Musterkreis oder Mustergemeinde, je nach --kind")
@click.option("--name", "full_name", default="", help="vollständiger Name des Administrators (für Unterschriften)")
@click.option("--function", "function", default="", help="Funktion, z. B. Integrationsbeauftragte")
def setup_command(commune_name, kind, admin_username, password, advisory_body, districts, demo,
                  full_name, function):
    """Set up a new installation (only on an empty database)."""
    try:
        commune_service.set_up(commune_name=commune_name, kind=kind, admin_username=admin_username,
                               admin_password=password, advisory_body_name=advisory_body,
                               districts=list(districts), with_demo=demo,
                               admin_full_name=full_name, admin_function=function)
    except commune_service.AlreadySetUp:
        click.echo(_("Fehler: Integrationsnetz ist bereits eingerichtet."), err=True)
        raise SystemExit(1) from None
    except ValidationError as error:
        _fail_on(error)
    click.echo(_("Eingerichtet: %(commune)s. Administrator: %(username)s.", commune=commune_name,
                 username=admin_username))


@click.command("seed-demo")
def seed_demo_command():
    """Load the demo commune that fits the commune kind (only into a database without actors)."""
    try:
        set_up = is_set_up()
    except sa.exc.DBAPIError:
        set_up = False  # no tables yet: migrations not applied
    if not set_up:
        click.echo(_("Fehler: Bitte zuerst einrichten (flask --app app db upgrade, dann "
                     "flask --app app setup …)."), err=True)
        raise SystemExit(1)
    if db.session.scalar(sa.select(Actor.id).limit(1)) is not None:
        click.echo(_("Fehler: Die Datenbank enthält bereits Akteure. Die Demo-Daten werden nur in "
                     "eine Kommune ohne Akteure geladen."), err=True)
        raise SystemExit(1)
    try:
        summary = build_demo_commune(by=None)
    except ValidationError as error:
        _fail_on(error)
    click.echo(_("Demo-Kommune %(name)s geladen: %(actors)s, %(offers)s, %(cooperations)s, %(bodies)s.",
                 name=summary.name,
                 actors=ngettext("%(num)d Akteur", "%(num)d Akteure", summary.actors),
                 offers=ngettext("%(num)d Angebot", "%(num)d Angebote", summary.contributions),
                 cooperations=ngettext("%(num)d Kooperation", "%(num)d Kooperationen", summary.cooperations),
                 bodies=ngettext("%(num)d Gremium", "%(num)d Gremien", summary.bodies)))


COMMANDS = (setup_command, seed_demo_command)

"""Stored reports (blueprint "reports", /reports): the Sachstandsbericht for the council and the
Bausteine für das Integrationskonzept as dated snapshots; CLI `report`."""
from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports", cli_group=None)

from coordination.reports import routes  # noqa: E402,F401

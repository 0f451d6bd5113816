"""Import of actors, contributions and cooperations from spreadsheets (web UI and CLI)."""
from flask import Blueprint

bp = Blueprint("imports", __name__, url_prefix="/import", cli_group=None)

from coordination.imports import routes  # noqa: E402,F401

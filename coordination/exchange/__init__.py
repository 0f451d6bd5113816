"""Data exchange: full export/restore/backup (CLI, admin downloads) and network files for Gephi."""
from flask import Blueprint

bp = Blueprint("exchange", __name__, url_prefix="/exchange", cli_group=None)

from coordination.exchange import routes  # noqa: E402,F401

from flask import Blueprint

bp = Blueprint("cooperations", __name__, url_prefix="/cooperations", cli_group=None)

from coordination.cooperations import routes  # noqa: E402,F401

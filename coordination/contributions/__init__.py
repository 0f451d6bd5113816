from flask import Blueprint

bp = Blueprint("contributions", __name__, url_prefix="/contributions", cli_group=None)

from coordination.contributions import routes  # noqa: E402,F401

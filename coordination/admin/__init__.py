from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin", cli_group=None)

from coordination.admin import routes  # noqa: E402,F401

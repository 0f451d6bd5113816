from flask import Blueprint

bp = Blueprint("actors", __name__, url_prefix="/actors")

from coordination.actors import routes  # noqa: E402,F401

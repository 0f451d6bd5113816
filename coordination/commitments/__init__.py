from flask import Blueprint

bp = Blueprint("commitments", __name__, url_prefix="/commitments")

from coordination.commitments import routes  # noqa: E402,F401

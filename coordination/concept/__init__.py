from flask import Blueprint

bp = Blueprint("concept", __name__, url_prefix="/concept")

from coordination.concept import routes  # noqa: E402,F401

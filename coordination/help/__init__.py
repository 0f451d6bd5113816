"""Help pages for coordinators, one per area, and the Erklärung zur Barrierefreiheit."""
from flask import Blueprint

bp = Blueprint("help", __name__)

from coordination.help import routes  # noqa: E402,F401

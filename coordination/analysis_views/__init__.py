"""Pages of the gap analysis (blueprint "analysis", /analysis): gap list, coverage, network
figures, recommended measures, settings, downloads; CLI `gaps`. Package name differs from the
pure analysis package coordination.analysis."""
from flask import Blueprint

bp = Blueprint("analysis_views", __name__, url_prefix="/analysis", cli_group=None)

from coordination.analysis_views import routes, template_globals  # noqa: E402,F401

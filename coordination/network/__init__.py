"""The network picture: whole network, a commitment's sub-network, an actor's neighbourhood."""
from flask import Blueprint

bp = Blueprint("network", __name__, url_prefix="/network", cli_group=None)

from coordination.network import routes  # noqa: E402,F401

"""Read API /api/v1/ (JSON; session login or `Authorization: Bearer <token>`) and personal tokens.

The API only reads (GET), so it is exempt from CSRF; anonymous requests get 401 JSON instead of
the redirect to the login page. The token pages on the account page live in the small
`api_tokens` blueprint (HTML forms, with CSRF), registered together with this one.
"""
from flask import Blueprint

from coordination.extensions import csrf, login_manager

bp = Blueprint("api", __name__, url_prefix="/api/v1", cli_group=None)
csrf.exempt(bp)
login_manager.blueprint_login_views["api"] = None  # unauthorized() answers 401 instead of redirecting

from coordination.api import auth, routes, tokens  # noqa: E402,F401


@bp.record_once
def _register_token_pages(state) -> None:
    state.app.register_blueprint(tokens.bp)

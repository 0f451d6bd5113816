"""Bearer tokens for the API: Flask-Login's request loader (the login manager is in security.py)."""
from flask import Request

from coordination.extensions import login_manager
from coordination.services import api_tokens


@login_manager.request_loader
def load_user_from_bearer_token(request: Request):
    """The user of `Authorization: Bearer <token>` – on API paths only, so a token never opens
    the web pages (and their forms)."""
    if not request.path.startswith("/api/"):
        return None
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return api_tokens.user_for_token(token.strip())

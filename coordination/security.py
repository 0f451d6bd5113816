"""Access control and HTTP hardening in one place: who may see which page, the headers, and
the bounds of numbers taken from a request.

Every request needs a signed-in user, except the endpoints in PUBLIC_ENDPOINTS. Write access
is checked per route with `role_required`; templates only hide buttons, the server decides.

Numbers from URLs, query strings and forms are bounded to what an id column holds
(PostgreSQL's `integer`): a larger one (2**64, say) would make the database driver fail with a
500. Route ids above the bound are 404, `request.args.get(..., type=int)` and
`request.form.get(..., type=int)` give the default, as for any other invalid number.
"""
from functools import wraps
from itertools import chain
from urllib.parse import urlsplit

from flask import Flask, Request, abort, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from coordination.extensions import login_manager
from coordination.models import Role
from coordination.queries.commune import is_set_up
from coordination.services import accounts

PUBLIC_ENDPOINTS = {"auth.login", "setup.index", "static", "static_module",
                    "help.accessibility"}
MAX_ID = 2**31 - 1  # the largest value of an integer column on PostgreSQL

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def role_required(role: Role):
    """Refuse (403) users below `role`; anonymous users never get this far (see require_login)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role
        return wrapped

    return decorator


def is_safe_next(target: str | None) -> bool:
    """Only local paths: no scheme, no host, no protocol-relative `//host` or `/\\host`."""
    if not target:
        return False
    parts = urlsplit(target)
    return (not parts.scheme and not parts.netloc and target.startswith("/")
            and not target.startswith(("//", "/\\")))


def require_login():
    if request.endpoint in PUBLIC_ENDPOINTS or request.endpoint is None:
        return None
    if not is_set_up():
        return redirect(url_for("setup.index"))
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def set_security_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    elif request.endpoint == "static" and "v" not in request.args:
        # Only URLs with the file's version (templating._static_file_version) are cached for a
        # year; others, such as the modules an ES module imports, are checked on every use.
        response.headers["Cache-Control"] = "no-cache"
    return response


@login_manager.user_loader
def load_user(session_token: str):
    return accounts.user_for_session(session_token)


def bounded_int(value) -> int:
    """`value` (text of ASCII digits, optionally signed) as an int within ±MAX_ID; ValueError
    otherwise (also for digits such as "²" that `str.isdigit` accepts but `int` does not)."""
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 10 or abs(int(text)) > MAX_ID:
        raise ValueError(f"not an integer within ±{MAX_ID}: {value!r}")
    return int(text)


class BoundedIdConverter(IntegerConverter):
    """`<int:...>` in routes: ids above MAX_ID do not match (404)."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class BoundedArgs(ImmutableMultiDict):
    """Query string and form values whose `get(..., type=int)` is bounded by `bounded_int`."""

    def get(self, key, default=None, type=None):  # noqa: A002 (Werkzeug's signature)
        return super().get(key, default, bounded_int if type is int else type)


class BoundedRequest(Request):
    parameter_storage_class = BoundedArgs


def refuse_nul_characters() -> None:
    """A NUL character in a parameter is refused (400) before any view runs: PostgreSQL text
    cannot hold one, so it would otherwise fail in the database."""
    values = chain.from_iterable(request.args.listvalues())
    if request.method == "POST" and request.mimetype in ("application/x-www-form-urlencoded",
                                                         "multipart/form-data"):
        values = chain(values, chain.from_iterable(request.form.listvalues()))
    if any("\x00" in value for value in values):
        abort(400, description=_l("Die Anfrage enthält ein unzulässiges Steuerzeichen."))


def trust_proxies(app: Flask, count: int) -> None:
    """Take the client's address, scheme and host from the X-Forwarded-* headers that the
    `count` reverse proxies in front of the app set (none if 0: the headers are ignored, as
    anyone can send them)."""
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def init_app(app: Flask) -> None:
    trust_proxies(app, int(app.config["TRUSTED_PROXIES"]))
    app.request_class = BoundedRequest
    app.url_map.converters["int"] = BoundedIdConverter
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Bitte melden Sie sich an.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(refuse_nul_characters)
    app.before_request(require_login)
    app.after_request(set_security_headers)

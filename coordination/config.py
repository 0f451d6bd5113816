"""Default settings. Every setting can be overridden in `instance/config.py`; the ones listed in
`ENVIRONMENT_SETTINGS` also from the environment. See docs/configuration.md."""
import os
import secrets
from pathlib import Path

from coordination.files import private_folder, write_private


class DefaultConfig:
    SQLALCHEMY_DATABASE_URI = None  # filled in by load_config: SQLite file in instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # set True behind HTTPS
    REMEMBER_COOKIE_DURATION = 0
    # Server-side sign-in sessions end after this long without a request, and this long after
    # the sign-in; the cookie and CSRF token lifetimes follow the latter (see load_config).
    SESSION_IDLE_MINUTES = 60
    SESSION_MAX_HOURS = 10
    # Reverse proxies in front of the app that set X-Forwarded-For/-Proto (Werkzeug's ProxyFix);
    # 0 = none: the client's address is the connection's.
    TRUSTED_PROXIES = 0
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024  # uploads (imports) up to 20 MB
    # static URLs carry the file's mtime (templating._static_file_version): cache them for a year
    SEND_FILE_MAX_AGE_DEFAULT = 365 * 24 * 3600
    BABEL_DEFAULT_LOCALE = "de"
    BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
    LANGUAGES = {"de": "Deutsch", "en": "English"}
    # argon2id parameters (OWASP recommendation: m=19 MiB, t=2, p=1 as the minimum)
    PASSWORD_HASH_TIME_COST = 3
    PASSWORD_HASH_MEMORY_COST = 64 * 1024
    PASSWORD_MIN_LENGTH = 12
    # failed-login throttle (coordination/services/throttle.py)
    LOGIN_MAX_FAILURES = 5  # per account and address
    LOGIN_MAX_FAILURES_PER_ADDRESS = 50  # per address over all accounts (an office behind one address)
    LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
    LOGIN_ACCOUNT_DELAY_AFTER = 10  # failures of one account from anywhere before each try waits
    LOGIN_MAX_DELAY_SECONDS = 10
    PER_PAGE = 25
    IMPORT_MAX_BYTES = None  # largest import file; None = MAX_CONTENT_LENGTH
    # limits of an uploaded import file (coordination/services/importing/read.py)
    IMPORT_MAX_ROWS = 100_000  # rows per file, all sheets together, empty rows included
    IMPORT_MAX_COLUMNS = 200
    IMPORT_MAX_CELL_CHARS = 32_767  # Excel's own limit
    IMPORT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an XLSX's parts unpacked
    IMPORT_MAX_COMPRESSION_RATIO = 100  # unpacked/packed size of a part (from 1 MB unpacked on)
    # The web upload is read in a child process with these budgets (importing/sandbox.py).
    IMPORT_PARSE_SECONDS = 30  # processor time
    IMPORT_PARSE_MEMORY_MB = 1024  # memory the reading may add


ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "TRUSTED_PROXIES": "TRUSTED_PROXIES",
    "SESSION_IDLE_MINUTES": "SESSION_IDLE_MINUTES",
    "SESSION_MAX_HOURS": "SESSION_MAX_HOURS",
}
# Settings whose environment value is a whole number.
INTEGER_SETTINGS = frozenset({"TRUSTED_PROXIES", "SESSION_IDLE_MINUTES", "SESSION_MAX_HOURS"})


def load_config(app, test_config=None):
    """Defaults, then instance/config.py, then the environment, then test_config."""
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    for variable, setting in ENVIRONMENT_SETTINGS.items():
        if os.environ.get(variable):
            value = os.environ[variable]
            app.config[setting] = int(value) if setting in INTEGER_SETTINGS else value
    if test_config:
        app.config.update(test_config)
    app.config["PERMANENT_SESSION_LIFETIME"] = app.config["SESSION_MAX_HOURS"] * 3600
    app.config["WTF_CSRF_TIME_LIMIT"] = app.config["SESSION_MAX_HOURS"] * 3600

    instance = private_folder(app.instance_path)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{instance / 'integrationsnetz.sqlite'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance / "secret_key")


def _instance_secret_key(path: Path) -> str:
    """A random key generated on first start and kept, so sessions survive restarts."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    write_private(path, key.encode())
    return key

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
    PERMANENT_SESSION_LIFETIME = 8 * 3600  # one working day
    WTF_CSRF_TIME_LIMIT = 8 * 3600
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
    LOGIN_MAX_FAILURES = 5
    LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
    PER_PAGE = 25
    IMPORT_MAX_BYTES = None  # largest import file; None = MAX_CONTENT_LENGTH
    IMPORT_MAX_ROWS = 100_000  # rows per import, all sheets together
    IMPORT_FOLDER = None  # uploads between the import steps; None = instance/imports


ENVIRONMENT_SETTINGS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
}


def load_config(app, test_config=None):
    """Defaults, then instance/config.py, then the environment, then test_config."""
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    for variable, setting in ENVIRONMENT_SETTINGS.items():
        if os.environ.get(variable):
            app.config[setting] = os.environ[variable]
    if test_config:
        app.config.update(test_config)

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

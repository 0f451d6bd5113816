"""Database connection settings that the ORM does not make for us."""
import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event

from coordination.extensions import db
from coordination.files import create_private


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite ignores foreign keys unless told; WAL lets readers work while one writer writes."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def sqlite_file(url) -> Path | None:
    """The file of a SQLite database URL; None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:" \
            or url.database.startswith("file:"):
        return None
    return Path(url.database)


def init_app(app: Flask) -> None:
    with app.app_context():
        event.listen(db.engine, "connect", _sqlite_pragmas)
        path = sqlite_file(db.engine.url)
        if path is not None and path.parent.is_dir():
            create_private(path)  # SQLite would create it world-readable; its -wal file copies the mode

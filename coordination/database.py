"""Database connection settings that the ORM does not make for us."""
import sqlite3

from flask import Flask
from sqlalchemy import event

from coordination.extensions import db


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite ignores foreign keys unless told; WAL lets readers work while one writer writes."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def init_app(app: Flask) -> None:
    with app.app_context():
        event.listen(db.engine, "connect", _sqlite_pragmas)

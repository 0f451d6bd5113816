"""Full export, restore and the SQLite backup copy.

The full export is a dump of every table of the data model, row by row, with the database ids,
so that `restore` into an empty, freshly migrated database gives back an equal database and
export → restore → export is byte-identical (JSON with sorted keys; only `generated_at` differs).

What is left out, and why:

* `users.password_hash`: a backup file travels (to the next coordinator, another department);
  password hashes do not belong in it. Users are kept (with role, name, language) because
  audit entries, assessments and "created by" point at them. After a restore every account is
  locked (an unusable hash) until it is given a new password (`restore --password-for USER`,
  `flask --app app set-password USER`, or an admin in the user management).
* sign-in sessions, failed logins and API tokens: secrets or short-lived security records.

The restore trusts none of these from a file either: a file that carries them (tampered, or
written by hand) has them ignored, so it cannot set a known password, token or session. A file
the database refuses (an unknown role, a broken date, a dangling reference) is answered with
one German sentence naming the table, and nothing is written.
* contact persons (personal data): only with `with_contacts=True`.

New tables that other areas add (reports, accepted findings, settings …) are exported
automatically; a table holding secrets must be added to EXCLUDED_TABLES.

The restore writes no audit entry of its own: the restored history is the history.
"""
from __future__ import annotations

import io
import json
import sqlite3
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import IO

import sqlalchemy as sa
from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from coordination.database import sqlite_file
from coordination.extensions import db
from coordination.files import create_private, private_folder
from coordination.services.base import transaction
from coordination.services.bulk import insert_rows

FORMAT_NAME = "integrationsnetz-backup"
FORMAT_VERSION = 1
# Security records, uploads waiting to be imported and computed analyses, never exported.
EXCLUDED_TABLES = frozenset({"alembic_version", "login_sessions", "login_throttle", "api_tokens",
                             "import_uploads", "stored_analyses"})
EXCLUDED_COLUMNS = {"users": frozenset({"password_hash"})}
CONTACT_TABLES = frozenset({"contact_persons"})
# A value argon2 never accepts as a hash: restored accounts are locked until a new password is set.
LOCKED_PASSWORD = "!locked-after-restore"


class BackupError(Exception):
    """A backup file that cannot be restored here, or a database that is not empty (German message)."""


# --- export -----------------------------------------------------------------------------------

def exported_tables(with_contacts: bool = False) -> list[sa.Table]:
    """The tables of a full export, parents before children (foreign key order)."""
    return [table for table in db.metadata.sorted_tables
            if table.name not in EXCLUDED_TABLES
            and (with_contacts or table.name not in CONTACT_TABLES)]


def _columns(table: sa.Table) -> list[sa.Column]:
    excluded = EXCLUDED_COLUMNS.get(table.name, frozenset())
    return [column for column in table.columns if column.name not in excluded]


def _to_plain(value):
    """A column value as JSON: dates and datetimes as ISO text, enums as their value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def schema_revision() -> str | None:
    """The Alembic revision of the database (None for a database made with create_all)."""
    if not sa.inspect(db.session.connection()).has_table("alembic_version"):
        return None
    return db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))


def export_data(*, with_contacts: bool = False, generated_at: datetime | None = None) -> dict:
    """Everything in the database as plain data: {"tables": {name: [row, …]}, …}."""
    tables = {}
    for table in exported_tables(with_contacts):
        columns = _columns(table)
        order = list(table.primary_key.columns) or columns
        rows = db.session.execute(sa.select(*columns).order_by(*order)).mappings()
        tables[table.name] = [{name: _to_plain(value) for name, value in row.items()} for row in rows]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_revision": schema_revision(),
        "generated_at": (generated_at or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "with_contacts": with_contacts,
        "tables": tables,
    }


def dump_json(data: dict, stream: IO[str]) -> None:
    """Stable JSON: sorted keys, one value per line, UTF-8 text."""
    json.dump(data, stream, ensure_ascii=False, sort_keys=True, indent=1)
    stream.write("\n")


def json_bytes(data: dict) -> bytes:
    buffer = io.StringIO()
    dump_json(data, buffer)
    return buffer.getvalue().encode("utf-8")


INFO_SHEET = "info"


def xlsx_bytes(data: dict) -> bytes:
    """The export as a workbook: an info sheet, then one sheet per table (header = column names).

    Dates are ISO text, JSON columns JSON text; text is always stored as text (never a formula).
    """
    workbook = Workbook(write_only=True)
    info = workbook.create_sheet(INFO_SHEET)
    for key in ("format", "format_version", "schema_revision", "generated_at", "with_contacts"):
        info.append([key, _xlsx_cell(info, data[key])])
    for name, rows in data["tables"].items():
        sheet = workbook.create_sheet(name[:31])
        table = db.metadata.tables.get(name)
        header = [c.name for c in _columns(table)] if table is not None else sorted(rows[0]) if rows else []
        sheet.append(header)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, row.get(column)) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=…" stays text: no formula injection
    return cell


# --- reading a backup file ---------------------------------------------------------------------

def read_backup(path: str | Path) -> dict:
    """The data of a JSON or XLSX export file (by content, not by name)."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"PK":
        return _read_xlsx(raw)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(_("Die Datei ist keine Sicherung von Integrationsnetz (JSON oder XLSX).")) from error
    _check_format(data)
    return data


def _check_format(data) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME or not isinstance(
            data.get("tables"), dict):
        raise BackupError(_("Die Datei ist keine Sicherung von Integrationsnetz (JSON oder XLSX)."))
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(_("Die Sicherung hat das Format %(version)s; erwartet wird %(expected)s.",
                            version=data.get("format_version"), expected=FORMAT_VERSION))


def _read_xlsx(raw: bytes) -> dict:
    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise BackupError(_("Die Datei ist keine Sicherung von Integrationsnetz (JSON oder XLSX).")) from error
    try:
        if INFO_SHEET not in workbook.sheetnames:
            raise BackupError(_("Die Datei ist keine Sicherung von Integrationsnetz (JSON oder XLSX)."))
        data = {str(row[0]): (row[1] if len(row) > 1 else None)
                for row in workbook[INFO_SHEET].iter_rows(values_only=True) if row and row[0]}
        tables_by_sheet = {name[:31]: name for name in db.metadata.tables}
        data["tables"] = {}
        for sheet_name in workbook.sheetnames:
            if sheet_name == INFO_SHEET:
                continue
            rows = workbook[sheet_name].iter_rows(values_only=True)
            header = [str(h) for h in next(rows, ()) if h is not None]
            table = db.metadata.tables.get(tables_by_sheet.get(sheet_name, sheet_name))
            data["tables"][table.name if table is not None else sheet_name] = [
                _from_xlsx_row(table, {name: row[i] if i < len(row) else None
                                       for i, name in enumerate(header)})
                for row in rows if any(v is not None for v in row)]
    finally:
        workbook.close()
    _check_format(data)
    return data


def _from_xlsx_row(table: sa.Table | None, row: dict) -> dict:
    """Undo what a workbook does to values: empty text comes back as None, JSON as text."""
    if table is None:
        return row
    for name, value in row.items():
        column = table.columns.get(name)
        if column is None:
            continue
        if value is None and not column.nullable and isinstance(column.type, sa.String) \
                and not isinstance(column.type, sa.Enum):
            row[name] = ""
        elif isinstance(column.type, sa.JSON) and isinstance(value, str):
            row[name] = json.loads(value)
        elif isinstance(column.type, sa.Boolean) and isinstance(value, int):
            row[name] = bool(value)
    return row


# --- restore -----------------------------------------------------------------------------------

def _from_plain(column: sa.Column, value):
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.DateTime) and isinstance(value, str):
        return datetime.fromisoformat(value)
    if isinstance(kind, sa.Date) and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def database_tables_with_rows() -> list[str]:
    """Names of the tables that already hold rows."""
    inspector = sa.inspect(db.session.connection())
    filled = []
    for table in db.metadata.sorted_tables:
        if table.name in ("alembic_version",) or not inspector.has_table(table.name):
            continue
        if db.session.scalar(sa.select(sa.func.count()).select_from(table)):
            filled.append(table.name)
    return filled


def restore(data: dict) -> dict[str, int]:
    """Write the export `data` into the empty database; {table: rows written}.

    Refuses (BackupError) when the database is not empty, the schema revision differs, or the
    file names tables or columns this version does not know. All or nothing: one transaction.
    """
    _check_format(data)
    filled = database_tables_with_rows()
    if filled:
        raise BackupError(_("Die Datenbank ist nicht leer (%(tables)s). Eine Sicherung wird nur in "
                            "eine leere, frisch migrierte Datenbank eingespielt.",
                            tables=", ".join(filled[:5])))
    current = schema_revision()
    wanted = data.get("schema_revision")
    if current and wanted and current != wanted:
        raise BackupError(_("Die Sicherung stammt vom Datenbankstand %(wanted)s, die Datenbank hat "
                            "%(current)s. Bitte zuerst mit „flask --app app db upgrade %(wanted)s“ "
                            "migrieren, einspielen und dann „flask --app app db upgrade“ ausführen.",
                            wanted=wanted, current=current))
    unknown = [name for name in data["tables"] if name not in db.metadata.tables]
    if unknown:
        raise BackupError(_("Unbekannte Tabellen in der Sicherung: %(names)s.", names=", ".join(unknown)))
    counts = {}
    table = None
    try:
        with transaction():
            for table in db.metadata.sorted_tables:
                rows = data["tables"].get(table.name)
                if rows and table.name not in EXCLUDED_TABLES:
                    counts[table.name] = _insert_rows(table, rows)
            _reset_sequences()
    except (sa.exc.SQLAlchemyError, ValueError, TypeError, LookupError, AttributeError) as error:
        db.session.rollback()
        raise BackupError(_("Die Sicherung lässt sich nicht einspielen: Die Tabelle %(table)s enthält "
                            "Werte, die diese Datenbank nicht annimmt. Nichts wurde eingespielt.",
                            table=table.name if table is not None else "?")) from error
    return counts


def _insert_rows(table: sa.Table, rows: list[dict]) -> int:
    columns = {column.name: column for column in table.columns}
    unknown = sorted({name for row in rows for name in row} - set(columns))
    if unknown:
        raise BackupError(_("Unbekannte Spalten in Tabelle %(table)s: %(names)s.",
                            table=table.name, names=", ".join(unknown)))
    # Rows pointing at rows of the same table (districts.parent_id) are linked after the insert.
    self_references = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    prepared = []
    ignored = EXCLUDED_COLUMNS.get(table.name, frozenset())
    for row in rows:
        if not isinstance(row, dict):
            raise TypeError(f"{table.name}: a row is not an object")
        values = {name: _from_plain(columns[name], value) for name, value in row.items()
                  if name not in ignored}
        if table.name == "users":
            values["password_hash"] = LOCKED_PASSWORD
        for name in self_references:
            values[name] = None
        prepared.append(values)
    insert_rows(table, prepared)
    if self_references:
        primary_key = list(table.primary_key.columns)[0]
        for row in rows:
            links = {name: row.get(name) for name in self_references if row.get(name) is not None}
            if links:
                db.session.execute(table.update().where(primary_key == row[primary_key.name])
                                   .values(**links))
    return len(rows)


def _reset_sequences() -> None:
    """PostgreSQL: let new rows continue after the restored ids (SQLite needs nothing)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.columns and table.columns["id"].autoincrement and \
                isinstance(table.columns["id"].type, sa.Integer):
            db.session.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


# --- SQLite online backup ------------------------------------------------------------------------

def sqlite_database_path() -> Path | None:
    """The file of the SQLite database, None for other databases and in-memory SQLite."""
    return sqlite_file(db.engine.url)


def backup_sqlite(output_dir: str | Path, *, now: datetime | None = None) -> Path:
    """A consistent copy of the running SQLite database (online backup API) in `output_dir`,
    named integrationsnetz-YYYY-MM-DD-HHMMSS.sqlite. Readers and writers may keep working."""
    source_path = sqlite_database_path()
    if source_path is None:
        raise BackupError(_("Die Sicherungskopie funktioniert nur mit einer SQLite-Datei. Für "
                            "PostgreSQL verwenden Sie pg_dump."))
    output_dir = private_folder(output_dir)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    target = output_dir / f"integrationsnetz-{stamp}.sqlite"
    if target.exists():
        raise BackupError(_("Die Datei %(name)s gibt es schon.", name=str(target)))
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    destination = sqlite3.connect(create_private(target))
    try:
        with destination:
            source.backup(destination, pages=1024)
        destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        destination.close()
        source.close()
    return target

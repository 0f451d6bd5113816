"""Uploads between the import steps, stored in the database (`ImportUpload`).

A file is read once, when it is uploaded (in `sandbox`); the steps after it (mapping, preview,
import) use the stored parsed rows, on whichever app server they run. Only the user who
uploaded a file can open it; uploads older than a day are removed whenever a new one arrives,
and an upload is removed once it is imported.

The parsed rows are kept as zlib-compressed JSON; dates and date-times are tagged so that they
come back as such.
"""
from __future__ import annotations

import json
import re
import secrets
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import ImportUpload
from coordination.models.common import utcnow
from coordination.services.base import transaction
from coordination.services.importing.read import ImportFile, Sheet

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
MAX_AGE = timedelta(days=1)


# --- the parsed file as bytes --------------------------------------------------------------------

def _plain(cell):
    if isinstance(cell, datetime):
        return {"datetime": cell.isoformat()}
    if isinstance(cell, date):
        return {"date": cell.isoformat()}
    if cell is None or isinstance(cell, (str, int, float, bool)):
        return cell
    return str(cell)  # times, durations: as the text a person would read


def _cell(value):
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        return date.fromisoformat(value["date"])
    return value


def encode(parsed: ImportFile) -> bytes:
    document = {"filename": parsed.filename, "encoding": parsed.encoding, "delimiter": parsed.delimiter,
                "sheets": [{"name": sheet.name, "headers": sheet.headers, "kind": sheet.kind,
                            "mapping": {str(index): name for index, name in sheet.mapping.items()},
                            "rows": [[number, [_plain(cell) for cell in cells]] for number, cells in sheet.rows]}
                           for sheet in parsed.sheets]}
    return zlib.compress(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def decode(data: bytes) -> ImportFile:
    document = json.loads(zlib.decompress(data))
    sheets = [Sheet(sheet["name"], sheet["headers"],
                    [(number, [_cell(cell) for cell in cells]) for number, cells in sheet["rows"]],
                    kind=sheet["kind"], mapping={int(index): name for index, name in sheet["mapping"].items()})
              for sheet in document["sheets"]]
    return ImportFile(document["filename"], sheets, encoding=document["encoding"],
                      delimiter=document["delimiter"])


# --- uploads -------------------------------------------------------------------------------------

@dataclass
class Upload:
    row: ImportUpload
    state: dict

    @property
    def token(self) -> str:
        return self.row.token

    @property
    def filename(self) -> str:
        return self.row.filename

    def parsed(self) -> ImportFile:
        """The file as read at the upload (fresh objects on every call)."""
        return decode(self.row.parsed)

    def save(self) -> None:
        with transaction():
            self.row.state = json.loads(json.dumps(self.state))

    def delete(self) -> None:
        with transaction():
            db.session.delete(self.row)


def create(filename: str, parsed: bytes, user_id: int) -> Upload:
    """Store a file read by `sandbox.read_file_isolated` for `user_id`; old uploads go."""
    state = {"sheets": None, "options": {}, "result": None}
    with transaction():
        db.session.execute(sa.delete(ImportUpload).where(ImportUpload.created_at < utcnow() - MAX_AGE))
        row = ImportUpload(token=secrets.token_urlsafe(18), user_id=user_id, filename=filename[:255],
                           parsed=parsed, state=state)
        db.session.add(row)
    return Upload(row, dict(state))


def load(token: str, user_id: int) -> Upload | None:
    """The upload `token` of this user, or None."""
    if not TOKEN_PATTERN.match(token):
        return None
    row = db.session.scalar(sa.select(ImportUpload).where(ImportUpload.token == token,
                                                         ImportUpload.user_id == user_id))
    return Upload(row, json.loads(json.dumps(row.state))) if row is not None else None

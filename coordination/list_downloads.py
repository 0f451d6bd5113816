"""Downloads of the lists (actors, offers, cooperations, bodies) as XLSX and CSV, with the filters
and the order the list shows (formula injection escaped by exports.tables)."""
from __future__ import annotations

from datetime import date

from flask import Response, abort

from coordination.exports.tables import Table, csv_bytes, xlsx_bytes

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def german_date(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def download(table: Table, file_format: str, name: str) -> Response:
    """`table` as an attachment "<name>-<today>.<file_format>"; 404 for other formats."""
    if file_format not in MIMETYPES:
        abort(404)
    content = csv_bytes(table) if file_format == "csv" else xlsx_bytes([table], title=table.title)
    response = Response(content, content_type=MIMETYPES[file_format])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{name}-{date.today().isoformat()}.{file_format}"')
    return response

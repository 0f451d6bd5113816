"""The view side the lists share: one page of a list, with the arguments it was asked with."""
from __future__ import annotations

import sqlalchemy as sa
from flask import request
from flask_sqlalchemy.pagination import Pagination

from coordination.extensions import db


def list_args() -> dict[str, str]:
    """The request's non-empty arguments but the page number (its filters and order), for the
    page, sort and download links and the bulk edit."""
    return {key: value for key, value in request.args.items() if key != "page" and value}


def list_page(query: sa.Select, per_page: int) -> tuple[Pagination, dict[str, str]]:
    """The page of `query` the request asks for (?page=, the first where it is out of range),
    and the list's other arguments (`list_args`)."""
    return db.paginate(query, per_page=per_page, error_out=False, count=True), list_args()

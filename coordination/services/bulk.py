"""The one way to write many rows at once: SQLAlchemy Core inserts, used by the import, the demo
communes and the restore of a backup.

`insert_returning_ids` is SQLAlchemy's `insert().returning(id, sort_by_parameter_order=True)`:
SQLAlchemy sends the rows in batches ("insertmanyvalues") and hands back the new ids in the order
of the rows, on SQLite and PostgreSQL alike. `insert_rows` is a plain executemany for rows whose
ids nobody needs (link tables, participants). Column defaults (Python-side and SQL-side) are
applied by SQLAlchemy as for any insert.
"""
from __future__ import annotations

import sqlalchemy as sa

from coordination.extensions import db

# Rows per statement: bounds the memory of one batch and, on SQLite, stays well under its
# limit of bound parameters per statement (SQLAlchemy splits further where it must).
CHUNK = 5000


def insert_returning_ids(table: sa.Table, rows: list[dict]) -> list[int]:
    """Insert `rows` (all with the same keys) into `table`; their new ids, in the same order."""
    if not rows:
        return []
    statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        ids.extend(db.session.scalars(statement, rows[start:start + CHUNK]))
    return ids


def insert_rows(table: sa.Table, rows: list[dict]) -> int:
    """Insert `rows` (all with the same keys) into `table`; how many."""
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(table), rows[start:start + CHUNK])
    return len(rows)


def insert_links(table: sa.Table, pairs) -> int:
    """Insert (owner id, other id) `pairs` into a two-column link table, each pair once; how many."""
    owner, other = (column.name for column in table.columns)
    return insert_rows(table, [{owner: owner_id, other: other_id} for owner_id, other_id in dict.fromkeys(pairs)])

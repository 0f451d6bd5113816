"""What the filter bars of the lists share."""
from __future__ import annotations

import sqlalchemy as sa


def where_equal(query: sa.Select, *chosen: tuple) -> sa.Select:
    """`query` narrowed, for each (column, value) pair whose value was chosen in the filter bar,
    to the rows whose column has that value (a filter left at "alle" narrows nothing)."""
    for column, value in chosen:
        if value:
            query = query.where(column == value)
    return query

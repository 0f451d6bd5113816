"""Read-side queries for cooperations: the filtered list and a cooperation's page."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import aliased, contains_eager, selectinload

from coordination.exports.tables import Table
from coordination.list_downloads import german_date
from coordination.models import Actor, Commitment, Cooperation
from coordination.models.cooperations import cooperation_commitments
from coordination.services.cooperations import running_clause


@dataclass
class CooperationFilter:
    kind: str = ""
    actor_id: int | None = None
    commitment_number: int | None = None
    state: str = ""  # "", "running", "ended"
    sort: str = "a"
    descending: bool = False


def cooperation_list_query(filters: CooperationFilter) -> sa.Select:
    """Cooperations matching `filters`, sorted, with both actors and the commitments loaded."""
    actor_a, actor_b = aliased(Actor), aliased(Actor)
    query = (sa.select(Cooperation)
             .join(actor_a, Cooperation.actor_a)
             .join(actor_b, Cooperation.actor_b)
             .options(contains_eager(Cooperation.actor_a.of_type(actor_a)),
                      contains_eager(Cooperation.actor_b.of_type(actor_b)),
                      selectinload(Cooperation.commitments)))
    if filters.kind:
        query = query.where(Cooperation.kind == filters.kind)
    if filters.actor_id:
        query = query.where(sa.or_(Cooperation.actor_a_id == filters.actor_id,
                                   Cooperation.actor_b_id == filters.actor_id))
    if filters.commitment_number:
        query = query.where(Cooperation.id.in_(
            sa.select(cooperation_commitments.c.cooperation_id).join(Commitment).where(
                Commitment.number == filters.commitment_number)))
    if filters.state == "running":
        query = query.where(running_clause())
    elif filters.state == "ended":
        query = query.where(sa.not_(running_clause()))
    first_commitment = (sa.select(sa.func.min(Commitment.number)).join(cooperation_commitments)
                        .where(cooperation_commitments.c.cooperation_id == Cooperation.id).scalar_subquery())
    columns = {
        "a": actor_a.name_key, "b": actor_b.name_key, "kind": Cooperation.kind,
        "commitments": sa.func.coalesce(first_commitment, 99),
        "intensity": Cooperation.intensity, "start": Cooperation.start_date,
        "end": Cooperation.end_date, "updated": Cooperation.updated_at,
    }
    column = columns.get(filters.sort, actor_a.name_key)
    ordering = column.desc() if filters.descending else column.asc()
    return query.order_by(ordering, actor_a.name_key, actor_b.name_key, Cooperation.id)


def cooperation_table(cooperations: list[Cooperation]) -> Table:
    """The cooperation list as a table for download."""
    rows = [[c.actor_a.name, c.actor_b.name, c.kind.label, c.intensity, german_date(c.start_date),
             german_date(c.end_date), _("ja") if c.written_agreement else _("nein"),
             ", ".join(str(commitment.number) for commitment in c.commitments), c.note]
            for c in cooperations]
    return Table(_("Kooperationen"), [
        _("Akteur A"), _("Akteur B"), _("Art"), _("Intensität"), _("seit"), _("bis"),
        _("schriftliche Vereinbarung"), _("Selbstverpflichtungen"), _("Notiz")],
        rows, widths=[36, 36, 26, 10, 12, 12, 12, 16, 40], wrap=frozenset({8}))


def cooperation_page_query(cooperation_id: int) -> sa.Select:
    """One cooperation with both actors and its commitments."""
    return (
        sa.select(Cooperation).where(Cooperation.id == cooperation_id)
        .options(selectinload(Cooperation.actor_a), selectinload(Cooperation.actor_b),
                 selectinload(Cooperation.commitments)))

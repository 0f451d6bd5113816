"""Read-side queries for contributions: the filtered list, choices and a contribution's history."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from coordination.exports.tables import Table
from coordination.extensions import db
from coordination.list_downloads import german_date
from coordination.models import Actor, Commitment, Contribution, ContributionParticipant, District
from coordination.models import contributions as contribution_models
from coordination.queries.filters import where_equal
from coordination.search import search_clause
from coordination.wording import current_wording


@dataclass
class ContributionFilter:
    q: str = ""
    commitment_number: int | None = None
    status: str = ""
    kind: str = ""
    district_id: int | None = None
    actor_id: int | None = None
    sort: str = "commitment"
    descending: bool = False


def _first_participant(is_lead: bool):
    """Sort key: the (first) lead or partner by name; "~" (last) where there is none."""
    first = (sa.select(sa.func.min(Actor.sort_name)).join(ContributionParticipant)
             .where(ContributionParticipant.contribution_id == Contribution.id,
                    ContributionParticipant.is_lead.is_(is_lead)).scalar_subquery())
    return sa.func.coalesce(first, "~")


def _first_district():
    """Sort key of the districts: "" for the whole commune (first), else the first district."""
    links = contribution_models.contribution_districts
    first = (sa.select(sa.func.min(District.name)).join(links, links.c.district_id == District.id)
             .where(links.c.contribution_id == Contribution.id).scalar_subquery())
    return sa.case((Contribution.whole_commune, ""), else_=sa.func.coalesce(first, "~"))


SORT_COLUMNS = {
    "title": sa.func.lower(Contribution.title),
    "lead": _first_participant(True),
    "partners": _first_participant(False),
    "districts": _first_district(),
    "commitment": Commitment.number,
    "kind": Contribution.kind,
    "status": Contribution.status,
    "start": Contribution.start_date,
    "end": Contribution.end_date,
    "updated": Contribution.updated_at,
}


def contribution_list_query(filters: ContributionFilter) -> sa.Select:
    """Contributions matching `filters`, sorted, with commitment, participants and districts loaded."""
    query = (sa.select(Contribution)
             .join(Contribution.commitment)
             .options(contains_eager(Contribution.commitment),
                      selectinload(Contribution.participants).selectinload(ContributionParticipant.actor),
                      selectinload(Contribution.districts)))
    matches = search_clause(filters.q, Contribution.search_text)
    if matches is not None:  # title, description or the name of a participating organisation
        organisations = (sa.select(ContributionParticipant.contribution_id).join(Actor)
                         .where(search_clause(filters.q, Actor.search_name)))
        query = query.where(sa.or_(matches, Contribution.id.in_(organisations)))
    query = where_equal(query, (Commitment.number, filters.commitment_number),
                        (Contribution.status, filters.status), (Contribution.kind, filters.kind))
    if filters.district_id:
        links = contribution_models.contribution_districts
        query = query.where(sa.or_(Contribution.whole_commune, Contribution.id.in_(
            sa.select(links.c.contribution_id).where(links.c.district_id == filters.district_id))))
    if filters.actor_id:
        query = query.where(Contribution.id.in_(
            sa.select(ContributionParticipant.contribution_id).where(
                ContributionParticipant.actor_id == filters.actor_id)))
    column = SORT_COLUMNS.get(filters.sort, Commitment.number)
    ordering = column.desc() if filters.descending else column.asc()
    return query.order_by(ordering, sa.func.lower(Contribution.title), Contribution.id)


def contribution_table(contributions: list[Contribution]) -> Table:
    """The offer list as a table for download."""
    rows = [[c.title, c.commitment.number, c.commitment.short_title, c.lead.name if c.lead else "",
             ", ".join(p.name for p in c.partners), c.kind.label, c.status.label,
             german_date(c.start_date), german_date(c.end_date),
             current_wording().whole_commune if c.whole_commune else ", ".join(d.name for d in c.districts),
             ", ".join(t.name for t in c.target_groups), german_date(c.last_reviewed)]
            for c in contributions]
    return Table(_("Angebote"), [
        _("Titel"), _("Nr."), _("Selbstverpflichtung"), _("Federführend"), _("Partner"), _("Art"),
        _("Status"), _("Beginn"), _("Ende"), current_wording().districts, _("Zielgruppen"), _("zuletzt geprüft am")],
        rows, widths=[40, 6, 34, 30, 40, 16, 10, 12, 12, 30, 30, 14])


def contribution_page_query(contribution_id: int) -> sa.Select:
    """One contribution with everything its page shows, in a handful of queries."""
    return (
        sa.select(Contribution).where(Contribution.id == contribution_id)
        .options(selectinload(Contribution.commitment), selectinload(Contribution.field_of_action),
                 selectinload(Contribution.participants).selectinload(ContributionParticipant.actor),
                 selectinload(Contribution.target_groups), selectinload(Contribution.districts),
                 selectinload(Contribution.languages)))


def commitment_id_for_number(number) -> int | None:
    try:
        number = int(number)
    except (TypeError, ValueError):
        return None
    return db.session.scalar(sa.select(Commitment.id).where(Commitment.number == number))

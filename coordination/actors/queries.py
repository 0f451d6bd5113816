"""Read-side queries of the actor pages: downloads, activity counts, the parts of an actor's page
(the filtered list is in queries.actors)."""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from coordination.exports.tables import Table
from coordination.extensions import db
from coordination.list_downloads import german_date
from coordination.models import (
    Actor,
    AuditEntry,
    Body,
    BodyMembership,
    Commitment,
    Contribution,
    ContributionParticipant,
    Cooperation,
)
from coordination.models.audit import AuditEntryActor
from coordination.wording import current_wording


def actor_table(actors: list[Actor]) -> Table:
    """The actor list as a table for download (no contact persons)."""
    counts = activity_counts([actor.id for actor in actors])
    yes_no = {True: _("ja"), False: _("nein")}
    rows = [[actor.name, actor.type.name, yes_no[actor.migrant_led], yes_no[actor.municipal],
             actor.status.label,
             current_wording().whole_commune if actor.whole_commune else ", ".join(d.name for d in actor.districts),
             ", ".join(t.name for t in actor.target_groups), ", ".join(f.name for f in actor.fields_of_action),
             ", ".join(language.name for language in actor.languages), actor.address, actor.website,
             actor.email, actor.phone, *counts[actor.id], german_date(actor.last_reviewed)]
            for actor in actors]
    return Table(_("Akteure"), [
        _("Name"), _("Typ"), _("migrantisch geführt (MSO)"), _("Teil der Kommunalverwaltung"), _("Status"),
        _("Wirkungsraum"), _("Zielgruppen"), _("Handlungsfelder"), _("Sprachen"), _("Anschrift"),
        _("Website"), _("E-Mail"), _("Telefon"), _("Angebote"), _("Kooperationen"), _("zuletzt geprüft am")],
        rows, widths=[40, 24, 10, 10, 10, 30, 30, 30, 20, 30, 28, 28, 16, 10, 12, 14])


def activity_counts(actor_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{actor id: (number of contributions, number of cooperations)} in two grouped queries."""
    contributions = dict(db.session.execute(
        sa.select(ContributionParticipant.actor_id, sa.func.count())
        .where(ContributionParticipant.actor_id.in_(actor_ids))
        .group_by(ContributionParticipant.actor_id)).all())
    ends = sa.union_all(
        sa.select(Cooperation.actor_a_id.label("actor_id")).where(Cooperation.actor_a_id.in_(actor_ids)),
        sa.select(Cooperation.actor_b_id.label("actor_id")).where(Cooperation.actor_b_id.in_(actor_ids)),
    ).subquery()
    cooperations = dict(db.session.execute(
        sa.select(ends.c.actor_id, sa.func.count()).group_by(ends.c.actor_id)).all())
    return {i: (contributions.get(i, 0), cooperations.get(i, 0)) for i in actor_ids}


# An actor's page shows its type and who created and last changed it: loaded with the actor.
# (The page's parts below load what they show with their own query, the records each of them
# refers to once (many-to-one: joined), so that the page runs a fixed, small number of queries.)
ACTOR_PAGE = (joinedload(Actor.type), joinedload(Actor.created_by), joinedload(Actor.updated_by))


def actor_contributions(actor: Actor) -> list[Contribution]:
    """The actor's contributions (as lead or partner), by commitment number."""
    return list(db.session.scalars(
        sa.select(Contribution).join(ContributionParticipant).join(Contribution.commitment)
        .where(ContributionParticipant.actor_id == actor.id)
        .options(selectinload(Contribution.participants).joinedload(ContributionParticipant.actor),
                 contains_eager(Contribution.commitment))
        .order_by(Commitment.number, Contribution.title)))


def actor_cooperations(actor: Actor) -> list[Cooperation]:
    return list(db.session.scalars(
        sa.select(Cooperation)
        .where(sa.or_(Cooperation.actor_a_id == actor.id, Cooperation.actor_b_id == actor.id))
        .options(joinedload(Cooperation.actor_a), joinedload(Cooperation.actor_b),
                 selectinload(Cooperation.commitments))
        .order_by(Cooperation.start_date.desc(), Cooperation.id)))


def actor_memberships(actor: Actor) -> list[BodyMembership]:
    return list(db.session.scalars(
        sa.select(BodyMembership).join(Body).where(BodyMembership.actor_id == actor.id)
        .options(contains_eager(BodyMembership.body)).order_by(Body.name)))


def led_bodies(actor: Actor) -> list[Body]:
    return list(db.session.scalars(sa.select(Body).where(Body.lead_actor_id == actor.id).order_by(Body.name)))


def actor_history(actor: Actor, limit: int = 50) -> list[AuditEntry]:
    return list(db.session.scalars(
        sa.select(AuditEntry).join(AuditEntryActor).where(AuditEntryActor.actor_id == actor.id)
        .order_by(AuditEntry.id.desc()).limit(limit)))

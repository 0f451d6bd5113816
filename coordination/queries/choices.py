"""Choices of the select fields that several forms share: commitments and actors."""
from __future__ import annotations

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor, Commitment


def commitment_choices(empty_label=None) -> list[tuple]:
    """(id, "3. Kurztitel") pairs of the ten commitments, by number."""
    rows = db.session.scalars(sa.select(Commitment).order_by(Commitment.number))
    choices = [(c.id, str(c)) for c in rows]
    return [("", empty_label)] + choices if empty_label is not None else choices


def commitment_number_choices(empty_label) -> list[tuple]:
    """(number, "3. Kurztitel") pairs, for filters that use the commitment's number."""
    rows = db.session.scalars(sa.select(Commitment).order_by(Commitment.number))
    return [("", empty_label)] + [(c.number, str(c)) for c in rows]


def actor_choices(empty_label=None) -> list[tuple]:
    """(id, name) of all actors, sorted by name, in one query (a few thousand are fine in a select)."""
    rows = db.session.execute(sa.select(Actor.id, Actor.name).order_by(Actor.name_key)).all()
    choices = [(row.id, row.name) for row in rows]
    return [("", empty_label)] + choices if empty_label is not None else choices

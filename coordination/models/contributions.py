"""Contributions: what actors offer or do under one of the ten commitments."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db
from coordination.models.actors import Actor, link_table
from coordination.models.common import Tracked, current_parameter, enum_column
from coordination.models.commune import Commitment
from coordination.models.enums import ContributionKind, ContributionStatus
from coordination.models.lists import District, FieldOfAction, Language, TargetGroup
from coordination.text import search_key

contribution_target_groups = link_table("contribution_target_groups", "contributions", "target_groups")
contribution_districts = link_table("contribution_districts", "contributions", "districts")
contribution_languages = link_table("contribution_languages", "contributions", "languages")


class Contribution(Tracked, db.Model):
    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    commitment_id: Mapped[int] = mapped_column(sa.ForeignKey("commitments.id", ondelete="RESTRICT"),
                                               index=True)
    kind: Mapped[ContributionKind] = mapped_column(enum_column(ContributionKind))
    field_of_action_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("fields_of_action.id", ondelete="RESTRICT"))
    status: Mapped[ContributionStatus] = mapped_column(enum_column(ContributionStatus),
                                                       default=ContributionStatus.ACTIVE, index=True)
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # search key of title and description (models.common.search_key), kept by the model
    search_text: Mapped[str] = mapped_column(
        sa.Text, default=lambda context: search_key(current_parameter(context, "title"),
                                                    current_parameter(context, "description")))
    whole_commune: Mapped[bool] = mapped_column(default=False)
    last_reviewed: Mapped[date | None]

    commitment: Mapped[Commitment] = relationship()
    field_of_action: Mapped[FieldOfAction | None] = relationship()
    participants: Mapped[list[ContributionParticipant]] = relationship(
        back_populates="contribution", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(ContributionParticipant.is_lead.desc(), ContributionParticipant.actor_id)")
    target_groups: Mapped[list[TargetGroup]] = relationship(secondary=contribution_target_groups,
                                                            order_by="TargetGroup.position")
    districts: Mapped[list[District]] = relationship(secondary=contribution_districts,
                                                     order_by="District.name")
    languages: Mapped[list[Language]] = relationship(secondary=contribution_languages,
                                                     order_by="Language.name")

    @property
    def lead(self) -> Actor | None:
        return next((p.actor for p in self.participants if p.is_lead), None)

    @property
    def partners(self) -> list[Actor]:
        return [p.actor for p in self.participants if not p.is_lead]

    def __str__(self) -> str:
        return self.title


@sa.event.listens_for(Contribution, "before_insert")
@sa.event.listens_for(Contribution, "before_update")
def _refresh_contribution_search_key(_mapper, _connection, contribution: Contribution) -> None:
    contribution.search_text = search_key(contribution.title, contribution.description)


class ContributionParticipant(db.Model):
    """An actor taking part in a contribution; exactly one participant per contribution leads."""

    __tablename__ = "contribution_participants"

    contribution_id: Mapped[int] = mapped_column(
        sa.ForeignKey("contributions.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"),
                                          primary_key=True, index=True)
    is_lead: Mapped[bool] = mapped_column(default=False)

    contribution: Mapped[Contribution] = relationship(back_populates="participants")
    actor: Mapped[Actor] = relationship()

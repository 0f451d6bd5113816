"""Actors of the local integration network and their contact persons."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from coordination.extensions import db
from coordination.models.common import Tracked, current_parameter, enum_column
from coordination.models.enums import ActorStatus
from coordination.models.lists import ActorType, District, FieldOfAction, Language, TargetGroup
from coordination.text import normalize_name, search_key, sort_key


def link_table(name: str, left: str, right: str, right_column: str | None = None) -> sa.Table:
    """A many-to-many table `name` between `left`.id and `right`.id, cascading on delete.

    Columns are named after the singular table names (`actors` -> `actor_id`); pass
    `right_column` where dropping the final "s" does not give the singular.
    """
    left_column, right_column = f"{left[:-1]}_id", right_column or f"{right[:-1]}_id"
    return sa.Table(
        name, db.metadata,
        sa.Column(left_column, sa.ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(right_column, sa.ForeignKey(f"{right}.id", ondelete="CASCADE"), primary_key=True,
                  index=True),
    )


SEARCH_NAME_LENGTH = 1000

actor_districts = link_table("actor_districts", "actors", "districts")
actor_target_groups = link_table("actor_target_groups", "actors", "target_groups")
actor_fields = link_table("actor_fields_of_action", "actors", "fields_of_action",
                          right_column="field_of_action_id")
actor_languages = link_table("actor_languages", "actors", "languages")


class Actor(Tracked, db.Model):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # case- and whitespace-insensitive uniqueness of the name
    name_key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    # alphabetical order as in German lists (umlauts with their base letter); the default also
    # fills it for bulk inserts with SQLAlchemy Core (demo, import, restore)
    sort_name: Mapped[str] = mapped_column(
        sa.String(200), index=True,
        default=lambda context: sort_key(context.get_current_parameters()["name"]))
    # earlier names, one per line (kept on renaming, so that the search still finds them)
    former_names: Mapped[str] = mapped_column(sa.Text, default="")
    # search keys (models.common.search_key): name and former names (indexed), description and
    # address; kept up to date by the model, filled by the defaults for Core bulk inserts
    search_name: Mapped[str] = mapped_column(
        sa.String(SEARCH_NAME_LENGTH), index=True,
        default=lambda context: search_key(current_parameter(context, "name"),
                                           current_parameter(context, "former_names"),
                                           limit=SEARCH_NAME_LENGTH))
    search_text: Mapped[str] = mapped_column(
        sa.Text, default=lambda context: search_key(current_parameter(context, "description"),
                                                    current_parameter(context, "address")))
    type_id: Mapped[int] = mapped_column(sa.ForeignKey("actor_types.id", ondelete="RESTRICT"),
                                         index=True)
    migrant_led: Mapped[bool] = mapped_column(default=False)
    municipal: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    address: Mapped[str] = mapped_column(sa.String(300), default="")
    whole_commune: Mapped[bool] = mapped_column(default=False)
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(50), default="")
    status: Mapped[ActorStatus] = mapped_column(enum_column(ActorStatus), default=ActorStatus.ACTIVE,
                                                index=True)
    last_reviewed: Mapped[date | None]
    # valid time: the actor counts from `active_since` (None: the day it was entered) and, once
    # dissolved, until the day before `dissolved_on`
    active_since: Mapped[date | None]
    dissolved_on: Mapped[date | None]

    type: Mapped[ActorType] = relationship()
    districts: Mapped[list[District]] = relationship(secondary=actor_districts, order_by="District.name")
    target_groups: Mapped[list[TargetGroup]] = relationship(secondary=actor_target_groups,
                                                            order_by="TargetGroup.position")
    fields_of_action: Mapped[list[FieldOfAction]] = relationship(secondary=actor_fields,
                                                                 order_by="FieldOfAction.position")
    languages: Mapped[list[Language]] = relationship(secondary=actor_languages, order_by="Language.name")
    contact_persons: Mapped[list[ContactPerson]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ContactPerson.name")

    @validates("name")
    def _keep_name_key(self, _key, name: str) -> str:
        self.name_key = normalize_name(name)
        self.sort_name = sort_key(name)
        return name

    def refresh_search_keys(self) -> None:
        self.search_name = search_key(self.name, self.former_names, limit=SEARCH_NAME_LENGTH)
        self.search_text = search_key(self.description, self.address)

    def __str__(self) -> str:
        return self.name


class ContactPerson(db.Model):
    """Personal data: shown to coordinators and admins only, never exported unless asked for."""

    __tablename__ = "contact_persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    phone: Mapped[str] = mapped_column(sa.String(50), default="")
    # search key (text.search_key) of name, function and e-mail, so that coordinators find an
    # actor by its contact (kept up to date by the model, filled by the default for bulk inserts)
    search_text: Mapped[str] = mapped_column(
        sa.Text, default=lambda context: search_key(*(current_parameter(context, name)
                                                      for name in ContactPerson.SEARCHED)))
    version: Mapped[int] = mapped_column(default=1)

    actor: Mapped[Actor] = relationship(back_populates="contact_persons")

    SEARCHED = ("name", "role", "email")

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return self.name


@sa.event.listens_for(Actor, "before_insert")
@sa.event.listens_for(Actor, "before_update")
def _refresh_actor_search_keys(_mapper, _connection, actor: Actor) -> None:
    actor.refresh_search_keys()


@sa.event.listens_for(ContactPerson, "before_insert")
@sa.event.listens_for(ContactPerson, "before_update")
def _refresh_contact_search_key(_mapper, _connection, contact: ContactPerson) -> None:
    contact.search_text = search_key(*(getattr(contact, name) for name in ContactPerson.SEARCHED))

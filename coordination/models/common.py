"""Column helpers shared by the entity modules."""
from datetime import UTC, datetime
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


def enum_column(enum_class: type[Enum]) -> sa.Enum:
    """A portable enum column: VARCHAR with a CHECK constraint, storing the member's value."""
    return sa.Enum(enum_class, native_enum=False, create_constraint=True, length=30,
                   values_callable=lambda members: [member.value for member in members],
                   validate_strings=True, name=enum_class.__name__.lower())


def current_parameter(context, name: str, default=""):
    """A column default's view of another column of the same INSERT (Core bulk inserts too)."""
    return context.get_current_parameters().get(name) or default


class Tracked:
    """created/updated by and at, plus a version for optimistic locking of edit forms."""

    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr
    def created_by_id(cls) -> Mapped[int | None]:
        return mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    @declared_attr
    def updated_by_id(cls) -> Mapped[int | None]:
        return mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    @declared_attr
    def created_by(cls):
        return relationship("User", foreign_keys=[cls.created_by_id])

    @declared_attr
    def updated_by(cls):
        return relationship("User", foreign_keys=[cls.updated_by_id])

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.version}

"""Users, their login sessions (server-side, revocable, expiring) and the failed-login throttle."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db
from coordination.models.common import enum_column, utcnow
from coordination.models.enums import Role


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(80), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120), default="")
    # for signatures on council papers: "Dr. Anna Beispiel", "Integrationsbeauftragte"
    full_name: Mapped[str] = mapped_column(sa.String(200), default="")
    function: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    locale: Mapped[str] = mapped_column(sa.String(5), default="de")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    sessions: Mapped[list[LoginSession]] = relationship(back_populates="user",
                                                        cascade="all, delete-orphan",
                                                        passive_deletes=True)

    # The id Flask-Login keeps in the cookie is the LoginSession token (see auth.sessions),
    # set on the loaded user so that logout can revoke exactly this session.
    session_token = None

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.active

    def has_role(self, role: Role) -> bool:
        return self.role.rank >= role.rank

    @property
    def can_edit(self) -> bool:
        return self.has_role(Role.COORDINATOR)

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)

    def __str__(self) -> str:
        return self.full_name or self.display_name or self.username


class LoginSession(db.Model):
    """A signed-in browser. Logging out deletes it; a password change deletes all others. It ends
    after SESSION_IDLE_MINUTES without a request and SESSION_MAX_HOURS after the sign-in."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship(back_populates="sessions")


class LoginThrottle(db.Model):
    """Failed sign-ins counted per key within a window that starts at the first failure.

    Keys: "pair:<username>|<address>", "address:<address>", "account:<username>". A sign-in
    reserves its attempt on the pair and the address in one statement before the password is
    checked (see services.accounts), so concurrent guesses cannot slip past the limit.
    """

    __tablename__ = "login_throttle"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(200), unique=True)
    failures: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                        index=True)

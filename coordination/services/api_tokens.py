"""Personal API tokens: create (shown once), revoke, and find the user of a presented token."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import ApiToken, AuditAction, User
from coordination.models.common import utcnow
from coordination.services.base import ValidationError, record, transaction

TOKEN_PREFIX = "inw_"
MAX_ACTIVE_TOKENS = 20
# "last used" is written at most this often per token, so reading the API does not write on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str, *, by: User | None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token (the only time it is visible)."""
    name = name.strip()
    errors = {}
    if not name:
        errors["name"] = _("Bitte geben Sie dem Token einen Namen (wofür wird es verwendet?).")
    elif len(name) > 80:
        errors["name"] = _("Höchstens %(max)d Zeichen erlaubt.", max=80)
    active = db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    if active >= MAX_ACTIVE_TOKENS:
        errors["name"] = _("Sie haben bereits %(max)d aktive Tokens. Bitte widerrufen Sie zuerst "
                           "nicht mehr benötigte.", max=MAX_ACTIVE_TOKENS)
    if errors:
        raise ValidationError(errors)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction():
        row = ApiToken(user=user, name=name, token_hash=token_hash(token), prefix=token[:10])
        db.session.add(row)
        record(AuditAction.CREATE, row, by, label=_("API-Token „%(name)s“ von %(user)s",
                                                     name=name, user=user.username))
    return row, token


def revoke_token(row: ApiToken, *, by: User | None) -> None:
    if row.revoked_at is not None:
        return
    with transaction():
        row.revoked_at = utcnow()
        record(AuditAction.UPDATE, row, by, changes={"revoked": [False, True]},
               label=_("API-Token „%(name)s“ von %(user)s", name=row.name, user=row.user.username))


def user_for_token(token: str) -> User | None:
    """The active user of a valid, not revoked token (and note when it was used), else None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    now = utcnow()
    last = row.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite gives naive datetimes back
        last = last.replace(tzinfo=now.tzinfo)
    if last is None or now - last >= LAST_USED_RESOLUTION:
        with transaction():
            row.last_used_at = now
    return row.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())))

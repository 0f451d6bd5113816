"""Users, passwords, sign-in sessions and the failed-login throttle."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import AuditAction, FailedLogin, LoginSession, Role, User
from coordination.models.common import utcnow
from coordination.services.base import ValidationError, record, transaction

USER_AUDIT_FIELDS = ("username", "display_name", "role", "locale", "active")


class LoginThrottled(Exception):
    """Too many failed logins for this account or address within the window."""


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(time_cost=config["PASSWORD_HASH_TIME_COST"],
                          memory_cost=config["PASSWORD_HASH_MEMORY_COST"], parallelism=1)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(user: User, password: str) -> bool:
    try:
        return _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against for unknown usernames, so that timing does not reveal which exist.
_DUMMY_HASHES: dict[tuple, str] = {}


def _spend_verification_time(password: str) -> None:
    config = current_app.config
    key = (config["PASSWORD_HASH_TIME_COST"], config["PASSWORD_HASH_MEMORY_COST"])
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hash_password(secrets.token_hex(16))
    try:
        _hasher().verify(_DUMMY_HASHES[key], password)
    except VerificationError:
        pass


def password_errors(password: str, field: str = "password") -> dict[str, str]:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return {field: _("Das Passwort muss mindestens %(min)d Zeichen lang sein.", min=minimum)}
    if len(password) > 256:
        return {field: _("Das Passwort darf höchstens 256 Zeichen lang sein.")}
    return {}


def _validate_user(username: str, display_name: str, role: str, locale: str,
                   exclude_id: int | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not username or len(username) > 80 or not username.replace(".", "").replace(
            "-", "").replace("_", "").isalnum():
        errors["username"] = _("Benutzername: 1–80 Zeichen, nur Buchstaben, Ziffern, . - _")
    elif db.session.scalar(sa.select(User.id).where(sa.func.lower(User.username) == username.lower(),
                                                     User.id != (exclude_id or 0))):
        errors["username"] = _("Dieser Benutzername ist bereits vergeben.")
    if len(display_name) > 120:
        errors["display_name"] = _("Höchstens %(max)d Zeichen erlaubt.", max=120)
    if role not in {r.value for r in Role}:
        errors["role"] = _("Unbekannte Rolle.")
    if locale not in current_app.config["LANGUAGES"]:
        errors["locale"] = _("Unbekannte Sprache.")
    return errors


SIGNATURE_MAX = 200


def _signature_errors(full_name: str, function: str) -> dict[str, str]:
    return {field: _("Höchstens %(max)d Zeichen erlaubt.", max=SIGNATURE_MAX)
            for field, value in (("full_name", full_name), ("function", function))
            if len(value.strip()) > SIGNATURE_MAX}


def user_by_name(username: str) -> User | None:
    """The account called `username` (case-insensitive), or None."""
    return db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.strip().lower()))


def create_user(username: str, password: str, role: str, *, display_name: str = "",
                locale: str = "de", by: User | None = None, full_name: str = "",
                function: str = "") -> User:
    """A new account; `full_name` and `function` sign council papers ("Dr. Anna Beispiel",
    "Integrationsbeauftragte")."""
    username = username.strip()
    errors = (_validate_user(username, display_name, role, locale) | password_errors(password)
              | _signature_errors(full_name, function))
    if errors:
        raise ValidationError(errors)
    with transaction():
        user = User(username=username, display_name=display_name.strip(),
                    full_name=full_name.strip(), function=function.strip(),
                    password_hash=hash_password(password), role=Role(role), locale=locale)
        db.session.add(user)
        record(AuditAction.CREATE, user, by, changes={"role": [None, role]})
    return user


def update_user(user: User, *, username: str, display_name: str, role: str, locale: str,
                active: bool, by: User) -> User:
    username = username.strip()
    errors = _validate_user(username, display_name, role, locale, exclude_id=user.id)
    if user.id == by.id and role != Role.ADMIN:
        errors["role"] = _("Sie können sich nicht selbst die Administrationsrechte entziehen.")
    if user.id == by.id and not active:
        errors["active"] = _("Sie können Ihr eigenes Konto nicht deaktivieren.")
    if errors:
        raise ValidationError(errors)
    with transaction():
        before = {f: getattr(user, f) for f in USER_AUDIT_FIELDS}
        user.username, user.display_name, user.role = username, display_name.strip(), Role(role)
        user.locale, user.active = locale, active
        after = {f: getattr(user, f) for f in USER_AUDIT_FIELDS}
        if not active:
            _revoke_sessions(user)
        record(AuditAction.UPDATE, user, by, changes={
            f: [str(before[f]), str(after[f])] for f in after if before[f] != after[f]})
    return user


def update_signature(user: User, *, full_name: str, function: str) -> User:
    """The user's own full name and function ("Mein Konto"), printed under council papers."""
    errors = _signature_errors(full_name, function)
    if errors:
        raise ValidationError(errors)
    with transaction():
        changes = {field: [getattr(user, field), value.strip()]
                   for field, value in (("full_name", full_name), ("function", function))
                   if getattr(user, field) != value.strip()}
        user.full_name, user.function = full_name.strip(), function.strip()
        if changes:
            record(AuditAction.UPDATE, user, user, changes=changes)
    return user


def set_locale(user: User, locale: str) -> None:
    if locale not in current_app.config["LANGUAGES"]:
        raise ValidationError({"locale": _("Unbekannte Sprache.")})
    with transaction():
        user.locale = locale


def change_password(user: User, new_password: str, *, by: User,
                    current_password: str | None = None, keep_session: str | None = None) -> None:
    """Set a new password and sign out every other session of `user` (all, if keep_session is None)."""
    errors = password_errors(new_password, "new_password")
    if current_password is not None and not verify_password(user, current_password):
        errors["current_password"] = _("Das bisherige Passwort ist falsch.")
    if errors:
        raise ValidationError(errors)
    with transaction():
        user.password_hash = hash_password(new_password)
        _revoke_sessions(user, keep=keep_session)
        record(AuditAction.UPDATE, user, by, changes={"password": ["•••", "•••"]})


def delete_user(user: User, *, by: User) -> None:
    if user.id == by.id:
        raise ValidationError({"user": _("Sie können Ihr eigenes Konto nicht löschen.")})
    with transaction():
        record(AuditAction.DELETE, user, by)
        db.session.delete(user)


# --- sign-in sessions -------------------------------------------------------------------------

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> str:
    """Create a server-side session for `user`; the token goes into the (signed) cookie."""
    token = secrets.token_urlsafe(32)
    with transaction():
        db.session.add(LoginSession(user=user, token_hash=_token_hash(token)))
        user.last_login_at = utcnow()
    user.session_token = token
    return token


def user_for_session(token: str) -> User | None:
    row = db.session.execute(
        sa.select(User).join(LoginSession).where(LoginSession.token_hash == _token_hash(token))
    ).scalar_one_or_none()
    if row is not None:
        row.session_token = token
    return row


def end_session(token: str | None) -> None:
    if token:
        with transaction():
            db.session.execute(sa.delete(LoginSession).where(LoginSession.token_hash == _token_hash(token)))


def _revoke_sessions(user: User, keep: str | None = None) -> None:
    statement = sa.delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        statement = statement.where(LoginSession.token_hash != _token_hash(keep))
    db.session.execute(statement)


# --- login with throttle ----------------------------------------------------------------------

def is_throttled(username: str, remote_addr: str) -> bool:
    """5 failures per 15 minutes for this account, or from this address, block further attempts."""
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["LOGIN_FAILURE_WINDOW_SECONDS"])
    recent = sa.select(sa.func.count()).select_from(FailedLogin).where(FailedLogin.created_at >= since)
    limit = config["LOGIN_MAX_FAILURES"]
    by_account = db.session.scalar(recent.where(FailedLogin.username == username.lower()))
    by_address = db.session.scalar(recent.where(FailedLogin.remote_addr == remote_addr))
    return by_account >= limit or by_address >= limit


def authenticate(username: str, password: str, remote_addr: str) -> User | None:
    """The user if the credentials are right; None (and a recorded failure) otherwise."""
    username = username.strip()
    if is_throttled(username, remote_addr):
        raise LoginThrottled()
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.username) == username.lower()))
    if user is None:
        _spend_verification_time(password)
    if user is None or not user.active or not verify_password(user, password):
        with transaction():
            cutoff = utcnow() - timedelta(days=1)
            db.session.execute(sa.delete(FailedLogin).where(FailedLogin.created_at < cutoff))
            db.session.add(FailedLogin(username=username.lower()[:80], remote_addr=remote_addr[:45]))
        return None
    return user

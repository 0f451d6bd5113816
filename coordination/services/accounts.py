"""Users, passwords, sign-in sessions and the failed-login throttle."""
from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.extensions import db
from coordination.models import AuditAction, LoginSession, Role, User
from coordination.models.common import utcnow
from coordination.services import throttle
from coordination.services.base import ValidationError, record, transaction

USER_AUDIT_FIELDS = ("username", "display_name", "role", "locale", "active")


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


def _spend_verification_time(password: str) -> bool:
    config = current_app.config
    key = (config["PASSWORD_HASH_TIME_COST"], config["PASSWORD_HASH_MEMORY_COST"])
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hash_password(secrets.token_hex(16))
    try:
        _hasher().verify(_DUMMY_HASHES[key], password)
    except VerificationError:
        pass
    return False


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


# A session's last request is written at most this often (not on every request).
SEEN_PRECISION = timedelta(minutes=1)


def _session_limits() -> tuple:
    """(signed in after, last seen after): sessions outside either are over."""
    config, now = current_app.config, utcnow()
    return (now - timedelta(hours=config["SESSION_MAX_HOURS"]),
            now - timedelta(minutes=config["SESSION_IDLE_MINUTES"]))


def start_session(user: User) -> str:
    """Create a server-side session for `user`; the token goes into the (signed) cookie. Sessions
    that are over are removed on the way."""
    token = secrets.token_urlsafe(32)
    signed_in_after, seen_after = _session_limits()
    with transaction():
        db.session.execute(sa.delete(LoginSession).where(sa.or_(LoginSession.created_at < signed_in_after,
                                                                LoginSession.last_seen_at < seen_after)))
        db.session.add(LoginSession(user=user, token_hash=_token_hash(token)))
        user.last_login_at = utcnow()
    user.session_token = token
    return token


# Every request looks its session up: the statement is built once, with its values as parameters
# (SQLAlchemy then finds its compiled form without taking a new statement apart each time).
SESSION_USER = (
    sa.select(User, LoginSession.id, LoginSession.last_seen_at < sa.bindparam("note_before"))
    .join(LoginSession).where(LoginSession.token_hash == sa.bindparam("token_hash"),
                              LoginSession.created_at >= sa.bindparam("signed_in_after"),
                              LoginSession.last_seen_at >= sa.bindparam("seen_after")))


def user_for_session(token: str) -> User | None:
    """The user of a session that is neither idle for SESSION_IDLE_MINUTES nor older than
    SESSION_MAX_HOURS; None otherwise. Notes the request as the session's last one."""
    signed_in_after, seen_after = _session_limits()
    row = db.session.execute(SESSION_USER, {
        "token_hash": _token_hash(token), "signed_in_after": signed_in_after, "seen_after": seen_after,
        "note_before": utcnow() - SEEN_PRECISION}).one_or_none()
    if row is None:
        return None
    user, session_id, to_note = row
    if to_note:
        with transaction():
            db.session.execute(sa.update(LoginSession).where(LoginSession.id == session_id)
                               .values(last_seen_at=utcnow()))
    user.session_token = token
    return user


def end_session(token: str | None) -> None:
    if token:
        with transaction():
            db.session.execute(sa.delete(LoginSession).where(LoginSession.token_hash == _token_hash(token)))


def _revoke_sessions(user: User, keep: str | None = None) -> None:
    statement = sa.delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep:
        statement = statement.where(LoginSession.token_hash != _token_hash(keep))
    db.session.execute(statement)


# --- sign-in --------------------------------------------------------------------------------

def authenticate(username: str, password: str, remote_addr: str) -> User | None:
    """The user if the credentials are right; None otherwise. Raises LoginThrottled (see
    coordination.services.throttle). Unknown, deactivated and active accounts cost the same
    work, one password check each, so timing does not tell them apart."""
    account_failures = throttle.reserve_attempt(username, remote_addr)
    pause = throttle.delay_seconds(account_failures)
    if pause:
        time.sleep(pause)
    user = user_by_name(username)
    matches = verify_password(user, password) if user is not None else _spend_verification_time(password)
    if user is not None and user.active and matches:
        throttle.release_attempt(username, remote_addr)
        return user
    failures = throttle.record_failure(username)
    if user is not None and failures == current_app.config["LOGIN_ACCOUNT_DELAY_AFTER"]:
        addresses = throttle.addresses_failing(username)
        with transaction():
            record(AuditAction.UPDATE, user, None, label=ngettext(
                "Anmeldung: %(failures)d Fehlversuche für „%(name)s“ von %(num)d Adresse; weitere "
                "Versuche werden verzögert.",
                "Anmeldung: %(failures)d Fehlversuche für „%(name)s“ von %(num)d Adressen; weitere "
                "Versuche werden verzögert.", addresses, failures=failures, name=user.username))
    return None

"""The failed-login throttle, kept in the database so that every app server counts the same.

Three counters, each over a window of LOGIN_FAILURE_WINDOW_SECONDS that starts at its first
failure:

* the (account, address) pair: LOGIN_MAX_FAILURES tries, then 429 for that pair only, so a
  correct password from another address still signs in;
* the address: LOGIN_MAX_FAILURES_PER_ADDRESS tries over all accounts (higher, because a whole
  office may sign in from one address);
* the account over all addresses: no lock (anyone could keep a named user out), but from
  LOGIN_ACCOUNT_DELAY_AFTER failures on each attempt a delay that doubles per further failure
  up to LOGIN_MAX_DELAY_SECONDS, and one audit entry when the threshold is crossed.

Check and record are one step: an attempt first reserves its place on the pair and the address
counter with one INSERT … ON CONFLICT DO UPDATE … RETURNING (atomic on SQLite and PostgreSQL),
then looks at the count it got. Forty guesses sent at once get exactly LOGIN_MAX_FAILURES
checks. A successful sign-in gives its reservation back.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from coordination.extensions import db
from coordination.models import LoginThrottle
from coordination.models.common import utcnow
from coordination.services.base import transaction


class LoginThrottled(Exception):
    """Too many failed sign-ins for this account from this address, or from this address."""


def _keys(username: str, address: str) -> tuple[str, str, str]:
    name = username.strip().lower()[:80]
    address = address[:45]
    return f"pair:{name}|{address}", f"address:{address}", f"account:{name}"


def _window_start(now: datetime) -> datetime:
    return now - timedelta(seconds=current_app.config["LOGIN_FAILURE_WINDOW_SECONDS"])


def _count(key: str, now: datetime) -> int:
    """Add one to the counter `key` (a new window if the old one is over); the new count."""
    table = LoginThrottle.__table__
    insert = (postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert)
    expired = table.c.window_started_at < _window_start(now)
    statement = insert(table).values(key=key, failures=1, window_started_at=now).on_conflict_do_update(
        index_elements=[table.c.key],
        set_={"failures": sa.case((expired, 1), else_=table.c.failures + 1),
              "window_started_at": sa.case((expired, now), else_=table.c.window_started_at)},
    ).returning(table.c.failures)
    return db.session.scalar(statement)


def reserve_attempt(username: str, address: str) -> int:
    """Count this attempt on the pair and the address; raise LoginThrottled if one is over its
    limit. Returns the failures of the account (all addresses) in the current window."""
    config = current_app.config
    pair, by_address, account = _keys(username, address)
    now = utcnow()
    with transaction():
        pair_count = _count(pair, now)
        address_count = _count(by_address, now)
        account_failures = db.session.scalar(sa.select(LoginThrottle.failures).where(
            LoginThrottle.key == account, LoginThrottle.window_started_at >= _window_start(now))) or 0
    if pair_count > config["LOGIN_MAX_FAILURES"] or address_count > config["LOGIN_MAX_FAILURES_PER_ADDRESS"]:
        raise LoginThrottled()
    return account_failures


def release_attempt(username: str, address: str) -> None:
    """A successful sign-in: clear the pair, give the address its reservation back."""
    pair, by_address, _account = _keys(username, address)
    with transaction():
        db.session.execute(sa.delete(LoginThrottle).where(LoginThrottle.key == pair))
        db.session.execute(sa.update(LoginThrottle).where(LoginThrottle.key == by_address,
                                                          LoginThrottle.failures > 0)
                           .values(failures=LoginThrottle.failures - 1))


def record_failure(username: str) -> int:
    """Count a failed sign-in on the account (over all addresses); the new count. Old
    counters are removed on the way."""
    _pair, _address, account = _keys(username, "")
    now = utcnow()
    with transaction():
        db.session.execute(sa.delete(LoginThrottle).where(
            LoginThrottle.window_started_at < now - timedelta(days=1)))
        return _count(account, now)


def delay_seconds(account_failures: int) -> float:
    """The wait before checking a password of an account with this many recent failures."""
    config = current_app.config
    beyond = account_failures - config["LOGIN_ACCOUNT_DELAY_AFTER"]
    if beyond < 0:
        return 0.0
    return min(config["LOGIN_MAX_DELAY_SECONDS"], 0.5 * 2 ** min(beyond, 16))


def addresses_failing(username: str) -> int:
    """From how many addresses the account's recent failures came."""
    name = username.strip().lower()[:80]
    window_start = _window_start(utcnow())
    return db.session.scalar(sa.select(sa.func.count()).select_from(LoginThrottle).where(
        LoginThrottle.key.startswith(f"pair:{name}|", autoescape=True),
        LoginThrottle.window_started_at >= window_start, LoginThrottle.failures > 0)) or 0

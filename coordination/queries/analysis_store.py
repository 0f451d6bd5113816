"""The computed analysis shared by every app server process through the database.

After a write each process needs the analysis of the new data version. The first to need it
computes it and stores it here; the others load it instead of computing it again
(docs/performance.md, 1.: loading takes about a third of computing). Two processes that compute
at the same moment both stay correct: the first row written wins, the second write is dropped.

A stored analysis is the pickled result, compressed and signed with the app's secret key (HMAC):
only a process of this app, which holds the key, can have written what is unpickled. Its key is
a hash of everything the analysis depends on: the data version, the thresholds, the days, and
the analysis code itself (a changed rule after an update computes anew).
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import pickle
import zlib
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from coordination.extensions import db
from coordination.models import StoredAnalysis

KEPT = 16  # newest stored analyses kept; older ones are deleted when a new one is stored
_DIGEST = hashlib.sha256().digest_size
log = logging.getLogger(__name__)


@cache
def _code_version() -> str:
    """A hash of the analysis code (coordination/analysis), read once per process."""
    digest = hashlib.sha256()
    for path in sorted((Path(__file__).resolve().parent.parent / "analysis").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def store_key(*parts) -> str:
    return hashlib.sha256(repr((_code_version(), *parts)).encode()).hexdigest()


def _signature(body: bytes) -> bytes:
    return hmac.new(current_app.config["SECRET_KEY"].encode(), body, hashlib.sha256).digest()


def encode(value) -> bytes:
    body = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return _signature(body) + body


def decode(payload: bytes):
    """The stored value, or None if the signature does not match (another key, tampering)."""
    signature, body = payload[:_DIGEST], payload[_DIGEST:]
    if not hmac.compare_digest(signature, _signature(body)):
        log.warning("stored analysis with a wrong signature ignored")
        return None
    return pickle.loads(zlib.decompress(body))  # noqa: S301 - signed by this app (see above)


def load(key: str):
    """The value stored under `key`, or None."""
    payload = db.session.scalar(sa.select(StoredAnalysis.payload).where(StoredAnalysis.key == key))
    return None if payload is None else decode(payload)


def holds(key: str) -> bool:
    """Whether an analysis is stored under `key`."""
    return db.session.scalar(sa.select(sa.exists().where(StoredAnalysis.key == key)))


def save(key: str, value) -> None:
    """Store `value` under `key` and delete all but the KEPT newest. Committed at once when no
    user action is under way (a page view); within one (a write that reads the analysis), it
    commits with it. If another process stored it first, theirs stays."""
    payload = encode(value)
    newest = sa.select(StoredAnalysis.id).order_by(StoredAnalysis.id.desc()).limit(1).offset(KEPT)
    try:
        with db.session.begin_nested():
            db.session.execute(sa.insert(StoredAnalysis).values(key=key, payload=payload))
            db.session.execute(sa.delete(StoredAnalysis).where(StoredAnalysis.id <= newest.scalar_subquery()))
    except sa.exc.IntegrityError:
        return  # stored by another process a moment ago: the same analysis
    if not db.session.info.get("in_transaction"):
        session = db.session()
        expire, session.expire_on_commit = session.expire_on_commit, False
        try:  # the page's objects stay loaded: a page view changed nothing of them
            session.commit()
        finally:
            session.expire_on_commit = expire

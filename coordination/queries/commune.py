"""The commune of this installation and whether set-up has run."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, g, has_request_context

from coordination.extensions import db
from coordination.models import Commune

COMMUNE = sa.select(Commune).limit(1)  # asked on every page: built once (see accounts.SESSION_USER)

def current_commune() -> Commune | None:
    """The commune, read once per request (the page, its wording and its menu all ask)."""
    if has_request_context() and "commune" in g:
        return g.commune
    commune = db.session.scalar(COMMUNE)
    if commune is not None and has_request_context():
        g.commune = commune
    return commune


def is_set_up() -> bool:
    """True once set-up has run; remembered per process because it never turns false again."""
    if current_app.extensions.get("coordination.set_up"):
        return True
    done = db.session.scalar(sa.select(Commune.id).limit(1)) is not None
    if done:
        current_app.extensions["coordination.set_up"] = True
    return done

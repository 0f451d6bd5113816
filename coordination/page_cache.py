"""Read pages rendered once per data version, not once per request (docs/performance.md, 1.).

Views decorated with `cached_page` answer a GET from a bounded in-process store when the same
page was rendered since the last write. The key is everything the page depends on: the data
version (the newest audit entry: every write adds one), the day (pages show dates relative to
today), the reader's role (what a role may see), the language, and the request's host, path and
query. The version comes from the database, so several app servers behind a load balancer stay
consistent: a write on one makes every server render the page anew at its next request.

What belongs to one person is never stored:
- the signed-in user's menu (name, role, and the sign-out form with its CSRF token) is rendered
  for each request into the stored page (`user_menu`);
- a page that holds a CSRF token anywhere else (a form, a coordinator's buttons) is not stored;
- a request with messages waiting to be shown (flash) is answered without the store, and a page
  that showed messages is not stored.
Only answers 200 are stored. JSON answers carry an ETag and answer 304 when it matches.

A page that names the actors it shows (`shows_actors`, an actor's page) outlives writes that
cannot change it: when the version has moved on, the writes since are read (two small queries),
and if each is the creation or change of an actor the page does not show, or a change of all
but the name of an actor it shows by name alone (a partner), the page is served and kept for the
new version. Likewise a page that names the actor fields it does not read
(`ignores_actor_fields`, the actor list) outlives changes of only those fields of any actor (as
the history entry lists them: an edit of a description leaves the list as it was), and a list
that names the actors it shows and the fields that choose and order them (`lists_actors`: the
actor list, the API's) outlives changes of other actors that leave those fields alone. Any other
write (a cooperation, a list entry, a body, a user, an actor the page names) renders it anew.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date
from functools import wraps

import sqlalchemy as sa
from flask import Response, current_app, g, make_response, request, session
from flask.globals import request_ctx
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from coordination.extensions import db
from coordination.models import AuditAction, AuditEntry
from coordination.models.audit import AuditEntryActor

_CACHE = "coordination.page_cache"
MAX_BYTES = 64 * 1024 * 1024  # per process; an actor list page is about 40 KB at 2,000 actors
USER_MENU_MARKER = "<!--user-menu-->"
_MARKER_BYTES = USER_MENU_MARKER.encode()
VERSION_WINDOW = 1000  # audit entries counted below the newest (see `committed_version`)
WRITES_CHECKED = 100  # at most this many writes since a page are read to keep it (`_unaffected`)


@dataclass(frozen=True)
class StoredPage:
    version: tuple[int, int]
    body: bytes
    mimetype: str
    etag: str
    with_user_menu: bool
    actors: frozenset[int] | None  # the actors the page shows, if it named them
    unread_fields: frozenset[str] = frozenset()  # actor fields the page neither shows nor selects by
    names_only: frozenset[int] = frozenset()  # actors of whom the page shows the name alone
    listed: frozenset[int] | None = None  # the actors a list page shows, if it named them
    chosen_by: frozenset[str] = frozenset()  # actor fields that choose and order that list


class PageStore:
    """Least recently used pages up to `max_bytes`, shared by a process' threads."""

    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self.size = 0
        self.pages: OrderedDict[tuple, StoredPage] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> StoredPage | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: StoredPage) -> None:
        if len(page.body) > self.max_bytes // 4:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self.pages[key] = page
            self.size += len(page.body)
            while self.size > self.max_bytes:
                _key, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.body)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.size = 0


def page_store() -> PageStore:
    store = current_app.extensions.get(_CACHE)
    if store is None:
        store = current_app.extensions.setdefault(_CACHE, PageStore())
    return store


def _storing() -> bool:
    return g.get("page_cache_storing", False)


def user_menu() -> Markup:
    """The signed-in user's menu in the navigation bar (template global): a marker while a page
    is rendered for the store, filled in for each request."""
    if _storing():
        return Markup(USER_MENU_MARKER)
    return _render_user_menu()


def _render_user_menu() -> Markup:
    template = current_app.jinja_env.get_template("_user_menu.html")
    return Markup(template.render(current_user=current_user))


def committed_version() -> tuple[int, int]:
    """The data version as committed: (newest audit entry, audit entries among the newest
    VERSION_WINDOW ids). The newest id alone is not enough on PostgreSQL: two writers draw ids
    in one order and may commit in the other, so the entry committed last can be the older
    one, and the newest id would not change with its commit; the count does. (On SQLite one
    writer at a time draws and commits.) An entry committed after VERSION_WINDOW newer ones
    would go unseen, which needs a transaction held open while others write a thousand
    entries. One query on the primary key's index."""
    stamp = db.session.execute(COMMITTED_VERSION).one()
    return stamp[0] or 0, stamp[1]


# Asked on every request to a stored page: the statement is built once (SQLAlchemy then finds its
# compiled form without taking a new statement apart each time).
COMMITTED_VERSION = (sa.select(sa.func.max(AuditEntry.id), sa.func.count(AuditEntry.id))
                     .where(AuditEntry.id > sa.select(sa.func.max(AuditEntry.id)).scalar_subquery()
                            - VERSION_WINDOW))


def _key() -> tuple:
    """What a page depends on besides the data version."""
    return (date.today(), current_user.role.value, str(get_locale()), request.host_url,
            request.full_path)


def shows_actors(actor_ids, names_of=()) -> None:
    """Name the actors whose records the page being rendered shows (and no others: its own
    actor, partners, fellow participants), so that the page outlives writes to other actors.
    Of the actors in `names_of` (partners) the page shows the name alone: it also outlives
    changes of anything else of theirs."""
    if _storing():
        g.page_cache_actors = frozenset(actor_ids) | frozenset(names_of)
        g.page_cache_names_only = frozenset(names_of) - frozenset(actor_ids)


def ignores_actor_fields(names) -> None:
    """Name the fields of actors (as their history records them, services.actors) that the page
    being rendered neither shows nor selects or sorts by, so that it outlives changes of only
    these fields of any actor (a list outlives an edit of a description)."""
    if _storing():
        g.page_cache_unread_fields = frozenset(names)


def lists_actors(actor_ids, chosen_by) -> None:
    """Name the actors a list page being rendered shows and the fields of actors (as their
    history records them) by which the list chooses and orders them, so that the page outlives
    changes of other actors that leave these fields alone."""
    if _storing():
        g.page_cache_listed, g.page_cache_chosen_by = frozenset(actor_ids), frozenset(chosen_by)


def _harmless(page: StoredPage, entity_type: str, action: AuditAction, entity_id: int | None,
              actor_id: int | None, changes) -> bool:
    """Whether the write cannot change the page: the creation or change of an actor the page
    does not show (`shows_actors`), a change of an actor a list does not show that leaves the
    fields choosing and ordering the list alone (`lists_actors`), or a change of only fields the
    page does not read: of any actor (`ignores_actor_fields`) or, but the name, of an actor it
    shows by name alone."""
    if entity_type != "actors" or action == AuditAction.DELETE:
        return False
    if page.actors is not None and entity_id not in page.actors and actor_id not in page.actors:
        return True
    if action != AuditAction.UPDATE or not isinstance(changes, dict) or not changes:
        return False
    if page.listed is not None and entity_id not in page.listed and actor_id not in page.listed \
            and not changes.keys() & page.chosen_by:
        return True
    return changes.keys() <= page.unread_fields or (
        entity_id in page.names_only and "name" not in changes
        and (actor_id in page.names_only or actor_id not in page.actors))


def _unaffected(page: StoredPage, version: tuple[int, int]) -> bool:
    """Whether no write since `page.version` can change the page (`_harmless`), and none
    committed late among the older ones."""
    (old_newest, old_count), (newest, _count) = page.version, version
    if (page.actors is None and page.listed is None and not page.unread_fields) or newest < old_newest:
        return False
    in_window = sa.select(sa.func.count(AuditEntry.id)).where(
        AuditEntry.id > old_newest - VERSION_WINDOW, AuditEntry.id <= old_newest)
    if db.session.scalar(in_window) != old_count:
        return False
    writes = db.session.execute(
        sa.select(AuditEntry.entity_type, AuditEntry.action, AuditEntry.entity_id, AuditEntryActor.actor_id,
                  AuditEntry.changes)
        .outerjoin(AuditEntryActor, AuditEntryActor.audit_entry_id == AuditEntry.id)
        .where(AuditEntry.id > old_newest).limit(WRITES_CHECKED + 1)).all()
    return len(writes) <= WRITES_CHECKED and all(_harmless(page, *write) for write in writes)


def _holds_secrets(response: Response, body: bytes) -> bool:
    """Whether the answer holds anything of this session: a CSRF token or shown messages."""
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    return (b'name="csrf_token"' in body or (token is not None and token.encode() in body)
            or bool(getattr(request_ctx, "flashes", None)) or "Set-Cookie" in response.headers)


def _answer(page: StoredPage, status_headers: Response | None = None) -> Response:
    body = page.body
    if page.with_user_menu:
        body = body.replace(_MARKER_BYTES, str(_render_user_menu()).encode(), 1)
    response = status_headers or Response(mimetype=page.mimetype)
    response.set_data(body)
    if page.mimetype == "application/json":
        response.set_etag(page.etag)
        response.make_conditional(request)
    return response


def cached_page(view):
    """Serve the view's GET answers from the page store (see the module docstring)."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        if (request.method != "GET" or not current_user.is_authenticated or "_flashes" in session
                or current_app.config.get("PAGE_CACHE") is False):
            return view(*args, **kwargs)
        store, key, version = page_store(), _key(), committed_version()
        page = store.get(key)
        if page is not None and page.version == version:
            return _answer(page)
        if page is not None and _unaffected(page, version):
            store.put(key, replace(page, version=version))
            return _answer(page)
        g.page_cache_storing, g.page_cache_actors = True, None
        g.page_cache_unread_fields = g.page_cache_names_only = g.page_cache_chosen_by = frozenset()
        g.page_cache_listed = None
        try:
            response = make_response(view(*args, **kwargs))
        finally:
            g.page_cache_storing = False
        if response.status_code != 200 or response.is_streamed:
            return _fill_user_menu(response)
        body = response.get_data()
        page = StoredPage(version, body, response.mimetype, hashlib.sha256(body).hexdigest()[:32],
                          _MARKER_BYTES in body, g.page_cache_actors, g.page_cache_unread_fields,
                          g.page_cache_names_only, g.page_cache_listed, g.page_cache_chosen_by)
        if not _holds_secrets(response, body):
            store.put(key, page)
        return _answer(page, response)
    return wrapper


def _fill_user_menu(response: Response) -> Response:
    if not response.is_streamed and response.mimetype == "text/html":
        body = response.get_data()
        if _MARKER_BYTES in body:
            response.set_data(body.replace(_MARKER_BYTES, str(_render_user_menu()).encode(), 1))
    return response

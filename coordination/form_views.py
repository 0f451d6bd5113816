"""The view side every create, edit and delete page shares: call the service, show its errors at
the form or say what was done, and go on. Each view keeps only what is its own: the form, the
service call, the message and where to go afterwards (services write; see services.base)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from coordination.forms import apply_service_error, validate_with_service
from coordination.services.base import ConflictError, ValidationError

T = TypeVar("T")


def save_form(form: FlaskForm, save: Callable[[], T], *, done: str | Callable[[T], str],
              then: str | Callable[[T], str], check: Callable[[], dict[str, str]] | None = None,
              say_invalid: bool = False) -> Response | None:
    """The POST half of a form page. When `form` is submitted and valid, `save()` calls the
    service; then the success message `done` is flashed and the browser goes on to `then` (each
    either a text or a function of what `save()` returned, e.g. the new record). A service's refusal (bad values, or a record changed meanwhile) is shown at the
    form. `check` is the service's own check, shown together with the form's where the form's
    fail (see validate_with_service); `say_invalid` flashes "Bitte korrigieren …" when the form's
    own checks fail (for forms posted from another page, whose fields may be out of sight).

    Returns the redirect, or None where the page is to be shown (again) with the form."""
    if check is not None:
        valid = validate_with_service(form, check)
    else:
        valid = form.validate_on_submit()
        if not valid and say_invalid and form.is_submitted():
            flash(_("Bitte korrigieren Sie die markierten Angaben."), "danger")
    if not valid:
        return None
    try:
        result = save()
    except (ValidationError, ConflictError) as error:
        apply_service_error(form, error)
        return None
    flash(done(result) if callable(done) else done, "success")
    return redirect(then(result) if callable(then) else then)


def delete_on_post(delete: Callable[..., object], *, done: str, then: str,
                   back: str | None = None) -> Response | None:
    """The POST half of a delete confirmation: `delete(version=…, by=…)` with the version the
    page was loaded with, then `done` and on to `then`. If the record changed meanwhile, the
    message goes to `back` (default: the confirmation again, showing the record as it is now).
    None on GET."""
    if request.method != "POST":
        return None
    try:
        delete(version=request.form.get("version", type=int), by=current_user)
    except ConflictError as error:
        flash(str(error), "danger")
        return redirect(back or request.path)
    flash(done, "success")
    return redirect(then)


@dataclass(frozen=True)
class RecordPages:
    """Where the pages of one kind of record are, and their breadcrumbs: the list at
    `<blueprint>.index`, each record's page at `<blueprint>.detail` (its id passed as `id_arg`),
    named by `name` in the breadcrumbs."""

    blueprint: str
    id_arg: str
    list_label: str  # a lazy text, so that it is translated per request
    name: Callable[[Any], str] = str

    def list_crumb(self) -> tuple[str, str]:
        return (str(self.list_label), url_for(f"{self.blueprint}.index"))

    def page(self, record, **anchor: str) -> str:
        return url_for(f"{self.blueprint}.detail", **{self.id_arg: record.id}, **anchor)

    def crumbs(self, record, page: str | None = None) -> list[tuple[str, str | None]]:
        """The breadcrumbs of the record's page, or of its page named `page` (edit, delete, …)."""
        if page is None:
            return [self.list_crumb(), (self.name(record), None)]
        return [self.list_crumb(), (self.name(record), self.page(record)), (page, None)]


def from_actor_page(origin, index_crumb: tuple[str, str], title: str) -> tuple[list[tuple[str, str | None]], str]:
    """The breadcrumbs and the cancel address of a "new" page, which leads back to the actor's
    page it was started from (`origin`; None: back to the list of `index_crumb`)."""
    if origin is None:
        return [index_crumb, (title, None)], index_crumb[1]
    actor_page = url_for("actors.detail", actor_id=origin.id)
    return [(_("Akteure"), url_for("actors.index")), (origin.name, actor_page), (title, None)], actor_page

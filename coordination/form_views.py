"""The view side every create, edit and delete page shares: call the service, show its errors at
the form or say what was done, and go on. Each view keeps only what is its own: the form, the
service call, the message and where to go afterwards (services write; see services.base)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from coordination.extensions import db
from coordination.forms import apply_service_error, validate_with_service
from coordination.models import Actor, Role
from coordination.security import role_required
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


def _no_context(_record) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class RecordForms:
    """The new, edit and delete pages of one kind of record, declared once per kind and registered
    by `register` as `<blueprint>.create`, `.edit` and `.delete` (coordinators only). What differs
    between the kinds is declared here; the steps are the same for all: fill the form (from the
    record, when editing), save through the service (with the version the form was loaded with),
    and ask before deleting. The templates are `<blueprint>/form.html` and `<blueprint>/delete.html`,
    given the record under its kind's name (`id_arg` without "_id": `actor`, `body`, …; None on
    the new page)."""

    pages: RecordPages
    load: Callable[[int], Any]  # the record with this id, or 404
    form: type  # a VersionedForm
    fill_choices: Callable[[Any], None]  # the form's choice lists
    check: Callable[[dict, int | None], dict[str, str]]  # check(values, record id): the service's errors
    create: Callable[..., Any]  # create(values, by=…) -> the new record
    update: Callable[..., Any]  # update(record, values, version=…, by=…) -> the record
    delete: Callable[..., Any]  # delete(record, version=…, by=…)
    new_title: str  # the new page's breadcrumb (a lazy text)
    created: Callable[[Any], str]  # the message after creating
    deleted: Callable[[Any], str]  # the message after deleting (made before the record is gone)
    saved: Callable[[Any], str] | None = None  # the message after an edit (default: names the record)
    form_values: Callable[[Any], dict[str, Any]] = _no_context  # fields the record holds otherwise
    delete_context: Callable[[Any], dict[str, Any]] = _no_context  # what the confirmation shows
    # Where a new record may be started from an actor's page (`?actor_id=`): fills the new form
    # on GET from that actor (None: started from the list) and from the request's arguments; the
    # new page then leads back to the actor's page.
    start: Callable[[Any, Any], None] | None = None

    @property
    def record_name(self) -> str:
        return self.pages.id_arg.removesuffix("_id")

    def register(self, blueprint) -> None:
        only_coordinators = role_required(Role.COORDINATOR)
        blueprint.add_url_rule("/new", "create", only_coordinators(self.create_page), methods=["GET", "POST"])
        blueprint.add_url_rule(f"/<int:{self.pages.id_arg}>/edit", "edit", only_coordinators(self.edit_page),
                               methods=["GET", "POST"])
        blueprint.add_url_rule(f"/<int:{self.pages.id_arg}>/delete", "delete",
                               only_coordinators(self.delete_page), methods=["GET", "POST"])

    def _render_form(self, form, record, cancel_url: str, breadcrumbs):
        return render_template(f"{self.pages.blueprint}/form.html", form=form, **{self.record_name: record},
                               cancel_url=cancel_url, breadcrumbs=breadcrumbs)

    def create_page(self):
        form = self.form()
        self.fill_choices(form)
        origin = None
        if self.start is not None:
            origin = db.session.get(Actor, request.args.get("actor_id", 0, type=int))
            if request.method == "GET":
                self.start(form, origin)
        crumbs, back = from_actor_page(origin, self.pages.list_crumb(), str(self.new_title))
        saved = save_form(form, lambda: self.create(form.values(), by=current_user),
                          check=lambda: self.check(form.values(), None), done=self.created,
                          then=lambda record: back if origin is not None else self.pages.page(record))
        return saved or self._render_form(form, None, back, crumbs)

    def _saved(self, record) -> str:
        return _("Änderungen an „%(name)s“ wurden gespeichert.", name=self.pages.name(record))

    def edit_page(self, **ids: int):
        record = self.load(ids[self.pages.id_arg])
        form = self.form.for_record(record, **self.form_values(record))
        self.fill_choices(form)
        saved = save_form(form, lambda: self.update(record, form.values(), version=form.submitted_version(),
                                                    by=current_user),
                          check=lambda: self.check(form.values(), record.id), then=self.pages.page,
                          done=self.saved or self._saved)
        return saved or self._render_form(form, record, self.pages.page(record),
                                          self.pages.crumbs(record, _("Bearbeiten")))

    def delete_page(self, **ids: int):
        """GET asks for confirmation (works without JavaScript), POST deletes."""
        record = self.load(ids[self.pages.id_arg])
        deleted = delete_on_post(partial(self.delete, record), done=self.deleted(record),
                                 then=url_for(f"{self.pages.blueprint}.index"))
        return deleted or render_template(f"{self.pages.blueprint}/delete.html", **{self.record_name: record},
                                          **self.delete_context(record),
                                          breadcrumbs=self.pages.crumbs(record, _("Löschen")))

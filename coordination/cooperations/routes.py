"""Cooperation list and page, create/edit/delete of cooperations."""
from datetime import date

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from coordination.cooperations import bp, queries
from coordination.cooperations.forms import CooperationFilterForm, CooperationForm
from coordination.extensions import db
from coordination.form_views import RecordForms, RecordPages
from coordination.list_downloads import download
from coordination.list_views import list_page
from coordination.models import Actor, Cooperation
from coordination.queries.choices import actor_choices, commitment_choices, commitment_number_choices
from coordination.queries.history import record_history
from coordination.services import cooperations as cooperation_service

PER_PAGE = 25
PAGES = RecordPages("cooperations", "cooperation_id", _l("Kooperationen"), name=str)


def _cooperation_or_404(cooperation_id: int) -> Cooperation:
    return db.one_or_404(queries.cooperation_page_query(cooperation_id))


def _fill_choices(form: CooperationForm) -> None:
    actors = actor_choices(empty_label=_("– bitte wählen –"))
    form.actor_a_id.choices = actors
    form.actor_b_id.choices = actors
    form.commitment_ids.choices = commitment_choices()


def _start(form: CooperationForm, origin: Actor | None) -> None:
    """A new cooperation started from an actor's page has that actor on its first side."""
    if origin is not None:
        form.actor_a_id.data = origin.id


FORMS = RecordForms(
    PAGES, load=_cooperation_or_404, form=CooperationForm, fill_choices=_fill_choices,
    form_values=lambda cooperation: dict(kind=cooperation.kind.value,
                                         commitment_ids=[c.id for c in cooperation.commitments]),
    check=cooperation_service.check_cooperation, create=cooperation_service.create_cooperation,
    update=cooperation_service.update_cooperation, delete=cooperation_service.delete_cooperation,
    new_title=_l("Neue Kooperation"), start=_start,
    created=lambda cooperation: _("Kooperation zwischen „%(a)s“ und „%(b)s“ wurde angelegt.",
                                  a=cooperation.actor_a.name, b=cooperation.actor_b.name),
    saved=lambda _cooperation: _("Änderungen an der Kooperation wurden gespeichert."),
    deleted=lambda cooperation: _("Kooperation %(pair)s wurde gelöscht.", pair=str(cooperation)))
FORMS.register(bp)


def _list_filters() -> tuple[CooperationFilterForm, queries.CooperationFilter, str]:
    """The filter bar's form, the filters it sets and the sort key (list and downloads)."""
    form = CooperationFilterForm(request.args)
    form.actor.choices = actor_choices(empty_label=_("alle"))
    form.commitment.choices = commitment_number_choices(_("alle"))
    form.validate()  # coerces the values; invalid filter values are ignored
    sort = request.args.get("sort", "a")
    filters = queries.CooperationFilter(
        kind=form.kind.data if not form.kind.errors else "",
        actor_id=form.actor.data if not form.actor.errors else None,
        commitment_number=form.commitment.data if not form.commitment.errors else None,
        state=form.state.data if not form.state.errors else "",
        sort=sort.lstrip("-"), descending=sort.startswith("-"))
    return form, filters, sort


@bp.route("/")
def index():
    form, filters, sort = _list_filters()
    page, args = list_page(queries.cooperation_list_query(filters), per_page=PER_PAGE)
    return render_template("cooperations/index.html", form=form, page=page, args=args, sort=sort,
                           today=date.today(), breadcrumbs=[(_("Kooperationen"), None)])


@bp.route("/export.<file_format>")
def export(file_format: str):
    """The filtered list as shown (all pages), as XLSX or CSV."""
    _form, filters, _sort = _list_filters()
    cooperations = list(db.session.scalars(queries.cooperation_list_query(filters)).unique())
    return download(queries.cooperation_table(cooperations), file_format, "kooperationen")


@bp.route("/<int:cooperation_id>")
def detail(cooperation_id: int):
    cooperation = _cooperation_or_404(cooperation_id)
    return render_template(
        "cooperations/detail.html", cooperation=cooperation, today=date.today(),
        history_entries=record_history(cooperation) if current_user.can_edit else [],
        breadcrumbs=PAGES.crumbs(cooperation))

"""Cooperation list and page, create/edit/delete of cooperations."""
from datetime import date

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from coordination.cooperations import bp, queries
from coordination.cooperations.forms import CooperationFilterForm, CooperationForm
from coordination.extensions import db
from coordination.form_views import RecordEdits, RecordPages, from_actor_page, save_form
from coordination.list_downloads import download
from coordination.list_views import list_page
from coordination.models import Actor, Cooperation, Role
from coordination.queries.choices import actor_choices, commitment_choices, commitment_number_choices
from coordination.queries.history import record_history
from coordination.security import role_required
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


EDITS = RecordEdits(
    PAGES, load=_cooperation_or_404, form=CooperationForm, fill_choices=_fill_choices,
    form_values=lambda cooperation: dict(kind=cooperation.kind.value,
                                         commitment_ids=[c.id for c in cooperation.commitments]),
    check=cooperation_service.check_cooperation, update=cooperation_service.update_cooperation,
    delete=cooperation_service.delete_cooperation,
    saved=lambda _cooperation: _("Änderungen an der Kooperation wurden gespeichert."),
    deleted=lambda cooperation: _("Kooperation %(pair)s wurde gelöscht.", pair=str(cooperation)))
EDITS.register(bp)


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


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create():
    form = CooperationForm()
    _fill_choices(form)
    actor = db.session.get(Actor, request.args.get("actor_id", 0, type=int))
    if request.method == "GET":
        if actor is not None:
            form.actor_a_id.data = actor.id
    crumbs, back = from_actor_page(actor, PAGES.list_crumb(), _("Neue Kooperation"))
    saved = save_form(form, lambda: cooperation_service.create_cooperation(form.values(), by=current_user),
                      check=lambda: cooperation_service.check_cooperation(form.values()),
                      done=lambda cooperation: _("Kooperation zwischen „%(a)s“ und „%(b)s“ wurde angelegt.",
                                                 a=cooperation.actor_a.name, b=cooperation.actor_b.name),
                      then=lambda cooperation: back if actor is not None else PAGES.page(cooperation))
    return saved or render_template("cooperations/form.html", form=form, cooperation=None,
                                    cancel_url=back, breadcrumbs=crumbs)


@bp.route("/<int:cooperation_id>")
def detail(cooperation_id: int):
    cooperation = _cooperation_or_404(cooperation_id)
    return render_template(
        "cooperations/detail.html", cooperation=cooperation, today=date.today(),
        history_entries=record_history(cooperation) if current_user.can_edit else [],
        breadcrumbs=PAGES.crumbs(cooperation))

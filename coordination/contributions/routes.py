"""Contribution list and page, create/edit/delete of contributions, bulk edit and downloads."""
from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from coordination.bulk_views import list_bulk_form, register_bulk_edit
from coordination.contributions import bp, queries
from coordination.contributions.forms import ContributionFilterForm, ContributionForm
from coordination.extensions import db
from coordination.form_views import RecordForms, RecordPages
from coordination.forms import list_choices
from coordination.list_downloads import download
from coordination.list_views import list_page
from coordination.models import (
    Actor,
    Contribution,
    ContributionStatus,
    District,
    FieldOfAction,
    Language,
    TargetGroup,
)
from coordination.queries import choices
from coordination.queries.history import record_history
from coordination.services import contributions as contribution_service
from coordination.services.bulk_edit import bulk_edit_contributions

PER_PAGE = 25
PAGES = RecordPages("contributions", "contribution_id", _l("Angebote"), name=lambda contribution: contribution.title)


def _contribution_or_404(contribution_id: int) -> Contribution:
    return db.one_or_404(queries.contribution_page_query(contribution_id))


def _fill_choices(form: ContributionForm) -> None:
    please = _("– bitte wählen –")
    form.commitment_id.choices = choices.commitment_choices(empty_label=please)
    form.field_of_action_id.choices = list_choices(FieldOfAction, empty_label=_("– keines –"))
    actors = choices.actor_choices()
    form.lead_actor_id.choices = [("", please)] + actors
    form.partner_actor_ids.choices = actors
    form.district_ids.choices = list_choices(District)
    form.target_group_ids.choices = list_choices(TargetGroup)
    form.language_ids.choices = list_choices(Language)


def _start(form: ContributionForm, origin: Actor | None) -> None:
    """A new offer started from an actor's page is led by that actor; one started from a
    commitment's page (`?commitment=`) is filed under it."""
    if origin is not None:
        form.lead_actor_id.data = origin.id
    form.commitment_id.data = queries.commitment_id_for_number(request.args.get("commitment"))


FORMS = RecordForms(
    PAGES, load=_contribution_or_404, form=ContributionForm, fill_choices=_fill_choices,
    form_values=lambda contribution: dict(
        kind=contribution.kind.value, status=contribution.status.value,
        lead_actor_id=contribution.lead.id if contribution.lead else None,
        partner_actor_ids=[actor.id for actor in contribution.partners],
        district_ids=[d.id for d in contribution.districts],
        target_group_ids=[t.id for t in contribution.target_groups],
        language_ids=[language.id for language in contribution.languages]),
    check=lambda values, _id: contribution_service.check_contribution(values),
    create=contribution_service.create_contribution, update=contribution_service.update_contribution,
    delete=contribution_service.delete_contribution, new_title=_l("Neues Angebot"), start=_start,
    created=lambda contribution: _("Angebot „%(title)s“ wurde angelegt.", title=contribution.title),
    deleted=lambda contribution: _("Angebot „%(title)s“ wurde gelöscht.", title=contribution.title))
FORMS.register(bp)


def _list_filters(args: MultiDict | None = None) -> tuple[ContributionFilterForm, queries.ContributionFilter, str]:
    """The filter bar's form, the filters it sets and the sort key (list, downloads, bulk edit)
    from `args` (default: the request's)."""
    args = request.args if args is None else args
    form = ContributionFilterForm(args)
    form.commitment.choices = choices.commitment_number_choices(_("alle"))
    form.district.choices = list_choices(District, empty_label=_("alle"))
    form.actor.choices = choices.actor_choices(empty_label=_("alle"))
    form.validate()  # coerces the values; invalid filter values are ignored
    sort = args.get("sort", "commitment")
    filters = queries.ContributionFilter(
        q=form.q.data or "",
        commitment_number=form.commitment.data if not form.commitment.errors else None,
        status=form.status.data if not form.status.errors else "",
        kind=form.kind.data if not form.kind.errors else "",
        district_id=form.district.data if not form.district.errors else None,
        actor_id=form.actor.data if not form.actor.errors else None,
        sort=sort.lstrip("-"), descending=sort.startswith("-"))
    return form, filters, sort


@bp.route("/")
def index():
    form, filters, sort = _list_filters()
    page, args = list_page(queries.contribution_list_query(filters), per_page=PER_PAGE)
    return render_template("contributions/index.html", form=form, page=page, args=args, sort=sort,
                           bulk=list_bulk_form(ContributionStatus.choices(), args),
                           breadcrumbs=[(_("Angebote"), None)])


register_bulk_edit(bp, ContributionStatus.choices, bulk_edit_contributions, lambda changed: ngettext(
    "%(num)d Angebot wurde geändert.", "%(num)d Angebote wurden geändert.", changed),
    matching_ids=lambda args: [contribution.id for contribution in db.session.scalars(
        queries.contribution_list_query(_list_filters(args)[1])).unique()])


@bp.route("/export.<file_format>")
def export(file_format: str):
    """The filtered list as shown (all pages), as XLSX or CSV."""
    _form, filters, _sort = _list_filters()
    query = queries.contribution_list_query(filters).options(selectinload(Contribution.target_groups))
    return download(queries.contribution_table(list(db.session.scalars(query).unique())), file_format,
                    "beitraege")


@bp.route("/<int:contribution_id>")
def detail(contribution_id: int):
    contribution = _contribution_or_404(contribution_id)
    return render_template(
        "contributions/detail.html", contribution=contribution,
        history_entries=record_history(contribution) if current_user.can_edit else [],
        breadcrumbs=PAGES.crumbs(contribution))

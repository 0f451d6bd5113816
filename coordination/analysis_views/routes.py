"""Gap list, finding page, coverage, network figures, measures, settings and downloads."""
from __future__ import annotations

import math
from functools import partial

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from coordination.analysis.rules import RULES, related_findings
from coordination.analysis_views import bp
from coordination.analysis_views.forms import AcceptForm, GapFilterForm, MeasureForm, settings_form
from coordination.extensions import db
from coordination.form_views import delete_on_post, save_form
from coordination.forms import apply_service_error, list_choices, requested_stichtag
from coordination.list_views import list_args
from coordination.models import Commitment, District, FieldOfAction, Measure, MeasureStatus, Role
from coordination.page_cache import cached_page
from coordination.queries import analysis as analysis_queries
from coordination.queries import analysis_figures as figures
from coordination.queries import field_figures, gap_exports
from coordination.queries.analysis import GapFilter, filter_findings
from coordination.queries.choices import commitment_choices
from coordination.queries.finding_order import SORT_LABELS, sort_findings
from coordination.security import role_required
from coordination.services import analysis as analysis_service
from coordination.services import measures as measure_service
from coordination.services.base import ValidationError

PER_PAGE = 50


def _crumbs(*more):
    return [(_("Analyse"), url_for("analysis_views.index")), *more]


def _analysis_as_of():
    """The analysis as of the page's ?date= (today without one; a bad date is reported and
    today shown)."""
    on, error = requested_stichtag()
    if error:
        flash(error, "danger")
    return analysis_queries.current_analysis(on)


class Page:
    """A slice of a list, with what the pagination macro needs."""

    def __init__(self, items: list, page: int, per_page: int):
        self.total = len(items)
        self.pages = max(1, math.ceil(self.total / per_page))
        self.page = min(max(1, page), self.pages)
        self.items = items[(self.page - 1) * per_page:self.page * per_page]
        self.has_prev, self.has_next = self.page > 1, self.page < self.pages

    def iter_pages(self):
        for number in range(1, self.pages + 1):
            if number <= 2 or number > self.pages - 2 or abs(number - self.page) <= 2:
                yield number
            elif number in (3, self.pages - 2):
                yield None


def _gap_filter() -> tuple[GapFilterForm, GapFilter, dict]:
    form = GapFilterForm(request.args)
    commitments = db.session.execute(sa.select(Commitment.number, Commitment.short_title)
                                     .order_by(Commitment.number)).all()
    form.commitment.choices = [("", _("alle"))] + [(row.number, f"{row.number}. {row.short_title}")
                                                   for row in commitments]
    form.rule.choices = [("", _("alle"))] + [(rule_id, analysis_queries.rule_title(rule_id))
                                             for rule_id in RULES]
    form.district.choices = [("", _("alle"))] + [
        (row.id, row.name) for row in db.session.execute(
            sa.select(District.id, District.name).order_by(District.position, District.name))]
    form.validate()  # coerces; invalid values are ignored below

    def value(field):
        return field.data if field.data not in (None, "") and not field.errors else None

    gap_filter = GapFilter(commitment=value(form.commitment), severity=value(form.severity),
                           rule=value(form.rule), district_id=value(form.district),
                           status=value(form.status), group=value(form.group))
    return form, gap_filter, list_args()


@bp.route("/")
@cached_page
def index():
    form, gap_filter, args = _gap_filter()
    analysis = _analysis_as_of()
    rows = analysis_queries.acceptances()
    accepted = frozenset(rows) & analysis.finding_by_fingerprint.keys()
    sort = request.args.get("sort", "priority")
    shown = sort_findings(filter_findings(analysis.findings, gap_filter, accepted), sort,
                          analysis.data, accepted)
    page = Page(shown, request.args.get("page", 1, type=int), PER_PAGE)
    # evidence names, acceptance and measures only for the findings on this page
    page.items = analysis_queries.finding_items(analysis, page.items, accepted=rows)
    return render_template(
        "analysis/index.html", form=form, args=args, page=page, analysis=analysis, sort=sort,
        sort_labels=SORT_LABELS,
        counts=analysis_queries.open_counts(analysis.findings, accepted),
        upkeep=analysis_queries.open_upkeep(analysis.findings, accepted), accepted=len(accepted),
        accept_form=AcceptForm(formdata=None), formats=gap_exports.FORMATS,
        breadcrumbs=[(_("Analyse"), None)])


def _item_or_404(fingerprint: str):
    analysis = analysis_queries.current_analysis()
    finding = analysis.finding_by_fingerprint.get(fingerprint)
    if finding is None:
        return analysis, None
    return analysis, analysis_queries.finding_items(analysis, [finding])[0]


def _render_finding(fingerprint: str, accept_form: AcceptForm | None = None, status: int = 200):
    analysis, item = _item_or_404(fingerprint)
    if item is None:
        flash(_("Diesen Befund gibt es nicht mehr – die Daten haben sich inzwischen geändert."),
              "warning")
        return redirect(url_for("analysis_views.index"))
    related = analysis_queries.finding_items(
        analysis, related_findings(analysis.findings, item.finding), with_measures=False)
    return render_template(
        "analysis/finding.html", item=item, analysis=analysis, related=related,
        accept_form=accept_form or AcceptForm(formdata=None),
        breadcrumbs=_crumbs((item.title, None))), status


@bp.route("/findings/<fingerprint>")
def finding(fingerprint: str):
    return _render_finding(fingerprint)


def _back(fingerprint: str):
    target = request.form.get("next")
    if target == "list":
        return redirect(url_for("analysis_views.index", **dict(request.args.items()),
                                _anchor=f"finding-{fingerprint}"))
    return redirect(url_for("analysis_views.finding", fingerprint=fingerprint))


@bp.route("/findings/<fingerprint>/accept", methods=["POST"])
@role_required(Role.COORDINATOR)
def accept(fingerprint: str):
    form = AcceptForm()
    if form.validate_on_submit():
        try:
            analysis_service.accept_finding(fingerprint, form.reason.data, by=current_user)
        except ValidationError as error:
            if "fingerprint" in error.errors:
                flash(error.errors["fingerprint"], "warning")
                return redirect(url_for("analysis_views.index"))
            apply_service_error(form, error)
        else:
            flash(_("Der Befund ist als akzeptiert vermerkt."), "success")
            return _back(fingerprint)
    else:
        flash(_("Bitte korrigieren Sie die markierten Angaben."), "danger")
    return _render_finding(fingerprint, form, 200)


@bp.route("/findings/<fingerprint>/reopen", methods=["POST"])
@role_required(Role.COORDINATOR)
def reopen(fingerprint: str):
    try:
        analysis_service.reopen_finding(fingerprint, by=current_user)
    except ValidationError as error:
        flash(next(iter(error.errors.values())), "warning")
    else:
        flash(_("Der Befund ist wieder offen."), "success")
    return _back(fingerprint)


# --- coverage and network figures -----------------------------------------------------------

@bp.route("/coverage")
def coverage():
    """Coverage by commitment (default) or by Handlungsfeld (view=fields)."""
    analysis = _analysis_as_of()
    measure = "actors" if request.args.get("count") == "actors" else "contributions"
    view = "fields" if request.args.get("view") == "fields" else "commitments"
    dimensions = ("field",) if view == "fields" else figures.DIMENSIONS
    return render_template(
        "analysis/coverage.html", analysis=analysis, measure=measure, view=view,
        summaries=figures.commitment_summaries(analysis) if view == "commitments" else [],
        field_summaries=field_figures.field_summaries(analysis) if view == "fields" else [],
        tables=[figures.coverage_table(analysis, dimension, measure) for dimension in dimensions],
        breadcrumbs=_crumbs((_("Abdeckung"), None)))


@bp.route("/network")
def network():
    analysis = _analysis_as_of()
    return render_template("analysis/network.html", analysis=analysis,
                           figures=figures.network_figures(analysis),
                           breadcrumbs=_crumbs((_("Netzwerkkennzahlen"), None)))


@bp.route("/commitments/<int:number>")
def commitment(number: int):
    """Coverage, sub-network, findings (with evidence) and measures of one commitment."""
    record = db.session.scalar(sa.select(Commitment).where(Commitment.number == number))
    if record is None:
        abort(404)
    analysis = _analysis_as_of()
    return render_template(
        "analysis/commitment.html", commitment=record, analysis=analysis,
        section=figures.commitment_section(analysis, number),
        breadcrumbs=_crumbs((_("Selbstverpflichtung %(number)d", number=number), None)))


# --- recommended measures -------------------------------------------------------------------

@bp.route("/measures")
def measures():
    rows = db.session.scalars(sa.select(Measure).options(
        selectinload(Measure.commitment), selectinload(Measure.field_of_action)).order_by(
        Measure.commitment_id.is_(None), Measure.commitment_id, Measure.due_date.is_(None),
        Measure.due_date, Measure.id)).all()
    current = analysis_queries.current_analysis().finding_by_fingerprint
    return render_template("analysis/measures.html", measures=rows, current=current,
                           breadcrumbs=_crumbs((_("Handlungsempfehlungen"), None)))


def _measure_form(form: MeasureForm) -> MeasureForm:
    form.commitment_id.choices = commitment_choices(_("– keine –"))
    form.field_of_action_id.choices = list_choices(FieldOfAction, _("– keines –"))
    return form


def _finding_for_form(fingerprint: str | None):
    if not fingerprint:
        return None
    return analysis_queries.current_analysis().finding_by_fingerprint.get(fingerprint)


@bp.route("/measures/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create_measure():
    form = _measure_form(MeasureForm())
    if request.method == "GET":
        form.finding_fingerprint.data = request.args.get("finding", "")
        number = request.args.get("commitment", type=int)
        finding = _finding_for_form(form.finding_fingerprint.data)
        if finding is not None and finding.commitment is not None:
            number = finding.commitment
        if number is not None:
            form.commitment_id.data = db.session.scalar(
                sa.select(Commitment.id).where(Commitment.number == number))
        form.status.data = MeasureStatus.PROPOSED.value
    saved = save_form(form, lambda: measure_service.create_measure(form.values(), by=current_user),
                      done=_("Die Handlungsempfehlung wurde gespeichert."), then=_after_measure)
    return saved or render_template("analysis/measure_form.html", form=form, measure=None,
                                    finding=_finding_for_form(form.finding_fingerprint.data),
                                    breadcrumbs=_crumbs((_("Handlungsempfehlungen"), url_for("analysis_views.measures")),
                                                        (_("Neue Handlungsempfehlung"), None)))


def _after_measure(measure: Measure) -> str:
    """Back to the finding the measure answers, or else to the measure in the list."""
    if measure.finding_fingerprint and _finding_for_form(measure.finding_fingerprint):
        return url_for("analysis_views.finding", fingerprint=measure.finding_fingerprint)
    return url_for("analysis_views.measures", _anchor=f"measure-{measure.id}")


@bp.route("/measures/<int:measure_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_measure(measure_id: int):
    measure = db.get_or_404(Measure, measure_id)
    form = _measure_form(MeasureForm.for_record(measure, status=measure.status.value,
                                                finding_fingerprint=measure.finding_fingerprint or ""))
    saved = save_form(form, lambda: measure_service.update_measure(measure, form.values(), by=current_user,
                                                                   version=form.submitted_version()),
                      done=_("Die Handlungsempfehlung wurde gespeichert."), then=_after_measure)
    return saved or render_template("analysis/measure_form.html", form=form, measure=measure,
                                    finding=_finding_for_form(measure.finding_fingerprint),
                                    breadcrumbs=_crumbs((_("Handlungsempfehlungen"), url_for("analysis_views.measures")),
                                                        (_("Bearbeiten"), None)))


@bp.route("/measures/<int:measure_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def delete_measure(measure_id: int):
    measures = url_for("analysis_views.measures")
    return delete_on_post(partial(measure_service.delete_measure, db.get_or_404(Measure, measure_id)),
                          done=_("Die Handlungsempfehlung wurde gelöscht."), then=measures, back=measures)


# --- settings -------------------------------------------------------------------------------

@bp.route("/settings", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def settings():
    stored = analysis_queries.analysis_settings()
    if request.method == "GET":
        form = settings_form(formdata=None, data=vars(analysis_queries.current_thresholds()))
        form.version.data = stored.version if stored else ""
    else:
        form = settings_form()
    saved = save_form(form, lambda: analysis_service.update_thresholds(
                          {spec.name: getattr(form, spec.name).data for spec in analysis_queries.threshold_fields()},
                          version=form.submitted_version(), by=current_user),
                      done=_("Die Einstellungen der Lückenanalyse wurden gespeichert."),
                      then=url_for("analysis_views.settings"))
    return saved or render_template("analysis/settings.html", form=form,
                                    fields=analysis_queries.threshold_fields(),
                                    breadcrumbs=_crumbs((_("Einstellungen"), None)))


# --- downloads ------------------------------------------------------------------------------

@bp.route("/export.<file_format>")
def export(file_format: str):
    if file_format not in gap_exports.FORMATS:
        abort(404)
    _form, gap_filter, _args = _gap_filter()
    exported = gap_exports.export_gaps(file_format, gap_filter,
                                       sort=request.args.get("sort", "priority"))
    response = Response(exported.content, content_type=exported.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response

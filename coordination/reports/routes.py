"""Reports: the list of stored snapshots, generating one, reopening it (printable page, DOCX)
and the current state as a preview that is not stored."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from coordination.extensions import db
from coordination.forms import apply_service_error
from coordination.models import Report, ReportKind, Role
from coordination.queries import report_changes, status_report
from coordination.queries.gap_exports import FORMATS, slug
from coordination.reports import bp
from coordination.reports.forms import ReportForm, StatusReportForm
from coordination.security import role_required
from coordination.services import reports as report_service
from coordination.services.base import ValidationError

DOCX = FORMATS["docx"][1]


def _crumbs(*more):
    return [(_("Berichte"), url_for("reports.index")), *more]


def _render_index(form: ReportForm | None = None):
    reports = db.session.scalars(sa.select(Report).order_by(Report.created_at.desc(), Report.id.desc())).all()
    if current_user.can_edit and form is None:
        form = ReportForm(formdata=None)
    return render_template("reports/index.html", reports=reports, form=form, kinds=list(ReportKind),
                           breadcrumbs=[(_("Berichte"), None)])


@bp.route("/")
def index():
    return _render_index()


@bp.route("/new", methods=["POST"])
@role_required(Role.COORDINATOR)
def create():
    form = ReportForm()
    if form.validate_on_submit():
        created = _create(form, form.kind.data, title=form.title.data or "")
        if created:
            return created
    else:
        flash(_("Bitte korrigieren Sie die markierten Angaben."), "danger")
    return _render_index(form)


def _create(form, kind: str, **options):
    """Store a new report of `kind` as of the form's Stichtag and go to it; None with the
    service's errors on `form` when it refuses."""
    try:
        report = report_service.create_report(kind, form.reporting_date.data, by=current_user, **options)
    except ValidationError as error:
        apply_service_error(form, error)
        return None
    flash(_("Der Bericht wurde erstellt und gespeichert."), "success")
    return redirect(url_for("reports.detail", report_id=report.id))


def _status_reports() -> list[Report]:
    return db.session.scalars(sa.select(Report).where(Report.kind == ReportKind.STATUS_REPORT)
                              .order_by(Report.reporting_date.desc(), Report.id.desc())).all()


def _report_choice(report: Report) -> tuple[str, str]:
    return str(report.id), _("%(title)s, Stichtag %(date)s", title=report.title,
                             date=report.reporting_date.strftime("%d.%m.%Y"))


@bp.route("/status/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def new_status_report():
    """The Mitteilungsvorlage form: defaults from the last report and the commune settings."""
    form = StatusReportForm()
    form.compare_report.choices = [("", _("– keiner –"))] + [_report_choice(r) for r in _status_reports()]
    if request.method == "GET":
        defaults = status_report.vorlage_defaults(current_user)
        for key in status_report.VORLAGE_LIMITS:
            getattr(form, key).data = defaults[key]
        form.signatory_capacity.data = defaults["signatory_capacity"]
        for row, values in zip(form.consultation, defaults["consultation"]):
            row.body.data, row.purpose.data = values["body"], values["purpose"]
            row.date.data = date.fromisoformat(values["date"]) if values.get("date") else None
    elif form.validate_on_submit():
        compare = form.compare_to.data
        if form.compare_report.data:
            compare = db.session.get(Report, int(form.compare_report.data))
        created = _create(form, ReportKind.STATUS_REPORT.value, vorlage=form.vorlage(), compare_to=compare)
        if created:
            return created
    else:
        flash(_("Bitte korrigieren Sie die markierten Angaben."), "danger")
    return render_template("reports/status_form.html", form=form,
                           breadcrumbs=_crumbs((_("Sachstandsbericht erstellen"), None)))


@bp.route("/compare")
def compare():
    """What changed between two stored status reports or two dates."""
    reports = _status_reports()
    choices = [_report_choice(r) for r in reports]
    args = request.args
    change, error = None, None
    try:
        if args.get("a") and args.get("b"):
            first, second = (db.get_or_404(Report, int(args[key])) for key in ("a", "b"))
            first, second = sorted((first, second), key=lambda r: (r.reporting_date, r.id))
            if "snapshot" not in first.content or "snapshot" not in second.content:
                error = _("Einer der Berichte wurde vor dieser Funktion gespeichert und enthält "
                         "keinen Vergleichsstand. Vergleichen Sie bitte zwei Tage.")
            else:
                change = report_changes.changes(first.content["snapshot"], second.content["snapshot"])
        elif args.get("since"):
            since = date.fromisoformat(args["since"])
            until = date.fromisoformat(args["until"]) if args.get("until") else date.today()
            if not since < until <= date.today():
                error = _("Der erste Tag muss vor dem zweiten liegen, beide nicht in der Zukunft.")
            else:
                change = report_changes.changes(status_report.snapshot_for(since),
                                                status_report.snapshot_for(until))
    except ValueError:
        error = _("Bitte geben Sie die Tage als Datum an.")
    return render_template("reports/compare.html", choices=choices, change=change, error=error,
                           lines=report_changes.summary_lines(change) if change else [],
                           german=report_changes.german, args=args,
                           breadcrumbs=_crumbs((_("Vergleich"), None)))


@bp.route("/<int:report_id>")
def detail(report_id: int):
    report = db.get_or_404(Report, report_id)
    return render_template("reports/detail.html", report=report, content=report.content,
                           breadcrumbs=_crumbs((report.title, None)))


def _file_name(content: dict, extension: str) -> str:
    prefix = "sachstandsbericht" if content["kind"] == ReportKind.STATUS_REPORT.value else "bausteine"
    return f"{prefix}-{slug(content['commune'])}-{content['reporting_date']}.{extension}"


def _attachment(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/<int:report_id>/document")
def document(report_id: int):
    """The printable page exactly as it was generated."""
    report = db.get_or_404(Report, report_id)
    return Response(report.html, mimetype="text/html")


@bp.route("/<int:report_id>/download.docx")
def download(report_id: int):
    """The DOCX exactly as it was generated (not from today's data)."""
    report = db.get_or_404(Report, report_id)
    data = report_service.report_docx(report)
    if data is None:
        flash(_("Zu diesem älteren Bericht ist keine Word-Datei gespeichert; die Druckansicht "
                "zeigt ihn unverändert."), "warning")
        return redirect(url_for("reports.detail", report_id=report.id))
    return _attachment(data, DOCX, _file_name(report.content, "docx"))


@bp.route("/<int:report_id>/delete", methods=["POST"])
@role_required(Role.ADMIN)
def delete(report_id: int):
    report = db.get_or_404(Report, report_id)
    report_service.delete_report(report, by=current_user)
    flash(_("Der Bericht wurde gelöscht."), "success")
    return redirect(url_for("reports.index"))


def _kind_or_404(kind: str) -> ReportKind:
    try:
        return ReportKind(kind)
    except ValueError:
        abort(404)


@bp.route("/current/<kind>.html")
def preview(kind: str):
    """The current state as a printable page (not stored)."""
    content = report_service.content_for(_kind_or_404(kind), by=current_user)
    return Response(report_service.render_html(content, preview=True), mimetype="text/html")


@bp.route("/current/<kind>.docx")
def preview_docx(kind: str):
    content = report_service.content_for(_kind_or_404(kind), by=current_user)
    return _attachment(report_service.render_docx(content), DOCX, _file_name(content, "docx"))


@bp.app_template_global()
def report_kind_label(value: str) -> str:
    return ReportKind(value).label if value in {k.value for k in ReportKind} else value

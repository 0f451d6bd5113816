"""Monitoring page (each indicator's series as a chart with its numbers), indicator and value
forms, chart images. Everyone reads; coordinators and admins change."""
from __future__ import annotations

from functools import partial

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from coordination.exports import indicator_charts
from coordination.extensions import db
from coordination.form_views import delete_on_post, save_form
from coordination.models import Indicator, Role
from coordination.monitoring import bp, queries
from coordination.monitoring.forms import BLANK_ROWS, IndicatorForm, ValuesForm, ValuesImportForm
from coordination.security import role_required
from coordination.services import importing
from coordination.services import monitoring as monitoring_service
from coordination.services import monitoring_import as values_import
from coordination.services.base import ConflictError, ValidationError
from coordination.services.importing import sandbox, stored
from coordination.wording import current_wording

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _crumbs(*more):
    return [(_("Monitoring"), url_for("monitoring.index")), *more]


def _indicator_on_page(indicator: Indicator) -> str:
    return url_for("monitoring.index", _anchor=f"indicator-{indicator.id}")


@bp.route("/")
def index():
    page = queries.monitoring_page()
    return render_template("monitoring/index.html", page=page,
                           breadcrumbs=[(_("Monitoring"), None)])


@bp.route("/<int:indicator_id>/chart.<any(svg, png):image_format>")
def chart(indicator_id: int, image_format: str):
    series = queries.series_or_404(indicator_id)
    body = queries.cached_chart(series, image_format)
    response = Response(body, mimetype="image/svg+xml" if image_format == "svg" else "image/png")
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create():
    form = IndicatorForm()
    saved = save_form(form, lambda: monitoring_service.create_indicator(form.fields(), by=current_user),
                      done=lambda indicator: _("Der Indikator „%(name)s“ wurde angelegt.", name=indicator.name),
                      then=lambda indicator: url_for("monitoring.values", indicator_id=indicator.id))
    return saved or render_template("monitoring/form.html", form=form, indicator=None,
                                    breadcrumbs=_crumbs((_("Neuer Indikator"), None)))


@bp.route("/<int:indicator_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit(indicator_id: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    form = IndicatorForm.for_record(indicator)
    saved = save_form(form, lambda: monitoring_service.update_indicator(indicator, form.fields(), by=current_user,
                                                                        version=form.submitted_version()),
                      done=lambda indicator: _("Änderungen an „%(name)s“ wurden gespeichert.", name=indicator.name),
                      then=_indicator_on_page(indicator))
    return saved or render_template("monitoring/form.html", form=form, indicator=indicator,
                                    breadcrumbs=_crumbs((indicator.name, None)))


@bp.route("/<int:indicator_id>/delete", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def delete(indicator_id: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    deleted = delete_on_post(partial(monitoring_service.delete_indicator, indicator),
                             done=_("Der Indikator „%(name)s“ wurde gelöscht.", name=indicator.name),
                             then=url_for("monitoring.index"))
    return deleted or render_template("monitoring/delete.html", indicator=indicator, value_count=len(indicator.values),
                                      breadcrumbs=_crumbs((indicator.name, None), (_("Löschen"), None)))


def _values_form(indicator: Indicator, formdata=None) -> ValuesForm:
    if formdata is None:
        rows = [{"year": str(v.year), "district_id": str(v.district_id or ""),
                 "value": format_decimal(v.value, format="0.######")}
                for v in queries.values_in_order(indicator)]
        form = ValuesForm(formdata=None, data={"rows": rows + [{}] * BLANK_ROWS})
        form.version.data = indicator.version
    else:
        form = ValuesForm(formdata=formdata)
    choices = [("", current_wording().whole_commune)] + [(str(i), name) for i, name in queries.district_choices()]
    for row in form.rows:
        row.district_id.choices = choices
    return form


def _apply_row_errors(form: ValuesForm, errors: dict[str, str]) -> None:
    """Service errors "rows-<index>-<field>" go to the field of that row."""
    for key, message in errors.items():
        _prefix, index, field = key.split("-", 2)
        form.rows[int(index)][field].errors = list(form.rows[int(index)][field].errors) + [message]
    form.form_errors.append(_("Bitte korrigieren Sie die markierten Zeilen; es wurde nichts "
                              "gespeichert."))


@bp.route("/<int:indicator_id>/values", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def values(indicator_id: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    form = _values_form(indicator, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        rows, positions, errors = queries.rows_from_form(form)
        try:
            if errors:
                raise ValidationError(errors)
            changed = monitoring_service.save_values(indicator, rows, positions=positions,
                                                     version=form.submitted_version(),
                                                     by=current_user)
        except ValidationError as error:
            _apply_row_errors(form, error.errors)
        except ConflictError as error:
            form.form_errors.append(str(error))
        else:
            flash(_("Die Werte des Indikators „%(name)s“ wurden gespeichert.", name=indicator.name)
                  if changed else _("Es gab keine Änderungen."), "success")
            return redirect(_indicator_on_page(indicator))
    return render_template("monitoring/values.html", form=form, indicator=indicator,
                           breadcrumbs=_crumbs((indicator.name, None), (_("Werte"), None)))


# --- import ---------------------------------------------------------------------------------------

@bp.route("/import", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def import_values():
    """Upload a CSV/XLSX of values: checked as a whole, imported only without any problem."""
    form = ValuesImportForm()
    form.file.description = _("Höchstens %(mb)d MB und %(rows)s Zeilen.", mb=importing.max_bytes() // 2**20,
                              rows=indicator_charts.number(importing.max_rows()))
    errors, plan = [], None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            content = importing.read_upload(upload)
            parsed = stored.decode(sandbox.read_file_isolated(upload.filename, content))
            plan = values_import.check_values(parsed)
        except (importing.ImportFileError, values_import.ValuesImportError) as error:
            errors.append(str(error))
        if plan is not None and plan.ok and not form.check_only.data:
            changed = values_import.import_values(plan, by=current_user)
            flash(ngettext("%(num)d Wert wurde übernommen.", "%(num)d Werte wurden übernommen.",
                           plan.count) + " " + ngettext(
                "%(num)d Indikator hat sich geändert.", "%(num)d Indikatoren haben sich geändert.",
                changed), "success")
            return redirect(url_for("monitoring.index"))
    failed = bool(errors or form.errors) or (plan is not None and not plan.ok)
    return render_template("monitoring/import.html", form=form, errors=errors, plan=plan,
                           breadcrumbs=_crumbs((_("Werte importieren"), None))), \
        400 if failed else 200


@bp.route("/template.xlsx")
@role_required(Role.COORDINATOR)
def template():
    response = Response(values_import.template_xlsx(), mimetype=XLSX)
    response.headers["Content-Disposition"] = \
        'attachment; filename="integrationsnetz-monitoring-vorlage.xlsx"'
    return response


bp.add_app_template_filter(indicator_charts.number, "decimal")

"""Import in the browser: upload → columns and mapping → preview with every problem → import."""
from __future__ import annotations

import hashlib
import json
import math

from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from coordination.imports import bp
from coordination.imports.template import template_xlsx
from coordination.models import Role
from coordination.security import role_required
from coordination.services import importing
from coordination.services.importing import sandbox, stored

PROBLEMS_PER_PAGE = 50
ON_MATCH = ("merge", "skip", "new")


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _breadcrumbs(*more):
    return [(_("Import"), url_for("imports.index")), *more]


@bp.route("/", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def index():
    errors = []
    if request.method == "POST":
        upload = request.files.get("file")
        try:
            content = importing.read_upload(upload)
            parsed = sandbox.read_file_isolated(upload.filename, content)
        except importing.ImportFileError as error:
            errors.append(str(error))
        if not errors:
            kept = stored.create(upload.filename, parsed, current_user.id)
            target = url_for("imports.mapping", token=kept.token)
            if _wants_json():
                return jsonify(redirect=target)
            return redirect(target)
        if _wants_json():
            return jsonify(errors=errors), 400
    return render_template("imports/index.html", errors=errors, max_bytes=importing.max_bytes(),
                           max_rows=importing.max_rows(), breadcrumbs=_breadcrumbs()), 400 if errors else 200


@bp.route("/template.xlsx")
@role_required(Role.COORDINATOR)
def template():
    response = Response(template_xlsx(),
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["Content-Disposition"] = 'attachment; filename="integrationsnetz-importvorlage.xlsx"'
    return response


# --- the stored upload ---------------------------------------------------------------------------

def _upload(token: str) -> stored.Upload:
    upload = stored.load(token, current_user.id)
    if upload is None:
        abort(404)
    return upload


def _parsed(upload: stored.Upload) -> importing.ImportFile:
    """The upload as read when it arrived, with the kinds and mappings the user chose."""
    parsed = upload.parsed()
    chosen = upload.state.get("sheets")
    if chosen and len(chosen) == len(parsed.sheets):
        for sheet, choice in zip(parsed.sheets, chosen):
            sheet.kind = choice["kind"]
            sheet.mapping = {int(index): name for index, name in choice["mapping"].items()}
    return parsed


def _options(upload: stored.Upload) -> importing.Options:
    options = upload.state.get("options") or {}
    return importing.Options(create_missing=frozenset(options.get("create", [])),
                             on_match=options.get("on_match", "merge"),
                             valid_only=bool(options.get("valid_only")))


def _result_key(upload: stored.Upload) -> str:
    return hashlib.sha256(json.dumps([upload.state.get("sheets"), upload.state.get("options")],
                                     sort_keys=True).encode()).hexdigest()


def _checked(upload: stored.Upload) -> dict:
    """The result of checking the upload (kept in its state until mapping or options change)."""
    result = upload.state.get("result")
    if result and result.get("key") == _result_key(upload):
        return result
    plan = importing.check([_parsed(upload)], _options(upload))
    result = {
        "key": _result_key(upload),
        "summary": plan.summary(),
        "sheets": plan.sheets,
        "errors": len(plan.errors),
        "warnings": len(plan.warnings),
        "problems": [[p.sheet, p.row, p.column, p.message, p.level] for p in plan.problems],
        "missing": [{"key": m.key, "list": str(importing.LIST_LABELS[m.list_name]), "name": m.name,
                     "rows": [row for _sheet, row in m.rows][:20], "count": len(m.rows)}
                    for m in plan.missing.values()],
    }
    upload.state["result"] = result
    upload.save()
    return result


@bp.route("/<token>/mapping", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def mapping(token: str):
    upload = _upload(token)
    parsed = _parsed(upload)
    errors = []
    if request.method == "POST":
        chosen, kind_changed = [], False
        for number, sheet in enumerate(parsed.sheets):
            kind = request.form.get(f"kind-{number}", "")
            if kind not in importing.KINDS:
                kind = None
            if kind != sheet.kind:  # another kind has other columns: detect them afresh
                sheet.kind, kind_changed = kind, True
                sheet.remap()
                chosen.append({"kind": kind, "mapping": {str(i): n for i, n in sheet.mapping.items()}})
                continue
            fields = {c.name for c in importing.COLUMNS[kind]} if kind else set()
            columns = {}
            for index in range(len(sheet.headers)):
                name = request.form.get(f"column-{number}-{index}", "")
                if name in fields:
                    if name in columns.values():
                        errors.append(_("Blatt „%(sheet)s“: „%(field)s“ ist mehreren Spalten zugeordnet.",
                                        sheet=sheet.name, field=importing.column(kind, name).label))
                    columns[index] = name
            sheet.kind, sheet.mapping = kind, columns
            chosen.append({"kind": kind, "mapping": {str(i): n for i, n in columns.items()}})
        if not errors:
            upload.state["sheets"] = chosen
            upload.save()
            if kind_changed:
                flash(_("Die Art des Blatts wurde geändert und die Spalten neu zugeordnet. Bitte prüfen "
                        "Sie die Zuordnung."), "info")
                return redirect(url_for("imports.mapping", token=token))
            return redirect(url_for("imports.preview", token=token))
    return render_template("imports/mapping.html", upload=upload, parsed=parsed, errors=errors,
                           kinds=importing.KINDS, kind_labels=importing.KIND_LABELS,
                           columns=importing.COLUMNS, text_of=importing.text_of,
                           breadcrumbs=_breadcrumbs((upload.filename, None), (_("Spalten zuordnen"), None)))


@bp.route("/<token>/preview", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def preview(token: str):
    upload = _upload(token)
    if upload.state.get("sheets") is None:  # mapping confirmed implicitly: the detected one
        parsed = _parsed(upload)
        upload.state["sheets"] = [{"kind": s.kind, "mapping": {str(i): n for i, n in s.mapping.items()}}
                                  for s in parsed.sheets]
    if request.method == "POST":
        on_match = request.form.get("on_match", "merge")
        upload.state["options"] = {
            "create": sorted(set(request.form.getlist("create"))),
            "on_match": on_match if on_match in ON_MATCH else "merge",
            "valid_only": request.form.get("valid_only") == "1",
        }
        upload.save()
        if request.form.get("action") == "import":
            return _run_import(upload)
        return redirect(url_for("imports.preview", token=token))
    result = _checked(upload)
    show = request.args.get("show", "all")
    problems = [p for p in result["problems"] if show != "errors" or p[4] == "error"]
    pages = max(1, math.ceil(len(problems) / PROBLEMS_PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    return render_template(
        "imports/preview.html", upload=upload, result=result, options=_options(upload),
        problems=problems[(page - 1) * PROBLEMS_PER_PAGE:page * PROBLEMS_PER_PAGE], page=page, pages=pages,
        show=show, problem_count=len(problems), kind_labels=importing.KIND_LABELS,
        breadcrumbs=_breadcrumbs((upload.filename, url_for("imports.mapping", token=token)),
                                 (_("Vorschau"), None)))


def _run_import(upload: stored.Upload):
    options = _options(upload)
    plan = importing.check([_parsed(upload)], options)  # fresh: the data may have changed since
    try:
        counts = importing.execute(plan, options, by=current_user,
                                   label=_("Import: %(file)s", file=upload.filename))
    except importing.ImportRefused as error:
        flash(_("Nichts wurde importiert: %(count)d Fehler. Korrigieren Sie die Datei oder wählen Sie "
                "„nur fehlerfreie Zeilen importieren“.", count=len(error.problems)), "danger")
        return redirect(url_for("imports.preview", token=upload.token, show="errors"))
    upload.delete()
    flash(_("Import abgeschlossen: %(actors)s neu, %(merged)d zusammengeführt, %(contributions)s, "
            "%(cooperations)s, %(entries)s; %(skipped)s ausgelassen.",
            actors=ngettext("%(num)d Akteur", "%(num)d Akteure", counts["actors_created"]),
            merged=counts["actors_merged"],
            contributions=ngettext("%(num)d Angebot", "%(num)d Angebote", counts["contributions"]),
            cooperations=ngettext("%(num)d Kooperation", "%(num)d Kooperationen", counts["cooperations"]),
            entries=ngettext("%(num)d neuer Listeneintrag", "%(num)d neue Listeneinträge",
                             counts["list_entries"]),
            skipped=ngettext("%(num)d Zeile", "%(num)d Zeilen", counts["rows_skipped"])), "success")
    if counts["contact_persons"]:
        flash(ngettext("%(num)d Kontaktperson wurde übernommen (personenbezogene Daten: nur für die "
                       "Koordination sichtbar).", "%(num)d Kontaktpersonen wurden übernommen "
                       "(personenbezogene Daten: nur für die Koordination sichtbar).",
                       counts["contact_persons"]), "info")
    for sheet, count, rows in plan.left_out():
        flash(ngettext("Wegen Fehlern nicht importiert – Blatt „%(sheet)s“, Zeile %(rows)s.",
                       "Wegen Fehlern nicht importiert – Blatt „%(sheet)s“, %(num)d Zeilen: %(rows)s.",
                       count, sheet=sheet, rows=rows), "warning")
    return redirect(url_for("actors.index"))


@bp.route("/<token>/discard", methods=["POST"])
@role_required(Role.COORDINATOR)
def discard(token: str):
    _upload(token).delete()
    flash(_("Die hochgeladene Datei wurde verworfen."), "info")
    return redirect(url_for("imports.index"))

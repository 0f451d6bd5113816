"""Error pages in the app's layout (JSON for the API)."""
from dataclasses import dataclass

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from coordination.extensions import db


def _wants_json() -> bool:
    return request.path.startswith("/api/")


@dataclass(frozen=True)
class ErrorPage:
    title: str
    heading: str
    text: str


def _error_page(code: int | None) -> ErrorPage:
    """The German page for an HTTP status (the generic one for codes without their own)."""
    if code == 403:
        return ErrorPage(_("Keine Berechtigung"), _("Keine Berechtigung"), _(
            "Für diese Seite oder Aktion fehlen Ihrer Rolle die Rechte. Wenden Sie sich an die "
            "Administration, wenn Sie sie benötigen."))
    if code == 404:
        return ErrorPage(_("Nicht gefunden"), _("Seite nicht gefunden"), _(
            "Diese Seite oder dieser Eintrag existiert nicht (mehr). Vielleicht wurde er gelöscht."))
    if code == 413:
        max_mb = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // 2**20
        return ErrorPage(_("Datei zu groß"), _("Die Datei ist zu groß"), _(
            "Es werden Dateien bis %(mb)d MB angenommen. Bitte teilen Sie die Datei auf oder "
            "entfernen Sie nicht benötigte Tabellenblätter.", mb=max_mb))
    if code == 500 or code is None:
        return ErrorPage(_("Fehler"), _("Ein Fehler ist aufgetreten"), _(
            "Die Aktion konnte nicht ausgeführt werden; es wurde nichts gespeichert. Bitte "
            "versuchen Sie es erneut oder wenden Sie sich an die IT."))
    return ErrorPage(_("Fehler"), _("Die Anfrage konnte nicht bearbeitet werden"), _(
        "Bitte gehen Sie zurück und versuchen Sie es erneut. Wenn der Fehler bleibt, wenden Sie "
        "sich an die Administration (Fehlercode %(code)d).", code=code))


def handle_http_error(error: HTTPException):
    if _wants_json():
        return jsonify(error=error.name, message=error.description), error.code
    return render_template("errors/error.html", page=_error_page(error.code)), error.code


def handle_unexpected_error(error: Exception):
    db.session.rollback()
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    if _wants_json():
        return jsonify(error="Internal Server Error"), 500
    return render_template("errors/error.html", page=_error_page(500)), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(500, handle_unexpected_error)

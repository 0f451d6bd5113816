"""Error pages in the app's layout (JSON for the API)."""
from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from coordination.extensions import db


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def handle_http_error(error: HTTPException):
    if _wants_json():
        return jsonify(error=error.name, message=error.description), error.code
    template = f"errors/{error.code}.html" if error.code in (403, 404, 413, 500) else "errors/generic.html"
    max_mb = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // 2**20
    return render_template(template, error=error, max_mb=max_mb), error.code


def handle_unexpected_error(error: Exception):
    db.session.rollback()
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    if _wants_json():
        return jsonify(error="Internal Server Error"), 500
    return render_template("errors/500.html"), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(500, handle_unexpected_error)

"""Downloads: the network for Gephi/networkx (every signed-in user), the full export (admins)."""
from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from coordination.exchange import bp
from coordination.exchange.files import export_bytes
from coordination.exports import network
from coordination.models import Role
from coordination.security import role_required

FULL_FORMATS = {"json": "application/json", "xlsx":
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _download(content: bytes, mimetype: str, filename: str) -> Response:
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/")
def index():
    return render_template("exchange/index.html", network_formats=network.FORMATS,
                           breadcrumbs=[(_("Daten austauschen"), None)])


@bp.route("/network.<file_format>")
def network_download(file_format: str):
    if file_format not in network.FORMATS:
        abort(404)
    extension, mimetype = network.FORMATS[file_format]
    return _download(export_bytes(file_format), mimetype,
                     network.file_name("integrationsnetz-netzwerk", extension))


@bp.route("/export.<file_format>")
@role_required(Role.ADMIN)
def full_export(file_format: str):
    if file_format not in FULL_FORMATS:
        abort(404)
    with_contacts = request.args.get("contacts") == "1"
    prefix = "integrationsnetz-export-mit-kontakten" if with_contacts else "integrationsnetz-export"
    return _download(export_bytes(file_format, with_contacts=with_contacts), FULL_FORMATS[file_format],
                     network.file_name(prefix, file_format))

"""The network picture: pages, the JSON the picture is drawn from, and the stored arrangement."""
from datetime import date

import sqlalchemy as sa
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from coordination.extensions import db
from coordination.forms import requested_stichtag
from coordination.models import Actor, Commitment, Role
from coordination.network import bp, payload
from coordination.queries.analysis import current_analysis
from coordination.security import is_safe_next, role_required
from coordination.services import positions as position_service
from coordination.services.base import ValidationError
from coordination.templating import url_template

EXPORT_ENDPOINT = "exchange.network_download"  # GraphML, GEXF and node-link JSON downloads
GZIP_MIN_BYTES = 20_000


def _json(body: dict, status: int = 200) -> Response:
    return _send(payload.encode(body), status)


def _send(document: payload.Document, status: int = 200) -> Response:
    """The JSON, gzip-compressed when the browser accepts it (a 5,000-actor network is about
    2 MB as text, a sixth of that compressed). The browser keeps it and asks again with its
    entity tag, which is answered 304 without a body while the data have not changed."""
    compress = len(document.text) >= GZIP_MIN_BYTES \
        and "gzip" in request.headers.get("Accept-Encoding", "")
    response = Response(document.compressed if compress else document.text, status=status,
                        mimetype="application/json")
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = "private, no-cache"
    if compress:
        response.headers["Content-Encoding"] = "gzip"
    if status == 200:
        response.set_etag(document.etag + ("-gzip" if compress else ""))
        response.make_conditional(request)
    return response


def _exports() -> list[tuple[str, str]]:
    if EXPORT_ENDPOINT not in current_app.view_functions:
        return []
    return [(label, url_for(EXPORT_ENDPOINT, file_format=file_format))
            for file_format, label in (("graphml", "GraphML"), ("gexf", "GEXF"),
                                       ("nodelink", _("JSON (für networkx)")))]


def _commitment_or_404(number: int) -> Commitment:
    commitment = db.session.scalar(sa.select(Commitment).where(Commitment.number == number))
    if commitment is None:
        abort(404)
    return commitment


def _page(*, title: str, breadcrumbs: list, commitment: Commitment | None = None):
    """The picture page; its JSON is asked for the Stichtag of ?date= (today without one or
    when the date is refused, with the message beside the date field)."""
    commitments = db.session.scalars(sa.select(Commitment).order_by(Commitment.number)).all()
    commitment_url = url_template("commitments.detail") \
        if "commitments.detail" in current_app.view_functions else None
    on, date_error = requested_stichtag()
    data_url = url_for("network.data", commitment=commitment.number if commitment else None,
                       date=on.isoformat() if on else None)
    return render_template("network/index.html", title=title, data_url=data_url,
                           commitment=commitment, commitments=commitments, exports=_exports(),
                           commitment_url=commitment_url, on=on, as_of=on or date.today(),
                           date_error=date_error, breadcrumbs=breadcrumbs)


@bp.route("/")
def index():
    return _page(title=_("Netzwerk der Akteure"), breadcrumbs=[(_("Netzwerk"), None)])


@bp.route("/commitment/<int:number>")
def commitment(number: int):
    """The actors with an active contribution to commitment `number` and their cooperations."""
    commitment = _commitment_or_404(number)
    crumbs = [(_("Selbstverpflichtungen"), url_for("commitments.index"))] \
        if "commitments.index" in current_app.view_functions else []
    if "commitments.detail" in current_app.view_functions:
        crumbs.append((str(commitment), url_for("commitments.detail", number=number)))
    return _page(title=_("Teilnetzwerk: %(commitment)s", commitment=str(commitment)),
                 commitment=commitment,
                 breadcrumbs=[(_("Netzwerk"), url_for("network.index"))] + crumbs
                 + [(_("Teilnetzwerk"), None)])


@bp.route("/data.json")
def data():
    """Nodes, edges and legend data of the whole network or (?commitment=N) a sub-network."""
    number = request.args.get("commitment", type=int)
    if number is not None:
        _commitment_or_404(number)
    on, error = requested_stichtag()
    if error:
        return _json({"error": error}, 400)
    return _send(payload.network_document(payload.Scope(commitment=number), on))


@bp.route("/actor/<int:actor_id>.json")
def neighbourhood(actor_id: int):
    """An actor's current partners (depth=1) or also their partners (depth=2), drawn radially."""
    db.get_or_404(Actor, actor_id)
    depth = 2 if request.args.get("depth") == "2" else 1
    analysis = current_analysis()
    if actor_id not in analysis.data.actor_by_id:  # created a moment ago, by another process
        abort(404)
    return _json(payload.network_payload(analysis, {}, payload.Scope(actor_id=actor_id, depth=depth)))


@bp.route("/positions", methods=["POST"])
@role_required(Role.COORDINATOR)
def save_positions():
    """Save dragged nodes. JSON body {"positions": [{"id": 1, "x": 10.5, "y": -3}, ...]}; the
    CSRF token comes in the X-CSRFToken header."""
    body = request.get_json(silent=True)
    items = body.get("positions") if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(
            isinstance(item, dict) and isinstance(item.get("id"), int) for item in items):
        return _json({"errors": {"positions": _("Ungültige Anfrage.")}}, 400)
    try:
        saved = position_service.save_positions(
            {item["id"]: (item.get("x"), item.get("y")) for item in items}, by=current_user)
    except ValidationError as error:
        return _json({"errors": error.errors}, 400)
    return _json({"saved": saved})


def _back():
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("network.index"))


@bp.route("/positions/reset", methods=["POST"])
@role_required(Role.COORDINATOR)
def reset_positions():
    count = position_service.reset_positions(by=current_user)
    flash(_("Die von Hand gespeicherte Anordnung wurde zurückgesetzt (%(n)d Akteure).", n=count),
          "success")
    return _back()


@bp.route("/layout", methods=["POST"])
@role_required(Role.COORDINATOR)
def rerun_layout():
    count = position_service.rerun_layout(by=current_user)
    flash(_("Die Anordnung wurde für %(n)d Akteure neu berechnet.", n=count), "success")
    return _back()

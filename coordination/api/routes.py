"""Endpoints of the read API /api/v1/. Lists answer {"items", "total", "page", "per_page"}."""
from __future__ import annotations

from datetime import date

from flask import abort, jsonify, request, url_for

from coordination import page_cache
from coordination.analysis import RULES, SEVERITIES
from coordination.api import analysis, bp, queries
from coordination.api.openapi import openapi_document
from coordination.extensions import db
from coordination.models import Actor, ActorStatus, ContributionKind, ContributionStatus, CooperationKind
from coordination.page_cache import cached_page
from coordination.queries.actors import ActorFilter, actor_list_query
from coordination.queries.indicator_data import all_series
from coordination.security import MAX_ID, bounded_int

DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 1000
TRUE_WORDS = {"1", "true", "yes", "ja"}
FALSE_WORDS = {"0", "false", "no", "nein"}


@bp.after_request
def _api_headers(response):
    if response.status_code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="Integrationsnetz API"'
    response.headers["Cache-Control"] = "no-store"
    return response


# --- parameters ----------------------------------------------------------------------------------

def _bad(parameter: str, message: str):
    abort(400, description=f"{parameter}: {message}")


def _int_arg(name: str, minimum: int | None = None, maximum: int = MAX_ID) -> int | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        number = bounded_int(value)
    except ValueError:
        _bad(name, f"expected an integer up to {maximum}")
    if (minimum is not None and number < minimum) or number > maximum:
        _bad(name, f"expected {minimum}..{maximum}")
    return number


def _bool_arg(name: str) -> bool | None:
    value = request.args.get(name, "").strip().lower()
    if not value:
        return None
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    _bad(name, "expected true or false")


def _choice_arg(name: str, choices) -> str | None:
    value = request.args.get(name, "").strip()
    if value and value not in {c.value for c in choices}:
        _bad(name, f"expected one of {', '.join(c.value for c in choices)}")
    return value or None


def _date_arg(name: str) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _bad(name, "expected a date YYYY-MM-DD")


def _commitment_arg() -> int | None:
    number = _int_arg("commitment", 1, 99)
    if number is None:
        return None
    commitment_id = queries.commitment_id_for(number)
    if commitment_id is None:
        _bad("commitment", "unknown commitment number")
    return commitment_id


def _page(query, serialize=None, serialize_page=None):
    """One page of a query (or of an already computed list) as {"items", "total", "page", "per_page"};
    each item as `serialize(item)`, or all of them as `serialize_page(items)`."""
    page = _int_arg("page", 1) or 1
    per_page = _int_arg("per_page", 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE
    if isinstance(query, list):
        start = (page - 1) * per_page
        return jsonify(items=query[start:start + per_page], total=len(query), page=page,
                       per_page=per_page)
    result = db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)
    items = serialize_page(result.items) if serialize_page else [serialize(item) for item in result.items]
    return jsonify(items=items, total=result.total,
                   page=page, per_page=per_page)


# --- endpoints -----------------------------------------------------------------------------------

@bp.route("/")
def index():
    return jsonify(name="Integrationsnetz API", version="1", openapi=url_for("api.openapi"),
                   endpoints=sorted(path for path in openapi_document()["paths"]))


@bp.route("/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.route("/actors")
@cached_page
def actors():
    type_value = request.args.get("type", "").strip()
    type_id = queries.type_id_for(type_value) if type_value else None
    if type_value and type_id is None:
        _bad("type", "unknown actor type (id or key)")
    district_value = request.args.get("district", "").strip()
    district_id = queries.district_id_for(district_value) if district_value else None
    if district_value and district_id is None:
        _bad("district", "unknown district (id or name)")
    mso = _bool_arg("mso")
    filters = ActorFilter(
        q=request.args.get("q", ""), type_id=type_id, district_id=district_id,
        commitment_id=_commitment_arg(),
        mso="" if mso is None else ("yes" if mso else "no"),
        status=_choice_arg("status", ActorStatus) or "", with_districts=False)
    chosen_by = filters.chosen_by()

    def serialize_page(actors):
        if chosen_by is not None:
            page_cache.lists_actors([actor.id for actor in actors], chosen_by)
        return queries.actor_page_json(actors)
    return _page(actor_list_query(filters), serialize_page=serialize_page)


@bp.route("/actors/<int:actor_id>")
@cached_page
def actor(actor_id: int):
    actor = db.session.get(Actor, actor_id, options=queries.ACTOR_OPTIONS)
    if actor is None:
        abort(404, description="no actor with this id")
    return jsonify(queries.actor_detail_json(actor))


@bp.route("/contributions")
@cached_page
def contributions():
    return _page(queries.contribution_query(
        commitment_id=_commitment_arg(), status=_choice_arg("status", ContributionStatus),
        actor_id=_int_arg("actor", 1), kind=_choice_arg("kind", ContributionKind)),
        queries.contribution_json)


@bp.route("/cooperations")
@cached_page
def cooperations():
    active_on = _date_arg("active_on")
    if active_on is None and _bool_arg("active"):
        active_on = date.today()
    return _page(queries.cooperation_query(
        actor_id=_int_arg("actor", 1), kind=_choice_arg("kind", CooperationKind),
        active_on=active_on, commitment_id=_commitment_arg()), queries.cooperation_json)


@bp.route("/bodies")
@cached_page
def bodies():
    return _page(queries.body_query(active=_bool_arg("active"), actor_id=_int_arg("actor", 1)),
                 queries.body_json)


@bp.route("/coverage")
@cached_page
def coverage():
    return jsonify(analysis.coverage_json(_date_arg("date")))


@bp.route("/findings")
@cached_page
def findings():
    rule = request.args.get("rule", "").strip() or None
    if rule and rule not in RULES:
        _bad("rule", "unknown rule")
    severity = request.args.get("severity", "").strip() or None
    if severity and severity not in SEVERITIES:
        _bad("severity", f"expected one of {', '.join(SEVERITIES)}")
    status = request.args.get("status", "").strip() or None
    if status and status not in ("open", "accepted"):
        _bad("status", "expected open or accepted")
    district = request.args.get("district", "").strip()
    district_id = queries.district_id_for(district) if district else None
    if district and district_id is None:
        _bad("district", "unknown district (id or name)")
    return _page(analysis.findings_json(status=status, commitment=_int_arg("commitment", 1, 99),
                                        severity=severity, rule=rule, district_id=district_id,
                                        on=_date_arg("date")))


@bp.route("/network")
@cached_page
def network():
    return jsonify(analysis.network_json(_date_arg("date")))


@bp.route("/indicators")
@cached_page
def indicators():
    key = request.args.get("key", "").strip()
    year = _int_arg("year", 1, 9999)
    series = all_series((key,) if key else None)
    return _page([queries.indicator_json(item, year) for item in series])

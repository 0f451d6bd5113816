"""The ten commitments and the five structural prerequisites: overview, pages, assessments."""
from collections.abc import Callable
from functools import partial

import sqlalchemy as sa
from flask import Response, abort, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from coordination.commitments import bp, queries
from coordination.commitments.forms import AssessmentForm, ShortTitleForm
from coordination.exports import trend_chart as trends
from coordination.extensions import db
from coordination.form_views import save_form
from coordination.models import Commitment, Prerequisite, Role
from coordination.queries.analysis import current_analysis
from coordination.security import role_required
from coordination.services import assessments as assessment_service


def _commitment_or_404(number: int) -> Commitment:
    commitment = db.session.scalar(sa.select(Commitment).where(Commitment.number == number))
    if commitment is None:
        abort(404)
    return commitment


def _prerequisite_or_404(key: str) -> Prerequisite:
    prerequisite = db.session.scalar(sa.select(Prerequisite).where(Prerequisite.key == key))
    if prerequisite is None:
        abort(404)
    return prerequisite


def _index_crumb():
    return (_("Selbstverpflichtungen"), url_for("commitments.index"))


@bp.route("/")
def index():
    return render_template("commitments/index.html", rows=queries.commitment_overview(),
                           prerequisites=queries.prerequisite_overview(),
                           breadcrumbs=[(_("Selbstverpflichtungen"), None)])


def _render_detail(commitment: Commitment, assessment_form: AssessmentForm | None = None,
                   title_form: ShortTitleForm | None = None):
    history = queries.assessment_history(commitment=commitment)
    if current_user.can_edit:
        assessment_form = assessment_form or AssessmentForm(formdata=None)
        title_form = title_form or ShortTitleForm(formdata=None, short_title=commitment.short_title,
                                                  original_title=commitment.short_title)
    trend = queries.todays_trend(commitment.number)
    return render_template(
        "commitments/detail.html", commitment=commitment, tables=_tables(commitment),
        trend_alt=trends.alt_text(trend, str(commitment)),
        trend_rows=trends.table_rows(trend),
        current=history[0] if history else None,
        history=history, assessment_form=assessment_form, title_form=title_form,
        breadcrumbs=[_index_crumb(), (str(commitment), None)])


def _tables(commitment: Commitment) -> Markup:
    """The contributions and actors tables, rendered once per data version and day (alongside
    the cached analysis), language and edit right: at 2,000 actors they list hundreds of rows,
    whose loading and rendering cost ten times the rest of the page."""
    can_edit = current_user.can_edit

    def render():
        contributions = queries.commitment_contributions(commitment)
        return Markup(render_template(
            "commitments/_tables.html", commitment=commitment, contributions=contributions,
            actors=queries.distinct_actors(contributions), can_edit=can_edit))

    return current_analysis().memo(("commitment_tables", commitment.number, str(get_locale()),
                                    can_edit), render)


@bp.route("/<int:number>")
def detail(number: int):
    return _render_detail(_commitment_or_404(number))


@bp.route("/<int:number>/trend.png")
def trend_chart(number: int):
    """The commitment's trend chart as of today (its numbers are on the page beside it)."""
    commitment = _commitment_or_404(number)
    trend = queries.todays_trend(commitment.number)
    return Response(trends.chart(trend), mimetype="image/png")


@bp.route("/<int:number>/assess", methods=["POST"])
@role_required(Role.COORDINATOR)
def assess(number: int):
    commitment = _commitment_or_404(number)
    form, saved = _assessed(partial(assessment_service.assess_commitment, commitment),
                            then=url_for("commitments.detail", number=number, _anchor="assessment"))
    return saved or _render_detail(commitment, assessment_form=form)


def _assessed(assess: Callable, then: str):
    """The posted assessment form of a commitment or prerequisite, and the redirect to `then`
    once `assess(status, justification, date, by=…)` saved it (None where the form is shown
    again with its errors)."""
    form = AssessmentForm()
    return form, save_form(form, lambda: assess(form.status.data, form.justification.data, form.assessed_on.data,
                                                by=current_user),
                           done=_("Die Einschätzung wurde gespeichert."), say_invalid=True, then=then)


@bp.route("/<int:number>/title", methods=["POST"])
@role_required(Role.COORDINATOR)
def edit_title(number: int):
    commitment = _commitment_or_404(number)
    form = ShortTitleForm()
    saved = save_form(form, lambda: assessment_service.update_commitment_title(
                          commitment, form.short_title.data, expected=form.original_title.data or None,
                          by=current_user),
                      done=_("Der Kurztitel wurde gespeichert."), say_invalid=True,
                      then=url_for("commitments.detail", number=number))
    return saved or _render_detail(commitment, title_form=form)


# --- structural prerequisites -----------------------------------------------------------------

def _render_prerequisite(prerequisite: Prerequisite, form: AssessmentForm | None = None):
    history = queries.assessment_history(prerequisite=prerequisite)
    if current_user.can_edit:
        form = form or AssessmentForm(formdata=None)
    return render_template(
        "commitments/prerequisite.html", prerequisite=prerequisite,
        current=history[0] if history else None, history=history, assessment_form=form,
        breadcrumbs=[_index_crumb(), (_("Strukturvoraussetzung: %(name)s", name=prerequisite.name), None)])


@bp.route("/prerequisites/<key>")
def prerequisite(key: str):
    return _render_prerequisite(_prerequisite_or_404(key))


@bp.route("/prerequisites/<key>/assess", methods=["POST"])
@role_required(Role.COORDINATOR)
def assess_prerequisite(key: str):
    prerequisite = _prerequisite_or_404(key)
    form, saved = _assessed(partial(assessment_service.assess_prerequisite, prerequisite),
                            then=url_for("commitments.prerequisite", key=key, _anchor="assessment"))
    return saved or _render_prerequisite(prerequisite, form)

"""The Integrationskonzept page: the coordinator's own texts (everyone reads, coordinators
edit) and the way to the Bausteine document built from them and the data."""
from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from coordination.concept import bp
from coordination.concept.forms import ConceptTextsForm
from coordination.form_views import save_form
from coordination.models import ReportKind, Role
from coordination.security import role_required
from coordination.services import concept_texts


def _crumbs(*more):
    return [(_("Berichte"), url_for("reports.index")),
            (_("Integrationskonzept"), url_for("concept.index") if more else None), *more]


@bp.route("/")
def index():
    texts = concept_texts.current_texts()
    return render_template("concept/index.html", texts=texts,
                           guiding_goals=concept_texts.guiding_goals(texts),
                           kind=ReportKind.BUILDING_BLOCKS.value, breadcrumbs=_crumbs())


@bp.route("/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit():
    texts = concept_texts.current_texts()
    form = ConceptTextsForm(obj=texts) if request.method == "GET" else ConceptTextsForm()
    if request.method == "GET":
        form.version.data = texts.version if texts else ""
    saved = save_form(form, lambda: concept_texts.save_texts(form.values(), version=form.submitted_version(),
                                                             by=current_user),
                      done=_("Die Texte des Integrationskonzepts wurden gespeichert."), then=url_for("concept.index"))
    return saved or render_template("concept/form.html", form=form, breadcrumbs=_crumbs((_("Texte bearbeiten"), None)))

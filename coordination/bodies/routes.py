"""Body list, body page with its members, create/edit/delete of bodies and memberships."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from coordination.bodies import bp, queries
from coordination.bodies.forms import BodyFilterForm, BodyForm, MembershipEditForm, MembershipForm
from coordination.extensions import db
from coordination.forms import apply_service_error, validate_with_service
from coordination.list_downloads import download
from coordination.models import Body, BodyMembership, Role
from coordination.security import role_required
from coordination.services import bodies as body_service
from coordination.services.base import ConflictError, ValidationError


def _body_or_404(body_id: int) -> Body:
    return db.get_or_404(Body, body_id)


def _membership_or_404(body: Body, membership_id: int) -> BodyMembership:
    membership = db.get_or_404(BodyMembership, membership_id)
    if membership.body_id != body.id:
        abort(404)
    return membership


def _index_crumb():
    return (_("Gremien"), url_for("bodies.index"))


def _body_crumb(body: Body):
    return (body.name, url_for("bodies.detail", body_id=body.id))


def _fill_body_choices(form: BodyForm) -> None:
    form.lead_actor_id.choices = [("", _("– keiner –"))] + queries.actor_choices()


def _member_form(body: Body, formdata=None) -> MembershipForm:
    form = MembershipForm(formdata=formdata)
    form.actor_ids.choices = queries.actor_choices(not_member_of=body)
    return form


def _listed_bodies() -> tuple[BodyFilterForm, list[queries.BodyRow], str]:
    """The filter bar's form, the bodies it selects in the order asked for, and the sort key."""
    form = BodyFilterForm(request.args)
    form.validate()  # invalid filter values are ignored
    active = form.active.data if not form.active.errors else ""
    kind = form.kind.data if not form.kind.errors else ""
    sort = request.args.get("sort", "name")
    return form, queries.body_list(active=active or "", kind=kind or "", sort=sort), sort


@bp.route("/")
def index():
    form, rows, sort = _listed_bodies()
    args = {k: v for k, v in request.args.items() if v}
    return render_template("bodies/index.html", form=form, rows=rows, args=args, sort=sort,
                           breadcrumbs=[(_("Gremien"), None)])


@bp.route("/export.<file_format>")
def export(file_format: str):
    """The filtered list as shown, as XLSX or CSV."""
    _form, rows, _sort = _listed_bodies()
    return download(queries.body_table(rows), file_format, "gremien")


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create():
    form = BodyForm()
    _fill_body_choices(form)
    if validate_with_service(form, lambda: body_service.check_body(form.values())):
        try:
            body = body_service.create_body(form.values(), by=current_user)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            flash(_("Gremium „%(name)s“ wurde angelegt.", name=body.name), "success")
            return redirect(url_for("bodies.detail", body_id=body.id))
    return render_template("bodies/form.html", form=form, body=None,
                           breadcrumbs=[_index_crumb(), (_("Neues Gremium"), None)])


def _render_detail(body: Body, member_form: MembershipForm | None):
    return render_template(
        "bodies/detail.html", body=body, memberships=queries.body_memberships(body),
        member_form=member_form, is_current=body_service.is_current,
        breadcrumbs=[_index_crumb(), (body.name, None)])


@bp.route("/<int:body_id>")
def detail(body_id: int):
    body = _body_or_404(body_id)
    member_form = _member_form(body) if current_user.can_edit else None
    return _render_detail(body, member_form)


@bp.route("/<int:body_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit(body_id: int):
    body = _body_or_404(body_id)
    form = BodyForm.for_record(
        body, kind=body.kind.value)
    _fill_body_choices(form)
    if validate_with_service(form, lambda: body_service.check_body(form.values(), body.id)):
        try:
            body_service.update_body(body, form.values(), version=form.submitted_version(),
                                     by=current_user)
        except (ValidationError, ConflictError) as error:
            apply_service_error(form, error)
        else:
            flash(_("Änderungen an „%(name)s“ wurden gespeichert.", name=body.name), "success")
            return redirect(url_for("bodies.detail", body_id=body.id))
    return render_template("bodies/form.html", form=form, body=body,
                           breadcrumbs=[_index_crumb(), _body_crumb(body), (_("Bearbeiten"), None)])


@bp.route("/<int:body_id>/delete", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def delete(body_id: int):
    body = _body_or_404(body_id)
    if request.method == "POST":
        try:
            body_service.delete_body(body, version=request.form.get("version", type=int),
                                     by=current_user)
        except ConflictError as error:
            flash(str(error), "danger")
            return redirect(url_for("bodies.delete", body_id=body_id))
        flash(_("Gremium „%(name)s“ wurde gelöscht.", name=body.name), "success")
        return redirect(url_for("bodies.index"))
    return render_template("bodies/delete.html", body=body,
                           memberships=body_service.membership_count(body),
                           breadcrumbs=[_index_crumb(), _body_crumb(body), (_("Löschen"), None)])


# --- memberships -------------------------------------------------------------------------------

@bp.route("/<int:body_id>/members", methods=["POST"])
@role_required(Role.COORDINATOR)
def add_member(body_id: int):
    body = _body_or_404(body_id)
    form = _member_form(body, request.form)
    if form.validate():
        try:
            memberships = body_service.add_members(body, form.actor_ids.data or [], form.role.data or "",
                                                   form.since.data, form.until.data, by=current_user)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            names = ", ".join(f"„{membership.actor.name}“" for membership in memberships)
            flash(ngettext("%(names)s wurde als Mitglied eingetragen.",
                           "%(names)s wurden als Mitglieder eingetragen.", len(memberships),
                           names=names), "success")
            return redirect(url_for("bodies.detail", body_id=body.id, _anchor="members"))
    else:
        flash(_("Bitte korrigieren Sie die markierten Angaben."), "danger")
    return _render_detail(body, form)


@bp.route("/<int:body_id>/members/<int:membership_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_member(body_id: int, membership_id: int):
    body = _body_or_404(body_id)
    membership = _membership_or_404(body, membership_id)
    form = MembershipEditForm(obj=membership) if request.method == "GET" else MembershipEditForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            body_service.update_member(membership, form.role.data or "", form.since.data,
                                       form.until.data, by=current_user)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            flash(_("Mitgliedschaft von „%(actor)s“ wurde gespeichert.", actor=membership.actor.name),
                  "success")
            return redirect(url_for("bodies.detail", body_id=body.id, _anchor="members"))
    return render_template("bodies/member_form.html", form=form, body=body, membership=membership,
                           breadcrumbs=[_index_crumb(), _body_crumb(body),
                                        (_("Mitgliedschaft bearbeiten"), None)])


@bp.route("/<int:body_id>/members/<int:membership_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def remove_member(body_id: int, membership_id: int):
    body = _body_or_404(body_id)
    membership = _membership_or_404(body, membership_id)
    name = membership.actor.name
    body_service.remove_member(membership, by=current_user)
    flash(_("„%(actor)s“ wurde aus dem Gremium entfernt.", actor=name), "success")
    return redirect(url_for("bodies.detail", body_id=body.id, _anchor="members"))

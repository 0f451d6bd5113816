"""Body list, body page with its members, create/edit/delete of bodies and memberships."""
from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from coordination.bodies import bp, queries
from coordination.bodies.forms import BodyFilterForm, BodyForm, MembershipEditForm, MembershipForm
from coordination.extensions import db
from coordination.form_views import RecordForms, RecordPages, save_form
from coordination.list_downloads import download
from coordination.models import Body, BodyMembership, Role
from coordination.security import role_required
from coordination.services import bodies as body_service

PAGES = RecordPages("bodies", "body_id", _l("Gremien"), name=lambda body: body.name)


def _body_or_404(body_id: int) -> Body:
    return db.get_or_404(Body, body_id)


def _membership_or_404(body: Body, membership_id: int) -> BodyMembership:
    """The body's membership with this id (404 also for another body's)."""
    return db.one_or_404(db.select(BodyMembership).filter_by(id=membership_id, body_id=body.id))


def _fill_body_choices(form: BodyForm) -> None:
    form.lead_actor_id.choices = [("", _("– keiner –"))] + queries.actor_choices()


FORMS = RecordForms(
    PAGES, load=_body_or_404, form=BodyForm, fill_choices=_fill_body_choices,
    form_values=lambda body: {"kind": body.kind.value},
    check=body_service.check_body, create=body_service.create_body, update=body_service.update_body,
    delete=body_service.delete_body, new_title=_l("Neues Gremium"),
    created=lambda body: _("Gremium „%(name)s“ wurde angelegt.", name=body.name),
    deleted=lambda body: _("Gremium „%(name)s“ wurde gelöscht.", name=body.name),
    delete_context=lambda body: {"memberships": body_service.membership_count(body)})
FORMS.register(bp)


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


def _render_detail(body: Body, member_form: MembershipForm | None):
    return render_template(
        "bodies/detail.html", body=body, memberships=queries.body_memberships(body),
        member_form=member_form, is_current=body_service.is_current,
        breadcrumbs=PAGES.crumbs(body))


@bp.route("/<int:body_id>")
def detail(body_id: int):
    body = _body_or_404(body_id)
    member_form = _member_form(body) if current_user.can_edit else None
    return _render_detail(body, member_form)


# --- memberships -------------------------------------------------------------------------------

@bp.route("/<int:body_id>/members", methods=["POST"])
@role_required(Role.COORDINATOR)
def add_member(body_id: int):
    body = _body_or_404(body_id)
    form = _member_form(body, request.form)
    saved = save_form(form, lambda: body_service.add_members(body, form.actor_ids.data or [], form.role.data or "",
                                                             form.since.data, form.until.data, by=current_user),
                      done=_members_added, then=PAGES.page(body, _anchor="members"), say_invalid=True)
    return saved or _render_detail(body, form)


def _members_added(memberships: list[BodyMembership]) -> str:
    names = ", ".join(f"„{membership.actor.name}“" for membership in memberships)
    return ngettext("Als Mitglied eingetragen: %(names)s.", "Als Mitglieder eingetragen: %(names)s.",
                    len(memberships), names=names)


@bp.route("/<int:body_id>/members/<int:membership_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_member(body_id: int, membership_id: int):
    body = _body_or_404(body_id)
    membership = _membership_or_404(body, membership_id)
    form = MembershipEditForm(obj=membership) if request.method == "GET" else MembershipEditForm()
    saved = save_form(form, lambda: body_service.update_member(membership, form.role.data or "", form.since.data,
                                                               form.until.data, by=current_user),
                      done=_("Die Mitgliedschaft des Akteurs „%(actor)s“ wurde gespeichert.", actor=membership.actor.name),
                      then=PAGES.page(body, _anchor="members"))
    return saved or render_template("bodies/member_form.html", form=form, body=body, membership=membership,
                                    breadcrumbs=PAGES.crumbs(body, _("Mitgliedschaft bearbeiten")))


@bp.route("/<int:body_id>/members/<int:membership_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def remove_member(body_id: int, membership_id: int):
    body = _body_or_404(body_id)
    membership = _membership_or_404(body, membership_id)
    name = membership.actor.name
    body_service.remove_member(membership, by=current_user)
    flash(_("Der Akteur „%(actor)s“ wurde aus dem Gremium entfernt.", actor=name), "success")
    return redirect(PAGES.page(body, _anchor="members"))

"""Administration: commune settings, the editable lists, users and the change history.

Every route, reading ones included, is for admins only.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from coordination.admin import bp, queries
from coordination.admin.forms import (
    AccessibilityContactForm,
    AuditFilterForm,
    CommuneForm,
    DistrictForm,
    ListEntryForm,
    MergeForm,
    PasswordResetForm,
    UserCreateForm,
    UserEditForm,
)
from coordination.extensions import db
from coordination.form_views import save_form
from coordination.list_views import list_page
from coordination.models import District, Role, User
from coordination.queries.commune import current_commune
from coordination.security import role_required
from coordination.services import accounts
from coordination.services import commune as commune_service
from coordination.services import lists as list_service
from coordination.services.base import ValidationError


def _crumbs(*trail):
    return [(_("Verwaltung"), url_for("admin.index")), *trail]


@bp.route("/")
@role_required(Role.ADMIN)
def index():
    return render_template("admin/index.html", lists=queries.LISTS, sizes=queries.list_sizes(),
                           users_by_role=queries.users_by_role(), roles=list(Role),
                           recent=queries.recent_changes(), breadcrumbs=[(_("Verwaltung"), None)])


# --- commune settings ----------------------------------------------------------------------------

@bp.route("/settings", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def settings():
    commune = current_commune()
    form = CommuneForm.for_record(commune, kind=commune.kind.value)
    saved = save_form(form, lambda: commune_service.update_commune(
                          commune, name=form.name.data, kind=form.kind.data,
                          advisory_body_name=form.advisory_body_name.data,
                          version=form.submitted_version(), by=current_user),
                      done=_("Die Einstellungen der Kommune wurden gespeichert."), then=url_for("admin.index"))
    return saved or render_template("admin/settings.html", form=form, commune=commune,
                                    breadcrumbs=_crumbs((_("Kommune"), None)))


@bp.route("/accessibility", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def accessibility():
    commune = current_commune()
    form = AccessibilityContactForm.for_record(commune)
    saved = save_form(form, lambda: commune_service.update_accessibility_contact(
                          commune, contact=form.accessibility_contact.data, email=form.accessibility_email.data,
                          enforcement=form.accessibility_enforcement.data or "",
                          version=form.submitted_version(), by=current_user),
                      done=_("Die Kontaktangaben der Erklärung zur Barrierefreiheit wurden gespeichert."),
                      then=url_for("help.accessibility"))
    return saved or render_template("admin/accessibility.html", form=form, commune=commune,
                                    breadcrumbs=_crumbs((_("Erklärung zur Barrierefreiheit"), None)))


# --- editable lists ------------------------------------------------------------------------------

def _list_or_404(list_name: str) -> queries.AdminList:
    admin_list = queries.LISTS.get(list_name)
    if admin_list is None:
        abort(404)
    return admin_list


def _entry_or_404(admin_list: queries.AdminList, entry_id: int):
    return db.get_or_404(admin_list.model, entry_id)


def _entry_form(admin_list: queries.AdminList, entry=None, **kwargs) -> ListEntryForm:
    if admin_list.model is not District:
        return ListEntryForm(**kwargs)
    form = DistrictForm(**kwargs)
    form.parent_id.choices = [("", _("– keiner –"))] + [
        (d.id, d.name) for d in queries.list_entries(District) if entry is None or d.id != entry.id]
    form.parent_id.validate_choice = False  # the service names unknown ids and cycles precisely
    return form


@bp.route("/lists/<list_name>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def list_entries(list_name: str):
    """The entries of one list with where they are used; POST adds an entry."""
    admin_list = _list_or_404(list_name)
    form = _entry_form(admin_list, prefix="new")
    saved = save_form(form, lambda: list_service.create_entry(admin_list.model, form.values(), by=current_user),
                      done=lambda entry: _("„%(name)s“ wurde hinzugefügt.", name=entry.name),
                      then=lambda entry: url_for("admin.list_entries", list_name=list_name,
                                                 _anchor=f"entry-{entry.id}"))
    return saved or render_template(
        "admin/list.html", admin_list=admin_list, form=form,
        entries=queries.list_entries(admin_list.model),
        usage=list_service.usage_counts(admin_list.model),
        owners=queries.owner_columns(admin_list.model), owner_labels=queries.OWNER_LABELS,
        breadcrumbs=_crumbs((admin_list.title, None)))


@bp.route("/lists/<list_name>/<int:entry_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_entry(list_name: str, entry_id: int):
    admin_list = _list_or_404(list_name)
    entry = _entry_or_404(admin_list, entry_id)
    if request.method == "GET":
        form = _entry_form(admin_list, entry, obj=entry)
        form.version.data = list_service.entry_version(entry)
    else:
        form = _entry_form(admin_list, entry)
    saved = save_form(form, lambda: list_service.update_entry(entry, form.values(), version=form.submitted_version(),
                                                              by=current_user),
                      done=lambda entry: _("„%(name)s“ wurde gespeichert.", name=entry.name),
                      then=url_for("admin.list_entries", list_name=list_name))
    return saved or render_template("admin/entry_form.html", admin_list=admin_list, entry=entry, form=form,
                                    uses=list_service.usage_text(list_service.usage(entry)),
                                    breadcrumbs=_crumbs((admin_list.title, url_for("admin.list_entries", list_name=list_name)),
                                                        (entry.name, None)))


@bp.route("/lists/<list_name>/<int:entry_id>/move", methods=["POST"])
@role_required(Role.ADMIN)
def move_entry(list_name: str, entry_id: int):
    admin_list = _list_or_404(list_name)
    entry = _entry_or_404(admin_list, entry_id)
    offset = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if offset is None:
        abort(400)
    list_service.move_entry(entry, offset, by=current_user)
    return redirect(url_for("admin.list_entries", list_name=list_name, _anchor=f"entry-{entry.id}"))


def _merge_form(admin_list: queries.AdminList, entry, **kwargs) -> MergeForm:
    form = MergeForm(**kwargs)
    form.target_id.choices = [("", _("– bitte wählen –"))] + [
        (e.id, e.name) for e in queries.list_entries(admin_list.model) if e.id != entry.id]
    return form


def _delete_page(admin_list, entry, merge_form):
    uses = list_service.usage(entry)
    return render_template(
        "admin/entry_delete.html", admin_list=admin_list, entry=entry, uses=uses,
        uses_text=list_service.usage_text(uses), merge_form=merge_form,
        breadcrumbs=_crumbs((admin_list.title, url_for("admin.list_entries", list_name=admin_list.slug)),
                            (entry.name, url_for("admin.edit_entry", list_name=admin_list.slug, entry_id=entry.id)),
                            (_("Löschen oder zusammenführen"), None)))


@bp.route("/lists/<list_name>/<int:entry_id>/delete", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def delete_entry(list_name: str, entry_id: int):
    """GET asks first (and offers merging if the entry is in use); POST deletes."""
    admin_list = _list_or_404(list_name)
    entry = _entry_or_404(admin_list, entry_id)
    merge_form = _merge_form(admin_list, entry, formdata=None)
    if request.method == "POST":
        name = entry.name
        try:
            list_service.delete_entry(entry, by=current_user)
        except ValidationError as error:
            merge_form.form_errors.extend(error.errors.values())
            return _delete_page(admin_list, entry, merge_form)
        flash(_("„%(name)s“ wurde gelöscht.", name=name), "success")
        return redirect(url_for("admin.list_entries", list_name=list_name))
    return _delete_page(admin_list, entry, merge_form)


@bp.route("/lists/<list_name>/<int:entry_id>/merge", methods=["POST"])
@role_required(Role.ADMIN)
def merge_entry(list_name: str, entry_id: int):
    admin_list = _list_or_404(list_name)
    entry = _entry_or_404(admin_list, entry_id)
    merge_form = _merge_form(admin_list, entry)
    name = entry.name

    def merged(result) -> str:
        message = _("„%(name)s“ wurde mit „%(target)s“ zusammengeführt.", name=name, target=result.target.name)
        if result.moved:
            message += " " + _("Bei %(uses)s wurde der Eintrag ersetzt.", uses=list_service.usage_text(result.moved))
        return message

    saved = save_form(merge_form, lambda: list_service.merge_entry(entry, merge_form.target_id.data, by=current_user),
                      done=merged, then=url_for("admin.list_entries", list_name=list_name))
    return saved or _delete_page(admin_list, entry, merge_form)


# --- users ---------------------------------------------------------------------------------------

def _user_or_404(user_id: int) -> User:
    return db.get_or_404(User, user_id)


@bp.route("/users")
@role_required(Role.ADMIN)
def users():
    return render_template("admin/users.html", users=queries.all_users(),
                           breadcrumbs=_crumbs((_("Benutzer"), None)))


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def create_user():
    form = UserCreateForm()
    saved = save_form(form, lambda: accounts.create_user(form.username.data, form.password.data, form.role.data,
                                                         display_name=form.display_name.data or "",
                                                         locale=form.locale.data, by=current_user),
                      done=lambda user: _("Benutzer „%(name)s“ wurde angelegt.", name=user.username),
                      then=url_for("admin.users"))
    return saved or render_template("admin/user_form.html", form=form, user=None,
                                    breadcrumbs=_crumbs((_("Benutzer"), url_for("admin.users")),
                                                        (_("Neuer Benutzer"), None)))


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int):
    user = _user_or_404(user_id)
    if request.method == "GET":
        form = UserEditForm(obj=user)
        form.role.data = user.role.value
    else:
        form = UserEditForm()
    saved = save_form(form, lambda: accounts.update_user(user, username=form.username.data,
                                                         display_name=form.display_name.data or "",
                                                         role=form.role.data, locale=form.locale.data,
                                                         active=form.active.data, by=current_user),
                      done=lambda user: _("Benutzer „%(name)s“ wurde gespeichert.", name=user.username),
                      then=url_for("admin.users"))
    return saved or render_template("admin/user_form.html", form=form, user=user,
                                    breadcrumbs=_crumbs((_("Benutzer"), url_for("admin.users")),
                                                        (user.username, None)))


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def reset_password(user_id: int):
    """Set a new password for a user; all their sign-ins end (except this one, for oneself)."""
    user = _user_or_404(user_id)
    form = PasswordResetForm()
    is_self = user.id == current_user.id
    saved = save_form(form, lambda: accounts.change_password(
                          user, form.new_password.data, by=current_user, current_password=None,
                          keep_session=current_user.get_id() if is_self else None),
                      done=_("Ihr Passwort wurde neu gesetzt; Ihre anderen Anmeldungen wurden beendet.") if is_self
                      else _("Das Passwort von „%(name)s“ wurde neu gesetzt; alle Anmeldungen dieses Kontos "
                             "wurden beendet.", name=user.username),
                      then=url_for("admin.users"))
    return saved or render_template("admin/password_form.html", form=form, user=user,
                                    breadcrumbs=_crumbs((_("Benutzer"), url_for("admin.users")),
                                                        (user.username, url_for("admin.edit_user", user_id=user.id)),
                                                        (_("Passwort neu setzen"), None)))


@bp.route("/users/<int:user_id>/delete", methods=["POST"])
@role_required(Role.ADMIN)
def delete_user(user_id: int):
    user = _user_or_404(user_id)
    name = user.username
    try:
        accounts.delete_user(user, by=current_user)
    except ValidationError as error:
        for message in error.errors.values():
            flash(message, "danger")
        return redirect(url_for("admin.edit_user", user_id=user_id))
    flash(_("Benutzer „%(name)s“ wurde gelöscht. Seine Einträge im Änderungsverlauf bleiben erhalten.",
            name=name), "success")
    return redirect(url_for("admin.users"))


# --- change history ------------------------------------------------------------------------------

@bp.route("/audit")
@role_required(Role.ADMIN)
def audit():
    form = AuditFilterForm(request.args)
    form.entity_type.choices = [("", _("alle"))] + sorted(
        ((t, queries.entity_label(t)) for t in queries.audit_entity_types()), key=lambda c: c[1].casefold())
    form.username.choices = [("", _("alle"))] + [(u, u) for u in queries.audit_usernames()]
    form.validate()  # invalid filter values are ignored
    filters = queries.AuditFilter(
        entity_type=form.entity_type.data if not form.entity_type.errors else "",
        username=form.username.data if not form.username.errors else "",
        action=form.action.data if not form.action.errors else "")
    page, args = list_page(queries.audit_query(filters), per_page=50)
    return render_template("admin/audit.html", form=form, page=page, args=args,
                           actor_ids=queries.existing_actor_ids(a for e in page.items for a in e.actor_ids),
                           entity_label=queries.entity_label,
                           breadcrumbs=_crumbs((_("Änderungsverlauf"), None)))

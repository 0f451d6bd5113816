"""Actor list, actor page, create/edit/delete of actors and their contact persons."""
from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from coordination import page_cache
from coordination.actors import bp, queries
from coordination.actors.forms import ActorFilterForm, ActorForm, ContactForm
from coordination.bulk_views import list_bulk_form, register_bulk_edit
from coordination.extensions import db
from coordination.form_views import RecordForms, RecordPages, save_form
from coordination.forms import choice_lists, with_empty_choice
from coordination.list_downloads import download
from coordination.list_views import list_page
from coordination.models import (
    Actor,
    ActorStatus,
    ActorType,
    Commitment,
    ContactPerson,
    District,
    FieldOfAction,
    Language,
    Role,
    TargetGroup,
)
from coordination.page_cache import cached_page
from coordination.queries.actors import ActorFilter, actor_list_query
from coordination.security import role_required
from coordination.services import actors as actor_service
from coordination.services.bulk_edit import bulk_edit_actors

PAGES = RecordPages("actors", "actor_id", _l("Akteure"), name=lambda actor: actor.name)


def _actor_or_404(actor_id: int) -> Actor:
    return db.get_or_404(Actor, actor_id)


def _fill_choices(form: ActorForm) -> None:
    types, districts, target_groups, fields, languages = choice_lists(
        ActorType, District, TargetGroup, FieldOfAction, Language)
    form.type_id.choices = with_empty_choice(types, _("– bitte wählen –"))
    form.type_id.render_kw = {"data-implies-migrant-led": " ".join(
        str(type_id) for type_id in db.session.scalars(db.select(ActorType.id).where(
            ActorType.key == ActorType.MIGRANT_ORGANISATION_KEY)))}
    form.district_ids.choices = districts
    form.target_group_ids.choices = target_groups
    form.field_of_action_ids.choices = fields
    form.language_ids.choices = languages


FORMS = RecordForms(
    PAGES, load=_actor_or_404, form=ActorForm, fill_choices=_fill_choices,
    form_values=lambda actor: dict(
        district_ids=[d.id for d in actor.districts], target_group_ids=[t.id for t in actor.target_groups],
        field_of_action_ids=[f.id for f in actor.fields_of_action],
        language_ids=[language.id for language in actor.languages], status=actor.status.value),
    check=actor_service.check_actor, create=actor_service.create_actor, update=actor_service.update_actor,
    delete=actor_service.delete_actor, new_title=_l("Neuer Akteur"),
    created=lambda actor: _("Akteur „%(name)s“ wurde angelegt.", name=actor.name),
    deleted=lambda actor: _("Akteur „%(name)s“ wurde gelöscht.", name=actor.name),
    delete_context=lambda actor: {"impact": actor_service.deletion_impact(actor)})
FORMS.register(bp)


def _list_filters(args: MultiDict | None = None) -> tuple[ActorFilterForm, ActorFilter, str]:
    """The filter bar's form, the filters it sets and the sort key (list, downloads, bulk edit)
    from `args` (default: the request's)."""
    args = request.args if args is None else args
    form = ActorFilterForm(args)
    types, districts, target_groups = choice_lists(ActorType, District, TargetGroup)
    form.type.choices = with_empty_choice(types, _("alle"))
    form.district.choices = with_empty_choice(districts, _("alle"))
    form.commitment.choices = [("", _("alle"))] + [
        (c.id, str(c)) for c in db.session.scalars(db.select(Commitment).order_by(Commitment.number))]
    form.target_group.choices = with_empty_choice(target_groups, _("alle"))
    form.validate()  # coerces the values; invalid filter values are ignored
    sort = args.get("sort", "name")
    filters = ActorFilter(
        q=form.q.data or "", type_id=form.type.data if not form.type.errors else None,
        district_id=form.district.data if not form.district.errors else None,
        commitment_id=form.commitment.data if not form.commitment.errors else None,
        target_group_id=form.target_group.data if not form.target_group.errors else None,
        mso=form.mso.data if not form.mso.errors else "",
        status=form.status.data if not form.status.errors else "",
        with_contacts=current_user.can_edit,
        sort=sort.lstrip("-"), descending=sort.startswith("-"))
    return form, filters, sort


# Fields of actors the list neither shows nor filters or sorts by (unless searched or sorted by
# the last change): it outlives edits of only these.
UNLISTED_FIELDS = ("description", "address", "website", "email", "phone", "fields_of_action", "languages",
                   "active_since", "dissolved_on")


@bp.route("/")
@cached_page
def index():
    form, filters, sort = _list_filters()
    page, args = list_page(actor_list_query(filters), per_page=25)
    chosen_by = filters.chosen_by()
    if chosen_by is not None:
        page_cache.ignores_actor_fields(UNLISTED_FIELDS)
        page_cache.lists_actors([actor.id for actor in page.items], chosen_by)
    counts = queries.activity_counts([actor.id for actor in page.items])
    return render_template("actors/index.html", form=form, page=page, args=args, sort=sort, counts=counts,
                           bulk=list_bulk_form(ActorStatus.choices(), args), breadcrumbs=[(_("Akteure"), None)])


register_bulk_edit(bp, ActorStatus.choices, bulk_edit_actors, lambda changed: ngettext(
    "%(num)d Akteur wurde geändert.", "%(num)d Akteure wurden geändert.", changed),
    matching_ids=lambda args: [actor.id for actor in db.session.scalars(
        actor_list_query(_list_filters(args)[1])).unique()])


@bp.route("/export.<file_format>")
def export(file_format: str):
    """The filtered list as shown (all pages), as XLSX or CSV."""
    _form, filters, _sort = _list_filters()
    filters.with_lists = True
    actors = list(db.session.scalars(actor_list_query(filters)).unique())
    return download(queries.actor_table(actors), file_format, "akteure")


@bp.route("/<int:actor_id>")
@cached_page
def detail(actor_id: int):
    actor = db.get_or_404(Actor, actor_id, options=queries.ACTOR_PAGE)
    contributions = queries.actor_contributions(actor)
    by_commitment: dict = {}
    for contribution in contributions:
        by_commitment.setdefault(contribution.commitment, []).append(contribution)
    cooperations = queries.actor_cooperations(actor)
    page_cache.shows_actors({actor.id}, names_of={p.actor_id for c in contributions for p in c.participants}
                            | {c.actor_a_id for c in cooperations} | {c.actor_b_id for c in cooperations})
    return render_template(
        "actors/detail.html", actor=actor, contributions_by_commitment=by_commitment,
        cooperations=cooperations, memberships=queries.actor_memberships(actor),
        led_bodies=queries.led_bodies(actor),
        history_entries=queries.actor_history(actor) if current_user.can_edit else [],
        breadcrumbs=PAGES.crumbs(actor))


@bp.route("/<int:actor_id>/reviewed", methods=["POST"])
@role_required(Role.COORDINATOR)
def reviewed(actor_id: int):
    actor = _actor_or_404(actor_id)
    actor_service.mark_reviewed(actor, by=current_user)
    flash(_("Eintrag als geprüft markiert."), "success")
    return redirect(PAGES.page(actor))


# --- contact persons ---------------------------------------------------------------------------

def _contact_or_404(actor: Actor, contact_id: int) -> ContactPerson:
    """The actor's contact person with this id (404 also for another actor's)."""
    return db.one_or_404(db.select(ContactPerson).filter_by(id=contact_id, actor_id=actor.id))


@bp.route("/<int:actor_id>/contacts/new", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def create_contact(actor_id: int):
    actor = _actor_or_404(actor_id)
    form = ContactForm()
    saved = save_form(form, lambda: actor_service.add_contact(actor, form.values(), by=current_user),
                      check=lambda: actor_service.check_contact(form.values()),
                      done=_("Kontaktperson wurde hinzugefügt."), then=PAGES.page(actor, _anchor="contacts"))
    return saved or render_template("actors/contact_form.html", form=form, actor=actor, contact=None,
                                    breadcrumbs=PAGES.crumbs(actor, _("Neue Kontaktperson")))


@bp.route("/<int:actor_id>/contacts/<int:contact_id>/edit", methods=["GET", "POST"])
@role_required(Role.COORDINATOR)
def edit_contact(actor_id: int, contact_id: int):
    actor = _actor_or_404(actor_id)
    contact = _contact_or_404(actor, contact_id)
    form = ContactForm.for_record(contact)
    saved = save_form(form, lambda: actor_service.update_contact(contact, form.values(), by=current_user,
                                                                 version=form.submitted_version()),
                      check=lambda: actor_service.check_contact(form.values()),
                      done=_("Kontaktperson wurde gespeichert."), then=PAGES.page(actor, _anchor="contacts"))
    return saved or render_template("actors/contact_form.html", form=form, actor=actor, contact=contact,
                                    breadcrumbs=PAGES.crumbs(actor, _("Kontaktperson bearbeiten")))


@bp.route("/<int:actor_id>/contacts/<int:contact_id>/delete", methods=["POST"])
@role_required(Role.COORDINATOR)
def delete_contact(actor_id: int, contact_id: int):
    actor = _actor_or_404(actor_id)
    actor_service.delete_contact(_contact_or_404(actor, contact_id), by=current_user)
    flash(_("Kontaktperson wurde gelöscht."), "success")
    return redirect(PAGES.page(actor, _anchor="contacts"))

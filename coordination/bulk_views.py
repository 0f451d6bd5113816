"""The view side of the bulk edit under the actor and offer lists (services.bulk_edit writes)."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from coordination.forms import BulkEditForm, list_choices
from coordination.models import District, Role, TargetGroup
from coordination.security import role_required
from coordination.services.base import ValidationError


def bulk_form(status_choices: list[tuple[str, str]], formdata=None) -> BulkEditForm:
    """The bulk edit form with its choices; `formdata=None` for the empty form on the list page."""
    form = BulkEditForm(formdata=formdata) if formdata is not None else BulkEditForm(formdata=None)
    form.district_ids.choices = list_choices(District)
    form.target_group_ids.choices = list_choices(TargetGroup)
    form.status.choices = [("", _("unverändert"))] + list(status_choices)
    return form


def list_bulk_form(status_choices: list[tuple[str, str]], args: dict[str, str]) -> BulkEditForm | None:
    """The empty bulk edit form under a list, for those who may edit, remembering the list's
    filters (`args`) to return to and to find all matches."""
    if not current_user.can_edit:
        return None
    form = bulk_form(status_choices)
    form.query.data = urlencode(args)
    return form


def register_bulk_edit(blueprint, status_choices: Callable[[], list[tuple[str, str]]], edit: Callable,
                       done: Callable[[int], str], matching_ids: Callable[[MultiDict], list[int]]) -> None:
    """The list's bulk edit, `<blueprint>.bulk_edit` (POST, coordinators only): districts, target
    groups, status (one of `status_choices()`) or "geprüft am heute" for the records ticked in
    the list, or with "alle Treffer" for every record `matching_ids` finds for the list's filters,
    through the service `edit`; `done(changed)` says what happened."""

    def bulk_edit():
        return _apply_bulk_edit(bulk_form(status_choices(), request.form), edit, f"{blueprint.name}.index",
                                done, matching_ids)

    blueprint.add_url_rule("/bulk", "bulk_edit", role_required(Role.COORDINATOR)(bulk_edit), methods=["POST"])


def _apply_bulk_edit(form: BulkEditForm, edit: Callable, endpoint: str, done: Callable[[int], str],
                     matching_ids: Callable[[MultiDict], list[int]]):
    """Apply the submitted bulk edit, say what happened, and go back to the list `endpoint` with
    the filters it had."""
    filters = MultiDict(parse_qsl(form.query.data or ""))
    back = url_for(endpoint) + ("?" + urlencode(list(filters.items(multi=True))) if filters else "")
    if not form.validate():
        flash(_("Bitte korrigieren Sie die markierten Angaben."), "danger")
        return redirect(back)
    ids = form.selected.data or []
    if form.all_matching.data:
        ids = matching_ids(filters)
        if form.matching.data != str(len(ids)):
            flash(ngettext("Die Liste hat sich inzwischen geändert: Die Filter treffen jetzt %(num)d "
                           "Eintrag. Es wurde nichts geändert; bitte prüfen Sie die Liste.",
                           "Die Liste hat sich inzwischen geändert: Die Filter treffen jetzt %(num)d "
                           "Einträge. Es wurde nichts geändert; bitte prüfen Sie die Liste.",
                           len(ids)), "warning")
            return redirect(back)
    try:
        changed = edit(ids, form.changes(), by=current_user)
    except ValidationError as error:
        for message in error.errors.values():
            flash(message, "danger")
    else:
        flash(done(changed), "success")
    return redirect(back)

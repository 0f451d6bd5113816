"""The view side of the bulk edit under the actor and offer lists (services.bulk_edit writes)."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from coordination.forms import BulkEditForm, list_choices
from coordination.models import District, TargetGroup
from coordination.services.base import ValidationError


def bulk_form(status_choices: list[tuple[str, str]], formdata=None) -> BulkEditForm:
    """The bulk edit form with its choices; `formdata=None` for the empty form on the list page."""
    form = BulkEditForm(formdata=formdata) if formdata is not None else BulkEditForm(formdata=None)
    form.district_ids.choices = list_choices(District)
    form.target_group_ids.choices = list_choices(TargetGroup)
    form.status.choices = [("", _("unverändert"))] + list(status_choices)
    return form


def handle_bulk_edit(form: BulkEditForm, edit: Callable, endpoint: str, done: Callable[[int], str]):
    """Apply the submitted bulk edit with the service `edit`, say what happened, and go back to
    the list `endpoint` with the filters it had."""
    back = url_for(endpoint) + ("?" + urlencode(parse_qsl(form.query.data or "")) if form.query.data else "")
    if not form.validate():
        flash(_("Bitte korrigieren Sie die markierten Angaben."), "danger")
        return redirect(back)
    try:
        changed = edit(form.selected.data or [], form.changes(), by=current_user)
    except ValidationError as error:
        for message in error.errors.values():
            flash(message, "danger")
    else:
        flash(done(changed), "success")
    return redirect(back)

"""Form helpers shared by the blueprints."""
from datetime import date

import sqlalchemy as sa
from flask import flash, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField
from wtforms.validators import InputRequired, Optional

from coordination.extensions import db
from coordination.services.base import ConflictError, ValidationError


class VersionedForm(FlaskForm):
    """An edit form that remembers which version of the record it was loaded from."""

    version = HiddenField()

    def submitted_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


def apply_service_error(form: FlaskForm, error: ValidationError | ConflictError) -> None:
    """Show a service's errors next to the matching fields (others above the form)."""
    if isinstance(error, ConflictError):
        form.form_errors.append(str(error))
        return
    for name, message in error.errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = list(field.errors) + [message]
        else:
            form.form_errors.append(message)
    flash(_l("Bitte korrigieren Sie die markierten Angaben."), "danger")


def _id_or_none(value) -> int | None:
    return int(value) if value not in (None, "", "None") else None


def optional_select(label, choices=(), **kwargs) -> SelectField:
    """A select of ids with an empty first option mapping to None."""
    return SelectField(label, choices=choices, coerce=_id_or_none, validators=[Optional()], **kwargs)


def required_select(label, message, choices=(), **kwargs) -> SelectField:
    """A select of ids that must be chosen; `message` is shown at the field otherwise."""
    return SelectField(label, choices=choices, coerce=_id_or_none,
                       validators=[InputRequired(message=message)], **kwargs)


def id_multiselect(label, **kwargs) -> SelectMultipleField:
    return SelectMultipleField(label, coerce=int, validators=[Optional()], **kwargs)


def list_choices(model, empty_label=None) -> list[tuple]:
    """(id, name) pairs of an editable list or other named model, for a select field."""
    order = [model.position, model.name] if hasattr(model, "position") else [model.name]
    rows = db.session.execute(sa.select(model.id, model.name).order_by(*order)).all()
    choices = [(row.id, row.name) for row in rows]
    return [("", empty_label)] + choices if empty_label is not None else choices


def requested_stichtag() -> tuple[date | None, str | None]:
    """The reference date (Stichtag) a page or JSON document was asked for with ?date=JJJJ-MM-TT:
    (date, None); (None, None) without one (today); (None, German message) when it is not a
    date or lies in the future."""
    text = request.args.get("date", "").strip()
    if not text:
        return None, None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, str(_l("Der Stichtag ist kein gültiges Datum (JJJJ-MM-TT)."))
    if day > date.today():
        return None, str(_l("Der Stichtag darf nicht in der Zukunft liegen."))
    return day, None

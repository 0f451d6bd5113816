"""Form helpers shared by the blueprints."""
from collections.abc import Callable
from datetime import date
from functools import cache

import sqlalchemy as sa
from flask import current_app, flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Optional

from coordination.extensions import db
from coordination.services.base import ConflictError, ValidationError
from coordination.services.bulk_edit import BulkChanges
from coordination.wording import DISTRICTS_LABEL, current_wording


def new_password_fields(name: str, *, new: bool = False) -> tuple[PasswordField, PasswordField]:
    """A new password and its repetition, which must match; `name` is the first field's name
    (`password, password_repeat = new_password_fields("password")`). `new` labels them "Neues
    Passwort" where the user replaces one."""
    label, repeat = ((_l("Neues Passwort"), _l("Neues Passwort wiederholen")) if new
                     else (_l("Passwort"), _l("Passwort wiederholen")))
    kwargs = {"render_kw": {"autocomplete": "new-password"}}
    mismatch = _l("Die Passwörter stimmen nicht überein.")
    minimum = LazyString(lambda: _("Mindestens %(min)d Zeichen.", min=current_app.config["PASSWORD_MIN_LENGTH"]))
    return (PasswordField(label, validators=[DataRequired()], description=minimum, **kwargs),
            PasswordField(repeat, validators=[DataRequired(), EqualTo(name, message=mismatch)], **kwargs))


class VersionedForm(FlaskForm):
    """An edit form that remembers which version of the record it was loaded from."""

    version = HiddenField()

    @classmethod
    def for_record(cls, record, **values):
        """The edit form of `record`: on GET filled from it (same-named attributes, its version,
        and `values` for fields the record holds otherwise, e.g. enum values or related ids);
        on POST from the request."""
        if request.method != "GET":
            return cls()
        form = cls(obj=record)
        form.version.data = record.version
        for name, value in values.items():
            getattr(form, name).data = value
        return form

    def submitted_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


def _add_errors(form: FlaskForm, errors: dict[str, str]) -> None:
    """Show `errors` next to the matching fields (others above the form); a field the form's own
    checks marked already keeps its message (one message per problem)."""
    for name, message in errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            if not field.errors:
                field.errors = [message]
        elif message not in form.form_errors:
            form.form_errors.append(message)


def apply_service_error(form: FlaskForm, error: ValidationError | ConflictError) -> None:
    """Show a service's errors next to the matching fields (others above the form)."""
    if isinstance(error, ConflictError):
        form.form_errors.append(str(error))
        return
    _add_errors(form, error.errors)
    flash(_l("Bitte korrigieren Sie die markierten Angaben."), "danger")


def validate_with_service(form: FlaskForm, check: Callable[[], dict[str, str]]) -> bool:
    """`validate_on_submit()` that shows every error at once: where the form's own checks fail,
    the service's checks (`check()` -> {field: message}) are shown too, so that correcting the
    marked fields never brings up a new error on the next submit."""
    if not form.is_submitted():
        return False
    if form.validate():
        return True
    _add_errors(form, check())
    return False


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


@cache
def _choices_statement(models: tuple) -> sa.Select | sa.CompoundSelect:
    """The (id, name) pairs of `models` in one statement, each row marked with its model's place
    in `models`; built once per combination (the forms ask for the same lists on every page)."""
    parts = [sa.select(sa.literal_column(str(index)).label("list_index"), model.id.label("id"),
                       model.name.label("name"),
                       (model.position if hasattr(model, "position") else sa.literal_column("0")).label("position"))
             for index, model in enumerate(models)]
    statement = parts[0] if len(parts) == 1 else sa.union_all(*parts)
    return statement.order_by(*(sa.literal_column(name) for name in ("list_index", "position", "name")))


def choice_lists(*models) -> list[list[tuple]]:
    """(id, name) pairs of each of several editable lists or other named models, for select
    fields, by position and name: one query for all of them (a form shows several)."""
    lists: list[list[tuple]] = [[] for _model in models]
    for row in db.session.execute(_choices_statement(models)):
        lists[row.list_index].append((row.id, row.name))
    return lists


def with_empty_choice(choices: list[tuple], empty_label) -> list[tuple]:
    return [("", empty_label), *choices]


def list_choices(model, empty_label=None) -> list[tuple]:
    """(id, name) pairs of an editable list or other named model, for a select field."""
    choices = choice_lists(model)[0]
    return with_empty_choice(choices, empty_label) if empty_label is not None else choices


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


class BulkEditForm(FlaskForm):
    """The bulk edit under the actor and offer lists: the rows ticked in the list ("selected")
    and what to change on all of them. The view sets the status choices."""

    selected = SelectMultipleField(_l("Ausgewählte Einträge"), coerce=int, validate_choice=False)
    district_ids = SelectMultipleField(DISTRICTS_LABEL, coerce=int, validate_choice=False)
    districts_mode = SelectField(
        LazyString(lambda: _("Die gewählten %(districts)s", districts=current_wording().districts)),
        default="add", choices=[
        ("add", _l("hinzufügen")), ("replace", _l("statt der bisherigen setzen")), ("remove", _l("entfernen"))])
    target_group_ids = SelectMultipleField(_l("Zielgruppen"), coerce=int, validate_choice=False)
    target_groups_mode = SelectField(_l("Die gewählten Zielgruppen"), default="add", choices=[
        ("add", _l("hinzufügen")), ("replace", _l("statt der bisherigen setzen")), ("remove", _l("entfernen"))])
    status = SelectField(_l("Status"), default="", id="bulk_status")  # the filter bar has a "status"
    reviewed_today = BooleanField(_l("geprüft am heute"))
    query = HiddenField()  # the list's filters, to return to them (and to find all matches)
    # instead of the ticked rows: every record the list's filters match, on all its pages;
    # `matching` is how many the list showed, so that a list changed meanwhile is not edited blind
    all_matching = BooleanField(_l("alle Treffer auswählen"))
    matching = HiddenField()

    def changes(self) -> BulkChanges:
        return BulkChanges(district_ids=self.district_ids.data or [], districts_mode=self.districts_mode.data,
                           target_group_ids=self.target_group_ids.data or [],
                           target_groups_mode=self.target_groups_mode.data, status=self.status.data or "",
                           reviewed_today=self.reviewed_today.data)

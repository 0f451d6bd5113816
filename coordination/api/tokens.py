"""Personal API tokens on the account page, and `flask --app app create-token USER`."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField

from coordination.extensions import db
from coordination.models import ApiToken, Role
from coordination.security import role_required
from coordination.services import api_tokens
from coordination.services.base import ValidationError

bp = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens", cli_group=None)


class ApiTokenForm(FlaskForm):
    """A new token's name; the service says what is wrong with it (shown as a message on the
    account page, where the form stands among others)."""

    name = StringField(_l("Name des neuen Tokens"), id="api-token-name",
                       render_kw={"maxlength": 80, "required": True,
                                  "placeholder": _l("z. B. Auswertung Sozialplanung")})


@bp.app_template_global()
def api_token_form() -> ApiTokenForm:
    """The empty form for a new token, for the section on the account page."""
    return ApiTokenForm(formdata=None)


@bp.app_template_global()
def api_tokens_of(user) -> list[ApiToken]:
    """The user's tokens, for the section on the account page."""
    return api_tokens.tokens_of(user) if user.is_authenticated else []


@bp.route("/", methods=["POST"])
@role_required(Role.VIEWER)  # every signed-in user manages their own tokens
def create():
    name = ApiTokenForm().name.data or ""
    try:
        row, token = api_tokens.create_token(current_user, name, by=current_user)
    except ValidationError as error:
        for message in error.errors.values():
            flash(message, "danger")
        return redirect(url_for("auth.account", _anchor="api-tokens"))
    # Shown once, in this response only (not in a flash message, which would sit in the cookie).
    return render_template("api/token_created.html", row=row, token=token,
                           breadcrumbs=[(_("Mein Konto"), url_for("auth.account")),
                                        (_("Neues API-Token"), None)])


@bp.route("/<int:token_id>/revoke", methods=["POST"])
@role_required(Role.VIEWER)
def revoke(token_id: int):
    row = db.one_or_404(db.select(ApiToken).filter_by(id=token_id, user_id=current_user.id))  # 404 for another's
    api_tokens.revoke_token(row, by=current_user)
    flash(_("Das Token „%(name)s“ wurde widerrufen.", name=row.name), "success")
    return redirect(url_for("auth.account", _anchor="api-tokens"))

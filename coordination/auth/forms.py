from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from coordination.forms import new_password_fields


class LoginForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[DataRequired(), Length(max=80)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Passwort"), validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(_l("Bisheriges Passwort"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    new_password, new_password_repeat = new_password_fields("new_password", new=True)


class LocaleForm(FlaskForm):
    locale = SelectField(_l("Sprache der Oberfläche"), choices=[("de", "Deutsch"), ("en", "English")])


class SignatureForm(FlaskForm):
    """Full name and function: printed under the council papers a user signs."""

    full_name = StringField(_l("Vollständiger Name"), validators=[Length(max=200)],
                            render_kw={"autocomplete": "name"})
    function = StringField(_l("Funktion"), validators=[Length(max=200)],
                           render_kw={"autocomplete": "organization-title"})

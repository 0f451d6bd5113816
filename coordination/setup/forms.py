from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from coordination.forms import new_password_fields
from coordination.models import CommuneKind


class SetupForm(FlaskForm):
    commune_name = StringField(_l("Name der Kommune"), validators=[DataRequired(), Length(max=120)])
    kind = SelectField(_l("Art der Kommune"), choices=CommuneKind.choices, validators=[DataRequired()],
                       description=_l("Bestimmt, an wen Berichte gehen: Stadtrat, Kreistag oder Gemeinderat."))
    advisory_body_name = StringField(_l("Name des Beirats"), default="Integrationsbeirat",
                                     validators=[Length(max=120)], description=_l(
                                         "z. B. Integrationsbeirat, Ausländerbeirat, Integrationsrat"))
    districts = TextAreaField(_l("Stadtteile, Gemeinden oder Ortsteile (einer pro Zeile, optional)"),
                              render_kw={"rows": 5})
    admin_username = StringField(_l("Benutzername des ersten Administrators"),
                                 validators=[DataRequired(), Length(max=80)],
                                 render_kw={"autocomplete": "username"})
    admin_full_name = StringField(_l("Ihr vollständiger Name (für Unterschriften unter Vorlagen)"),
                                  validators=[Length(max=200)], render_kw={"autocomplete": "name"})
    admin_function = StringField(_l("Ihre Funktion (z. B. Integrationsbeauftragte)"),
                                 validators=[Length(max=200)],
                                 render_kw={"autocomplete": "organization-title"})
    admin_password, admin_password_repeat = new_password_fields("admin_password")
    with_demo = BooleanField(_l("Demo-Daten laden (je nach Art der Kommune Musterstadt, Musterkreis oder Mustergemeinde)"),
                             description=_l("Eine erfundene Stadt mit rund 150 Akteuren zum Ausprobieren. "
                                            "Nicht für den Echtbetrieb."))

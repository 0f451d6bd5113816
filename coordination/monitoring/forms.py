"""Forms of the Integrationsmonitoring: an indicator, the table of its values, and the upload of
a values file."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, FieldList, Form, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from coordination.forms import VersionedForm
from coordination.models.monitoring import NAME_LENGTH, UNIT_LENGTH
from coordination.services.monitoring import NOTE_MAX, IndicatorFields

BLANK_ROWS = 5


class IndicatorForm(VersionedForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_LENGTH)])
    unit = StringField(_l("Einheit"), validators=[Length(max=UNIT_LENGTH)],
                       render_kw={"placeholder": _l("z. B. %, Anzahl, je 1.000")})
    source = StringField(_l("Quelle"), validators=[Length(max=300)],
                         render_kw={"placeholder": _l("z. B. Statistisches Landesamt")}, description=_l(
                             "Woher die Werte stammen, damit sie sich jedes Jahr gleich beschaffen lassen."))
    note = TextAreaField(_l("Hinweis"), validators=[Length(max=NOTE_MAX)], render_kw={"rows": 3},
                         description=_l("Abgrenzung, Stichtag, Besonderheiten."))

    def fields(self) -> IndicatorFields:
        return IndicatorFields(name=self.name.data or "", unit=self.unit.data or "",
                               source=self.source.data or "", note=self.note.data or "")


class ValueRowForm(Form):
    """One row of the table: year, area (empty: whole commune), value. A row without a value
    is left out, so emptying a value deletes it."""

    year = StringField(_l("Jahr"), render_kw={"inputmode": "numeric", "autocomplete": "off"})
    district_id = SelectField(_l("Gebiet"), choices=[])
    value = StringField(_l("Wert"), render_kw={"inputmode": "decimal", "autocomplete": "off"})


class ValuesForm(VersionedForm):
    rows = FieldList(FormField(ValueRowForm), min_entries=0)


class ValuesImportForm(FlaskForm):
    """A CSV or XLSX file of values; what is wrong inside it the import names row by row."""

    file = FileField(_l("Datei (CSV oder XLSX)"), validators=[FileRequired(_l("Bitte wählen Sie eine Datei aus."))],
                     render_kw={"accept": ".csv,.xlsx,text/csv,"
                                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    check_only = BooleanField(_l("Nur prüfen, nichts speichern"))

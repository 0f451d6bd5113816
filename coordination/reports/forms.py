from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional

from coordination.models import ReportKind
from coordination.services.reports import TITLE_MAX


class ReportForm(FlaskForm):
    kind = SelectField(_l("Art des Berichts"), choices=ReportKind.choices,
                       default=ReportKind.STATUS_REPORT.value)
    reporting_date = DateField(_l("Stichtag"), default=date.today,
                               validators=[InputRequired(message=_l("Bitte geben Sie den Stichtag an."))])
    title = StringField(_l("Titel (optional)"), validators=[Optional(), Length(
        max=TITLE_MAX, message=_l("Höchstens %(max)d Zeichen erlaubt."))])

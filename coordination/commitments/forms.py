from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from coordination.models import AssessmentStatus
from coordination.services.assessments import JUSTIFICATION_MAX


class AssessmentForm(FlaskForm):
    status = SelectField(_l("Stand der Umsetzung"),
                         choices=lambda: [("", _l("– bitte wählen –"))] + AssessmentStatus.choices(),
                         validators=[DataRequired(message=_l("Bitte wählen Sie einen Stand."))])
    justification = TextAreaField(
        _l("Begründung"), render_kw={"rows": 5},
        validators=[DataRequired(message=_l("Bitte begründen Sie die Einschätzung.")),
                    Length(max=JUSTIFICATION_MAX)])
    assessed_on = DateField(_l("Stand vom"), default=date.today,
                            validators=[InputRequired(message=_l("Bitte geben Sie ein Datum an."))])


class ShortTitleForm(FlaskForm):
    short_title = StringField(_l("Kurztitel"), validators=[DataRequired(), Length(max=120)])
    # the title the form was loaded with: a rename in between is refused, not overwritten
    original_title = HiddenField()

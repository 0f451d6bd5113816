from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, Form, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from coordination.models import ReportKind
from coordination.queries.status_report import CONSULTATION_ROWS, VORLAGE_LIMITS
from coordination.services.reports import TITLE_MAX


class ReportForm(FlaskForm):
    kind = SelectField(_l("Art des Berichts"), choices=ReportKind.choices,
                       default=ReportKind.STATUS_REPORT.value)
    reporting_date = DateField(_l("Stichtag"), default=date.today,
                               validators=[InputRequired(message=_l("Bitte geben Sie den Stichtag an."))])
    title = StringField(_l("Titel (optional)"), validators=[Optional(), Length(
        max=TITLE_MAX, message=_l("Höchstens %(max)d Zeichen erlaubt."))])


def _limited(label, key: str, area: bool = False, **kwargs):
    field = TextAreaField if area else StringField
    return field(label, validators=[Length(max=VORLAGE_LIMITS[key], message=_l(
        "Höchstens %(max)d Zeichen erlaubt."))], **kwargs)


class ConsultationRowForm(Form):
    """One step of the Beratungsfolge: body, meeting date, purpose (stored in German)."""

    body = StringField(_l("Gremium"), validators=[Length(max=200)])
    date = DateField(_l("Sitzung am"), validators=[Optional()])
    purpose = SelectField(_l("Zweck"), choices=[("", "–"), ("Vorberatung", _l("Vorberatung")),
                                                ("Kenntnisnahme", _l("Kenntnisnahme")),
                                                ("Beschlussfassung", _l("Beschlussfassung"))],
                          validate_choice=False)  # checked by status_report.clean_vorlage


class StatusReportForm(FlaskForm):
    """The Mitteilungsvorlage: Stichtag, comparison and the fields of the council paper."""

    reporting_date = DateField(_l("Stichtag"), default=date.today,
                               validators=[InputRequired(message=_l("Bitte geben Sie den Stichtag an."))])
    compare_report = SelectField(_l("Vergleichen mit gespeichertem Bericht"), coerce=str)
    compare_to = DateField(_l("oder mit einem früheren Tag"), validators=[Optional()])
    number = _limited(_l("Vorlagen-Nr."), "number")
    office = _limited(_l("Federführendes Amt / Fachbereich"), "office")
    consultation = FieldList(FormField(ConsultationRowForm), min_entries=CONSULTATION_ROWS,
                             max_entries=CONSULTATION_ROWS)
    subject = _limited(_l("Betreff"), "subject")
    reference = _limited(_l("Bezug (optional)"), "reference")
    opening = _limited(_l("Einleitender Text (Sachverhalt)"), "opening", area=True,
                       render_kw={"rows": 5})
    financial = _limited(_l("Finanzielle Auswirkungen"), "financial", area=True,
                         render_kw={"rows": 2})
    attachments = _limited(_l("Anlagen (eine pro Zeile)"), "attachments", area=True,
                           render_kw={"rows": 3})
    signatory_name = _limited(_l("Unterzeichnet von (vollständiger Name)"), "signatory_name")
    signatory_function = _limited(_l("Funktion"), "signatory_function")
    signatory_capacity = SelectField(_l("Zeichnung"), choices=[
        ("im_auftrag", _l("Im Auftrag")), ("in_vertretung", _l("In Vertretung"))])

    def vorlage(self) -> dict:
        """The Vorlage fields as status_report.clean_vorlage takes them."""
        values = {key: getattr(self, key).data for key in VORLAGE_LIMITS}
        values["signatory_capacity"] = self.signatory_capacity.data
        values["consultation"] = [{"body": row.body.data, "date": row.date.data,
                                   "purpose": row.purpose.data} for row in self.consultation]
        return values

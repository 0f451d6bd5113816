from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from coordination.forms import VersionedForm, optional_select
from coordination.models import MeasureStatus
from coordination.queries.analysis import threshold_fields
from coordination.services.analysis import REASON_MAX
from coordination.services.measures import MEASURE_TEXT_MAX, MeasureValues
from coordination.wording import DISTRICT_LABEL

SEVERITY_CHOICES = [("", _l("alle")), ("hoch", _l("hoch")), ("mittel", _l("mittel")),
                    ("niedrig", _l("niedrig"))]
TOO_LONG = _l("Höchstens %(max)d Zeichen erlaubt.")
STATUS_CHOICES = [("", _l("alle")), ("open", _l("offen")), ("accepted", _l("akzeptiert"))]
GROUP_CHOICES = [("", _l("alle")), ("gaps", _l("Lücken")), ("upkeep", _l("Datenpflege"))]


class GapFilterForm(FlaskForm):
    """The filter bar of the gap list (GET parameters, no CSRF)."""

    class Meta:
        csrf = False

    commitment = optional_select(_l("Selbstverpflichtung"))
    severity = SelectField(_l("Priorität"), choices=SEVERITY_CHOICES, validators=[Optional()])
    rule = SelectField(_l("Regel"), validators=[Optional()])
    district = optional_select(DISTRICT_LABEL)
    status = SelectField(_l("Status"), choices=STATUS_CHOICES, validators=[Optional()])
    group = SelectField(_l("Gruppe"), choices=GROUP_CHOICES, validators=[Optional()])


class AcceptForm(FlaskForm):
    reason = TextAreaField(
        _l("Begründung"), render_kw={"rows": 3},
        validators=[InputRequired(message=_l("Bitte begründen Sie, warum der Befund akzeptiert wird.")),
                    Length(max=REASON_MAX, message=TOO_LONG)])


class MeasureForm(VersionedForm):
    text = TextAreaField(
        _l("Maßnahme"), render_kw={"rows": 4},
        validators=[InputRequired(message=_l("Bitte beschreiben Sie die Maßnahme.")),
                    Length(max=MEASURE_TEXT_MAX, message=TOO_LONG)],
        description=_l("Was soll geschehen, mit wem? Der Text erscheint in den Bausteinen für das "
                       "Integrationskonzept und, solange die Maßnahme offen ist, im Sachstandsbericht."))
    commitment_id = optional_select(_l("Selbstverpflichtung"), description=_l(
        "Bei einem Befund wird seine Selbstverpflichtung übernommen."))
    finding_fingerprint = HiddenField()
    field_of_action_id = optional_select(_l("Handlungsfeld"), description=_l(
        "Im Integrationskonzept stehen die Maßnahmen nach Handlungsfeldern geordnet."))
    responsible = StringField(_l("Zuständig"), validators=[Length(max=200, message=TOO_LONG)])
    status = SelectField(_l("Stand"), choices=MeasureStatus.choices)
    # for the integration concept
    goal = TextAreaField(_l("Ziel"), render_kw={"rows": 2},
                         validators=[Length(max=MEASURE_TEXT_MAX, message=TOO_LONG)],
                         description=_l("Was soll am Ende erreicht sein?"))
    success_indicator = TextAreaField(_l("Erfolgsindikator"), render_kw={"rows": 2},
                                      validators=[Length(max=MEASURE_TEXT_MAX, message=TOO_LONG)],
                                      description=_l(
                                          "Woran sich der Erfolg messen lässt, z. B. ein Monitoring-Indikator "
                                          "oder eine Zahl von Teilnehmenden."))
    partners = StringField(_l("Partner"), validators=[Length(max=500, message=TOO_LONG)],
                           description=_l("Wer wirkt mit? Mehrere durch Komma getrennt."))
    start_date = DateField(_l("Beginn"), validators=[Optional()])
    due_date = DateField(_l("Zieldatum"), validators=[Optional()])
    resources = TextAreaField(_l("Ressourcen"), render_kw={"rows": 2},
                              validators=[Length(max=MEASURE_TEXT_MAX, message=TOO_LONG)],
                              description=_l("Personal und Sachmittel, z. B. „0,5 Stelle, 5.000 € im Jahr“."))
    funding = StringField(_l("Finanzierung / Förderprogramm"),
                          validators=[Length(max=300, message=TOO_LONG)], description=_l(
                              "Haushaltsmittel oder Förderprogramm, z. B. „Demokratie leben!“, ESF Plus."))

    def values(self) -> MeasureValues:
        return MeasureValues(text=self.text.data or "", commitment_id=self.commitment_id.data,
                             finding_fingerprint=self.finding_fingerprint.data or None,
                             responsible=self.responsible.data or "", due_date=self.due_date.data,
                             status=self.status.data,
                             field_of_action_id=self.field_of_action_id.data,
                             goal=self.goal.data or "",
                             success_indicator=self.success_indicator.data or "",
                             partners=self.partners.data or "", start_date=self.start_date.data,
                             resources=self.resources.data or "", funding=self.funding.data or "")


def settings_form(*args, **kwargs) -> VersionedForm:
    """A form with one number field per analysis threshold (built from Thresholds' fields)."""

    class SettingsForm(VersionedForm):
        pass

    for spec in threshold_fields():
        field_class = DecimalField if spec.type is float else IntegerField
        extra = {"places": None} if spec.type is float else {}
        setattr(SettingsForm, spec.name, field_class(
            spec.label, description=spec.help,
            validators=[InputRequired(message=_l("Bitte geben Sie einen Wert an."))], **extra))
    return SettingsForm(*args, **kwargs)

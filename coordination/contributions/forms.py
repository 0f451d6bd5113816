from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from coordination.forms import VersionedForm, id_multiselect, optional_select
from coordination.models import ContributionKind, ContributionStatus
from coordination.services.contributions import ContributionValues
from coordination.wording import DISTRICT_LABEL, DISTRICTS_LABEL, WHOLE_COMMUNE_FIELD


def kind_choices():
    return [("", _l("– bitte wählen –"))] + ContributionKind.choices()


class ContributionForm(VersionedForm):
    title = StringField(_l("Titel"), validators=[DataRequired(), Length(max=200)])
    commitment_id = optional_select(_l("Selbstverpflichtung"))
    kind = SelectField(_l("Art"), choices=kind_choices)
    status = SelectField(_l("Status"), choices=ContributionStatus.choices,
                         default=ContributionStatus.ACTIVE.value, description=_l(
                             "„beendet“ braucht kein Enddatum; ein Ende in der Zukunft passt aber "
                             "nicht zu „beendet“."))
    field_of_action_id = optional_select(_l("Handlungsfeld"))
    lead_actor_id = optional_select(_l("Federführender Akteur"), render_kw={"data-searchable": ""})
    partner_actor_ids = id_multiselect(_l("Partner"), render_kw={"data-searchable": ""})
    description = TextAreaField(_l("Beschreibung"), validators=[Length(max=10000)], render_kw={"rows": 4})
    start_date = DateField(_l("Beginn"), validators=[Optional()])
    end_date = DateField(_l("Ende"), validators=[Optional()])
    whole_commune = BooleanField(WHOLE_COMMUNE_FIELD)
    district_ids = id_multiselect(DISTRICTS_LABEL)
    target_group_ids = id_multiselect(_l("Zielgruppen"))
    language_ids = id_multiselect(_l("Sprachen"))
    last_reviewed = DateField(_l("zuletzt geprüft am"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("commitment_id", "kind", "lead_actor_id"):
            self[name].flags.required = True  # checked by the service; marks the label

    def values(self) -> ContributionValues:
        return ContributionValues(
            title=self.title.data or "", commitment_id=self.commitment_id.data,
            kind=self.kind.data or None, lead_actor_id=self.lead_actor_id.data,
            field_of_action_id=self.field_of_action_id.data, status=self.status.data,
            start_date=self.start_date.data, end_date=self.end_date.data,
            description=self.description.data or "", whole_commune=self.whole_commune.data,
            partner_actor_ids=self.partner_actor_ids.data or [],
            target_group_ids=self.target_group_ids.data or [],
            district_ids=self.district_ids.data or [], language_ids=self.language_ids.data or [],
            last_reviewed=self.last_reviewed.data)


class ContributionFilterForm(FlaskForm):
    """The filter bar of the contribution list (GET parameters, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Suche"), render_kw={"placeholder": _l("Titel, Beschreibung, Organisation …")})
    commitment = optional_select(_l("Selbstverpflichtung"))
    status = SelectField(_l("Status"), choices=lambda: [("", _l("alle"))] + ContributionStatus.choices())
    kind = SelectField(_l("Art"), choices=lambda: [("", _l("alle"))] + ContributionKind.choices())
    district = optional_select(DISTRICT_LABEL)
    actor = optional_select(_l("Akteur"))

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from coordination.forms import VersionedForm, id_multiselect, optional_select
from coordination.models import CooperationKind
from coordination.services.cooperations import CooperationValues


def kind_choices():
    return [("", _l("– bitte wählen –"))] + CooperationKind.choices()


def intensity_choices():
    return [(1, _l("1 – lose")), (2, _l("2 – regelmäßig")), (3, _l("3 – eng"))]


def int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class CooperationForm(VersionedForm):
    actor_a_id = optional_select(_l("Akteur A"), render_kw={"data-searchable": ""})
    actor_b_id = optional_select(_l("Akteur B"), render_kw={"data-searchable": ""})
    kind = SelectField(_l("Art"), choices=kind_choices)
    # The range is checked by the service, so a bad value gets its message at the field.
    intensity = SelectField(_l("Intensität"), choices=intensity_choices, coerce=int_or_none, default=2,
                            validate_choice=False, description=_l(
                                "1 = loser Kontakt, 2 = regelmäßige Zusammenarbeit, 3 = enge Zusammenarbeit"))
    written_agreement = BooleanField(_l("schriftliche Vereinbarung"))
    start_date = DateField(_l("Beginn"), validators=[Optional()])
    end_date = DateField(_l("Ende"), validators=[Optional()],
                         description=_l("Leer lassen, solange die Kooperation läuft."))
    commitment_ids = id_multiselect(_l("Selbstverpflichtungen, denen die Kooperation dient"))
    note = TextAreaField(_l("Notiz"), validators=[Length(max=10000)], render_kw={"rows": 3})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("actor_a_id", "actor_b_id", "kind", "intensity"):
            self[name].flags.required = True  # checked by the service; marks the label

    def values(self) -> CooperationValues:
        return CooperationValues(
            actor_a_id=self.actor_a_id.data, actor_b_id=self.actor_b_id.data,
            kind=self.kind.data or None, start_date=self.start_date.data, end_date=self.end_date.data,
            intensity=self.intensity.data, written_agreement=self.written_agreement.data,
            note=self.note.data or "", commitment_ids=self.commitment_ids.data or [])


class CooperationFilterForm(FlaskForm):
    """The filter bar of the cooperation list (GET parameters, no CSRF)."""

    class Meta:
        csrf = False

    actor = optional_select(_l("Akteur"))
    kind = SelectField(_l("Art"), choices=lambda: [("", _l("alle"))] + CooperationKind.choices())
    commitment = optional_select(_l("Selbstverpflichtung"))
    state = SelectField(_l("Laufzeit"), choices=[("", _l("alle")), ("running", _l("nur laufende")),
                                                 ("ended", _l("nur beendete"))])

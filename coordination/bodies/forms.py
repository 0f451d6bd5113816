from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from coordination.forms import VersionedForm, id_multiselect, optional_select
from coordination.models import BodyKind
from coordination.services.bodies import DESCRIPTION_MAX, BodyValues


class BodyForm(VersionedForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Art"), choices=BodyKind.choices)
    lead_actor_id = optional_select(_l("federführender Akteur"), description=_l(
        "Der Akteur, der das Gremium einberuft oder moderiert."))
    active = BooleanField(_l("aktiv (tagt derzeit)"), default=True, description=_l(
        "Inaktive Gremien bleiben mit ihren Mitgliedern als Verlauf erhalten."))
    active_since = DateField(_l("besteht seit"), validators=[Optional()],
                             description=_l("Leer: der Tag der Erfassung."))
    dissolved_on = DateField(_l("aufgelöst am"), validators=[Optional()],
                             description=_l("Nur bei inaktiven Gremien; leer: heute."))
    description = TextAreaField(_l("Beschreibung"), validators=[Length(max=DESCRIPTION_MAX)],
                                render_kw={"rows": 4})

    def values(self) -> BodyValues:
        return BodyValues(name=self.name.data or "", kind=self.kind.data or "",
                          lead_actor_id=self.lead_actor_id.data, active=self.active.data,
                          description=self.description.data or "",
                          active_since=self.active_since.data, dissolved_on=self.dissolved_on.data)


class MembershipForm(FlaskForm):
    """Adding members: the actors (several at once) with one role and period."""

    # the service tells unknown actors and current members apart (with their names)
    actor_ids = id_multiselect(_l("Akteure"), validate_choice=False)
    role = StringField(_l("Rolle"), validators=[Length(max=120)],
                       render_kw={"placeholder": _l("z. B. Vorsitz, Mitglied, beratend")})
    since = DateField(_l("seit"), validators=[Optional()])
    until = DateField(_l("bis"), validators=[Optional()])


class MembershipEditForm(FlaskForm):
    role = MembershipForm.role
    since = MembershipForm.since
    until = DateField(_l("bis"), validators=[Optional()], description=_l(
        "Ein Enddatum beendet die Mitgliedschaft, sie bleibt als Verlauf sichtbar."))


class BodyFilterForm(FlaskForm):
    """The filter bar of the body list (GET parameters, no CSRF)."""

    class Meta:
        csrf = False

    active = SelectField(_l("Status"), choices=[("", _l("alle")), ("yes", _l("nur aktive")),
                                                ("no", _l("nur inaktive"))])
    kind = SelectField(_l("Art"), choices=lambda: [("", _l("alle"))] + BodyKind.choices())

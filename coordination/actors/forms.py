from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from coordination.forms import VersionedForm, id_multiselect, optional_select, required_select
from coordination.models import ActorStatus
from coordination.services.actors import ActorValues, ContactValues
from coordination.wording import DISTRICT_LABEL, current_wording, lazy_per_kind


class ActorForm(VersionedForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    type_id = required_select(_l("Typ"), _l("Bitte wählen Sie einen Akteurstyp."))
    migrant_led = BooleanField(_l("migrantisch geführt (MSO)"), description=_l(
        "Selbstorganisation von Menschen mit Migrationsgeschichte. Beim Typ Migrantenorganisation "
        "immer gesetzt; Akteure anderer Typen (etwa eine Moscheegemeinde oder ein Verein) können "
        "ebenfalls migrantisch geführt sein."))
    municipal = BooleanField(_l("Teil der Kommunalverwaltung"))
    status = SelectField(_l("Status"), choices=ActorStatus.choices)
    active_since = DateField(_l("aktiv seit"), validators=[Optional()],
                             description=_l("Leer: der Tag der Erfassung."))
    dissolved_on = DateField(_l("aufgelöst am"), validators=[Optional()],
                             description=_l("Nur bei Status „aufgelöst“; leer: heute."))
    description = TextAreaField(_l("Beschreibung"), validators=[Length(max=10000)], render_kw={"rows": 4})
    address = StringField(_l("Anschrift"), validators=[Length(max=300)])
    website = StringField(_l("Website"), validators=[Length(max=300)], render_kw={"placeholder": "https://"})
    email = StringField(_l("E-Mail (Funktionsadresse)"), validators=[Length(max=254)], description=_l(
        "Keine persönlichen Adressen – diese gehören zu den Kontaktpersonen."))
    phone = StringField(_l("Telefon (Zentrale)"), validators=[Length(max=50)])
    whole_commune = BooleanField(lazy_per_kind(_l("wirkt in der ganzen Stadt"),
                                                 _l("wirkt im ganzen Landkreis"),
                                                 _l("wirkt in der ganzen Gemeinde")))
    district_ids = id_multiselect(LazyString(lambda: _("%(districts)s (Wirkungsraum)", districts=current_wording().districts)))
    target_group_ids = id_multiselect(_l("Zielgruppen"))
    field_of_action_ids = id_multiselect(_l("Handlungsfelder"))
    language_ids = id_multiselect(_l("Sprachen"))
    last_reviewed = DateField(_l("zuletzt geprüft am"), validators=[Optional()])

    def values(self) -> ActorValues:
        return ActorValues(
            name=self.name.data or "", type_id=self.type_id.data,
            migrant_led=self.migrant_led.data, municipal=self.municipal.data,
            description=self.description.data or "", address=self.address.data or "",
            whole_commune=self.whole_commune.data, district_ids=self.district_ids.data or [],
            website=self.website.data or "", email=self.email.data or "", phone=self.phone.data or "",
            target_group_ids=self.target_group_ids.data or [],
            field_of_action_ids=self.field_of_action_ids.data or [],
            language_ids=self.language_ids.data or [], status=self.status.data,
            last_reviewed=self.last_reviewed.data, active_since=self.active_since.data,
            dissolved_on=self.dissolved_on.data)


class ContactForm(VersionedForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    role = StringField(_l("Funktion"), validators=[Length(max=200)])
    email = StringField(_l("E-Mail"), validators=[Length(max=254)])
    phone = StringField(_l("Telefon"), validators=[Length(max=50)])

    def values(self) -> ContactValues:
        return ContactValues(name=self.name.data or "", role=self.role.data or "",
                             email=self.email.data or "", phone=self.phone.data or "")


class ActorFilterForm(FlaskForm):
    """The filter bar of the actor list (GET parameters, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Suche"), render_kw={"placeholder": _l("Name, früherer Name, Beschreibung …")})
    type = optional_select(_l("Typ"))
    district = optional_select(DISTRICT_LABEL)
    commitment = optional_select(_l("Selbstverpflichtung"))
    target_group = optional_select(_l("Zielgruppe"))
    mso = SelectField(_l("MSO (migrantisch geführt)"),
                      choices=[("", _l("alle")), ("yes", _l("nur MSO")), ("no", _l("ohne MSO"))])
    status = SelectField(_l("Status"), choices=lambda: [("", _l("alle"))] + ActorStatus.choices())

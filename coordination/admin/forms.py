from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from coordination.forms import VersionedForm, new_password_fields, optional_select
from coordination.models import AuditAction, CommuneKind, Role
from coordination.queries.commune import current_commune
from coordination.services.lists import EntryValues


def _locale_choices() -> list[tuple[str, str]]:
    return list(current_app.config["LANGUAGES"].items())


class CommuneForm(VersionedForm):
    name = StringField(_l("Name der Kommune"), validators=[DataRequired(), Length(max=120)])
    kind = SelectField(_l("Art der Kommune"), choices=CommuneKind.choices, description=LazyString(lambda: _(
        "Bestimmt, an wen Berichte gehen: Stadtrat (Stadt), Kreistag (Landkreis) oder Gemeinderat "
        "(Gemeinde). Derzeit: %(council)s.", council=current_commune().council)))
    advisory_body_name = StringField(_l("Name des Beirats"), validators=[DataRequired(), Length(max=120)],
                                     description=_l(
                                         "z. B. Integrationsbeirat, Ausländerbeirat, Integrationsrat"))


class AccessibilityContactForm(VersionedForm):
    """Who takes feedback on barriers; shown in the Erklärung zur Barrierefreiheit."""

    accessibility_contact = TextAreaField(_l("Kontaktstelle für Rückmeldungen"),
                                          validators=[DataRequired(), Length(max=1000)], description=_l(
                                              "Stelle mit Anschrift und Telefon, z. B. „Integrationsbüro, "
                                              "Rathausplatz 1, 12345 Musterstadt, Telefon 01234 5678“."))
    accessibility_email = StringField(_l("E-Mail-Adresse für Rückmeldungen"),
                                      validators=[DataRequired(), Length(max=200)])
    accessibility_enforcement = TextAreaField(_l("Durchsetzungs- oder Schlichtungsstelle des Landes"),
                                              validators=[Length(max=1000)], description=_l(
                                                  "Optional: die für Kommunen Ihres Landes zuständige Stelle mit "
                                                  "Anschrift. Ohne Angabe nennt die Erklärung sie allgemein."))


class ListEntryForm(VersionedForm):
    """Name of a list entry; `version` holds services.lists.entry_version (no version column)."""

    name = StringField(_l("Bezeichnung"), validators=[DataRequired(), Length(max=120)])

    def values(self) -> EntryValues:
        return EntryValues(name=self.name.data or "")


class DistrictForm(ListEntryForm):
    is_funding_area = BooleanField(_l("Fördergebiet (Soziale Stadt / Sozialer Zusammenhalt, ESF)"))
    special_need = BooleanField(_l("besonderer Handlungsbedarf"))
    parent_id = optional_select(_l("liegt in (übergeordnet)"))

    def values(self) -> EntryValues:
        return EntryValues(name=self.name.data or "", is_funding_area=self.is_funding_area.data,
                           special_need=self.special_need.data, parent_id=self.parent_id.data)


class MergeForm(FlaskForm):
    target_id = optional_select(_l("Zusammenführen mit"))


USERNAME_CHARACTERS = _l("Buchstaben, Ziffern, Punkt, Bindestrich und Unterstrich")


class UserCreateForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[DataRequired(), Length(max=80)],
                           render_kw={"autocomplete": "off"}, description=USERNAME_CHARACTERS)
    display_name = StringField(_l("Anzeigename"), validators=[Length(max=120)])
    role = SelectField(_l("Rolle"), choices=Role.choices, default=Role.VIEWER.value)
    locale = SelectField(_l("Sprache der Oberfläche"), choices=_locale_choices)
    password, password_repeat = new_password_fields("password")


class UserEditForm(FlaskForm):
    username = StringField(_l("Benutzername"), validators=[DataRequired(), Length(max=80)],
                           render_kw={"autocomplete": "off"}, description=USERNAME_CHARACTERS)
    display_name = StringField(_l("Anzeigename"), validators=[Length(max=120)])
    role = SelectField(_l("Rolle"), choices=Role.choices)
    locale = SelectField(_l("Sprache der Oberfläche"), choices=_locale_choices)
    active = BooleanField(_l("Konto aktiv (Anmeldung erlaubt)"), description=_l(
        "Ein deaktiviertes Konto kann sich nicht anmelden; laufende Anmeldungen enden sofort. Seine "
        "Änderungen bleiben im Verlauf."))


class PasswordResetForm(FlaskForm):
    new_password, new_password_repeat = new_password_fields("new_password", new=True)


class AuditFilterForm(FlaskForm):
    """The filter bar of the change history (GET parameters, no CSRF)."""

    class Meta:
        csrf = False

    entity_type = SelectField(_l("Bereich"), choices=[])
    username = SelectField(_l("Benutzer"), choices=[])
    action = SelectField(_l("Aktion"), choices=lambda: [("", _l("alle"))] + AuditAction.choices())

"""Set-up of a new installation and the commune's settings."""
from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from coordination import reference_data
from coordination.demo import build_demo_commune
from coordination.extensions import db
from coordination.models import (
    ActorType,
    AuditAction,
    Commitment,
    Commune,
    CommuneKind,
    District,
    FieldOfAction,
    Indicator,
    Language,
    Prerequisite,
    Role,
    TargetGroup,
    User,
)
from coordination.queries.commune import is_set_up
from coordination.services import accounts
from coordination.services.base import ValidationError, changes_between, check_version, record, snapshot, transaction
from coordination.wording import wording_for

COMMUNE_FIELDS = ("name", "kind", "advisory_body_name")
ACCESSIBILITY_FIELDS = ("accessibility_contact", "accessibility_email", "accessibility_enforcement")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AlreadySetUp(Exception):
    """Set-up runs once, on an empty database."""


def _commune_errors(name: str, kind: str, advisory_body_name: str) -> dict[str, str]:
    errors = {}
    if not name.strip():
        errors["commune_name"] = _("Bitte geben Sie den Namen der Kommune an.")
    elif len(name) > 120:
        errors["commune_name"] = _("Höchstens %(max)d Zeichen erlaubt.", max=120)
    if kind not in {k.value for k in CommuneKind}:
        errors["kind"] = _("Bitte wählen Sie Stadt, Landkreis oder Gemeinde.")
    if len(advisory_body_name) > 120:
        errors["advisory_body_name"] = _("Höchstens %(max)d Zeichen erlaubt.", max=120)
    return errors


def seed_reference_data() -> None:
    """The ten commitments, five prerequisites, the default lists and the monitoring indicators
    (idempotent by key)."""
    for number, short_title, full_text in reference_data.COMMITMENTS:
        if db.session.scalar(sa.select(Commitment.id).where(Commitment.number == number)) is None:
            db.session.add(Commitment(number=number, short_title=short_title, full_text=full_text))
    for position, (key, name, description) in enumerate(reference_data.PREREQUISITES):
        if db.session.scalar(sa.select(Prerequisite.id).where(Prerequisite.key == key)) is None:
            db.session.add(Prerequisite(key=key, name=name, description=description,
                                        position=position))
    for model, entries in ((ActorType, reference_data.ACTOR_TYPES),
                           (FieldOfAction, reference_data.FIELDS_OF_ACTION),
                           (TargetGroup, reference_data.TARGET_GROUPS),
                           (Language, reference_data.LANGUAGES)):
        for position, (key, name) in enumerate(entries):
            if db.session.scalar(sa.select(model.id).where(model.key == key)) is None:
                db.session.add(model(key=key, name=name, position=position))
    for position, (key, name, unit, source, note) in enumerate(reference_data.INDICATORS):
        if db.session.scalar(sa.select(Indicator.id).where(Indicator.key == key)) is None:
            db.session.add(Indicator(key=key, name=name, unit=unit, source=source, note=note,
                                     position=position))


def set_up(*, commune_name: str, kind: str, admin_username: str, admin_password: str,
           advisory_body_name: str = "", districts: list[str] | None = None,
           with_demo: bool = False, admin_full_name: str = "", admin_function: str = "") -> User:
    """Create the commune, reference data, districts and the first admin (with the full name
    and function that sign council papers) in one transaction."""
    if is_set_up():
        raise AlreadySetUp()
    advisory_body_name = advisory_body_name.strip() or _("Integrationsbeirat")
    errors = _commune_errors(commune_name, kind, advisory_body_name)
    errors |= {f"admin_{k}": v for k, v in accounts.password_errors(admin_password).items()}
    district_names = [d.strip() for d in districts or [] if d.strip()]
    wording = wording_for(kind if kind in {k.value for k in CommuneKind} else None)
    if any(len(d) > 120 for d in district_names):
        errors["districts"] = wording.per_kind(
            _("Ein Stadtteilname ist länger als %(max)d Zeichen.", max=120),
            _("Ein Gemeindename ist länger als %(max)d Zeichen.", max=120),
            _("Ein Ortsteilname ist länger als %(max)d Zeichen.", max=120))
    elif len({d.casefold() for d in district_names}) != len(district_names):
        errors["districts"] = wording.per_kind(_("Ein Stadtteil ist doppelt genannt."),
                                               _("Eine Gemeinde ist doppelt genannt."),
                                               _("Ein Ortsteil ist doppelt genannt."))
    if errors:
        raise ValidationError(errors)
    with transaction():
        commune = Commune(name=commune_name.strip(), kind=CommuneKind(kind),
                          advisory_body_name=advisory_body_name)
        db.session.add(commune)
        seed_reference_data()
        for position, name in enumerate(district_names):
            db.session.add(District(name=name, position=position))
        try:
            admin = accounts.create_user(admin_username, admin_password, Role.ADMIN,
                                         full_name=admin_full_name, function=admin_function)
        except ValidationError as error:
            raise ValidationError({f"admin_{k}": v for k, v in error.errors.items()}) from error
        record(AuditAction.CREATE, commune, admin, label=commune.name)
        if with_demo:
            build_demo_commune(by=admin)
    current_app.extensions["coordination.set_up"] = True
    return admin


def update_commune(commune: Commune, *, name: str, kind: str, advisory_body_name: str,
                   version: int | None, by: User) -> Commune:
    errors = _commune_errors(name, kind, advisory_body_name)
    if not advisory_body_name.strip():
        errors["advisory_body_name"] = _("Bitte geben Sie den Namen des Beirats an.")
    if errors:
        raise ValidationError({("name" if k == "commune_name" else k): v for k, v in errors.items()})
    check_version(commune, version)
    with transaction():
        before = snapshot(commune, COMMUNE_FIELDS)
        commune.name, commune.kind = name.strip(), CommuneKind(kind)
        commune.advisory_body_name = advisory_body_name.strip()
        record(AuditAction.UPDATE, commune, by, label=commune.name,
               changes=changes_between(before, snapshot(commune, COMMUNE_FIELDS)))
    return commune


def update_accessibility_contact(commune: Commune, *, contact: str, email: str, enforcement: str,
                                 version: int | None, by: User) -> Commune:
    """The feedback contact of the accessibility statement; its date (Stand) becomes today."""
    contact, email, enforcement = contact.strip(), email.strip(), enforcement.strip()
    errors = {}
    if not contact:
        errors["accessibility_contact"] = _("Bitte nennen Sie die Stelle, die Rückmeldungen entgegennimmt.")
    if not EMAIL_PATTERN.match(email):
        errors["accessibility_email"] = _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. integration@musterstadt.de.")
    if errors:
        raise ValidationError(errors)
    check_version(commune, version)
    with transaction():
        before = snapshot(commune, ACCESSIBILITY_FIELDS)
        commune.accessibility_contact, commune.accessibility_email = contact, email
        commune.accessibility_enforcement = enforcement
        commune.accessibility_reviewed_on = date.today()
        record(AuditAction.UPDATE, commune, by, label=commune.name,
               changes=changes_between(before, snapshot(commune, ACCESSIBILITY_FIELDS)))
    return commune

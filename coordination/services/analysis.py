"""The coordinator's writes about the gap analysis: its settings (thresholds) and acceptances of
findings (recommended measures are in services.measures). What the analysis reads and shows is
in queries.analysis."""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.analysis import Finding
from coordination.extensions import db
from coordination.models import AnalysisSettings, AuditAction, FindingAcceptance, User
from coordination.queries.analysis import analysis_settings, current_analysis, render, threshold_fields, thresholds_from
from coordination.services.base import ValidationError, check_version, record, transaction

REASON_MAX = 2000


def update_thresholds(values: dict, *, version: int | None, by: User | None) -> AnalysisSettings:
    """Store new thresholds (admins). `values` maps field names to numbers; errors are keyed by
    field name."""
    errors: dict[str, str] = {}
    clean = {}
    for spec in threshold_fields():
        value = values.get(spec.name)
        if value is None or value == "":
            errors[spec.name] = _("Bitte geben Sie einen Wert an.")
            continue
        try:
            number = spec.type(value)
        except (TypeError, ValueError):
            errors[spec.name] = _("Bitte geben Sie eine Zahl an.")
            continue
        if spec.type is int and number != value and not isinstance(value, str):
            errors[spec.name] = _("Bitte geben Sie eine ganze Zahl an.")
        elif not spec.minimum <= number <= spec.maximum:
            errors[spec.name] = _("Erlaubt sind Werte von %(low)s bis %(high)s.",
                                  low=_number(spec.minimum), high=_number(spec.maximum))
        else:
            clean[spec.name] = number
    settings = analysis_settings()
    if settings is not None:
        check_version(settings, version)
    if errors:
        raise ValidationError(errors)
    with transaction():
        before = thresholds_from(settings.thresholds if settings else None)
        if settings is None:
            settings = AnalysisSettings(thresholds={})
            db.session.add(settings)
        settings.thresholds = clean
        settings.updated_by_id = by.id if by else None
        changes = {name: [getattr(before, name), value] for name, value in clean.items()
                   if getattr(before, name) != value}
        record(AuditAction.UPDATE, settings, by, entity_type="analysis_settings",
               label=_("Einstellungen der Lückenanalyse"), changes=changes)
    return settings


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def current_finding(fingerprint: str, field_name: str = "fingerprint") -> Finding:
    finding = current_analysis().finding_by_fingerprint.get(fingerprint or "")
    if finding is None:
        raise ValidationError({field_name: _(
            "Diesen Befund gibt es nicht mehr – die Daten haben sich inzwischen geändert. "
            "Bitte laden Sie die Lückenliste neu.")})
    return finding


def accept_finding(fingerprint: str, reason: str, *, by: User | None) -> FindingAcceptance:
    """Accept a current finding with a reason (e.g. "bewusst kein Angebot, Bedarf gedeckt durch
    …"). It stays listed as accepted while its evidence is unchanged."""
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Bitte begründen Sie, warum der Befund akzeptiert wird.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("Höchstens %(max)d Zeichen erlaubt.", max=REASON_MAX)
    if errors:
        raise ValidationError(errors)
    finding = current_finding(fingerprint)
    with transaction():
        acceptance = db.session.scalar(sa.select(FindingAcceptance).where(
            FindingAcceptance.fingerprint == finding.fingerprint))
        old_reason = acceptance.reason if acceptance else None
        if acceptance is None:
            acceptance = FindingAcceptance(fingerprint=finding.fingerprint)
            db.session.add(acceptance)
        acceptance.rule, acceptance.commitment_number = finding.rule, finding.commitment
        acceptance.title = render(finding.title)[:300]
        acceptance.reason = reason
        acceptance.accepted_by_id = by.id if by else None
        acceptance.accepted_at = datetime.now(UTC)
        record(AuditAction.CREATE if old_reason is None else AuditAction.UPDATE, acceptance, by,
               entity_type="finding_acceptances",
               label=_("Befund akzeptiert: %(title)s", title=render(finding.title)),
               changes={"reason": [old_reason, reason]})
    return acceptance


def reopen_finding(fingerprint: str, *, by: User | None) -> None:
    """Take back an acceptance: the finding is open again."""
    acceptance = db.session.scalar(sa.select(FindingAcceptance).where(
        FindingAcceptance.fingerprint == (fingerprint or "")))
    if acceptance is None:
        raise ValidationError({"fingerprint": _("Dieser Befund ist nicht akzeptiert.")})
    with transaction():
        record(AuditAction.DELETE, acceptance, by, entity_type="finding_acceptances",
               label=_("Befund wieder offen: %(title)s", title=acceptance.title),
               changes={"reason": [acceptance.reason, None]})
        db.session.delete(acceptance)

"""Recommended measures (Handlungsempfehlungen): create, change, delete.

A measure answers a finding or a commitment, and for the Integrationskonzept it belongs to a
Handlungsfeld with its goal, indicator of success, partners, period (start to due date),
resources and funding source. The audit entries of measures do not change the analysis
(coordination.queries.network_history.OWN_ENTITY_TYPES).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import Commitment, FieldOfAction, Measure, MeasureStatus, User
from coordination.queries.analysis import render
from coordination.services.analysis import current_finding
from coordination.services.base import (
    History,
    ValidationError,
    check_lengths,
    check_period,
    check_version,
    get_or_fail,
    snapshot,
    valid,
)

MEASURE_TEXT_MAX = 2000
CONCEPT_TEXT_FIELDS = ("goal", "success_indicator", "partners", "resources", "funding")


@dataclass
class MeasureValues:
    text: str
    commitment_id: int | None = None
    finding_fingerprint: str | None = None
    responsible: str = ""
    due_date: date | None = None
    status: str = MeasureStatus.PROPOSED.value
    field_of_action_id: int | None = None
    goal: str = ""
    success_indicator: str = ""
    partners: str = ""
    start_date: date | None = None
    resources: str = ""
    funding: str = ""


def _validate_measure(values: MeasureValues, measure: Measure | None) -> tuple[dict, dict]:
    values.text = (values.text or "").strip()
    values.responsible = (values.responsible or "").strip()
    for name in CONCEPT_TEXT_FIELDS:
        setattr(values, name, (getattr(values, name) or "").strip())
    errors: dict[str, str] = {}
    if not values.text:
        errors["text"] = _("Bitte beschreiben Sie die Maßnahme.")
    for name in ("text", "goal", "success_indicator", "resources"):
        if len(getattr(values, name)) > MEASURE_TEXT_MAX:
            errors[name] = _("Höchstens %(max)d Zeichen erlaubt.", max=MEASURE_TEXT_MAX)
    check_lengths(Measure, {"responsible": values.responsible, "partners": values.partners,
                            "funding": values.funding}, errors)
    check_period(values.start_date, values.due_date, errors, end_field="due_date")
    if values.status not in {status.value for status in MeasureStatus}:
        errors["status"] = _("Unbekannter Status.")
    resolved: dict = {"commitment": None, "finding": None, "field_of_action": None}
    for key, model, field_name in (("commitment", Commitment, "commitment_id"),
                                   ("field_of_action", FieldOfAction, "field_of_action_id")):
        if getattr(values, field_name) is not None:
            try:
                resolved[key] = get_or_fail(model, getattr(values, field_name), field_name)
            except ValidationError as error:
                errors.update(error.errors)
    keeps_finding = measure is not None and values.finding_fingerprint == measure.finding_fingerprint
    if values.finding_fingerprint and not keeps_finding:
        try:
            resolved["finding"] = current_finding(values.finding_fingerprint, "finding_fingerprint")
        except ValidationError as error:
            errors.update(error.errors)
    if not values.finding_fingerprint and values.commitment_id is None:
        errors["commitment_id"] = _("Bitte ordnen Sie die Maßnahme einer Selbstverpflichtung "
                                    "oder einem Befund zu.")
    return errors, resolved


def _apply_measure(measure: Measure, values: MeasureValues, resolved: dict) -> None:
    measure.text, measure.responsible = values.text, values.responsible
    measure.due_date, measure.status = values.due_date, MeasureStatus(values.status)
    measure.start_date, measure.field_of_action = values.start_date, resolved["field_of_action"]
    for name in CONCEPT_TEXT_FIELDS:
        setattr(measure, name, getattr(values, name))
    measure.commitment = resolved["commitment"]
    finding = resolved["finding"]
    if finding is not None:
        measure.finding_fingerprint, measure.finding_rule = finding.fingerprint, finding.rule
        measure.finding_title = render(finding.title)[:300]
        if measure.commitment is None and finding.commitment is not None:
            measure.commitment = db.session.scalar(
                sa.select(Commitment).where(Commitment.number == finding.commitment))
    elif not values.finding_fingerprint:
        measure.finding_fingerprint = measure.finding_rule = None
        measure.finding_title = ""


def _measure_snapshot(measure: Measure) -> dict:
    values = snapshot(measure, ("text", "finding_title", "responsible", "start_date", "due_date",
                                "field_of_action", *CONCEPT_TEXT_FIELDS))
    values["commitment"] = measure.commitment.number if measure.commitment else None
    values["status"] = measure.status.label if measure.status else None
    return values


HISTORY = History(_measure_snapshot, entity_type="measures",
                  label=lambda measure: _("Handlungsempfehlung: %(text)s", text=str(measure)))


def create_measure(values: MeasureValues, *, by: User | None) -> Measure:
    resolved = valid(_validate_measure(values, None))
    return HISTORY.create(Measure, lambda measure: _apply_measure(measure, values, resolved), by=by)


def update_measure(measure: Measure, values: MeasureValues, *, version: int | None,
                   by: User | None) -> Measure:
    check_version(measure, version)
    resolved = valid(_validate_measure(values, measure))
    HISTORY.update(measure, lambda: _apply_measure(measure, values, resolved), by=by)
    return measure


def delete_measure(measure: Measure, *, version: int | None, by: User | None) -> None:
    HISTORY.delete(measure, version=version, by=by)

"""Assessments of the commitments and structural prerequisites, and the commitments' short titles.

Every assessment is a new row: the history stays, the newest one (by date, then by entry) is the
current status that the council report uses. The full text of a commitment is quoted from the
motion and never changes; only its short title for the UI is editable.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import Assessment, AssessmentStatus, AuditAction, Commitment, Prerequisite, User
from coordination.services.base import ConflictError, ValidationError, check_lengths, record, stale_message, transaction

JUSTIFICATION_MAX = 5000


def _validate(status: str | None, justification: str, assessed_on: date | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if status not in {member.value for member in AssessmentStatus}:
        errors["status"] = _("Bitte wählen Sie einen Stand.")
    if not justification:
        errors["justification"] = _("Bitte begründen Sie die Einschätzung.")
    elif len(justification) > JUSTIFICATION_MAX:
        errors["justification"] = _("Höchstens %(max)d Zeichen erlaubt.", max=JUSTIFICATION_MAX)
    if assessed_on is None:
        errors["assessed_on"] = _("Bitte geben Sie ein Datum an.")
    elif assessed_on > date.today():
        errors["assessed_on"] = _("Das Datum darf nicht in der Zukunft liegen.")
    return errors


def _assess(subject: Commitment | Prerequisite, status: str | None, justification: str,
            assessed_on: date | None, by: User | None) -> Assessment:
    justification = (justification or "").strip()
    errors = _validate(status, justification, assessed_on)
    if errors:
        raise ValidationError(errors)
    with transaction():
        assessment = Assessment(status=AssessmentStatus(status), justification=justification,
                                assessed_on=assessed_on, author_id=by.id if by else None)
        if isinstance(subject, Commitment):
            assessment.commitment = subject
        else:
            assessment.prerequisite = subject
        db.session.add(assessment)
        record(AuditAction.CREATE, assessment, by,
               label=_("Einschätzung: %(subject)s", subject=str(subject)),
               changes={"status": [None, assessment.status.value],
                        "justification": [None, justification],
                        "assessed_on": [None, assessed_on.isoformat()]})
    return assessment


def assess_commitment(commitment: Commitment, status: str | None, justification: str,
                      assessed_on: date | None, *, by: User | None) -> Assessment:
    """Record how far `commitment` is implemented (a new entry; earlier ones stay as history)."""
    return _assess(commitment, status, justification, assessed_on, by)


def assess_prerequisite(prerequisite: Prerequisite, status: str | None, justification: str,
                        assessed_on: date | None, *, by: User | None) -> Assessment:
    """Record the state of a structural prerequisite (a new entry; earlier ones stay as history)."""
    return _assess(prerequisite, status, justification, assessed_on, by)


def update_commitment_title(commitment: Commitment, short_title: str, *, by: User | None,
                            expected: str | None = None) -> Commitment:
    """Rename the commitment for the UI. `expected` is the title the form was loaded with: if it
    changed meanwhile, the save is refused (commitments carry no version column)."""
    if expected is not None and expected != commitment.short_title:
        raise ConflictError(stale_message())
    short_title = " ".join((short_title or "").split())
    errors: dict[str, str] = {}
    check_lengths(Commitment, {"short_title": short_title}, errors)
    if not short_title:
        errors["short_title"] = _("Bitte geben Sie einen Kurztitel an.")
    if errors:
        raise ValidationError(errors)
    if short_title == commitment.short_title:
        return commitment
    with transaction():
        old = commitment.short_title
        commitment.short_title = short_title
        record(AuditAction.UPDATE, commitment, by, changes={"short_title": [old, short_title]})
    return commitment

"""The coordinator's own texts of the Integrationskonzept: Einleitung und Auftrag, Leitbild,
Leitziele, Monitoring und Fortschreibung (one row, made on first save)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.extensions import db
from coordination.models import AuditAction, ConceptTexts, User
from coordination.services.base import ValidationError, changes_between, check_version, record, snapshot, transaction

TEXT_FIELDS = ("mandate", "vision", "guiding_goals", "evaluation")
AUDIT_FIELDS = (*TEXT_FIELDS, "next_update")
TEXT_MAX = 20000


@dataclass
class ConceptTextValues:
    mandate: str = ""
    vision: str = ""
    guiding_goals: str = ""
    evaluation: str = ""
    next_update: date | None = None


def current_texts() -> ConceptTexts | None:
    return db.session.scalar(sa.select(ConceptTexts).order_by(ConceptTexts.id).limit(1))


def guiding_goals(texts: ConceptTexts | None) -> list[str]:
    """The Leitziele, one per non-empty line (leading dashes or bullets dropped)."""
    if texts is None:
        return []
    lines = (line.strip().lstrip("-•*–").strip() for line in texts.guiding_goals.splitlines())
    return [line for line in lines if line]


def save_texts(values: ConceptTextValues, *, version: int | None, by: User | None) -> ConceptTexts:
    for name in TEXT_FIELDS:
        setattr(values, name, (getattr(values, name) or "").strip().replace("\r\n", "\n"))
    errors = {name: _("Höchstens %(max)d Zeichen erlaubt.", max=TEXT_MAX)
              for name in TEXT_FIELDS if len(getattr(values, name)) > TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    texts = current_texts()
    if texts is not None:
        check_version(texts, version)
    with transaction():
        if texts is None:
            texts = ConceptTexts(created_by=by)
            db.session.add(texts)
            before = {}
        else:
            before = snapshot(texts, AUDIT_FIELDS)
        for name in AUDIT_FIELDS:
            setattr(texts, name, getattr(values, name))
        texts.updated_by = by
        changes = changes_between(before, snapshot(texts, AUDIT_FIELDS))
        if changes:
            record(AuditAction.UPDATE if before else AuditAction.CREATE, texts, by,
                   changes=changes)
    return texts

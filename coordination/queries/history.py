"""A record's change history from the audit log: the "Verlauf" of its page."""
from __future__ import annotations

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import AuditEntry


def record_history(record, limit: int = 50) -> list[AuditEntry]:
    """The audit entries of `record` (a model row with `created_at`), newest first. The ids of
    deleted rows may be reused, so only the entries since this row was created count."""
    return list(db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_type == record.__tablename__,
                                    AuditEntry.entity_id == record.id,
                                    AuditEntry.created_at >= record.created_at)
        .order_by(AuditEntry.id.desc()).limit(limit)))

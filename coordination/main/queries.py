"""The dashboard's list of recent changes; its figures come from the analysis
(services.analysis_figures)."""
from __future__ import annotations

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import AuditEntry


def recent_changes(limit: int = 15) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))

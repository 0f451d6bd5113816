"""The computed analysis of one data version, shared by every app server process
(coordination.queries.analysis_store): derived data, never backed up."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db
from coordination.models.common import utcnow


class StoredAnalysis(db.Model):
    __tablename__ = "stored_analyses"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of what the analysis depends on: data version, thresholds, days, analysis code
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # signed, compressed serialisation (analysis_store.encode)
    payload: Mapped[bytes] = mapped_column(sa.LargeBinary)

"""An import upload between its steps (mapping, preview, import): the parsed rows and the
choices made so far, in the database so that any app server can take the next step."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from coordination.extensions import db
from coordination.models.common import utcnow


class ImportUpload(db.Model):
    __tablename__ = "import_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(40), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    # the parsed file (importing.stored.encode): zlib-compressed JSON, read once at the upload
    parsed: Mapped[bytes] = mapped_column(sa.LargeBinary, deferred=True)
    # the chosen kinds and mappings, options and the last check's result
    state: Mapped[dict] = mapped_column(sa.JSON, default=dict)

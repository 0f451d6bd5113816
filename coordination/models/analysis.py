"""What the coordinator adds to the gap analysis: its settings, accepted findings, recommended
measures (Handlungsempfehlungen) and the stored reports (dated snapshots for the council).

The findings themselves are not stored: they are recomputed from the data (see
coordination.queries.analysis). A finding is identified by its fingerprint, a hash of its rule,
commitment and evidence; an acceptance holds as long as a finding with that fingerprint exists.
"""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordination.extensions import db
from coordination.models.common import Tracked, enum_column, utcnow
from coordination.models.commune import Commitment
from coordination.models.enums import MeasureStatus, ReportKind
from coordination.models.lists import FieldOfAction

FINGERPRINT_LENGTH = 128
RULE_LENGTH = 60


class AnalysisSettings(db.Model):
    """The thresholds of the gap analysis (one row; admins edit it).

    `thresholds` maps field names of coordination.analysis.data.Thresholds to values; fields not
    stored keep the package's defaults, so a new threshold needs no migration.
    """

    __tablename__ = "analysis_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    thresholds: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)

    updated_by = relationship("User")

    __mapper_args__ = {"version_id_col": version}

    def __str__(self) -> str:
        return str(_l("Einstellungen der Lückenanalyse"))


class FindingAcceptance(db.Model):
    """A finding the coordinator accepted (e.g. "deliberately no offer there"), with the reason.

    It applies to the finding with the same fingerprint only: when the evidence changes, the
    fingerprint changes and the finding is open again. `rule`, `commitment_number` and `title`
    keep what was accepted readable after that.
    """

    __tablename__ = "finding_acceptances"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(sa.String(FINGERPRINT_LENGTH), unique=True)
    rule: Mapped[str] = mapped_column(sa.String(RULE_LENGTH))
    commitment_number: Mapped[int | None]
    title: Mapped[str] = mapped_column(sa.String(300), default="")
    reason: Mapped[str] = mapped_column(sa.Text)
    accepted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    accepted_by = relationship("User")

    def __str__(self) -> str:
        return self.title or self.rule


class Measure(Tracked, db.Model):
    """A recommended measure (Handlungsempfehlung) for a finding or a commitment.

    A measure made for a finding keeps the finding's fingerprint, rule and title, and the
    commitment of the finding; it stays with the commitment when the finding goes away.
    For the Integrationskonzept it also belongs to a Handlungsfeld and names its goal,
    indicator of success, partners, period (start_date to due_date), resources and funding.
    """

    __tablename__ = "measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(sa.Text)
    commitment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("commitments.id", ondelete="SET NULL"), index=True)
    finding_fingerprint: Mapped[str | None] = mapped_column(sa.String(FINGERPRINT_LENGTH), index=True)
    finding_rule: Mapped[str | None] = mapped_column(sa.String(RULE_LENGTH))
    finding_title: Mapped[str] = mapped_column(sa.String(300), default="")
    responsible: Mapped[str] = mapped_column(sa.String(200), default="")
    due_date: Mapped[date | None]
    status: Mapped[MeasureStatus] = mapped_column(enum_column(MeasureStatus),
                                                  default=MeasureStatus.PROPOSED)
    field_of_action_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("fields_of_action.id", ondelete="SET NULL"), index=True)
    goal: Mapped[str] = mapped_column(sa.Text, default="")
    success_indicator: Mapped[str] = mapped_column(sa.Text, default="")
    partners: Mapped[str] = mapped_column(sa.String(500), default="")
    start_date: Mapped[date | None]
    resources: Mapped[str] = mapped_column(sa.Text, default="")
    funding: Mapped[str] = mapped_column(sa.String(300), default="")

    commitment: Mapped[Commitment | None] = relationship()
    field_of_action: Mapped[FieldOfAction | None] = relationship()

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"


class Report(db.Model):
    """A generated report, kept as it was: `content` is the data it was rendered from (JSON),
    `html` the printable page as generated. Both stay unchanged when the data change."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    reporting_date: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    data_version: Mapped[int] = mapped_column(default=0)
    # large: loaded only when the report itself is opened, not for the list
    content: Mapped[dict] = mapped_column(sa.JSON, deferred=True)
    html: Mapped[str] = mapped_column(sa.Text, deferred=True)
    # the DOCX as generated, served unchanged on every later download
    docx: Mapped[bytes | None] = mapped_column(sa.LargeBinary, deferred=True)

    created_by = relationship("User")

    def __str__(self) -> str:
        return self.title


class ConceptTexts(Tracked, db.Model):
    """The coordinator's own texts of the Integrationskonzept (one row): the mandate
    (Einleitung und Auftrag), the Leitbild, the Leitziele (one per line), how the work is
    evaluated and updated, and the date of the next update (Fortschreibung)."""

    __tablename__ = "concept_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    mandate: Mapped[str] = mapped_column(sa.Text, default="")
    vision: Mapped[str] = mapped_column(sa.Text, default="")
    guiding_goals: Mapped[str] = mapped_column(sa.Text, default="")
    evaluation: Mapped[str] = mapped_column(sa.Text, default="")
    next_update: Mapped[date | None]

    def __str__(self) -> str:
        return str(_l("Texte des Integrationskonzepts"))

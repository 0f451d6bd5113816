"""The dashboard's list of recent changes and a new commune's first steps; its figures come from
the analysis (queries.analysis_figures)."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from coordination.extensions import db
from coordination.models import Actor, Assessment, AuditEntry, Commitment, Contribution, Cooperation, Report, ReportKind


def recent_changes(limit: int = 15) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


@dataclass(frozen=True)
class FirstStep:
    key: str
    done: bool
    count: int


@dataclass(frozen=True)
class FirstSteps:
    """A new commune's way to its first report; `steps` in their order."""

    steps: list[FirstStep]
    commitments: int

    @property
    def done(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        return self.done == len(self.steps)

    @property
    def nothing_to_analyse(self) -> bool:
        """No actors or no offers yet: gap counts would only repeat that the inventory is empty."""
        return not (self.steps[0].done and self.steps[1].done)


def first_steps() -> FirstSteps:
    def count(model, *where) -> int:
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where)) or 0

    assessed = db.session.scalar(sa.select(sa.func.count(sa.distinct(Assessment.commitment_id)))
                                 .where(Assessment.commitment_id.is_not(None))) or 0
    commitments = count(Commitment)
    steps = [FirstStep(key, number > 0, number) for key, number in (
        ("actors", count(Actor)), ("contributions", count(Contribution)),
        ("cooperations", count(Cooperation)))]
    steps.append(FirstStep("assessments", commitments > 0 and assessed >= commitments, assessed))
    reports = count(Report, Report.kind == ReportKind.STATUS_REPORT)
    steps.append(FirstStep("report", reports > 0, reports))
    return FirstSteps(steps, commitments)

"""The Handlungsfeld view of coverage: one line per field of action (the frame of the
Integrationskonzept), beside the commitment view (the frame of the Sachstandsbericht).
Computed from the cached analysis; one query for the measures."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from coordination.analysis.coverage import FieldCoverage, field_coverage
from coordination.extensions import db
from coordination.models import Measure, MeasureStatus
from coordination.queries.analysis import Analysis
from coordination.queries.analysis_figures import heat_level


@dataclass(frozen=True)
class FieldSummary:
    key: int | None  # field of action id; None: offers without a field
    name: str
    contributions: int
    actors: int
    mso_share: int | None  # per cent of the actors, None without actors
    commitments: dict[int, int]  # active offers per commitment number
    districts: int
    whole_commune: bool
    target_groups: int
    open_measures: int
    level: int  # heat level of `contributions`


def coverage_by_field(analysis: Analysis) -> dict[int | None, FieldCoverage]:
    """field_coverage of the analysis' data, computed once per analysis."""
    return analysis.memo("field_coverage", lambda: field_coverage(analysis.data))


def open_measures_by_field() -> dict[int | None, int]:
    rows = db.session.execute(
        sa.select(Measure.field_of_action_id, sa.func.count(Measure.id))
        .where(Measure.status.in_([s for s in MeasureStatus if s.is_open]))
        .group_by(Measure.field_of_action_id))
    return dict(rows.all())


def field_summaries(analysis: Analysis) -> list[FieldSummary]:
    """One line per field of action in list order, then "ohne Handlungsfeld" if some active
    offer has none."""
    coverage = coverage_by_field(analysis)
    names = {f.id: f.name for f in analysis.data.fields_of_action}
    measures = open_measures_by_field()
    maximum = max([len(c.contribution_ids) for c in coverage.values()] or [0])
    result = []
    for key, entry in coverage.items():
        actors = len(entry.actor_ids)
        result.append(FieldSummary(
            key=key, name=names.get(key) or _("ohne Handlungsfeld"),
            contributions=len(entry.contribution_ids), actors=actors,
            mso_share=round(100 * len(entry.migrant_led_actor_ids) / actors) if actors else None,
            commitments=entry.by_commitment, districts=len(entry.district_ids),
            whole_commune=entry.whole_commune, target_groups=len(entry.target_group_ids),
            open_measures=measures.get(key, 0),
            level=heat_level(len(entry.contribution_ids), maximum)))
    return result

"""Exact betweenness up to 5,000 nodes: stored analysis settings that still hold the old defaults
(exact up to 500 nodes, 200 sampled sources) take the new ones (5,000; at least 1,000 sources)

The settings form stores every field, so an installation that saved its settings once kept the
old defaults as if chosen; with them a commune of 2,000 actors would stay estimated from 200
sources. Values a coordinator changed are kept.

Revision ID: 5b1e7c3a9d20
Revises: a1c3e5f7b9d2
Create Date: 2026-12-07 02:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5b1e7c3a9d20'
down_revision = 'a1c3e5f7b9d2'
branch_labels = None
depends_on = None

settings = sa.table('analysis_settings', sa.column('id', sa.Integer), sa.column('thresholds', sa.JSON))
OLD = {'betweenness_exact_max_nodes': 500, 'betweenness_sample_k': 200}
NEW = {'betweenness_exact_max_nodes': 5000, 'betweenness_sample_k': 1000}


def _replace(before: dict, after: dict) -> None:
    connection = op.get_bind()
    for row_id, thresholds in connection.execute(sa.select(settings.c.id, settings.c.thresholds)).all():
        if not isinstance(thresholds, dict):
            continue
        changed = {name: after[name] for name, value in before.items()
                   if thresholds.get(name) == value}
        if changed:
            connection.execute(settings.update().where(settings.c.id == row_id)
                               .values(thresholds={**thresholds, **changed}))


def upgrade():
    _replace(OLD, NEW)


def downgrade():
    _replace(NEW, OLD)

"""the computed analysis of a data version, shared by the app server processes

Revision ID: 7d2e9f4a6b81
Revises: 5b1e7c3a9d20
Create Date: 2026-12-07 05:00:00

Derived data: an empty table is filled again by the next page that shows the analysis.
"""
import sqlalchemy as sa
from alembic import op

revision = '7d2e9f4a6b81'
down_revision = '5b1e7c3a9d20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stored_analyses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_analyses')),
    sa.UniqueConstraint('key', name=op.f('uq_stored_analyses_key'))
    )


def downgrade():
    op.drop_table('stored_analyses')

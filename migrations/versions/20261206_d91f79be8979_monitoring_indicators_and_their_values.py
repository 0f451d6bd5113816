"""monitoring indicators and their values; the eleven seeded indicators for installations
already set up

Revision ID: d91f79be8979
Revises: c0be88818b58
Create Date: 2026-12-06 23:15:19.142886

"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

from coordination.reference_data import INDICATORS


# revision identifiers, used by Alembic.
revision = 'd91f79be8979'
down_revision = 'c0be88818b58'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_indicators_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_indicators_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators')),
    sa.UniqueConstraint('key', name=op.f('uq_indicators_key')),
    sa.UniqueConstraint('name', name=op.f('uq_indicators_name'))
    )
    op.create_table('indicator_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['districts.id'], name=op.f('fk_indicator_values_district_id_districts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_indicator_values_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_values')),
    sa.UniqueConstraint('indicator_id', 'year', 'district_id', name=op.f('uq_indicator_values_indicator_id'))
    )
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_values_district_id'), ['district_id'], unique=False)

    connection = op.get_bind()
    if connection.execute(sa.text("SELECT COUNT(*) FROM commune")).scalar():
        now = datetime.now(timezone.utc)
        indicators = sa.table(
            'indicators', *(sa.column(name, sa.String) for name in ('key', 'name', 'unit', 'source', 'note')),
            sa.column('position', sa.Integer), sa.column('version', sa.Integer),
            sa.column('created_at', sa.DateTime(timezone=True)),
            sa.column('updated_at', sa.DateTime(timezone=True)))
        op.bulk_insert(indicators, [
            {'key': key, 'name': name, 'unit': unit, 'source': source, 'note': note,
             'position': position, 'created_at': now, 'updated_at': now, 'version': 1}
            for position, (key, name, unit, source, note, *_) in enumerate(INDICATORS)])


def downgrade():
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_values_district_id'))

    op.drop_table('indicator_values')
    op.drop_table('indicators')

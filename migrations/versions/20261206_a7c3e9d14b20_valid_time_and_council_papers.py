"""valid time of actors and bodies, signatories' full name and function, council paper defaults,
stored DOCX of reports

Revision ID: a7c3e9d14b20
Revises: a1d3e5f7b9c1
Create Date: 2026-12-06 23:20:00

Actors and bodies get "aktiv seit" and "aufgelöst am". An actor already dissolved (a body already
inactive) gets the day of its last change as the day it ended: the closest date the data know.
"""
import sqlalchemy as sa
from alembic import op


revision = 'a7c3e9d14b20'
down_revision = 'a1d3e5f7b9c1'
branch_labels = None
depends_on = None


def _end_dates(table_name: str, ended) -> None:
    table = sa.table(table_name, sa.column('id', sa.Integer), sa.column('updated_at', sa.DateTime),
                     sa.column('dissolved_on', sa.Date), sa.column('status', sa.String),
                     sa.column('active', sa.Boolean))
    connection = op.get_bind()
    for row_id, updated_at in connection.execute(
            sa.select(table.c.id, table.c.updated_at).where(ended(table))).all():
        if updated_at is not None:
            connection.execute(table.update().where(table.c.id == row_id)
                               .values(dissolved_on=updated_at.date()))


def upgrade():
    for name in ('actors', 'bodies'):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('active_since', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('dissolved_on', sa.Date(), nullable=True))
    _end_dates('actors', lambda table: table.c.status == 'dissolved')
    _end_dates('bodies', lambda table: table.c.active.is_(False))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('full_name', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('function', sa.String(length=200), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.add_column(sa.Column('report_defaults', sa.JSON(), nullable=True))
    op.execute("UPDATE commune SET report_defaults = '{}'")
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.alter_column('report_defaults', existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('docx', sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('docx')
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.drop_column('report_defaults')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('function')
        batch_op.drop_column('full_name')
    for name in ('bodies', 'actors'):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('dissolved_on')
            batch_op.drop_column('active_since')

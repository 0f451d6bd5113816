"""login throttle counters per (account, address), address and account, replacing the list of
failed logins; sign-in sessions remember their last request (idle timeout)

Revision ID: c3e5a7b9d1f3
Revises: b2c4d6e8f0a2
Create Date: 2026-12-07 00:20:00

Failed logins are short-lived security records: they are not carried over (the throttle starts
empty). Existing sessions count as last seen at their sign-in.
"""
import sqlalchemy as sa
from alembic import op

revision = 'c3e5a7b9d1f3'
down_revision = 'b2c4d6e8f0a2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_throttle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_throttle')),
    sa.UniqueConstraint('key', name=op.f('uq_login_throttle_key'))
    )
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_throttle_window_started_at'), ['window_started_at'],
                              unique=False)
    with op.batch_alter_table('failed_logins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_failed_logins_created_at'))
        batch_op.drop_index(batch_op.f('ix_failed_logins_remote_addr'))
        batch_op.drop_index(batch_op.f('ix_failed_logins_username'))
    op.drop_table('failed_logins')
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE login_sessions SET last_seen_at = created_at")
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.alter_column('last_seen_at', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade():
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_column('last_seen_at')
    op.create_table('failed_logins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('remote_addr', sa.String(length=45), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_failed_logins'))
    )
    with op.batch_alter_table('failed_logins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_failed_logins_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_failed_logins_remote_addr'), ['remote_addr'], unique=False)
        batch_op.create_index(batch_op.f('ix_failed_logins_username'), ['username'], unique=False)
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttle_window_started_at'))
    op.drop_table('login_throttle')

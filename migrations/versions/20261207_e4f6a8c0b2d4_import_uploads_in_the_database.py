"""import uploads between their steps in the database (parsed rows and choices), instead of a
folder of one app server

Revision ID: e4f6a8c0b2d4
Revises: c3e5a7b9d1f3
Create Date: 2026-12-07 00:40:00

Uploads waiting in instance/imports/ are not carried over: they are at most a day old and are
uploaded again.
"""
import sqlalchemy as sa
from alembic import op

revision = 'e4f6a8c0b2d4'
down_revision = 'c3e5a7b9d1f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('parsed', sa.LargeBinary(), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_import_uploads_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_uploads')),
    sa.UniqueConstraint('token', name=op.f('uq_import_uploads_token'))
    )
    with op.batch_alter_table('import_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_uploads_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_uploads_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('import_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_uploads_user_id'))
        batch_op.drop_index(batch_op.f('ix_import_uploads_created_at'))
    op.drop_table('import_uploads')

"""Accessibility statement: feedback contact, e-mail, enforcement body and date of the commune

Revision ID: b7c2d4e6f8a0
Revises: a7d1c5e2f390
Create Date: 2026-12-06 23:55:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7c2d4e6f8a0'
down_revision = 'a7d1c5e2f390'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accessibility_contact', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('accessibility_email', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('accessibility_enforcement', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('accessibility_reviewed_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('commune', schema=None) as batch_op:
        batch_op.drop_column('accessibility_reviewed_on')
        batch_op.drop_column('accessibility_enforcement')
        batch_op.drop_column('accessibility_email')
        batch_op.drop_column('accessibility_contact')

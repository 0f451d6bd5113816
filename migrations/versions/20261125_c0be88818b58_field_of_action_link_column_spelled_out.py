"""field of action link column spelled out

Revision ID: c0be88818b58
Revises: 762602a1b951
Create Date: 2026-11-25 21:31:02.207580

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0be88818b58'
down_revision = '762602a1b951'
branch_labels = None
depends_on = None


def _rename(old: str, new: str) -> None:
    """Rename the column in place (SQLite 3.25+ and PostgreSQL both know RENAME COLUMN)."""
    op.drop_index(f'ix_actor_fields_of_action_{old}', table_name='actor_fields_of_action')
    op.execute(f'ALTER TABLE actor_fields_of_action RENAME COLUMN {old} TO {new}')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f'ALTER TABLE actor_fields_of_action RENAME CONSTRAINT '
                   f'fk_actor_fields_of_action_{old}_fields_of_action '
                   f'TO fk_actor_fields_of_action_{new}_fields_of_action')
    op.create_index(f'ix_actor_fields_of_action_{new}', 'actor_fields_of_action', [new], unique=False)


def upgrade():
    _rename('fields_of_actio_id', 'field_of_action_id')


def downgrade():
    _rename('field_of_action_id', 'fields_of_actio_id')

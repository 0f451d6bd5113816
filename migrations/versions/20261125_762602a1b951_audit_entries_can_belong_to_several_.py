"""audit entries can belong to several actors

Revision ID: 762602a1b951
Revises: 853009c98ee6
Create Date: 2026-11-25 21:16:15.804794

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '762602a1b951'
down_revision = '853009c98ee6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_entry_actors',
    sa.Column('audit_entry_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['audit_entry_id'], ['audit_entries.id'], name=op.f('fk_audit_entry_actors_audit_entry_id_audit_entries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('audit_entry_id', 'actor_id', name=op.f('pk_audit_entry_actors'))
    )
    with op.batch_alter_table('audit_entry_actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_actors_actor_id'), ['actor_id'], unique=False)

    # Keep the history: each entry's single actor becomes its first linked actor.
    op.execute("INSERT INTO audit_entry_actors (audit_entry_id, actor_id) "
               "SELECT id, actor_id FROM audit_entries WHERE actor_id IS NOT NULL")
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_actor_id'))
        batch_op.drop_column('actor_id')


def downgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_id', sa.INTEGER(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_id'), ['actor_id'], unique=False)
    op.execute("UPDATE audit_entries SET actor_id = (SELECT MIN(actor_id) FROM audit_entry_actors "
               "WHERE audit_entry_actors.audit_entry_id = audit_entries.id)")

    with op.batch_alter_table('audit_entry_actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_actors_actor_id'))

    op.drop_table('audit_entry_actors')

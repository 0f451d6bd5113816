"""measures for the concept (Handlungsfeld, goal, indicator of success, partners, period,
resources, funding; existing measures get empty values), the concept's own texts

Revision ID: f0307ac8975a
Revises: a7c3e9d14b20
Create Date: 2026-12-06 23:32:37.093117

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f0307ac8975a'
down_revision = 'a7c3e9d14b20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('concept_texts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mandate', sa.Text(), nullable=False),
    sa.Column('vision', sa.Text(), nullable=False),
    sa.Column('guiding_goals', sa.Text(), nullable=False),
    sa.Column('evaluation', sa.Text(), nullable=False),
    sa.Column('next_update', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_concept_texts_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_concept_texts_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_concept_texts'))
    )
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('field_of_action_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('goal', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('success_indicator', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('partners', sa.String(length=500), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('start_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('resources', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('funding', sa.String(length=300), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_measures_field_of_action_id'), ['field_of_action_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_measures_field_of_action_id_fields_of_action'), 'fields_of_action', ['field_of_action_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('measures', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_measures_field_of_action_id_fields_of_action'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_measures_field_of_action_id'))
        batch_op.drop_column('funding')
        batch_op.drop_column('resources')
        batch_op.drop_column('start_date')
        batch_op.drop_column('partners')
        batch_op.drop_column('success_indicator')
        batch_op.drop_column('goal')
        batch_op.drop_column('field_of_action_id')

    op.drop_table('concept_texts')

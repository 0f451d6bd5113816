"""migrant organisations are migrant-led

Actors of the seeded type "Migrantenorganisation (MSO)" (key "mso") are migrant-led by
definition; rows saved before the service enforced it get the flag.

Revision ID: a1d3e5f7b9c1
Revises: d91f79be8979
Create Date: 2026-12-06 23:30:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a1d3e5f7b9c1'
down_revision = 'd91f79be8979'
branch_labels = None
depends_on = None


def upgrade():
    actors = sa.table('actors', sa.column('type_id', sa.Integer), sa.column('migrant_led', sa.Boolean))
    actor_types = sa.table('actor_types', sa.column('id', sa.Integer), sa.column('key', sa.String))
    op.get_bind().execute(
        actors.update()
        .where(actors.c.type_id.in_(sa.select(actor_types.c.id).where(actor_types.c.key == 'mso')),
               actors.c.migrant_led.is_(False))
        .values(migrant_led=True))


def downgrade():
    # Which actors had the flag before cannot be told apart afterwards; the flag stays.
    pass

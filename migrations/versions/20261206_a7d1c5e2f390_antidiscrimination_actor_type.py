"""actor type Antidiskriminierungsstelle/-beratung

The seeded list of actor types gains "Antidiskriminierungsstelle/-beratung" (key
"antidiscrimination"), which the gap rule antidiscrimination-missing looks for. Installations set
up before get it here, placed before "Sonstige"; a type of that name added by hand receives the
key. Actors of the type "Sonstige" whose name says "Antidiskriminierung" are moved to it, since
until now they had nowhere else to go. A database not yet set up (no actor types) is left alone:
set-up seeds the list.

Revision ID: a7d1c5e2f390
Revises: e4f6a8c0b2d4
Create Date: 2026-12-06 23:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7d1c5e2f390'
down_revision = 'e4f6a8c0b2d4'
branch_labels = None
depends_on = None

KEY, NAME = 'antidiscrimination', 'Antidiskriminierungsstelle/-beratung'
types = sa.table('actor_types', sa.column('id', sa.Integer), sa.column('name', sa.String),
                 sa.column('key', sa.String), sa.column('position', sa.Integer))
actors = sa.table('actors', sa.column('id', sa.Integer), sa.column('name', sa.String),
                  sa.column('type_id', sa.Integer))


def upgrade():
    bind = op.get_bind()
    if bind.scalar(sa.select(sa.func.count()).select_from(types)) == 0:
        return
    if bind.scalar(sa.select(types.c.id).where(types.c.key == KEY)) is not None:
        return
    named = bind.scalar(sa.select(types.c.id).where(types.c.name == NAME))
    if named is not None:
        bind.execute(types.update().where(types.c.id == named).values(key=KEY))
        return
    other = bind.execute(sa.select(types.c.id, types.c.position).where(types.c.key == 'other')).first()
    position = other.position if other else (
        bind.scalar(sa.select(sa.func.max(types.c.position))) or 0) + 1
    bind.execute(types.update().where(types.c.position >= position)
                 .values(position=types.c.position + 1))
    bind.execute(types.insert().values(name=NAME, key=KEY, position=position))
    if other is not None:
        new = bind.scalar(sa.select(types.c.id).where(types.c.key == KEY))
        bind.execute(actors.update()
                     .where(actors.c.type_id == other.id,
                            sa.func.lower(actors.c.name).like('%antidiskriminierung%'))
                     .values(type_id=new))


def downgrade():
    bind = op.get_bind()
    new = bind.scalar(sa.select(types.c.id).where(types.c.key == KEY))
    if new is None:
        return
    other = bind.scalar(sa.select(types.c.id).where(types.c.key == 'other'))
    if other is not None:
        bind.execute(actors.update().where(actors.c.type_id == new).values(type_id=other))
    if bind.scalar(sa.select(sa.func.count()).select_from(actors).where(actors.c.type_id == new)):
        bind.execute(types.update().where(types.c.id == new).values(key=None))
    else:
        bind.execute(types.delete().where(types.c.id == new))

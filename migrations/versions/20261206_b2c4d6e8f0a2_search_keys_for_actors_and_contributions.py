"""search keys for actors and contributions, former names of actors

Actors get `former_names` (filled from the renamings in the history), `search_name` (name and
former names, indexed) and `search_text` (description and address); contributions get
`search_text` (title and description): all folded by case, accents, umlauts and ß. On
PostgreSQL the extension pg_trgm is created where the server allows it (the search then also
ranks by trigram similarity); where it cannot be created, the search works without it.

Revision ID: b2c4d6e8f0a2
Revises: f0307ac8975a
Create Date: 2026-12-06 23:50:00

"""
import json
import re
import unicodedata

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b2c4d6e8f0a2'
down_revision = 'f0307ac8975a'
branch_labels = None
depends_on = None

SEARCH_NAME_LENGTH = 1000


def _search_key(*parts, limit=None):
    """As coordination.models.common.search_key at the time of this migration."""
    decomposed = unicodedata.normalize("NFKD", " ".join(p for p in parts if p).replace("ß", "ss"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    text = re.sub(r"([aou])e", r"\1", re.sub(r"\s+", " ", stripped).strip().casefold())
    return text[:limit] if limit else text


def _former_names(connection) -> dict[int, list[str]]:
    """{actor id: earlier names} from the history's renamings, oldest first."""
    audit = sa.table('audit_entries', sa.column('id', sa.Integer), sa.column('entity_type', sa.String),
                     sa.column('entity_id', sa.Integer), sa.column('changes', sa.JSON))
    names: dict[int, list[str]] = {}
    for entity_id, changes in connection.execute(
            sa.select(audit.c.entity_id, audit.c.changes)
            .where(audit.c.entity_type == 'actors', audit.c.entity_id.is_not(None)).order_by(audit.c.id)):
        if isinstance(changes, str):
            changes = json.loads(changes)
        old = (changes or {}).get('name', [None])[0]
        if old and old not in names.setdefault(entity_id, []):
            names[entity_id].append(old)
    return names


def upgrade():
    connection = op.get_bind()
    if connection.dialect.name == 'postgresql':
        try:
            with connection.begin_nested():
                connection.execute(sa.text('CREATE EXTENSION IF NOT EXISTS pg_trgm'))
        except sa.exc.DBAPIError:
            pass  # not allowed on this server: the search works without similarity
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('former_names', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('search_name', sa.String(length=SEARCH_NAME_LENGTH), nullable=True))
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=True))
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=True))

    actors = sa.table('actors', sa.column('id', sa.Integer), sa.column('name', sa.String),
                      sa.column('description', sa.Text), sa.column('address', sa.String),
                      sa.column('former_names', sa.Text), sa.column('search_name', sa.String),
                      sa.column('search_text', sa.Text))
    former = _former_names(connection)
    for actor_id, name, description, address in connection.execute(
            sa.select(actors.c.id, actors.c.name, actors.c.description, actors.c.address)).all():
        earlier = "\n".join(n for n in former.get(actor_id, []) if n != name)
        connection.execute(actors.update().where(actors.c.id == actor_id).values(
            former_names=earlier, search_name=_search_key(name, earlier, limit=SEARCH_NAME_LENGTH),
            search_text=_search_key(description, address)))
    contributions = sa.table('contributions', sa.column('id', sa.Integer), sa.column('title', sa.String),
                             sa.column('description', sa.Text), sa.column('search_text', sa.Text))
    for contribution_id, title, description in connection.execute(
            sa.select(contributions.c.id, contributions.c.title, contributions.c.description)).all():
        connection.execute(contributions.update().where(contributions.c.id == contribution_id)
                           .values(search_text=_search_key(title, description)))

    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.alter_column('former_names', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('search_name', existing_type=sa.String(length=SEARCH_NAME_LENGTH),
                              nullable=False)
        batch_op.alter_column('search_text', existing_type=sa.Text(), nullable=False)
        batch_op.create_index(batch_op.f('ix_actors_search_name'), ['search_name'], unique=False)
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.alter_column('search_text', existing_type=sa.Text(), nullable=False)


def downgrade():
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_column('search_text')
    with op.batch_alter_table('actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actors_search_name'))
        batch_op.drop_column('search_text')
        batch_op.drop_column('search_name')
        batch_op.drop_column('former_names')

"""search key for contact persons

Contact persons get `search_text` (name, function and e-mail, folded by case, accents, umlauts
and ß like the actors' search keys), so that coordinators find an actor by its contact.

Revision ID: a1c3e5f7b9d2
Revises: b7c2d4e6f8a0
Create Date: 2026-12-07 02:30:00

"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a1c3e5f7b9d2'
down_revision = 'b7c2d4e6f8a0'
branch_labels = None
depends_on = None


def _search_key(*parts):
    """As coordination.text.search_key at the time of this migration."""
    decomposed = unicodedata.normalize("NFKD", " ".join(p for p in parts if p).replace("ß", "ss"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"([aou])e", r"\1", re.sub(r"\s+", " ", stripped).strip().casefold())


def upgrade():
    with op.batch_alter_table('contact_persons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=True))
    contacts = sa.table('contact_persons', sa.column('id', sa.Integer), sa.column('name', sa.String),
                        sa.column('role', sa.String), sa.column('email', sa.String),
                        sa.column('search_text', sa.Text))
    connection = op.get_bind()
    for contact_id, name, role, email in connection.execute(
            sa.select(contacts.c.id, contacts.c.name, contacts.c.role, contacts.c.email)).all():
        connection.execute(contacts.update().where(contacts.c.id == contact_id)
                           .values(search_text=_search_key(name, role, email)))
    with op.batch_alter_table('contact_persons', schema=None) as batch_op:
        batch_op.alter_column('search_text', existing_type=sa.Text(), nullable=False)


def downgrade():
    with op.batch_alter_table('contact_persons', schema=None) as batch_op:
        batch_op.drop_column('search_text')

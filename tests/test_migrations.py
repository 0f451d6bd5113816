"""The Alembic migrations build exactly the schema the models describe, and can be undone."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from coordination.extensions import db
from tests.conftest import make_app


def test_migrations_match_the_models_and_downgrade_cleanly(tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        downgrade(revision="base")
        with db.engine.connect() as connection:
            tables = db.inspect(connection).get_table_names()
        assert tables == ["alembic_version"]
        db.engine.dispose()

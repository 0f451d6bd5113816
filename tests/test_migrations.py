"""The Alembic migrations build exactly the schema the models describe, and can be undone."""
import json
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from coordination.extensions import db
from coordination.services import commune as commune_service
from tests.conftest import make_app
from tests.factories import make_actor


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


def test_migrating_down_and_up_keeps_the_data(tmp_path):
    """Batch migrations rebuild SQLite tables; the rows that point at them must survive."""

    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'data.sqlite'}")
    tables = ("actors", "cooperations", "contribution_participants", "body_memberships",
              "actor_districts")
    with app.app_context():
        upgrade()
        commune_service.set_up(commune_name="Musterstadt", kind="stadt", admin_username="admin",
                               admin_password="richtig-langes-passwort", with_demo=True)

        def counts():
            with db.engine.connect() as connection:
                return {t: connection.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar() for t in tables}

        before = counts()
        assert all(before.values())
        downgrade(revision="5986cf30e1bb")  # before the actors table was rebuilt
        upgrade()
        assert counts() == before
        db.engine.dispose()


def test_existing_installations_get_the_antidiscrimination_type(tmp_path):
    """Set up before the type existed: the migration adds it before "Sonstige" and moves an
    anti-discrimination office filed under "Sonstige"; undone, the office is "Sonstige" again."""
    scripts = ScriptDirectory(str(Path(__file__).resolve().parents[1] / "migrations"))
    before = scripts.get_revision("a7d1c5e2f390").down_revision  # before the type was seeded
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'types.sqlite'}")
    with app.app_context():
        upgrade()
        commune_service.set_up(commune_name="Musterstadt", kind="stadt", admin_username="admin",
                               admin_password="richtig-langes-passwort")
        downgrade(revision=before)

        def query(statement):
            with db.engine.begin() as connection:
                return connection.execute(sa.text(statement)).all()

        assert not query("SELECT id FROM actor_types WHERE key = 'antidiscrimination'")
        [(other,)] = query("SELECT id FROM actor_types WHERE key = 'other'")
        make_actor("Antidiskriminierungsbüro", "other")
        db.session.commit()
        db.session.remove()
        upgrade()
        [(new, position)] = query("SELECT id, position FROM actor_types WHERE key = 'antidiscrimination'")
        assert query("SELECT type_id FROM actors WHERE name = 'Antidiskriminierungsbüro'") == [(new,)]
        assert query("SELECT position FROM actor_types WHERE key = 'other'") == [(position + 1,)]
        downgrade(revision=before)
        assert query("SELECT type_id FROM actors WHERE name = 'Antidiskriminierungsbüro'") == [(other,)]
        db.engine.dispose()


def test_stored_old_betweenness_defaults_take_the_new_ones(tmp_path):
    """Settings saved with the old defaults (exact up to 500 nodes, 200 sources) would keep a
    commune of 2,000 actors estimated; the migration gives them the new defaults and keeps a
    value the coordinator chose. Undone, the old defaults come back."""
    scripts = ScriptDirectory(str(Path(__file__).resolve().parents[1] / "migrations"))
    before = scripts.get_revision("5b1e7c3a9d20").down_revision
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'settings.sqlite'}")
    with app.app_context():
        upgrade()
        downgrade(revision=before)

        def query(statement, **values):
            with db.engine.begin() as connection:
                result = connection.execute(sa.text(statement), values)
                return result.all() if result.returns_rows else None

        query("INSERT INTO analysis_settings (thresholds, updated_at, version) "
              "VALUES (:thresholds, CURRENT_TIMESTAMP, 1)",
              thresholds='{"betweenness_exact_max_nodes": 500, "betweenness_sample_k": 300, '
                         '"stale_months": 12}')
        upgrade()
        [(stored,)] = query("SELECT thresholds FROM analysis_settings")
        assert json.loads(stored) == {"betweenness_exact_max_nodes": 5000,
                                      "betweenness_sample_k": 300, "stale_months": 12}
        downgrade(revision=before)
        [(stored,)] = query("SELECT thresholds FROM analysis_settings")
        assert json.loads(stored)["betweenness_exact_max_nodes"] == 500
        db.engine.dispose()

"""Extension singletons, initialised in create_app."""
from flask import has_request_context, request
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints so Alembic migrations work the same on SQLite (batch mode) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Database(SQLAlchemy):
    def paginate(self, select, *, page=None, **kwargs):
        """Flask-SQLAlchemy's paginate, with the `page` of the query string read as a bounded
        integer (see coordination.security): `page=2**64` is page 1, not an overflow in the
        database driver."""
        if page is None and has_request_context():
            page = request.args.get("page", 1, type=int)
        return super().paginate(select, page=page, **kwargs)


db = Database(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()

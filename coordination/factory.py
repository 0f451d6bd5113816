"""The application factory: create_app() as a list of register_* steps (extensions, blueprints,
error handlers, template helpers, commands)."""
import gc
import os
from pathlib import Path

from flask import Flask

from coordination import cli, database, errors, i18n, page_cache, security, templating
from coordination.actors import bp as actors_bp
from coordination.admin import bp as admin_bp
from coordination.analysis_views import bp as analysis_bp
from coordination.api import bp as api_bp
from coordination.auth import bp as auth_bp
from coordination.bodies import bp as bodies_bp
from coordination.commitments import bp as commitments_bp
from coordination.concept import bp as concept_bp
from coordination.config import load_config
from coordination.contributions import bp as contributions_bp
from coordination.cooperations import bp as cooperations_bp
from coordination.exchange import bp as exchange_bp
from coordination.extensions import csrf, db, login_manager, migrate
from coordination.help import bp as help_bp
from coordination.imports import bp as imports_bp
from coordination.main import bp as main_bp
from coordination.monitoring import bp as monitoring_bp
from coordination.network import bp as network_bp
from coordination.reports import bp as reports_bp
from coordination.setup import bp as setup_bp

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The garbage collector's thresholds in a server process (Python's defaults: 700, 10, 10). In a
# 30-second bench/load.py run a process allocates enough (rows, pages, the analysis of each data
# version) that the defaults ran about 1,100 young, 100 middle and 9 full collections, each full
# one holding the process (all its threads) for 110-145 ms of processor time: 1.15-1.27 s of
# collecting per process. With these, in runs that served 1.5 times the requests: about 570
# young, 48 middle and 4 full collections, 0.67-0.93 s (docs/operations.md).
GC_THRESHOLDS = (5000, 20, 20)


def create_app(test_config: dict | None = None) -> Flask:
    """The app. Its instance folder (settings, secret key, SQLite file) is `instance/` in the
    project, or INSTANCE_PATH from `test_config` or the environment (one per app server when
    several run side by side)."""
    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH") \
        or str(PROJECT_ROOT / "instance")
    app = Flask("coordination", instance_path=instance_path,
                instance_relative_config=True,
                template_folder=str(PROJECT_ROOT / "templates"),
                static_folder=str(PROJECT_ROOT / "static"))
    load_config(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def settle_server_process() -> None:
    """For a long-running server process, once the app is created: the objects alive now live as
    long as the process, so they are kept out of the garbage collector's passes (gc.freeze),
    and the collector runs less often (GC_THRESHOLDS)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    security.init_app(app)


def register_blueprints(app: Flask) -> None:
    for blueprint in (main_bp, auth_bp, setup_bp, actors_bp, admin_bp, exchange_bp, bodies_bp,
                      commitments_bp, contributions_bp, cooperations_bp, api_bp, analysis_bp,
                      reports_bp, network_bp, imports_bp, monitoring_bp, concept_bp, help_bp):
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    errors.init_app(app)


def register_template_helpers(app: Flask) -> None:
    templating.init_app(app)
    app.jinja_env.globals["user_menu"] = page_cache.user_menu


def register_commands(app: Flask) -> None:
    cli.init_app(app)

"""Language selection: German by default, English per user."""
from flask import Flask, current_app
from flask_login import current_user

from coordination.extensions import babel


def select_locale() -> str:
    if current_user and current_user.is_authenticated:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories="translations")

"""Language selection: German by default, English per user."""
from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g
from flask_babel import get_translations
from flask_login import current_user

from coordination.extensions import babel

# The translations of each locale, shared by all requests of the process (Flask-Babel keeps
# them per process too, but looks them up through the request context several times per call).
_TRANSLATIONS: dict[Locale, NullTranslations] = {}


def select_locale() -> str:
    if current_user and current_user.is_authenticated:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_translations() -> NullTranslations:
    """Flask-Babel's translations for this request (or for the locale of a `force_locale`
    block), found with one look into `g` once the request's locale is known: templates call
    gettext some hundred times per page, and Flask-Babel's own lookup costs several
    microseconds a call."""
    context = g.get("_flask_babel") if g else None
    locale = getattr(context, "babel_locale", None)
    if locale is None:  # first call of the request, or outside one: Flask-Babel decides
        return get_translations()
    translations = _TRANSLATIONS.get(locale)
    if translations is None:
        translations = _TRANSLATIONS[locale] = get_translations()
    return translations


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories="translations")
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: current_translations().ugettext(string),
        ngettext=lambda singular, plural, n: current_translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: current_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: current_translations().unpgettext(
            context, singular, plural, n),
        newstyle=True)

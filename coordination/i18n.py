"""Language selection: German by default, English per user."""
from babel import Locale
from babel.support import NullTranslations
from flask import Flask, current_app, g
from flask_babel import Domain
from flask_login import current_user

from coordination.extensions import babel


class TranslationsPerLocale(Domain):
    """Flask-Babel's message domain, with the translations of each locale kept per process and
    found with one look into `g` once the request's locale is known. Flask-Babel keeps them per
    process too, but finds them through the request context on every call (several lookups of
    `g` and the locale's name each: some microseconds, and a page makes hundreds of calls).
    The request's translations are then kept beside its locale in Flask-Babel's request context.
    A `force_locale` block sets the locale it names, which is what is looked up here."""

    def __init__(self):
        super().__init__()
        self.by_locale: dict[Locale, NullTranslations] = {}

    def get_translations(self) -> NullTranslations:
        try:
            context = g.get("_flask_babel")
        except RuntimeError:  # outside an app context
            context = None
        locale = getattr(context, "babel_locale", None)
        if locale is None:  # the request's first call, or none at all: Flask-Babel decides
            return super().get_translations()
        if getattr(context, "translations_locale", None) is locale:  # the request's other calls
            return context.translations
        translations = self.by_locale.get(locale)  # (comparing Locale objects is slow: once)
        if translations is None:
            translations = self.by_locale[locale] = super().get_translations()
        context.translations_locale, context.translations = locale, translations
        return translations


DOMAIN = TranslationsPerLocale()


def select_locale() -> str:
    if current_user and current_user.is_authenticated:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories="translations")
    babel.domain_instance = DOMAIN  # gettext in Python code
    app.jinja_env.install_gettext_callables(  # and in templates
        gettext=lambda string: DOMAIN.get_translations().ugettext(string),
        ngettext=lambda singular, plural, n: DOMAIN.get_translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: DOMAIN.get_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: DOMAIN.get_translations().unpgettext(
            context, singular, plural, n),
        newstyle=True)

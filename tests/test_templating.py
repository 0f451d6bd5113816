"""Template helpers: URL templates with named placeholders, gettext in templates, versioned
static URLs."""
import os
import re
import time

from flask import g, render_template_string
from flask_babel import force_locale, gettext
from flask_login import login_user

from coordination.extensions import db
from coordination.templating import fill, url_template
from tests.factories import make_actor


def test_url_template_names_the_parameters_and_fill_puts_them_in(app):
    with app.test_request_context():
        template = url_template("actors.detail")
        assert template == "/actors/{actor_id}"
        assert fill(template, actor_id=42) == "/actors/42"
        assert fill(url_template("commitments.detail"), number=3) == "/commitments/3"


def test_links_of_the_analysis_pages_use_the_filled_template(app, as_viewer):
    actor = make_actor("Einzelkämpfer e. V.")
    html = as_viewer.get("/analysis/").text
    assert f'href="/actors/{actor.id}"' in html
    assert "{actor_id}" not in html


def _forget_request_state() -> None:
    """The tests' app context outlives a request context (see tests/conftest.py): empty its `g`,
    where Flask-Babel keeps the locale and Flask-Login the user, as each real request starts."""
    for name in list(g):
        g.pop(name)


def test_templates_translate_in_the_requests_language_and_in_a_forced_one(app, user):
    """Template and Python strings follow the signed-in user's language, and a document written
    in German for an English-speaking user (force_locale) reads German, before and after English
    text."""
    user("viewer").locale = "en"
    db.session.commit()
    page = "{{ _('Akteure') }} {{ ngettext('%(num)d Akteur', '%(num)d Akteuren', 2) }}"
    with app.test_request_context():
        _forget_request_state()
        login_user(user("viewer"))
        assert render_template_string(page) == "Actors 2 actors"
        with force_locale("de"):
            assert render_template_string(page) == "Akteure 2 Akteuren"
            assert gettext("Akteure") == "Akteure"
        assert render_template_string(page) == "Actors 2 actors"
        assert gettext("Akteure") == "Actors"
    with app.test_request_context():
        _forget_request_state()
        assert render_template_string(page) == "Akteure 2 Akteuren"  # not signed in: German


def test_a_changed_script_gets_a_new_url_when_templates_reload(app, as_viewer):
    """Versions of static files are read once per server process (a deployment restarts it);
    in debug mode, where templates reload, a file changed on disk gets a new URL at once."""
    def versions() -> set[str]:
        html = as_viewer.get("/network/").text
        return set(re.findall(r'/static/m(\d+)/js/network/', html))

    script = os.path.join(app.static_folder, "js", "network", "main.js")
    before = versions()
    stat = os.stat(script)
    try:
        os.utime(script, (stat.st_atime, time.time() + 1000))  # newer than every module
        assert versions() == before  # cached for the life of the process
        app.jinja_env.auto_reload = True
        changed = versions()
        assert len(changed) == 1 and changed != before
    finally:
        os.utime(script, (stat.st_atime, stat.st_mtime))
        app.jinja_env.auto_reload = False


def test_record_pages_write_the_year_with_four_digits(app, as_coordinator):
    actor = make_actor("Jugendtreff Nord", "association")
    html = as_coordinator.get(f"/actors/{actor.id}").text
    created = re.search(r"angelegt</dt>\s*<dd[^>]*>([^<·]+)", html).group(1).strip()
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}", created), created

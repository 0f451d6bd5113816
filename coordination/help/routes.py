from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from coordination.help import bp
from coordination.help.prose import PROSE
from coordination.queries.commune import current_commune

# Help topics: key -> title. Each has its prose in topics.toml or its own templates/help/<key>.html.
TOPICS = {
    "actors": _l("Akteure"),
    "contributions": _l("Angebote"),
    "cooperations": _l("Kooperationen"),
    "bodies": _l("Gremien"),
    "network": _l("Das Netzwerkbild"),
    "analysis": _l("Die Analyse lesen"),
    "report": _l("Den Sachstandsbericht vorbereiten"),
    "import": _l("Listen importieren"),
    "terms": _l("Begriffe erklärt"),
}
# Which topic a page's heading links to, by the page's blueprint.
TOPIC_OF_BLUEPRINT = {
    "actors": "actors", "contributions": "contributions", "cooperations": "cooperations",
    "bodies": "bodies", "network": "network", "analysis_views": "analysis", "commitments": "analysis",
    "reports": "report", "imports": "import", "exchange": "import",
}


@bp.app_template_global()
def help_topics() -> dict:
    return TOPICS


@bp.app_template_global()
def help_link(topic: str | None = None) -> Markup:
    """A small "Hilfe" link for a page heading: the help on the current area (or `topic`)."""
    topic = topic or TOPIC_OF_BLUEPRINT.get(request.blueprint or "")
    if topic not in TOPICS:
        return Markup("")
    return Markup('<a class="help-link" href="{url}">{text}<span class="visually-hidden"> {about}</span></a>').format(
        url=url_for("help.topic", topic=topic), text=_("Hilfe"),
        about=escape(_("zu: %(topic)s", topic=TOPICS[topic])))


@bp.route("/help/")
def index():
    return render_template("help/index.html", topics=TOPICS,
                           breadcrumbs=[(_("Hilfe"), None)])


@bp.route("/help/<topic>")
def topic(topic: str):
    if topic not in TOPICS:
        abort(404)
    return render_template("help/prose.html" if topic in PROSE else f"help/{topic}.html",
                           title=TOPICS[topic], blocks=PROSE.get(topic),
                           breadcrumbs=[(_("Hilfe"), url_for("help.index")), (TOPICS[topic], None)])


@bp.route("/accessibility")
def accessibility():
    """Erklärung zur Barrierefreiheit; public, so that it can be read before signing in."""
    commune = current_commune()
    return render_template("help/accessibility.html", statement_commune=commune,
                           breadcrumbs=[(_("Erklärung zur Barrierefreiheit"), None)])

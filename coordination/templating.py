"""Globals and filters available in every template."""
import re
from datetime import date
from pathlib import Path

from flask import Flask, current_app, g, request, url_for
from flask_babel import format_date, format_datetime, format_time, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from coordination.models import enums
from coordination.models.enums import Role
from coordination.models.lists import MSO_DEFINITION
from coordination.queries.commune import current_commune
from coordination.wording import current_wording, in_commune, of_commune, wording_for

# Main navigation: (endpoint, label, role needed). Areas whose blueprint is not registered are left out.
NAVIGATION = [
    ("main.dashboard", _l("Übersicht"), Role.VIEWER),
    ("actors.index", _l("Akteure"), Role.VIEWER),
    ("contributions.index", _l("Angebote"), Role.VIEWER),
    ("cooperations.index", _l("Kooperationen"), Role.VIEWER),
    ("bodies.index", _l("Gremien"), Role.VIEWER),
    ("commitments.index", _l("Selbstverpflichtungen"), Role.VIEWER),
    ("network.index", _l("Netzwerk"), Role.VIEWER),
    ("analysis_views.index", _l("Analyse"), Role.VIEWER),
    ("monitoring.index", _l("Monitoring"), Role.VIEWER),
    ("reports.index", _l("Berichte"), Role.VIEWER),
    ("exchange.index", _l("Daten"), Role.VIEWER),
    ("admin.index", _l("Verwaltung"), Role.ADMIN),
]

# Pages of one menu area that live in another blueprint.
NAVIGATION_AREAS = {"exchange": {"exchange", "imports"}}

# Labels of the fields named in audit entries (history).
FIELD_LABELS = {
    "name": _l("Name"),
    "type": _l("Typ"),
    "migrant_led": _l("migrantisch geführt (MSO)"),
    "municipal": _l("Teil der Kommunalverwaltung"),
    "description": _l("Beschreibung"),
    "address": _l("Anschrift"),
    "whole_commune": _l("ganze Kommune"),
    "districts": _l("Stadtteile"),
    "website": _l("Website"),
    "email": _l("E-Mail"),
    "phone": _l("Telefon"),
    "target_groups": _l("Zielgruppen"),
    "fields_of_action": _l("Handlungsfelder"),
    "languages": _l("Sprachen"),
    "status": _l("Status"),
    "last_reviewed": _l("zuletzt geprüft"),
    "role": _l("Rolle"),
    "title": _l("Titel"),
    "commitment": _l("Selbstverpflichtung"),
    "kind": _l("Art"),
    "field_of_action": _l("Handlungsfeld"),
    "start_date": _l("Beginn"),
    "end_date": _l("Ende"),
    "participants": _l("Beteiligte"),
    "lead": _l("federführend"),
    "partners": _l("Partner"),
    "intensity": _l("Intensität"),
    "written_agreement": _l("schriftliche Vereinbarung"),
    "note": _l("Notiz"),
    "commitments": _l("Selbstverpflichtungen"),
    "actor_a": _l("Akteur A"),
    "actor_b": _l("Akteur B"),
    "lead_actor": _l("federführender Akteur"),
    "active": _l("aktiv"),
    "members": _l("Mitglieder"),
    "cooperations": _l("Kooperationen"),
    "contributions": _l("Angebote"),
    "password": _l("Passwort"),
    "username": _l("Benutzername"),
    "display_name": _l("Anzeigename"),
    "locale": _l("Sprache"),
    "advisory_body_name": _l("Beirat"),
    "short_title": _l("Kurztitel"),
    "justification": _l("Begründung"),
    "assessed_on": _l("Datum"),
    "since": _l("seit"),
    "until": _l("bis"),
    "position": _l("Position"),
    "is_funding_area": _l("Fördergebiet"),
    "special_need": _l("besonderer Handlungsbedarf"),
    "parent": _l("liegt in"),
    "merged_into": _l("zusammengeführt in"),
    "key": _l("Schlüssel"),
    "reason": _l("Begründung"),
    "revoked": _l("widerrufen"),
    "text": _l("Text"),
    "finding_title": _l("Befund"),
    "responsible": _l("zuständig"),
    "due_date": _l("fällig am"),
    "actors": _l("Akteure"),
    "positions": _l("Positionen"),
    "unit": _l("Einheit"),
    "source": _l("Quelle"),
    "values": _l("Werte"),
    "goal": _l("Ziel"),
    "success_indicator": _l("Erfolgsindikator"),
    "resources": _l("Ressourcen"),
    "funding": _l("Finanzierung / Förderprogramm"),
    "mandate": _l("Einleitung und Auftrag"),
    "vision": _l("Leitbild"),
    "guiding_goals": _l("Leitziele"),
    "evaluation": _l("Monitoring und Fortschreibung"),
    "next_update": _l("Nächste Fortschreibung"),
    "accessibility_contact": _l("Kontaktstelle für Rückmeldungen"),
    "accessibility_email": _l("E-Mail-Adresse für Rückmeldungen"),
    "accessibility_enforcement": _l("Durchsetzungs- oder Schlichtungsstelle des Landes"),
}


# Fields of audit entries whose values are enum values: (table, field) -> the enum with the labels.
HISTORY_CHOICES = {
    ("actors", "status"): enums.ActorStatus, ("contributions", "status"): enums.ContributionStatus,
    ("contributions", "kind"): enums.ContributionKind, ("cooperations", "kind"): enums.CooperationKind,
    ("bodies", "kind"): enums.BodyKind, ("assessments", "status"): enums.AssessmentStatus,
    ("measures", "status"): enums.MeasureStatus, ("users", "role"): Role, ("commune", "kind"): enums.CommuneKind,
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def datetime_text(value, format: str = "medium") -> str:
    """A moment as people read it; "short" keeps the four-digit year (German pages read
    07.12.2026, 03:45, not 07.12.26)."""
    if format == "short":
        return _("%(date)s, %(time)s", date=format_date(value, "medium"), time=format_time(value, "short"))
    return format_datetime(value, format)


def field_label(name: str) -> str:
    """The German label of a field named in a history entry."""
    if name == "districts":
        return current_wording().districts
    if name == "whole_commune":
        return current_wording().whole_commune
    return str(FIELD_LABELS.get(name, name))


def history_value(value, name: str = "", entity_type: str = "") -> str:
    """A value of a history entry as a person reads it: German labels for enum values, German
    dates, "ja"/"nein", "–" for nothing."""
    if value is None or value == [] or value == "":
        return "–"
    if value is True:
        return _("ja")
    if value is False:
        return _("nein")
    if isinstance(value, list):
        return ", ".join(history_value(item, name, entity_type) for item in value)
    choice = HISTORY_CHOICES.get((entity_type, name))
    if choice is not None and value in {item.value for item in choice}:
        return str(choice(value).label)
    if isinstance(value, str) and ISO_DATE.match(value):
        return format_date(date.fromisoformat(value))
    return str(value)


def period(start: date | None, end: date | None) -> str:
    """"01.09.2025 – 31.12.2026", "seit 01.09.2025", "bis 31.12.2026" or "–"."""
    if start and end:
        return _("%(start)s – %(end)s", start=format_date(start), end=format_date(end))
    if start:
        return _("seit %(date)s", date=format_date(start))
    if end:
        return _("bis %(date)s", date=format_date(end))
    return "–"


def main_navigation() -> list[tuple[str, str, bool]]:
    """(endpoint, label, whether the current page belongs to that area) for the menu."""
    views, user, blueprint = current_app.view_functions, current_user._get_current_object(), request.blueprint
    items = []
    for endpoint, label, role in NAVIGATION:
        if endpoint in views and user.has_role(role):
            area = endpoint.split(".")[0]
            items.append((endpoint, label, blueprint in NAVIGATION_AREAS.get(area, {area})))
    return items


def _per_process(key, compute):
    """`compute()` once per process: static files change only with a deployment, which restarts
    the server. Read anew on every call while templates reload too (debug mode)."""
    if current_app.jinja_env.auto_reload:
        return compute()
    cache = current_app.extensions.setdefault("coordination.static_versions", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _file_version(filename: str) -> int | None:
    path = Path(current_app.static_folder) / filename
    return int(path.stat().st_mtime) if path.is_file() else None


def _static_file_version(endpoint: str, values: dict) -> None:
    """Add the file's modification time to static URLs, so browsers may cache them for a year
    and still fetch a changed file after an update."""
    if endpoint == "static" and "filename" in values and "v" not in values:
        version = _per_process(("file", values["filename"]), lambda: _file_version(values["filename"]))
        if version is not None:
            values["v"] = version


def _folder_modules(folder: str) -> tuple[int, list[str]]:
    """(the folder's version: the newest modification time of its modules, their file names)."""
    def read() -> tuple[int, list[str]]:
        files = sorted((Path(current_app.static_folder) / folder).glob("*.js"))
        return max((int(path.stat().st_mtime) for path in files), default=0), [path.name for path in files]
    return _per_process(("folder", folder), read)


def module_url(filename: str) -> str:
    """URL of a file in a folder of ES modules (e.g. "js/network/main.js"), with the folder's
    newest modification time in the path: the modules it imports by relative URL then carry the
    same version, so all of them are cached for a year and fetched anew after an update."""
    version, _names = _folder_modules(str(Path(filename).parent))
    return url_for("static_module", version=version, filename=filename)


def module_preloads(folder: str, entry: str = "main.js") -> list[str]:
    """URLs of the modules beside `entry` in `folder`, for <link rel="modulepreload">: fetched
    in parallel with the page instead of one import after the other."""
    version, names = _folder_modules(folder)
    return [url_for("static_module", version=version, filename=f"{folder}/{name}")
            for name in names if name != entry]


def _send_module(version: int, filename: str):
    return current_app.send_static_file(filename)


def url_template(endpoint: str) -> str:
    """The URL of `endpoint` with its parameters as named placeholders ("/actors/{actor_id}"),
    for links built per row or in scripts: templates fill it with the `fill` filter, scripts with
    their own fill()."""
    rule = next(current_app.url_map.iter_rules(endpoint))
    return request.script_root + re.sub(r"<(?:[^<>:]+:)?(\w+)>", r"{\1}", rule.rule)


def fill(template: str, **values) -> str:
    """`template` with each {name} replaced by values[name]: fill("/actors/{actor_id}", actor_id=3)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def init_app(app: Flask) -> None:
    app.url_defaults(_static_file_version)
    app.add_url_rule(f"{app.static_url_path}/m<int:version>/<path:filename>", "static_module",
                     _send_module)
    app.jinja_env.globals.update(main_navigation=main_navigation, field_label=field_label,
                                 period=period, in_commune=in_commune, of_commune=of_commune,
                                 current_locale=lambda: str(get_locale() or "de"),
                                 mso_definition=MSO_DEFINITION, today=date.today,
                                 module_url=module_url, module_preloads=module_preloads,
                                 url_template=url_template)
    app.jinja_env.filters.update(format_date=format_date, format_datetime=datetime_text,
                                 history_value=history_value, fill=fill)

    @app.context_processor
    def inject_commune():
        commune = current_commune() if current_user.is_authenticated else None
        if commune is not None:
            g.commune_kind = commune.kind  # current_wording() need not read the commune again
        return {"commune": commune, "wording": current_wording() if commune else wording_for(None)}

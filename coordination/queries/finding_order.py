"""The order of the gap list: by priority (the analysis' own order) or by any of its columns,
either way round, as the page and its downloads show it (`sort`: a key, "-key" descending)."""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import lazy_gettext as _l

from coordination.analysis import Finding, NetworkData
from coordination.queries.analysis import render, rule_title
from coordination.text import sort_key
from coordination.wording import DISTRICTS_LABEL

# Sort key -> label, in the order of the list's columns (and of the downloads').
SORT_LABELS = {
    "priority": _l("Priorität"), "commitment": _l("Selbstverpflichtung"), "rule": _l("Regel"),
    "title": _l("Titel"), "actors": _l("Akteure"), "districts": DISTRICTS_LABEL,
    "target_groups": _l("Zielgruppen"), "status": _l("Status"),
}
_LAST = "\uffff"  # findings without any name sort after those with one


def _first_name(ids, lookup) -> str:
    names = sorted(sort_key(lookup[i].name) for i in ids if i in lookup)
    return names[0] if names else _LAST


def _keys(data: NetworkData, accepted) -> dict[str, Callable[[Finding], object]]:
    return {
        "commitment": lambda f: (f.commitment is None, f.commitment or 0),
        "rule": lambda f: sort_key(rule_title(f.rule)),
        "title": lambda f: sort_key(render(f.title)),
        "actors": lambda f: _first_name(f.actor_ids, data.actor_by_id),
        "districts": lambda f: _first_name(f.district_ids, data.district_by_id),
        "target_groups": lambda f: _first_name(f.target_group_ids, data.target_group_by_id),
        "status": lambda f: f.fingerprint in accepted,
    }


def sort_findings(findings: list[Finding], sort: str, data: NetworkData, accepted) -> list[Finding]:
    """`findings` (in the analysis' order) sorted by `sort`; findings alike keep their order of
    priority. An unknown key gives the order of priority."""
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key not in SORT_LABELS or key == "priority":
        return list(reversed(findings)) if descending and key == "priority" else list(findings)
    return sorted(findings, key=_keys(data, accepted)[key], reverse=descending)

"""What changed between two Stichtage: "Veränderungen seit …" of the status report and the
comparison page under Berichte.

A *snapshot* is what one date holds, small enough to be stored with every status report
(content["snapshot"]), so a stored report can be compared later however the data change:
the actors that existed (not dissolved), the offers, cooperations and bodies active that day
(each with a weight: the most important are named), the assessed status of each commitment and
prerequisite, and the open and accepted findings. Keys are strings (JSON).
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from coordination.models import AssessmentStatus
from coordination.queries.analysis import Analysis, render

NAMED = 5  # most important records named per kind


def snapshot(analysis: Analysis, statuses: dict[str, dict]) -> dict:
    """The snapshot of `analysis.on`; `statuses` maps "1".."10" and the prerequisite keys to
    {"title", "status" (key or None)}."""
    data, on = analysis.data, analysis.on
    actors = {a.id: a for a in data.actors if a.status != "dissolved"}
    members: dict[int, int] = {}
    for membership in data.memberships:
        if membership.is_active(on) and membership.actor_id in actors:
            members[membership.body_id] = members.get(membership.body_id, 0) + 1
    return {
        "date": on.isoformat(),
        "actors": {str(a.id): a.name for a in actors.values()},
        "contributions": {str(c.id): [c.title, len(data.contribution_actors(c))]
                          for c in data.active_contributions},
        "cooperations": {
            str(c.id): [f"{actors[c.actor_a].name} – {actors[c.actor_b].name}",
                        c.intensity + (3 if c.written_agreement or c.kind == "agreement" else 0)]
            for c in data.cooperations
            if c.is_active(on) and c.actor_a in actors and c.actor_b in actors},
        "bodies": {str(b.id): [b.name, members.get(b.id, 0)] for b in data.bodies if b.active},
        "statuses": statuses,
        "findings": {f.fingerprint: render(f.title) for f in analysis.findings},
    }


def _status_label(key: str | None) -> str:
    """The status's German label (the model's), "nicht eingeschätzt" without an assessment."""
    return str(AssessmentStatus(key).label) if key else _("nicht eingeschätzt")


def _named(records: dict, ids: set[str]) -> list[str]:
    ranked = sorted(ids, key=lambda key: (-records[key][1], records[key][0].casefold()))
    return [records[key][0] for key in ranked[:NAMED]]


def changes(before: dict, after: dict) -> dict:
    """What changed from snapshot `before` to snapshot `after` (JSON-ready)::

        {"since", "until", "actors_added", "actors_ended" (names),
         "cooperations_added", "cooperations_ended", "contributions_added",
         "contributions_ended", "bodies_added", "bodies_ended" (counts),
         "named": {"cooperations_added": [...], ...} (the most important by name),
         "status_changes": [{"subject", "title", "from", "to"}],
         "findings_new", "findings_resolved" (titles), "findings_persisting" (count)}
    """
    result = {"since": before["date"], "until": after["date"], "named": {}}
    result["actors_added"] = sorted((after["actors"][k] for k in after["actors"].keys()
                                     - before["actors"].keys()), key=str.casefold)
    result["actors_ended"] = sorted((before["actors"][k] for k in before["actors"].keys()
                                     - after["actors"].keys()), key=str.casefold)
    for kind in ("cooperations", "contributions", "bodies"):
        added = after[kind].keys() - before[kind].keys()
        ended = before[kind].keys() - after[kind].keys()
        result[f"{kind}_added"], result[f"{kind}_ended"] = len(added), len(ended)
        result["named"][f"{kind}_added"] = _named(after[kind], added)
        result["named"][f"{kind}_ended"] = _named(before[kind], ended)
    result["status_changes"] = [
        {"subject": key, "title": entry["title"],
         "from": _status_label(before["statuses"].get(key, {}).get("status")),
         "to": _status_label(entry["status"])}
        for key, entry in after["statuses"].items()
        if before["statuses"].get(key, {}).get("status") != entry["status"]]
    # a finding whose evidence changed has a new fingerprint but reads the same: it persists
    old, new = before["findings"], after["findings"]
    old_titles, new_titles = set(old.values()), set(new.values())
    result["findings_new"] = [new[k] for k in new if k not in old and new[k] not in old_titles]
    result["findings_resolved"] = [old[k] for k in old if k not in new and old[k] not in new_titles]
    result["findings_persisting"] = len(new) - len(result["findings_new"])
    return result


def german(value: str) -> str:
    return date.fromisoformat(value).strftime("%d.%m.%Y")


def _counted(count: int, named: list[str], added: bool) -> str:
    """ "3 neu (u. a. A, B)", "1 beendet (C)": the count, and the most important by name."""
    listed = ", ".join(named)
    if added:
        if not named:
            return ngettext("%(num)d neu", "%(num)d neu", count)
        if count > len(named):
            return ngettext("%(num)d neu (u. a. %(names)s)", "%(num)d neu (u. a. %(names)s)",
                            count, names=listed)
        return ngettext("%(num)d neu (%(names)s)", "%(num)d neu (%(names)s)", count, names=listed)
    if not named:
        return ngettext("%(num)d beendet", "%(num)d beendet", count)
    if count > len(named):
        return ngettext("%(num)d beendet (u. a. %(names)s)", "%(num)d beendet (u. a. %(names)s)",
                        count, names=listed)
    return ngettext("%(num)d beendet (%(names)s)", "%(num)d beendet (%(names)s)", count,
                    names=listed)


def summary_lines(change: dict) -> list[str]:
    """The comparison as German sentences (documents and page)."""
    def line(label: str, kind: str) -> str:
        if kind == "actors":
            added = _counted(len(change["actors_added"]), change["actors_added"], True)
            ended = _counted(len(change["actors_ended"]), change["actors_ended"], False)
        else:
            added = _counted(change[f"{kind}_added"], change["named"][f"{kind}_added"], True)
            ended = _counted(change[f"{kind}_ended"], change["named"][f"{kind}_ended"], False)
        return _("%(label)s: %(added)s; %(ended)s.", label=label, added=added, ended=ended)

    lines = [line(_("Akteure"), "actors"), line(_("Angebote"), "contributions"),
             line(_("Kooperationen"), "cooperations"), line(_("Gremien"), "bodies")]
    if change["status_changes"]:
        lines.append(_("Geänderte Einschätzungen: %(changes)s.", changes="; ".join(
            f"{c['title']}: {c['from']} → {c['to']}" for c in change["status_changes"])))
    else:
        lines.append(_("Keine Einschätzung hat sich geändert."))
    lines.append(_("Befunde der Analyse: %(new)d neu, %(resolved)d erledigt, %(persisting)d "
                   "weiterhin offen oder akzeptiert.", new=len(change["findings_new"]),
                   resolved=len(change["findings_resolved"]),
                   persisting=change["findings_persisting"]))
    return lines

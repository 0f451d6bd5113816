"""Trends per commitment: active offers, the actors behind them and their cooperations at each
quarter end, from the earliest record up to the Stichtag (at most the last ten years), counted
on the records' valid time (queries.network_data.NetworkHistory).

What counts on a day is what the analysis counts: offers active on that day, the actors taking
part in them that existed then, and the cooperations active then that concern the commitment
(tagged with it, or between two of its actors). The chart (coordination.exports.charts) and its
alt text are built from the same numbers, which the documents also print as a table.
"""
from __future__ import annotations

import base64
from collections import defaultdict
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from coordination.analysis.pipeline import cyclic_gc_paused
from coordination.exports.trend_chart import trend_png
from coordination.queries.network_data import NetworkHistory, load_history

MAX_POINTS = 40  # ten years of quarters
SERIES = (("offers", _l("aktive Angebote")), ("actors", _l("Akteure")),
          ("cooperations", _l("Kooperationen")))


def quarter_ends(first: date, last: date) -> list[date]:
    """The quarter ends after `first` up to `last`, then `last` itself (at most MAX_POINTS)."""
    ends = []
    year, quarter = first.year, (first.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        end = date(year, month, 31 if month in (3, 12) else 30)
        if end >= last:
            break
        ends.append(end)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return (ends + [last])[-MAX_POINTS:]


def _earliest(history: NetworkHistory, last: date) -> date:
    data = history.data
    starts = [a.since for a in data.actors if a.since] + \
             [c.start for c in data.contributions if c.start] + \
             [c.start for c in data.cooperations if c.start]
    return min([d for d in starts if d <= last], default=last)


def commitment_trends(on: date, history: NetworkHistory | None = None) -> dict[int, dict]:
    """{commitment number: {"days": [iso dates], "offers": [...], "actors": [...],
    "cooperations": [...]}} for every commitment, as JSON-ready lists."""
    if history is None:
        with cyclic_gc_paused():  # as for the analysis: many small records
            history = load_history()
    data = history.data
    days = quarter_ends(_earliest(history, on), on)
    numbers = [c.number for c in data.commitments]
    counts = {n: {"days": [d.isoformat() for d in days], "offers": [], "actors": [],
                  "cooperations": []} for n in numbers}
    for day in days:
        present = {a.id for a in data.actors if a.exists_on(day)}
        offers: dict[int, int] = defaultdict(int)
        by_actor: dict[int, set[int]] = defaultdict(set)
        for contribution in data.contributions:
            if contribution.status != "planned" and _running(contribution, day):
                offers[contribution.commitment_number] += 1
                for actor_id in contribution.actor_ids & present:
                    by_actor[actor_id].add(contribution.commitment_number)
        actors: dict[int, int] = defaultdict(int)
        for commitments in by_actor.values():
            for number in commitments:
                actors[number] += 1
        cooperations: dict[int, int] = defaultdict(int)
        for cooperation in data.cooperations:
            if cooperation.is_active(day) and cooperation.actor_a in present \
                    and cooperation.actor_b in present:
                shared = by_actor.get(cooperation.actor_a, set()) & by_actor.get(cooperation.actor_b, set())
                for number in cooperation.commitment_numbers | shared:
                    cooperations[number] += 1
        for number in numbers:
            counts[number]["offers"].append(offers[number])
            counts[number]["actors"].append(actors[number])
            counts[number]["cooperations"].append(cooperations[number])
    return counts


def _running(contribution, day: date) -> bool:
    """Active on `day` by its dates (an ended offer ran until its end)."""
    return (contribution.start is None or contribution.start <= day) and (
        contribution.end is None or day <= contribution.end)


def _german(value: str) -> str:
    return date.fromisoformat(value).strftime("%d.%m.%Y")


def chart(trend: dict, size: tuple[float, float] = (6.4, 2.6)) -> bytes:
    """The trend as a PNG line chart (offers bold, actors dashed, cooperations dotted)."""
    return trend_png(tuple(trend["days"]),
                     tuple((str(label), tuple(trend[key])) for key, label in SERIES), size)


def chart_data_uri(trend: dict) -> str:
    """The chart as a data: URI, for a printable page that stands on its own."""
    return "data:image/png;base64," + base64.b64encode(chart(trend)).decode("ascii")


def alt_text(trend: dict, title: str) -> str:
    """One sentence for screen readers and the documents' image description (in the current
    language: the documents render in German)."""
    days, offers, actors, cooperations = (trend[key] for key in ("days", "offers", "actors",
                                                                 "cooperations"))
    if len(days) < 2:
        return _("Diagramm zu %(title)s am %(day)s: %(offers)s, %(actors)s, %(cooperations)s.",
                 title=title, day=_german(days[0]),
                 offers=ngettext("%(num)d aktives Angebot", "%(num)d aktive Angebote", offers[0]),
                 actors=ngettext("%(num)d Akteur", "%(num)d Akteure", actors[0]),
                 cooperations=ngettext("%(num)d Kooperation", "%(num)d Kooperationen",
                                       cooperations[0]))
    return _("Liniendiagramm zu %(title)s, Stand jeweils zum Quartalsende vom %(first)s bis "
             "%(last)s: aktive Angebote von %(offers_from)d auf %(offers_to)d, Akteure von "
             "%(actors_from)d auf %(actors_to)d, Kooperationen von %(cooperations_from)d auf "
             "%(cooperations_to)d.", title=title, first=_german(days[0]), last=_german(days[-1]),
             offers_from=offers[0], offers_to=offers[-1], actors_from=actors[0],
             actors_to=actors[-1], cooperations_from=cooperations[0],
             cooperations_to=cooperations[-1])


def table_rows(trend: dict) -> list[list]:
    """The numbers beside the chart: each year's last quarter end and the Stichtag, from the
    last year end before anything was active (earlier rows would be zeros only)."""
    days = trend["days"]
    rows = []
    for index, day in enumerate(days):
        if index == len(days) - 1 or day[:4] != days[index + 1][:4]:
            rows.append([_german(day)] + [trend[key][index] for key, _label in SERIES])
    first = next((i for i, row in enumerate(rows) if any(row[1:])), len(rows) - 1)
    return rows[max(0, first - 1):]


def trend_chart_png(on: date, number: int) -> bytes:
    """The trend chart of commitment `number` as of `on` as PNG, for other documents (the
    Bausteine für das Integrationskonzept)."""
    return chart(commitment_trends(on)[number])

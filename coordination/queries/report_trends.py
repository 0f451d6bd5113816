"""Trends per commitment: active offers, the actors behind them and their cooperations at each
quarter end, from the earliest record up to the Stichtag (at most the last ten years), counted
on the records' valid time (queries.network_data.NetworkHistory).

What counts on a day is what the analysis counts: offers active on that day, the actors taking
part in them that existed then, and the cooperations active then that concern the commitment
(tagged with it, or between two of its actors). coordination.exports.trend_chart draws the
chart, its alt text and the table the documents print beside it from these numbers.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from coordination.queries.analysis import current_history
from coordination.queries.network_data import NetworkHistory

MAX_POINTS = 40  # ten years of quarters


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
        history = current_history()
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

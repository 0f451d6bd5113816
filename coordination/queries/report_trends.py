"""Trends per commitment: active offers, the actors behind them and their cooperations at each
quarter end, from the earliest record up to the Stichtag (at most the last ten years), counted
on the records' valid time (queries.network_data.NetworkHistory).

What counts on a day is what the analysis counts: offers active on that day, the actors taking
part in them that existed then, and the cooperations active then that concern the commitment
(tagged with it, or between two of its actors). coordination.exports.trend_chart draws the
chart, its alt text and the table the documents print beside it from these numbers.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date
from itertools import accumulate

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
    "cooperations": [...]}} for every commitment, as JSON-ready lists.

    Each record is visited once, not once per day: the days a record counts on are the bits of
    an integer (bit i: days[i]), so "present and running" is one `&`, and the counts per day
    are added run by run (most records count on one unbroken run of days)."""
    if history is None:
        history = current_history()
    data = history.data
    days = quarter_ends(_earliest(history, on), on)

    def on_days(start: date | None, end: date | None, *, end_excluded: bool = False) -> int:
        low = 0 if start is None else bisect_left(days, start)
        if end is None:
            high = len(days)
        else:
            high = bisect_left(days, end) if end_excluded else bisect_right(days, end)
        return (1 << high) - (1 << low) if high > low else 0

    def counter() -> defaultdict[int, list[int]]:
        return defaultdict(lambda: [0] * (len(days) + 1))

    # actors from "aktiv seit" up to the day before they ended; offers and cooperations from
    # their start to their end (the analysis' exists_on and is_active)
    present = {a.id: on_days(a.since, a.until, end_excluded=True) for a in data.actors}
    offers, actors, cooperations = counter(), counter(), counter()
    by_actor: dict[int, dict[int, int]] = defaultdict(dict)  # actor -> commitment -> days
    for contribution in data.contributions:
        if contribution.status == "planned":
            continue
        running = on_days(contribution.start, contribution.end)
        number = contribution.commitment_number
        _add_runs(offers[number], running)
        for actor_id in contribution.actor_ids:
            taking_part = running & present.get(actor_id, 0)
            if taking_part:
                commitments = by_actor[actor_id]
                commitments[number] = commitments.get(number, 0) | taking_part
    for commitments in by_actor.values():
        for number, taking_part in commitments.items():
            _add_runs(actors[number], taking_part)
    for cooperation in data.cooperations:
        active = on_days(cooperation.start, cooperation.end) \
            & present.get(cooperation.actor_a, 0) & present.get(cooperation.actor_b, 0)
        if not active:
            continue
        tagged = cooperation.commitment_numbers
        for number in tagged:
            _add_runs(cooperations[number], active)
        left, right = by_actor.get(cooperation.actor_a, {}), by_actor.get(cooperation.actor_b, {})
        for number in left.keys() - tagged & right.keys():  # both partners work on it then
            _add_runs(cooperations[number], active & left[number] & right[number])
    iso_days = [d.isoformat() for d in days]
    return {c.number: {"days": list(iso_days), "offers": _per_day(offers, c.number, days),
                       "actors": _per_day(actors, c.number, days),
                       "cooperations": _per_day(cooperations, c.number, days)}
            for c in data.commitments}


def _add_runs(changes: list[int], days: int) -> None:
    """Count one more on every day whose bit is set in `days`: +1 where a run of days begins,
    -1 after it ends (`changes` has one entry more than there are days)."""
    while days:
        low = (days & -days).bit_length() - 1
        run = days >> low
        length = (~run & (run + 1)).bit_length() - 1
        changes[low] += 1
        changes[low + length] -= 1
        days &= ~(((1 << length) - 1) << low)


def _per_day(counts: dict[int, list[int]], number: int, days: list[date]) -> list[int]:
    changes = counts.get(number)
    return list(accumulate(changes[:len(days)])) if changes else [0] * len(days)

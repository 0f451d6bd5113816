"""The trend chart of a commitment: active offers, actors and cooperations at quarter ends, drawn
with matplotlib on the server (Agg backend, offline) as PNG for the documents and the pages,
with the sentence that describes it and the table of its numbers (from the plain trend data of
coordination.queries.report_trends).

Drawn lean, because a status report draws ten of them: fixed margins instead of tight_layout,
the legend beside the plot instead of a search for the best place, and one figure per thread
set up once and given each chart's numbers (setting up axes, ticks and legend cost more than
drawing). The same numbers give the same bytes (PNG without a time stamp, whatever the figure
drew before), and a drawn chart is kept in a small cache, so the page and the DOCX of one
report draw each chart once.
"""
from __future__ import annotations

import base64
import io
import math
import threading
from datetime import date
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from flask_babel import gettext as _  # noqa: E402
from flask_babel import lazy_gettext as _l  # noqa: E402
from flask_babel import ngettext  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from coordination.exports.charts import MAIN_COLOUR, OTHER_COLOURS  # noqa: E402

# (label, line style, width): distinguishable without colour, too
STYLES = ((MAIN_COLOUR, "-", 2.4), (OTHER_COLOURS[0], "--", 1.6), (OTHER_COLOURS[1], ":", 1.8))
DPI = 110
# the series of a trend (coordination.queries.report_trends.commitment_trends), as drawn
SERIES = (("offers", _l("aktive Angebote")), ("actors", _l("Akteure")),
          ("cooperations", _l("Kooperationen")))


def _x(day: str) -> float:
    value = date.fromisoformat(day)
    return value.year + (value.timetuple().tm_yday - 1) / 365.25


_figures = threading.local()  # per thread: {(size, labels): (figure, axes, lines)}


def _canvas(size: tuple[float, float], labels: tuple[str, ...]):
    """The thread's figure for charts of `size` with these series: axes, lines, locators and
    legend are set up once (most of a chart's cost), each chart then only sets its numbers.
    Figures are not shared between threads, so concurrent requests never draw on one."""
    figures = _figures.__dict__.setdefault("figures", {})
    key = (size, labels)
    if key not in figures:
        figure = Figure(figsize=size, dpi=DPI)
        axes = figure.add_axes((0.08, 0.13, 0.66, 0.82))
        lines = [axes.plot([], [], linestyle=style, color=colour, linewidth=width, label=label,
                           markersize=4)[0]
                 for label, (colour, style, width) in zip(labels, STYLES)]
        axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{int(value)}"))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        axes.tick_params(labelsize=8)
        axes.grid(axis="y", color="#dddddd", linewidth=0.8)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=8)
        figures[key] = (figure, axes, lines)
    return figures[key]


@lru_cache(maxsize=64)
def trend_png(days: tuple[str, ...], series: tuple[tuple[str, tuple[int, ...]], ...],
              size: tuple[float, float] = (6.4, 2.6)) -> bytes:
    """`series`: (label, values per day), the first drawn bold. Returns PNG bytes."""
    figure, axes, lines = _canvas(size, tuple(label for label, _values in series))
    xs = [_x(day) for day in days]
    for line, (_label, values) in zip(lines, series):
        line.set_data(xs, values)
        line.set_marker("o" if len(xs) < 3 else "None")
    # whole years, so that the axis has a year to name however short the series
    axes.set_xlim(math.floor(min(xs)), max(math.ceil(max(xs)), math.floor(min(xs)) + 1))
    axes.set_ylim(bottom=0, top=max([1] + [max(v) for _, v in series if v]) * 1.1)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


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

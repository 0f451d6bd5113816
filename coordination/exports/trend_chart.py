"""The trend chart of a commitment: active offers, actors and cooperations at quarter ends, drawn
with matplotlib on the server (Agg backend, offline) as PNG for the documents and the pages.

Drawn lean, because a status report draws ten of them: fixed margins instead of tight_layout,
the legend beside the plot instead of a search for the best place. The same numbers give the
same bytes (PNG without a time stamp), and a drawn chart is kept in a small cache, so the page
and the DOCX of one report draw each chart once.
"""
from __future__ import annotations

import io
from datetime import date
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from coordination.exports.charts import MAIN_COLOUR, OTHER_COLOURS  # noqa: E402

# (label, line style, width): distinguishable without colour, too
STYLES = ((MAIN_COLOUR, "-", 2.4), (OTHER_COLOURS[0], "--", 1.6), (OTHER_COLOURS[1], ":", 1.8))
DPI = 110


def _x(day: str) -> float:
    value = date.fromisoformat(day)
    return value.year + (value.timetuple().tm_yday - 1) / 365.25


@lru_cache(maxsize=64)
def trend_png(days: tuple[str, ...], series: tuple[tuple[str, tuple[int, ...]], ...],
              size: tuple[float, float] = (6.4, 2.6)) -> bytes:
    """`series`: (label, values per day), the first drawn bold. Returns PNG bytes."""
    figure = Figure(figsize=size, dpi=DPI)
    axes = figure.add_axes((0.08, 0.13, 0.66, 0.82))
    xs = [_x(day) for day in days]
    for (label, values), (colour, style, width) in zip(series, STYLES):
        axes.plot(xs, values, linestyle=style, color=colour, linewidth=width, label=label,
                  marker="o" if len(xs) < 3 else None, markersize=4)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{int(value)}"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axes.set_ylim(bottom=0, top=max([1] + [max(v) for _, v in series if v]) * 1.1)
    axes.tick_params(labelsize=8)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=8)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

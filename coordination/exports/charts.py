"""Charts for pages and documents, drawn on the server with matplotlib (Agg backend, no
display, no fonts or scripts fetched at run time): a line chart of yearly values.

Figures are built with matplotlib.figure.Figure, not pyplot, so concurrent requests do not
share state. SVG output carries no date and a fixed id salt, so the same data give the same
bytes (cacheable, comparable in tests).
"""
from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

matplotlib.rcParams["svg.hashsalt"] = "integrationsnetz"
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
MAIN_COLOUR = "#0b3d91"
OTHER_COLOURS = ("#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
MAX_LINES = 1 + len(OTHER_COLOURS)


def line_chart(lines: list[tuple[str, list[tuple[int, float]]]], *, unit: str,
               number: Callable[[float], str], image_format: str = "svg",
               size: tuple[float, float] = (6.4, 3.4)) -> bytes:
    """A line chart of yearly values: `lines` are (label, [(year, value), ...]); the first is
    drawn bold, at most MAX_LINES are drawn. `number` formats the axis values (e.g. German
    decimal commas); `unit` labels the y axis. Returns SVG or PNG bytes."""
    figure = Figure(figsize=size, dpi=150 if image_format == "png" else 72)
    axes = figure.add_subplot()
    for index, (label, points) in enumerate(lines[:MAX_LINES]):
        if not points:
            continue
        years, values = zip(*sorted(points))
        main = index == 0
        axes.plot(years, values, marker="o", label=label,
                  color=MAIN_COLOUR if main else OTHER_COLOURS[index - 1],
                  linewidth=2.4 if main else 1.4, markersize=5 if main else 3.5,
                  linestyle="-" if main else "--")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{int(value)}"))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(value)))
    axes.set_ylabel(unit)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.spines[["top", "right"]].set_visible(False)
    values = [value for _label, points in lines[:MAX_LINES] for _year, value in points]
    if values and min(values) >= 0:  # from zero, so that a small change does not look large
        axes.set_ylim(bottom=0, top=max(values) * 1.12 or 1)
    if sum(1 for _, points in lines[:MAX_LINES] if points) > 1:
        axes.legend(fontsize=8, frameon=False, loc="best")
    figure.tight_layout()
    buffer = io.BytesIO()
    metadata = {"Date": None} if image_format == "svg" else {}
    figure.savefig(buffer, format=image_format, metadata=metadata)
    return buffer.getvalue()

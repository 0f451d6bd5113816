"""A commitment's network picture as PNG, drawn on the server with networkx and matplotlib (Agg
backend, matplotlib.figure.Figure rather than pyplot, so concurrent requests share no state)
from the plain data of coordination.queries.network_picture.commitment_network.

Names are placed like on the page (static/js/network/labels.js): best-connected actors first,
below, right of, above or left of their node, and a name that would overlap another name or a
node is left out (a printed page cannot zoom; the document lists every actor in its tables).
"""
from __future__ import annotations

import io
import json
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")

import networkx as nx  # noqa: E402
from flask_babel import gettext as _  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

FONT_SIZE = 6  # points
CHAR_WIDTH = 0.56  # of the font size: the mean width of a DejaVu Sans character
BORDER = "#343a40"
EDGE = "#9aa3ad"
PICTURES_KEPT = 24  # two documents' worth (one picture per commitment)


def _short(name: str, width: int = 24) -> str:
    return name if len(name) <= width else f"{name[:width - 1].rstrip()}…"


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _draw_names(figure, axes, nodes, pos, sizes) -> None:
    """Names without overlaps, in display coordinates (pixels, y upwards)."""
    points = figure.dpi / 72
    to_display = axes.transData.transform
    box = axes.get_window_extent()
    taken = []
    for i in range(len(nodes)):
        x, y = to_display(pos[i])
        radius = (sizes[i] ** 0.5) / 2 * points
        taken.append((x - radius, y - radius, x + radius, y + radius))
    order = sorted(range(len(nodes)), key=lambda i: (-nodes[i]["degree"], nodes[i]["name"]))
    for i in order:
        text = _short(nodes[i]["name"])
        width = len(text) * CHAR_WIDTH * FONT_SIZE * points
        height = FONT_SIZE * 1.3 * points
        x, y = to_display(pos[i])
        gap = (sizes[i] ** 0.5) / 2 * points + 2
        for anchor_x, anchor_y, ha, va in ((x, y - gap, "center", "top"),
                                           (x + gap, y, "left", "center"),
                                           (x, y + gap, "center", "bottom"),
                                           (x - gap, y, "right", "center")):
            left = {"center": anchor_x - width / 2, "left": anchor_x, "right": anchor_x - width}[ha]
            bottom = {"top": anchor_y - height, "center": anchor_y - height / 2,
                      "bottom": anchor_y}[va]
            candidate = (left, bottom, left + width, bottom + height)
            inside = (candidate[0] >= box.x0 and candidate[2] <= box.x1
                      and candidate[1] >= box.y0 and candidate[3] <= box.y1)
            if inside and not any(_overlaps(candidate, other) for other in taken):
                taken.append(candidate)
                axes.annotate(text, xy=(anchor_x, anchor_y), xycoords="figure pixels",
                              ha=ha, va=va, fontsize=FONT_SIZE, color="#212529")
                break


def network_description(picture: dict, named: int = 5) -> str:
    """The picture in words, for its alt text: title, counts and the best-connected actors."""
    nodes = sorted(picture["nodes"], key=lambda node: (-node["degree"], node["name"]))
    hubs = ", ".join(node["name"] for node in nodes[:named] if node["degree"])
    text = f"{picture['title']}. {picture['subtitle']}."
    return f"{text} {_('Am stärksten verbunden: %(names)s.', names=hubs)}" if hubs else text


def network_png(picture: dict, *, dpi: int = 200, size: tuple[float, float] = (7.0, 5.2)) -> bytes:
    """The picture (title, subtitle, nodes, edges, legend) as PNG bytes at `dpi`. Drawing one
    at print resolution takes about a fifth of a second, so the pictures of the last documents
    are kept: a document downloaded again from unchanged data draws none."""
    return _drawn(json.dumps(picture, sort_keys=True, ensure_ascii=False), dpi, size)


@lru_cache(maxsize=PICTURES_KEPT)
def _drawn(picture_json: str, dpi: int, size: tuple[float, float]) -> bytes:
    picture = json.loads(picture_json)
    figure = Figure(figsize=size, dpi=dpi)
    axes = figure.add_axes((0.02, 0.2, 0.96, 0.68))
    axes.set_axis_off()
    figure.text(0.02, 0.96, picture["title"], fontsize=11, fontweight="bold", va="top")
    figure.text(0.02, 0.91, picture["subtitle"], fontsize=8, color="#495057", va="top")
    nodes = picture["nodes"]
    if not nodes:
        axes.text(0.5, 0.5, picture["empty"], ha="center", va="center", fontsize=9,
                  transform=axes.transAxes)
    else:
        G = nx.Graph()
        G.add_nodes_from(range(len(nodes)))
        G.add_edges_from(tuple(edge) for edge in picture["edges"])
        pos = {i: (node["x"], -node["y"]) for i, node in enumerate(nodes)}  # canvas y points down
        top = max((node["degree"] for node in nodes), default=0) or 1
        sizes = {i: 40 + 160 * node["degree"] / top for i, node in enumerate(nodes)}  # pt²
        nx.draw_networkx_edges(G, pos, ax=axes, edge_color=EDGE, width=0.7, alpha=0.8)
        for shape in ("o", "D", "s"):
            members = [i for i, node in enumerate(nodes) if node["shape"] == shape]
            if members:
                nx.draw_networkx_nodes(
                    G, pos, nodelist=members, node_shape=shape, ax=axes,
                    node_color=[nodes[i]["colour"] for i in members], edgecolors=BORDER,
                    linewidths=0.6,
                    node_size=[sizes[i] for i in members])
        axes.margins(0.08)
        axes.autoscale_view()
        _draw_names(figure, axes, nodes, pos, sizes)
    handles = [Line2D([], [], linestyle="", marker=entry["shape"], markersize=6,
                      markerfacecolor=entry["colour"], markeredgecolor=BORDER,
                      label=entry["text"]) for entry in picture["legend"]]
    figure.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.01), ncols=2,
                  fontsize=6.5, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

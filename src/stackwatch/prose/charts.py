"""Charts for reports and the dashboard, as self-contained SVG strings with Hangul that never shows boxes.

Every glyph is drawn as a path (`svg.fonttype = "path"`), so a viewer needs no font; the
glyphs come from NanumGothic, the font bundled in the `koreanize-matplotlib` package. We
only read that package's font file and never import it: its import rewrites matplotlib's
global settings (and imports the deprecated `distutils`).

No global state leaks: figures are `matplotlib.figure.Figure` objects on an Agg canvas
(pyplot is never imported), and settings apply inside `matplotlib.rc_context` under a
lock, since rcParams are process-wide and the dashboard may render from several threads.
The output is reproducible: no date in the metadata and a fixed hash salt for ids.
An SVG string starts at `<svg` (no XML prolog), so it can be inlined in HTML as is.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

import matplotlib
import networkx as nx
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from stackwatch.errors import ConfigError

__all__ = ["bar_chart", "korean_font_path", "network_chart", "stacked_bars_by_month"]

_FONT_PACKAGE = "koreanize_matplotlib"
_FONT_FILE = "fonts/NanumGothic.ttf"
_FALLBACK_FAMILY = "DejaVu Sans"  # matplotlib's own font, for the rare symbol NanumGothic lacks
_PALETTE = ("#2f6db3", "#e07b39", "#3a9d5d", "#c8453c", "#7d5ba6", "#8c6d46", "#d46aa8", "#6f7782")
_NODE_FILL = "#c9dcf2"  # a light tint of the first colour, so black labels stay readable on it
_NO_DATA = "자료 없음"
_WIDTH_INCHES = 7.0
_NETWORK_SEED = 20251101  # any fixed number: the same graph gets the same layout on every run
_NODE_AREA = (300.0, 2400.0)  # points², smallest and largest node
_EDGE_WIDTH = (0.6, 5.0)  # points, thinnest and thickest edge
_RENDER_LOCK = threading.Lock()


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str, unit: str) -> str:
    """Horizontal bars, first label on top, each bar with its value; `unit` names the axis ("억 달러")."""
    _check_lengths("values", len(values), "labels", len(labels))

    def draw(ax: Axes) -> None:
        rows = range(len(labels))
        bars = ax.barh(rows, values, color=_PALETTE[0], height=0.6)
        ax.set_yticks(rows, list(labels))
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[_format_value(value) for value in values], padding=3, fontsize=9)
        ax.set_xlabel(unit)
        ax.margins(x=0.12)
        _tidy(ax)

    height = max(2.4, 0.42 * len(labels) + 1.4)
    return _render(draw, title=title, height=height, has_data=bool(labels))


def stacked_bars_by_month(
    months: Sequence[str], series: Mapping[str, Sequence[float]], *, title: str, unit: str
) -> str:
    """Vertical bars per month, one stacked colour per series (legend in `series` order), totals on top.

    `months` are the x labels as given (format them first, e.g. with `korean_date`).
    """
    for name, values in series.items():
        _check_lengths(f"series {name!r}", len(values), "months", len(months))

    def draw(ax: Axes) -> None:
        columns = range(len(months))
        bottoms = [0.0] * len(months)
        bars = None
        for index, (name, values) in enumerate(series.items()):
            bars = ax.bar(columns, values, bottom=bottoms, label=name, color=_PALETTE[index % len(_PALETTE)])
            bottoms = [bottom + value for bottom, value in zip(bottoms, values, strict=True)]
        if bars is not None:
            ax.bar_label(bars, labels=[_format_value(total) for total in bottoms], padding=2, fontsize=9)
        ax.set_xticks(columns, list(months))
        if len(months) > 6:
            ax.tick_params(axis="x", labelrotation=45)
        ax.set_ylabel(unit)
        ax.margins(y=0.12)
        ax.legend(frameon=False, fontsize=9)
        _tidy(ax)

    return _render(draw, title=title, height=4.0, has_data=bool(months) and bool(series))


def network_chart(
    nodes: Sequence[tuple[str, float]], edges: Sequence[tuple[str, str, float]], *, title: str
) -> str:
    """A network drawn with a seeded spring layout: node area grows with its weight, edge width with its own.

    Every edge must join two of `nodes` (ValueError otherwise); repeated edges add up.
    """
    graph = nx.Graph()
    for name, weight in nodes:
        graph.add_node(name, weight=weight)
    for source, target, weight in edges:
        for end in (source, target):
            if end not in graph:
                raise ValueError(f"edge {source!r}–{target!r}: {end!r} is not among the nodes")
        previous = graph.edges[source, target]["weight"] if graph.has_edge(source, target) else 0.0
        graph.add_edge(source, target, weight=previous + weight)

    def draw(ax: Axes) -> None:
        # Laid out without weights: heavy edges would pull their ends on top of each other;
        # the edge width shows the weight instead.
        positions = nx.spring_layout(graph, seed=_NETWORK_SEED, weight=None)
        if graph.number_of_edges():
            pairs = list(graph.edges(data="weight"))
            segments = [(tuple(positions[a]), tuple(positions[b])) for a, b, _ in pairs]
            widths = _scale([weight for _, _, weight in pairs], *_EDGE_WIDTH)
            ax.add_collection(LineCollection(segments, linewidths=widths, colors="#9aa3ad", zorder=1))
        names = list(graph.nodes)
        ax.scatter(
            [positions[name][0] for name in names],
            [positions[name][1] for name in names],
            s=_scale([graph.nodes[name]["weight"] for name in names], *_NODE_AREA),
            color=_NODE_FILL,
            edgecolors=_PALETTE[0],
            linewidths=1.2,
            zorder=2,
        )
        for name in names:
            x, y = positions[name]
            ax.annotate(name, (x, y), ha="center", va="center", fontsize=9, zorder=3)
        ax.margins(0.15)
        ax.set_axis_off()

    return _render(draw, title=title, height=5.0, has_data=bool(nodes))


@functools.cache
def korean_font_path() -> Path:
    """The bundled NanumGothic file, registered with matplotlib's font manager on first use.

    Raises ConfigError when `koreanize-matplotlib` (a dependency) is missing or incomplete.
    """
    spec = importlib.util.find_spec(_FONT_PACKAGE)  # finds the package without running it
    folders = list(spec.submodule_search_locations or ()) if spec else []
    path = Path(folders[0], _FONT_FILE) if folders else None
    if path is None or not path.is_file():
        raise ConfigError(
            "the Korean chart font is missing; reinstall stackwatch's dependencies",
            source=f"koreanize-matplotlib/{_FONT_FILE}",
        )
    if all(Path(entry.fname) != path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    return path


def _render(draw: Callable[[Axes], None], *, title: str, height: float, has_data: bool) -> str:
    """Draw one chart in a fresh figure under our settings and return it as an SVG string."""
    family = font_manager.FontProperties(fname=korean_font_path()).get_name()
    buffer = io.StringIO()
    settings = matplotlib.rc_context(
        {
            "font.family": [family, _FALLBACK_FAMILY],
            "svg.fonttype": "path",
            "svg.hashsalt": "stackwatch",
            "axes.unicode_minus": False,  # NanumGothic has no U+2212; a hyphen reads the same
        }
    )
    with _RENDER_LOCK, settings:
        figure = Figure(figsize=(_WIDTH_INCHES, height), layout="constrained")
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        ax.set_title(title, loc="left", fontsize=12)
        if has_data:
            draw(ax)
        else:
            ax.text(0.5, 0.5, _NO_DATA, ha="center", va="center", color="#6f7782", transform=ax.transAxes)
            ax.set_axis_off()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
    svg = buffer.getvalue()
    start = svg.index("<svg")
    return f'<svg role="img" aria-label={quoteattr(title)}{svg[start + len("<svg") :]}'


def _tidy(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _check_lengths(what: str, length: int, against: str, expected: int) -> None:
    if length != expected:
        raise ValueError(f"{what} has {length} values for {expected} {against}")


def _scale(weights: Sequence[float], smallest: float, largest: float) -> list[float]:
    """Map weights linearly onto [smallest, largest]; all equal weights get the middle."""
    low, high = min(weights), max(weights)
    if math.isclose(low, high):
        return [(smallest + largest) / 2] * len(weights)
    return [smallest + (largest - smallest) * (weight - low) / (high - low) for weight in weights]


def _format_value(value: float) -> str:
    """1234 → "1,234", 14.2 → "14.2", 0.25 → "0.25"."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")

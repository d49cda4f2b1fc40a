"""`history --plot`: a metric over time as a chart an analyst can put in a report.

Owns: `PLOT_FORMATS` and `plot_format` (which file names `--plot` accepts), `own_figure` (which
points are the claimant's own), `build_history_figure` (the chart, a matplotlib `Figure`, pure:
nothing drawn to a screen, no global state) and `plot_history` (the chart written to a file).

The chart: each claimant's own series (figures from a data set or asserted by hand, or
published by the claimant itself) as a line; figures relayed by outlets as marked points in
the same colour, their marker saying the qualifier; the legend outside the axes; whole
numbers with thousands separators (no `1e6` offset); a title (metric, subject) and an "as of"
line; distinct colours for up to 20 series, markers too beyond that.

Imports: matplotlib (only `matplotlib.figure`, `matplotlib.ticker`, `matplotlib.dates`,
`matplotlib.lines`, never `pyplot`: no GUI backend, no global figure registry), only to draw;
numpy for date arrays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLOT_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
"""The image types `history --plot` draws, by the file name's suffix (all in matplotlib)."""

QUALIFIER_MARKERS = {"exact": "o", "approx": "D", "at_least": "^", "at_most": "v"}
"""How a relayed figure's marker shows its qualifier."""
_QUALIFIER_WORDS = {"exact": "exact", "approx": "about", "at_least": "at least", "at_most": "up to"}
SERIES_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">"]
"""Beyond 20 series, colours repeat: each series' line then also carries one of these."""
_COLOURS = 20


def plot_format(path: str) -> str:
    """Return the image format `path` asks for by its suffix; refuse any other name."""
    from pathlib import PurePath

    suffix = PurePath(path).suffix.lower()
    if suffix not in PLOT_FORMATS:
        from ledger import InvalidInput

        known = ".png, .svg or .pdf"
        problem = f"{suffix} is not an image type it draws ({known})" if suffix else None
        raise InvalidInput(f"--plot {path}: {problem or f'name a {known} file'}")
    return PLOT_FORMATS[suffix]


def own_figure(point: dict[str, Any], claimant: str) -> bool:
    """Whether a point is the claimant's own figure (from a data set, asserted by hand, or
    published by the claimant) rather than one an outlet relayed."""
    return point.get("origin") in ("dataset", "asserted") or point.get("publisher") == claimant


def _title(series: list[dict[str, Any]]) -> tuple[str, str]:
    """The chart's title (metric, subject) and its "as of" line."""
    metric = series[0]["metric"].replace("_", " ")
    subjects = sorted({s["subject"] for s in series})
    title = f"{metric.capitalize()}: cumulative losses of {', '.join(subjects)}, as claimed"
    dates = [p["as_of"] for s in series for p in s["points"]]
    figures = sum(len(s["points"]) for s in series)
    counts = f"{figures:,} figure{'s' * (figures != 1)} in {len(series)} series"
    return title, f"as of {max(dates)} · figures about {min(dates)} to {max(dates)} · {counts}"


def build_history_figure(series: list[dict[str, Any]]) -> Figure:
    """Return the chart of `series` (as `Ledger.history` gives them, at least one point)."""
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.ticker import StrMethodFormatter

    fig = Figure(figsize=(11, 5.5), layout="constrained")
    FigureCanvasAgg(fig)  # draws PNG (svg and pdf switch to their own canvas to save)
    ax = fig.add_subplot()
    palette = colormaps["tab10" if len(series) <= 10 else "tab20"]
    colours = [palette(i) for i in range(palette.N)]
    qualifiers: set[str] = set()
    for i, s in enumerate(series):
        colour = colours[i % _COLOURS % len(colours)]
        marker = SERIES_MARKERS[i // _COLOURS - 1] if i >= _COLOURS else None
        name = f"{s['claimant']} ({s['subject']})"
        own = [p for p in s["points"] if own_figure(p, s["claimant"])]
        relayed = [p for p in s["points"] if not own_figure(p, s["claimant"])]
        if own:
            xs = np.array([p["as_of"] for p in own], dtype="datetime64[D]")
            ax.plot(
                xs,
                [p["value"] for p in own],
                color=colour,
                linewidth=1.6,
                marker=marker if len(own) > 1 else marker or "o",
                markevery=max(1, len(own) // 12),
                label=name,
            )
        label = name if not own else "_"  # the line names a series that has one
        for qualifier in sorted({p["qualifier"] for p in relayed}):
            points = [p for p in relayed if p["qualifier"] == qualifier]
            qualifiers.add(qualifier)
            ax.scatter(
                np.array([p["as_of"] for p in points], dtype="datetime64[D]"),
                [p["value"] for p in points],
                color=colour,
                marker=QUALIFIER_MARKERS[qualifier],
                edgecolors="black",
                linewidths=0.6,
                s=36,
                zorder=3,
                label=label,
            )
            label = "_"
    handles, labels = ax.get_legend_handles_labels()
    for qualifier in sorted(qualifiers, key=list(QUALIFIER_MARKERS).index):
        marker = QUALIFIER_MARKERS[qualifier]
        handles.append(Line2D([], [], linestyle="", marker=marker, color="grey"))
        labels.append(f"relayed by an outlet ({_QUALIFIER_WORDS[qualifier]})")
    ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
        fontsize="small",
        frameon=False,
    )
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.set_ylabel(series[0]["metric"].replace("_", " "))
    ax.grid(alpha=0.3)
    title, as_of = _title(series)
    fig.suptitle(title, fontsize="large", fontweight="bold")
    ax.set_title(as_of, fontsize="small", color="dimgrey", loc="left")
    return fig


def plot_history(series: list[dict[str, Any]], out: Any, *, fmt: str = "png") -> None:
    """Draw `series` (at least one point) to the binary file `out` as `fmt` (png, svg or
    pdf); see `build_history_figure`."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        from ledger import InvalidInput

        raise InvalidInput("--plot needs matplotlib: pip install 'claim-ledger[plot]'") from None
    fig = build_history_figure(series)
    fig.savefig(out, format=fmt, dpi=110, metadata=_metadata(fmt))


def _metadata(fmt: str) -> dict[str, Any]:
    """No creation date in the file: the same series draw the same bytes."""
    return {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]

"""A metric over time: the `history` table with its sparkline, and the `history --plot` image.

Owns: `sparkline` (resampled by `fit_series`, placed by `spark_lines`), `history_table`, `PLOT_FORMATS` and `plot_format` (which file names
`--plot` accepts), and `plot_history` (the drawing, by matplotlib, imported only to draw).
"""

from __future__ import annotations

from typing import Any

from cli.render_console import add_row, console, figure, message, new_table, safe

_SPARKS = "▁▂▃▄▅▆▇█"
PIPED_SPARK_WIDTH = 80
"""How wide the sparklines are when output is not a terminal (a pipe's width is unbounded)."""
_LEAST_SPARK = 20


def fit_series(values: list[int], width: int) -> list[int]:
    """Resample values to at most `width` points: the first value, then one point per bucket
    of the rest (consecutive, near-equal buckets), each the bucket's last figure; so the first
    and last values are kept and a rising series stays rising. A series that fits is kept."""
    if len(values) <= width:
        return list(values)
    if width < 2:
        return values[-1:]
    rest, buckets = values[1:], width - 1
    return [values[0], *(rest[(k + 1) * len(rest) // buckets - 1] for k in range(buckets))]


def sparkline(values: list[int], *, width: int | None = None) -> str:
    """Draw values as a one-line chart, resampled to at most `width` characters if given."""
    if not values:
        return ""
    if width is not None:
        values = fit_series(values, width)
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(_SPARKS[int((v - low) / span * (len(_SPARKS) - 1))] for v in values)


def spark_lines(head: str, values: list[int], width: int) -> list[str]:
    """Return a series' heading with its sparkline fitted into `width` columns: on the
    heading's line when there is room for a useful one, else on a line of its own; saying
    `(resampled, N figures)` when the line shows fewer marks than there are figures."""
    note = f"  (resampled, {len(values):,} figures)"
    room = width - len(head) - 2
    on_own_line = room < _LEAST_SPARK + len(note) and len(values) + len(head) + 2 > width
    if on_own_line:
        room = width
    if len(values) > room:
        line = sparkline(values, width=max(1, room - len(note))) + note
    else:
        line = sparkline(values)
    return [head, line] if on_own_line else [f"{head}  {line}"]


def history_table(series: list[dict[str, Any]]) -> None:
    """Render each claimant's series: a sparkline fitted to the width, then the figures in
    date order."""
    if not series:
        message("no figures for that metric")
        return
    width = console.width if console.is_terminal else PIPED_SPARK_WIDTH
    for s in series:
        points = s["points"]
        head = f"{s['claimant']} — {s['subject']} {s['metric']}"
        first, *rest = spark_lines(head, [p["value"] for p in points], width)
        bold = len(head)
        console.print(f"[bold]{safe(first[:bold])}[/]{safe(first[bold:])}", highlight=False)
        for line in rest:
            console.print(line, highlight=False, markup=False)
        table = new_table()
        table.add_column("as of", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("publisher")
        table.add_column("claim", no_wrap=True)
        for p in points[-40:]:
            add_row(
                table,
                p["as_of"],
                figure(p["value"], p["qualifier"]),
                p["publisher"] or "",
                p["claim_id"],
            )
        if len(points) > 40:
            console.print(f"(last 40 of {len(points)} figures; --json for all)", style="dim")
        console.print(table)


PLOT_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
"""The image types `history --plot` draws, by the file name's suffix (all in matplotlib)."""


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


def plot_history(series: list[dict[str, Any]], out: Any, *, fmt: str = "png") -> None:
    """Draw each claimant's series over time to the binary file `out` as `fmt` (png, svg or
    pdf); qualifiers shown as markers."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import numpy as np
    except ImportError:
        from ledger import InvalidInput

        raise InvalidInput("--plot needs matplotlib: pip install 'claim-ledger[plot]'") from None

    markers = {"exact": "o", "approx": "D", "at_least": "^", "at_most": "v"}
    fig, ax = plt.subplots(figsize=(9, 5))
    for s in series:
        # days as numpy datetime64, which matplotlib plots on a date axis (its stubs take
        # arrays, not lists of `date`)
        xs = np.array([p["as_of"] for p in s["points"]], dtype="datetime64[D]")
        ys = [p["value"] for p in s["points"]]
        line = ax.plot(xs, ys, label=f"{s['claimant']} ({s['subject']})")[0]
        for p, x, y in zip(s["points"], xs, ys, strict=True):
            ax.plot([x], [y], markers[p["qualifier"]], color=line.get_color())
    ax.set_ylabel(series[0]["metric"] if series else "")
    ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    try:
        fig.savefig(out, format=fmt, dpi=100, bbox_inches="tight")
    finally:
        plt.close(fig)

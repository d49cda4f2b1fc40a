"""A metric over time: the `history` table with its sparkline (the image: `cli.render_plot`).

Owns: `sparkline` (resampled to the width by `fit_series`, placed by `spark_lines`) and
`history_table`.
"""

from __future__ import annotations

from typing import Any

from cli.render_console import add_row, console, message, metric_basis, new_table, safe
from cli.render_review import REVIEW_LEGEND, marked_figure, ranged_figure

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
        head = f"{s['claimant']} — {s['subject']} {metric_basis(s['metric'], s.get('basis'))}"
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
                ranged_figure(p)
                if p.get("range")
                else marked_figure(p["value"], p["qualifier"], p["review"]),
                p["publisher"] or "",
                p["claim_id"],
            )
        if len(points) > 40:
            shown = f"(last 40 of {len(points):,} figures; --json for all)"
            console.print(shown, style="dim", highlight=False)
        console.print(table)
        if any(p["review"] == "unreviewed" for p in points[-40:]):
            console.print(REVIEW_LEGEND, style="dim", highlight=False, markup=False)

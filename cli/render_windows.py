"""Window figures, for people: the latest per claimant, subject and metric, or their sums.

Owns: `windows_table` (`windows`: one line per group, the latest window figure and the days it
covers, or with `--from/--to` the sum, how many windows it adds, the days they cover, and the
duplicates folded and overlapping windows left out) and `csv_rows` (the same rows with their
lists of claim ids joined, for `--csv`).
Imports: rich, through `cli.render_console`; `cli.render_review`.
"""

from __future__ import annotations

from typing import Any

from cli.render_console import add_row, console, message, metric_cell, new_table
from cli.render_review import REVIEW_LEGEND, UNREVIEWED_MARK, marked_figure

LEGEND = "~ approx, >= at least, <= at most, low–high a range"
FOLDED = "folded: the same window reported again, counted once"
LEFT_OUT = "left out: windows overlapping those summed"


def summed_figure(row: dict[str, Any]) -> str:
    """A sum as a table shows it: its qualifier mark (a range as `low–high`), and `?` after
    it when any figure it adds is unreviewed."""
    if row["qualifier"] == "range":
        shown = f"{row['low']:,}–{row['high']:,}"
    else:
        shown = marked_figure(row["value"], row["qualifier"], "")
    return shown + UNREVIEWED_MARK if row["unreviewed"] else shown


def windows_table(rows: list[dict[str, Any]], *, summed: bool) -> None:
    """Render the latest window figures, or (`summed`) their sums over a range."""
    if not rows:
        message("no window figures" + (" in that range" if summed else " yet"))
        return
    table = new_table()
    for name in ("claimant", "subject", "metric"):
        table.add_column(name)
    if summed:
        table.add_column("sum", justify="right", no_wrap=True)
        table.add_column("windows", justify="right")
        table.add_column("days", justify="right", no_wrap=True)
        table.add_column("folded", justify="right")
        table.add_column("left out", justify="right")
    else:
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("window", no_wrap=True)
        table.add_column("folded", justify="right")
        table.add_column("claim", no_wrap=True)
    for r in rows:
        head = (r["claimant"], r["subject"], metric_cell(r["metric"], r.get("basis")))
        if summed:
            days = f"{r['days_covered']}/{r['days']}"
            tail = (summed_figure(r), str(r["windows"]), days, str(r["duplicates"]))
            add_row(table, *head, *tail, str(len(r["overlapping"])))
        else:
            figure = marked_figure(r["value"], r["qualifier"], r["review"])
            window = f"{r['period_start']}..{r['as_of']}"
            add_row(table, *head, figure, window, str(r["duplicates"]), r["claim_id"])
    console.print(table)
    lines = [LEGEND, f"{FOLDED}; {LEFT_OUT}" if summed else FOLDED]
    unreviewed = (r["unreviewed"] if summed else r["review"] == "unreviewed" for r in rows)
    if any(unreviewed):
        lines.append(REVIEW_LEGEND)
    for line in lines:
        console.print(line, style="dim", highlight=False, markup=False)


def csv_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows for `--csv`: lists of claim ids joined by spaces."""
    return [{k: " ".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows]

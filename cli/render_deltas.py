"""The `history --deltas` tables: per series, the change between consecutive figures.

Owns: `deltas_table`, `DELTA_LEGEND`.
"""

from __future__ import annotations

from typing import Any

from cli.render_console import add_row, console, message, new_table, safe, styled

SHOWN = 40
"""How many deltas a table shows, the latest ones (`--json` has them all)."""
DELTA_LEGEND = (
    "daily: 1 day; gap: 2-3 days; span: over 3 days, not a daily delta; fall: unexplained "
    "(see `claims check`); correction: a fall a correction explains; stated: the claimant's "
    "own figure for the change"
)
_STYLES = {"fall": "bold red", "correction": "yellow", "span": "dim"}


def _signed(value: int | None) -> str:
    return "" if value is None else f"{value:+,}"


def deltas_table(series: list[dict[str, Any]]) -> None:
    """Render each series' deltas: from, to, days, figure, change, stated change, kind, and
    what explains it; the latest `SHOWN` of them."""
    if not series:
        message("no figures for that metric")
        return
    for s in series:
        first, deltas = s["first"], s["deltas"]
        head = f"{s['claimant']} — {s['subject']} {s['metric']}"
        start = f"from {first['value']:,} ({first['as_of']})"
        console.print(f"[bold]{safe(head)}[/]  {safe(start)}", highlight=False)
        if not deltas:
            message("one figure only: no delta")
            continue
        table = new_table()
        for name in ("from", "to"):
            table.add_column(name, no_wrap=True)
        for name in ("days", "value", "delta", "stated"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("explanation")
        for d in deltas[-SHOWN:]:
            kind = d["kind"]
            add_row(
                table,
                d["from"],
                d["to"],
                str(d["days"]),
                f"{d['value']:,}",
                _signed(d["delta"]),
                _signed(d["stated"]),
                styled(kind, _STYLES[kind]) if kind in _STYLES else kind,
                d["explanation"] or "",
            )
        if len(deltas) > SHOWN:
            shown = f"(last {SHOWN} of {len(deltas):,} deltas; --json for all)"
            console.print(shown, style="dim", highlight=False)
        console.print(table)
    console.print(DELTA_LEGEND, style="dim", highlight=False, markup=False)

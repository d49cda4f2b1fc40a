"""A claim's review state, for people: the one way every table and line shows it.

Owns: `review_cell` (a table cell: `unreviewed` dim, so a figure only the extractor read looks
unlike one a person checked), `marked_figure` (a figure with `?` after it while no person has
checked it: where a table has no room for a review column — totals, history), `REVIEW_LEGEND`,
`review_note` (the words a line says it in) and `reviewed_share` (`12/61`, how much of a
source is reviewed).
Imports: rich, through `cli.render_console`.
"""

from __future__ import annotations

from typing import Any

from cli.render_console import figure, styled

UNREVIEWED_STYLE = "dim"
UNREVIEWED_MARK = "?"
REVIEW_LEGEND = "? unreviewed: the extractor's reading (see `claims review`)"


def marked_figure(value: int, qualifier: str, state: str) -> str:
    """A figure as a table shows it: its qualifier mark, and `?` after an unreviewed one."""
    shown = figure(value, qualifier)
    return shown + UNREVIEWED_MARK if state == "unreviewed" else shown


def ranged_figure(row: dict[str, Any]) -> str:
    """A range's cell, "240,000–290,000" (and `?` when the end it is shown for is
    unreviewed)."""
    low, high = row["range"]
    return f"{low:,}–{high:,}" + (UNREVIEWED_MARK if row["review"] == "unreviewed" else "")


def review_cell(state: str) -> Any:
    """A table cell for a review state: `unreviewed` dimmed, a person's word (`accepted`,
    `fixed`) or an entered claim's (`entered`) plain."""
    return styled(state, UNREVIEWED_STYLE) if state == "unreviewed" else state


def review_note(state: str) -> str:
    """The review state as a line says it: "review: unreviewed", "review: accepted"."""
    return f"review: {state}"


def reviewed_share(row: dict[str, Any]) -> str:
    """How much of a source's claims are reviewed: "12/61"."""
    return f"{row['reviewed']}/{row['claims']}"

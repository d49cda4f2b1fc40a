"""A claim's review state, for people: the one way every table and line shows it.

Owns: `review_cell` (a table cell: `unreviewed` dim, so a figure only the extractor read looks
unlike one a person checked), `review_note` (the words a line says it in) and `reviewed_share`
(`12/61`, how much of a source is reviewed).
Imports: rich, through `cli.render_console`.
"""

from __future__ import annotations

from typing import Any

from cli.render_console import styled

UNREVIEWED_STYLE = "dim"


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

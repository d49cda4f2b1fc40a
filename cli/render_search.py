"""Claims found by what they say, for people: `claims search`.

Owns: `search_table` (each claim with its figure, claimant, status and article: the columns
are `render_articles.CLAIM_COLUMNS`' cells and the article's, so a column added there shows
here too).
"""

from __future__ import annotations

from typing import Any

from cli.render_articles import LEGEND, Cell, claim_cells
from cli.render_console import console, figure, message
from cli.render_review import review_cell

_ORIGIN = {"dataset": "from a data set", "asserted": "entered by hand"}
"""How a claim read from no article came to be in the ledger."""


def _article(row: dict[str, Any]) -> str:
    article = row.get("article")
    if not article:
        how = _ORIGIN.get(row["origin"], row["origin"])
        return f"{row['publisher']}, {how}" if row["publisher"] else how
    return f"{article['title']} — {article['publisher']}, {article['published'] or 'undated'}"


SEARCH_COLUMNS: tuple[tuple[str, Cell], ...] = (
    ("as of", lambda r: r["as_of"]),
    ("figure", lambda r: f"{r['subject']} {r['metric']}"),
    ("value", lambda r: figure(r["value"], r["qualifier"])),
    ("claimant", lambda r: r["canonical_claimant"]),
    ("article", _article),
    ("status", lambda r: r["status"]),
    ("review", lambda r: review_cell(r.get("review") or "unreviewed")),
    ("claim", lambda r: r["claim_id"]),
)
"""The columns of a found claim: (header, how its row shows in it)."""


def search_table(rows: list[dict[str, Any]]) -> None:
    """Render found claims, one line each, in the order found (as of, then position)."""
    table, add = claim_cells(SEARCH_COLUMNS)
    for row in rows:
        add(row)
    console.print(table)
    message(f"{len(rows)} claim(s) found; {LEGEND}")

"""One article, for people: `claims show ARTICLE_ID` and `claims retract --article`.

Owns: `article_panel` (the article's metadata, its revisions with their full hashes, and a
table of its claims), `claim_cells` (the claim columns that table and `search` share: one
entry per column, so a column a claim row gains is one line here) and `article_retracted`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cli.render_console import add_row, console, figure, message, metric_basis, new_table
from cli.render_review import review_cell

Cell = Callable[[dict[str, Any]], str]


def _period(row: dict[str, Any]) -> str:
    if row["period"] == "window":
        return f"window from {row.get('period_start')}"
    return str(row["period"])


CLAIM_COLUMNS: tuple[tuple[str, Cell], ...] = (
    ("claim", lambda r: r["claim_id"]),
    ("claimant", lambda r: r["canonical_claimant"]),
    ("figure", lambda r: f"{r['subject']} {metric_basis(r['metric'], r.get('basis'))}"),
    ("value", lambda r: figure(r["value"], r["qualifier"])),
    ("period", _period),
    ("as of", lambda r: r["as_of"]),
    ("status", lambda r: r["status"]),
    ("review", lambda r: review_cell(r.get("review") or "unreviewed")),
)
"""The columns of a claim in a table: (header, how a claim row shows in it). The value shows
its qualifier as a mark (`LEGEND`); `--json` has every field."""

LEGEND = "~ approx, >= at least, <= at most"

_NO_WRAP = {"claim", "value", "as of", "status", "review"}
_RATIO = {"claimant": 1, "article": 2}
"""Columns that share what the others leave of the width (at least `_MIN_WIDTH` each)."""
_MIN_WIDTH = {"claimant": 12, "article": 12}


def claim_cells(columns: tuple[tuple[str, Cell], ...] = CLAIM_COLUMNS) -> Any:
    """Return an empty table with `columns`, and a function that adds one claim row to it."""
    table = new_table()
    for header, _ in columns:
        table.add_column(
            header,
            justify="right" if header == "value" else "left",
            no_wrap=header in _NO_WRAP,
            ratio=_RATIO.get(header),
            min_width=_MIN_WIDTH.get(header),
        )

    def add(row: dict[str, Any]) -> None:
        add_row(table, *(cell(row) or "" for _, cell in columns))

    return table, add


def article_panel(document: dict[str, Any]) -> None:
    """Render an article: what it is, each revision recorded, and every claim read from it."""
    a = document["article"]
    lines = [
        f"{a['article_id']}  {a['title']}",
        f"publisher: {a['publisher'] or '-'}   author: {a['author'] or '-'}   "
        f"published: {a['published'] or 'undated'}",
        f"url: {a['url'] or '-'}",
        f"stream: {a['stream']}   revision {a['revision']} at position {a['position']}   "
        f"extractor: {a['extractor_version'] or '-'}",
        f"content sha256: {a['content_sha256']}",
    ]
    for line in lines:
        message(line)
    message("")
    message(f"revisions ({len(document['revisions'])}):")
    for r in document["revisions"]:
        message(
            f"  {r['revision']}  position {r['position']}  "
            f"{r['recorded_at'][:16].replace('T', ' ')} UTC  by {r['actor']}"
        )
        message(f"     event    {r['hash']}")
        message(f"     content  {r['content_sha256']}")
        if "fetch" in r:  # a page from the web: what exactly was fetched, when, from where
            f = r["fetch"]
            message(f"     fetched  {f['fetched_at']}  HTTP {f['status']}  {f['content_type']}")
            message(
                f"     from     {f['url']}"
                + (f" -> {f['final_url']}" if f["final_url"] != f["url"] else "")
            )
            message(f"     raw      {f['raw_sha256']} (kept: `claims reextract`)")
    claims = document["claims"]
    if not claims:
        message("")
        message("no claims read from this article")
        return
    table, add = claim_cells()
    for row in claims:
        add(row)
    console.print(table)
    active = sum(1 for row in claims if row["status"] == "active")
    message(f"{len(claims)} claim(s), {active} active; {LEGEND}")


def article_retracted(article_id: str, envelopes: list[Any]) -> None:
    """Say what `retract --article` recorded, in one line."""
    first, last = envelopes[0].position, envelopes[-1].position
    where = f"position {first}" if first == last else f"positions {first}..{last}"
    message(
        f"retracted {len(envelopes)} claim(s) of article {article_id} in one batch: "
        f"claim-retracted at {where} (stream {envelopes[0].stream})"
    )

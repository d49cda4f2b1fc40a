"""The audit trail, for people: a claim's evidence chain, a total explained, the findings.

Owns: `evidence` (`audit CLAIM_ID`), `total_explanations` (`audit --metric`) and
`findings_table` (`check`).
"""

from __future__ import annotations

from typing import Any

from cli.render_console import (
    add_row,
    console,
    figure,
    message,
    metric_basis,
    new_table,
    print_table,
    safe,
    styled,
)
from cli.render_review import review_cell, review_note
from cli.render_views import claim_panel

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def findings_table(findings: list[dict[str, Any]]) -> None:
    """Render consistency findings, worst first, with a count per severity."""
    if not findings:
        message("no findings")
        return
    table = new_table()
    table.add_column("severity", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("finding", ratio=1)
    for f in findings:
        style = _SEVERITY_STYLE[f["severity"]]
        add_row(table, styled(f["severity"], style), f["kind"], f["message"])
    print_table(table)
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in _SEVERITY_STYLE}
    message(", ".join(f"{n} {s}" for s, n in counts.items()))


def evidence(document: dict[str, Any]) -> None:
    """Render the evidence chain of one claim."""
    claim_panel(document)
    table = new_table(title="evidence")
    for column in ("pos", "event", "stream", "hash", "intact"):
        table.add_column(column, no_wrap=column != "stream")
    for e in document["events"]:
        add_row(
            table,
            str(e["position"]),
            e["event_type"],
            e["stream"],
            e["hash"],
            "yes" if e["hash_ok"] else styled("NO", "bold red"),
        )
    console.print(table)


def _standing(group: dict[str, Any]) -> str:
    """The figure that stands: its claim's, or the range its claim is an end of."""
    if group.get("range"):
        low, high = group["range"]
        return f"{low:,}–{high:,} (range: {', '.join(group['range_claims'])})"
    total = group["total"]
    return figure(total["value"], total["qualifier"])


def total_explanations(groups: list[dict[str, Any]]) -> None:
    """Render, per total, the claim that stands and why the others lost."""
    for g in groups:
        total = g["total"]
        what = metric_basis(g["metric"], g.get("basis"))
        head = f"[bold]{safe(g['claimant'])}[/] — {safe(g['subject'])} {safe(what)}"
        if total is None:
            console.print(f"{head}: no total", highlight=False)
        else:
            console.print(
                f"{head}: {_standing(g)} as of {total['as_of']} "
                f"({total['claim_id']}, event at position {total['position']}; "
                f"{review_note(total['review'])})",
                highlight=False,
            )
        table = new_table()
        for column in ("claim", "value", "as of", "review", "lost because"):
            table.add_column(column)
        for c in g["competitors"][:30]:
            claim = c["claim"]
            add_row(
                table,
                claim["claim_id"],
                figure(claim["value"], claim["qualifier"]),
                claim["as_of"],
                review_cell(claim["review"]),
                c["why"],
            )
        if g["competitors"]:
            console.print(table, highlight=False)
        if len(g["competitors"]) > 30:
            message(f"(30 of {len(g['competitors'])} competitors; --json for all)")

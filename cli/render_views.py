"""The read models, for people: totals, sources, and one claim with its life.

Owns: `totals_table` (`totals`), `sources_table` (`sources`), `age` (a figure's age in both)
and `claim_panel` (`show`, and the head of `audit CLAIM_ID`).
"""

from __future__ import annotations

from typing import Any

from cli.render_console import (
    add_row,
    console,
    figure,
    message,
    metric_basis,
    metric_cell,
    new_table,
    safe,
)
from cli.render_inert import inert
from cli.render_review import (
    REVIEW_LEGEND,
    marked_figure,
    ranged_figure,
    review_note,
    reviewed_share,
)

AGE_LEGEND = "(Nd) N days older than the ledger's newest figure"
_DIM: dict[str, Any] = {"style": "dim", "highlight": False, "markup": False}


def age(row: dict[str, Any]) -> str:
    """A figure's `age_days` as "3d" (days before the ledger's newest figure)."""
    return f"{row['age_days']}d"


def totals_table(rows: list[dict[str, Any]]) -> None:
    """Render totals: one line per claimant, subject and metric."""
    if not rows:
        message("no totals yet: ingest articles or append claims first")
        return
    table = new_table()
    table.add_column("claimant")
    table.add_column("subject")
    table.add_column("metric")  # and under a personnel figure's, what it counts
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("as of")  # "2024-01-02 (3d)": its age may wrap under the date
    table.add_column("claim", no_wrap=True)
    for r in rows:
        add_row(
            table,
            r["claimant"],
            r["subject"],
            metric_cell(r["metric"], r.get("basis")),
            ranged_figure(r)
            if r.get("range")
            else marked_figure(r["value"], r["qualifier"], r["review"]),
            f"{r['as_of']} ({age(r)})",
            r["claim_id"],
        )
    console.print(table)
    legend = f"~ approx, >= at least, <= at most; {AGE_LEGEND}"
    if any(r["review"] == "unreviewed" for r in rows):
        legend += f"; {REVIEW_LEGEND}"
    console.print(legend, style="dim", highlight=False, markup=False)


def sources_table(rows: list[dict[str, Any]], *, by: str) -> None:
    """Render one block per source."""
    if not rows:
        message("no sources yet")
        return
    table = new_table()
    table.add_column(by)
    table.add_column("articles", justify="right")
    table.add_column("reviewed", justify="right", no_wrap=True)  # "3/6": 3 of its 6 claims
    table.add_column("dates", no_wrap=True)
    table.add_column("latest figures", ratio=1)
    for r in rows:
        latest = _by_age(r["latest"])
        add_row(
            table,
            r["name"],
            str(r["articles"]),
            reviewed_share(r),
            f"{r['first']}..{r['last']}",
            latest,
        )
    console.print(table)
    if any(r["latest"] for r in rows):
        console.print(f"(Nd) the figures after it are {AGE_LEGEND[5:]}", **_DIM)


def _by_age(latest: list[dict[str, Any]]) -> str:
    """A source's latest figures, newest first, each run of one age after its "(Nd)"."""
    runs: dict[int, list[str]] = {}
    for x in sorted(latest, key=lambda x: x["age_days"]):
        runs.setdefault(x["age_days"], []).append(
            f"{x['subject']} {metric_basis(x['metric'], _known(x.get('basis')))} "
            + (_range(x["range"]) if x.get("range") else figure(x["value"], x["qualifier"]))
        )
    return "; ".join(f"({days}d) {', '.join(names)}" for days, names in runs.items())


def _range(ends: list[int]) -> str:
    return f"{ends[0]:,}–{ends[1]:,}"


def _known(basis: str | None) -> str | None:
    """A basis as a dense list says it: `unknown` is left unsaid there (`show` says it)."""
    return None if basis == "unknown" else basis


def claim_panel(document: dict[str, Any]) -> None:
    """Render one claim, its sentence, its article, and its life."""
    c = document["claim"]
    console.print(
        f"[bold]{safe(c['claim_id'])}[/]  {safe(c['canonical_claimant'])}: "
        f"{safe(c['subject'])} {safe(metric_basis(c['metric'], c.get('basis')))} "
        f"{figure(c['value'], c['qualifier'])} ({c['period']}"
        f"{' since ' + c['period_start'] if c['period_start'] else ''}, as of {c['as_of']})"
        f" — {document['status']}, {review_note(c['review'])}",
        highlight=False,
    )
    total = document["total"]
    stands = "stands as the total"
    if total.get("range"):
        low, high = total["range"]
        stands = f"{stands}: one end of the range {low:,}–{high:,}"
    console.print(
        stands if total["stands"] else f"not the total: {inert(total['why_not'])}",
        style="dim",
        highlight=False,
        markup=False,
    )
    if document["sentence"]:
        console.print(f"“{inert(document['sentence'])}”", highlight=False, markup=False)
    article = document["article"]
    if article:
        console.print(
            inert(
                f"article: {article['title']} — {article['publisher']} "
                f"{article['published'] or ''} {article['url'] or ''} (sha256 "
                f"{article['content_sha256']}, revision {article['revision']})"
            ),
            highlight=False,
            markup=False,
        )
    table = new_table()
    for column in ("pos", "event", "recorded (UTC)", "actor", "detail"):
        table.add_column(column)
    for e in document["events"]:
        add_row(
            table,
            str(e["position"]),
            e["type"],
            e["recorded_at"][:16].replace("T", " "),
            e["actor"],
            _life_detail(e),
        )
    console.print(table, highlight=False)


def _life_detail(entry: dict[str, Any]) -> str:
    """Say in a few words what one event did to a claim."""
    parts = []
    if "value" in entry:
        parts.append(figure(entry["value"], entry.get("qualifier", "exact")))
    if entry.get("revision"):
        parts.append(f"revision {entry['revision']}")
    for name, (old, new) in (entry.get("changes") or {}).items():
        parts.append(f"{name}: {old} -> {new}")
    if entry.get("reason"):
        parts.append(f"because: {entry['reason']}")
    provenance = entry.get("provenance")
    if provenance:
        parts.append(
            f"from {provenance.get('dataset')} {provenance.get('file')} "
            f"{provenance.get('record_date')}, field {provenance.get('field')!r}"
        )
    return "; ".join(parts)

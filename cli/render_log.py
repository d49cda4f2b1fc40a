"""What goes into the log, for people: its events, each append, ingest, extract and import.

Owns: `log_table` (`claims log`), `recorded` (`append`, `correct`, `retract`, `alias`),
`ingest_summary` (`ingest`), `extraction` and `explanation` (`extract`, `extract --explain`)
and `dataset_report` (`import-dataset`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cli.render_console import add_row, console, figure, message, metric_basis, new_table, safe
from cli.render_inert import inert


def _summary(type_name: str, data: dict[str, Any]) -> str:
    """Say in a few words what an event is about, for the log table."""
    claim = data.get("claim")
    if isinstance(claim, dict):
        return (
            f"{claim.get('claimant')}: {claim.get('subject')} "
            f"{metric_basis(str(claim.get('metric')), claim.get('basis'))} "
            f"{claim.get('value'):,} ({claim.get('qualifier')}, as of {claim.get('as_of')})"
        )
    if "claims" in data:
        title = str(data.get("title", ""))[:60]
        return f"{title} — {len(data['claims'])} claim(s)"
    if "changes" in data:
        return f"{data.get('claim_id')}: {data['changes']} — {data.get('reason')}"
    if "alias" in data:
        return f"{data['alias']} = {data['canonical']}"
    if "reason" in data:
        return f"{data.get('claim_id')} — {data.get('reason')}"
    if "raw_sha256" in data:  # a kept page
        return f"{data.get('url')} — {data.get('size')} bytes, {data.get('content_type')}"
    if type_name in ("checkpoint-signed", "checkpoint-cosigned"):
        by = "signed" if type_name == "checkpoint-signed" else "cosigned"
        return (
            f"{data.get('origin')} size {data.get('size')}, root {str(data.get('root'))[:16]}… "
            f"{by} by {data.get('key_name')} ({data.get('key_id')})"
        )
    if "feed_url" in data:
        return f"{data['feed_url']} — {len(data.get('new_entries', []))} new entr(ies)"
    return ""


def log_table(envelopes: Iterable[Any]) -> None:
    """Render events as a table: position, time, type, actor, what it says (streams: --json)."""
    table = new_table()
    table.add_column("pos", justify="right", no_wrap=True)
    table.add_column("recorded (UTC)", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("actor")
    table.add_column("what", ratio=1)
    for e in envelopes:
        add_row(
            table,
            str(e.position),
            e.recorded_at[:16].replace("T", " "),
            e.type,
            e.actor,
            _summary(e.type, e.data),
        )
    console.print(table)


def recorded(envelope: Any, *, created: bool) -> None:
    """Say what an append did, in one line."""
    if created:
        console.print(
            f"recorded [bold]{safe(envelope.type)}[/] at position {envelope.position} "
            f"(stream {safe(envelope.stream)}, version {envelope.version})",
            highlight=False,
        )
    else:
        console.print(
            f"unchanged: already recorded at position {envelope.position} "
            f"({safe(envelope.stream)})",
            highlight=False,
        )


def ingest_lines(results: list[Any]) -> None:
    """Print one line per article read (a failure is said on stderr instead)."""
    for r in results:
        if r.status == "failed":
            continue
        where = f" at position {r.position}" if r.position else ""
        revision = f" (revision {r.revision})" if r.revision else ""
        console.print(
            f"{r.status:>16}  {inert(r.source)}: {r.claims} claim(s){revision}{where}",
            highlight=False,
            markup=False,
        )


def ingest_summary(results: list[Any], *, dry_run: bool) -> None:
    """Print one line per article, then the summary line."""
    counts: dict[str, int] = {}
    claims = 0
    for r in results:
        status = r.status.removeprefix("would-be-")
        counts[status] = counts.get(status, 0) + 1
        if r.status != "failed":
            claims += r.claims if r.status != "unchanged" else 0
    ingest_lines(results)
    parts = [f"{len(results)} article(s)"]
    parts += [f"{counts.get(k, 0)} {k}" for k in ("new", "revised", "unchanged", "failed")]
    parts.append(f"{claims} claim(s) {'would be ' if dry_run else ''}recorded")
    console.print(", ".join(parts) + (" (dry run: nothing written)" if dry_run else ""))


def extraction(documents: list[dict[str, Any]]) -> None:
    """Render the claims found in each article as a table."""
    for doc in documents:
        article = doc["article"]
        console.print(
            f"[bold]{safe(article['title'])}[/] — {safe(article['publisher'])}, "
            f"{safe(article['published'] or 'undated')} ({safe(article['source'])})",
            highlight=False,
        )
        table = new_table()
        table.add_column("claimant")
        table.add_column("figure", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("period", no_wrap=True)
        table.add_column("quote", ratio=1)
        for c in doc["claims"]:
            since = c["period_start"] or "?"
            until = c["as_of"] or "undated"  # an undated article's figure: never today's date
            period = f"{since}..{until}" if c["period"] == "window" else f"to {until}"
            add_row(
                table,
                c["claimant"],
                f"{c['subject']} {c['metric']}",  # the basis: --json, --explain
                figure(c["value"], c["qualifier"]),
                period,
                c["quote"],
            )
        console.print(table)


def explanation(documents: list[dict[str, Any]]) -> None:
    """Render what became of each number of each article, and the rules that decided."""
    for doc in documents:
        numbers = doc.get("numbers", [])
        console.print(
            f"[bold]numbers in {safe(doc['article']['title'])}[/]: {len(numbers)}",
            highlight=False,
        )
        table = new_table()
        table.add_column("number", no_wrap=True)
        table.add_column("at", justify="right", no_wrap=True)
        table.add_column("fate", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        table.add_column("field rules", ratio=1)
        for n in numbers:
            fields = "; ".join(f"{k}: {v}" for k, v in n["why"].items()) if n["why"] else ""
            add_row(table, n["number"], str(n["span"][0]), n["fate"], n["rule"], fields)
        console.print(table)


def dataset_report(report: dict[str, Any]) -> None:
    """Say what an import of a data set did."""
    if report["dry_run"]:
        done = f"would write {report['new'] + report['corrected']} event(s)"
    else:
        positions = report["positions"]
        where = f" (positions {positions[0]}..{positions[1]})" if positions else ""
        done = f"wrote {report['written']} event(s){where}"
    message(
        f"{report['format']}: {report['figures']} figures in {', '.join(report['files'])}: "
        f"{report['new']} new, {report['corrected']} rewritten (corrections), "
        f"{report['unchanged']} unchanged; {done}; "
        f"{report['declared_corrections']} declared correction(s) recorded"
    )

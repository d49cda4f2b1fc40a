"""Terminal output: rich tables for people, JSON for machines. The only module importing rich.

Owns: `console`, `err_console`, and one render function per kind of result.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

console = Console()
err_console = Console(stderr=True)

# What a terminal could act on, or that would make one text look like another: C0 and C1
# controls and DEL (ESC starts every escape sequence; C1 CSI is an 8-bit one), line and
# paragraph separators, bidirectional overrides and isolates, invisible marks.
_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029]"
)


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _BREAKS:
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(value: Any) -> str:
    """Return `value` as text a terminal shows and never acts on: a line or tab break becomes
    a space (one line stays one line), any other control or bidi mark a visible escape
    (ESC is `\\x1b`, RIGHT-TO-LEFT OVERRIDE `\\u202e`). Applied to every text from the log, an
    article or a user before it reaches the terminal (tables, lines, CSV, error lines)."""
    text = "" if value is None else str(value)
    return _CONTROLS.sub(_visible, text) if _CONTROLS.search(text) else text


def _safe(value: Any) -> str:
    """`inert(value)`, escaped for a line printed with rich markup."""
    return escape(inert(value))


def _add_row(table: Table, *cells: Any) -> None:
    """Add a row whose text is shown as is (names and quotes from articles are not markup),
    made inert."""
    table.add_row(*(Text(inert(c)) if isinstance(c, str) else c for c in cells))


# Characters JSON may carry raw inside a string that a terminal (or a JavaScript reader, for
# U+2028/U+2029) would act on; orjson escapes C0 itself, these are escaped after it.
_JSON_RAW = re.compile(
    "[\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029]"
)


def _json_text(encoded: bytes) -> str:
    text = encoded.decode()
    if _JSON_RAW.search(text) is None:
        return text
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def write_json(document: Any) -> None:
    """Print one JSON document with stable, sorted keys (controls escaped)."""
    sys.stdout.write(
        _json_text(orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)) + "\n"
    )


def write_json_line(document: Any) -> None:
    """Print one compact JSON object on its own line (JSON Lines; controls escaped)."""
    sys.stdout.write(_json_text(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)) + "\n")


def _summary(type_name: str, data: dict[str, Any]) -> str:
    """Say in a few words what an event is about, for the log table."""
    claim = data.get("claim")
    if isinstance(claim, dict):
        return (
            f"{claim.get('claimant')}: {claim.get('subject')} {claim.get('metric')} "
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
    return ""


def log_table(envelopes: Iterable[Any]) -> None:
    """Render events as a table: position, time, type, actor, what it says (streams: --json)."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("pos", justify="right", no_wrap=True)
    table.add_column("recorded (UTC)", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("actor", max_width=12)
    table.add_column("what", ratio=1)
    for e in envelopes:
        _add_row(
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
            f"recorded [bold]{_safe(envelope.type)}[/] at position {envelope.position} "
            f"(stream {_safe(envelope.stream)}, version {envelope.version})",
            highlight=False,
        )
    else:
        console.print(
            f"unchanged: already recorded at position {envelope.position} "
            f"({_safe(envelope.stream)})",
            highlight=False,
        )


def message(text: str) -> None:
    """Print a plain status line (made inert: it may quote names and paths)."""
    console.print(inert(text), highlight=False, markup=False)


@contextmanager
def progress(*, enabled: bool = True) -> Iterator[Callable[[int, int], None]]:
    """Yield an `update(done, total)` that shows a progress bar on stderr for many files."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if not enabled or total <= 3 or not err_console.is_terminal:
            return
        if task is None:
            bar.start()
            task = bar.add_task("ingest", total=total)
        bar.update(task, completed=done, total=max(total, done))

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()


def ingest_summary(results: list[Any], *, dry_run: bool) -> None:
    """Print one line per article, then the summary line."""
    counts: dict[str, int] = {}
    claims = 0
    for r in results:
        status = r.status.removeprefix("would-be-")
        counts[status] = counts.get(status, 0) + 1
        if r.status == "failed":
            continue
        claims += r.claims if r.status != "unchanged" else 0
        where = f" at position {r.position}" if r.position else ""
        revision = f" (revision {r.revision})" if r.revision else ""
        console.print(
            f"{r.status:>16}  {inert(r.source)}: {r.claims} claim(s){revision}{where}",
            highlight=False,
            markup=False,
        )
    parts = [f"{len(results)} article(s)"]
    parts += [f"{counts.get(k, 0)} {k}" for k in ("new", "revised", "unchanged", "failed")]
    parts.append(f"{claims} claim(s) {'would be ' if dry_run else ''}recorded")
    console.print(", ".join(parts) + (" (dry run: nothing written)" if dry_run else ""))


_QUALIFIER_MARK = {"exact": "", "approx": "~", "at_least": ">=", "at_most": "<="}


def extraction(documents: list[dict[str, Any]]) -> None:
    """Render the claims found in each article as a table."""
    for doc in documents:
        article = doc["article"]
        console.print(
            f"[bold]{_safe(article['title'])}[/] — {_safe(article['publisher'])}, "
            f"{_safe(article['published'] or 'undated')} ({_safe(article['source'])})",
            highlight=False,
        )
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        table.add_column("claimant", max_width=22)
        table.add_column("figure", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("period", no_wrap=True)
        table.add_column("quote", ratio=1)
        for c in doc["claims"]:
            since = c["period_start"] or "?"
            period = f"{since}..{c['as_of']}" if c["period"] == "window" else f"to {c['as_of']}"
            _add_row(
                table,
                c["claimant"],
                f"{c['subject']} {c['metric']}",
                f"{_QUALIFIER_MARK[c['qualifier']]}{c['value']:,}",
                period,
                c["quote"],
            )
        console.print(table)


def _cell(value: Any) -> str:
    """Render a CSV cell so no spreadsheet runs it as a formula."""
    text = inert(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def write_csv(rows: list[dict[str, Any]]) -> None:
    """Print rows as CSV with a header; cells that look like formulas are neutralised."""
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    if not rows:
        return
    columns = list(rows[0])
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])


def _figure(value: int, qualifier: str) -> str:
    return f"{_QUALIFIER_MARK[qualifier]}{value:,}"


def totals_table(rows: list[dict[str, Any]]) -> None:
    """Render totals: one line per claimant, subject and metric."""
    if not rows:
        message("no totals yet: ingest articles or append claims first")
        return
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("claimant", max_width=30)
    table.add_column("subject")
    table.add_column("metric")
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("claim", no_wrap=True)
    for r in rows:
        _add_row(
            table,
            r["claimant"],
            r["subject"],
            r["metric"],
            _figure(r["value"], r["qualifier"]),
            r["as_of"],
            r["claim_id"],
        )
    console.print(table)
    console.print("~ approx, >= at least, <= at most", style="dim", highlight=False)


def sources_table(rows: list[dict[str, Any]], *, by: str) -> None:
    """Render one block per source."""
    if not rows:
        message("no sources yet")
        return
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column(by, max_width=32)
    table.add_column("articles", justify="right")
    table.add_column("claims", justify="right")
    table.add_column("dates", no_wrap=True)
    table.add_column("latest figures", ratio=1)
    for r in rows:
        latest = ", ".join(
            f"{x['subject']} {x['metric']} {_figure(x['value'], x['qualifier'])}"
            for x in r["latest"]
        )
        _add_row(
            table,
            r["name"],
            str(r["articles"]),
            str(r["claims"]),
            f"{r['first']}..{r['last']}",
            latest,
        )
    console.print(table)


_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """Draw values as a one-line chart."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(_SPARKS[int((v - low) / span * (len(_SPARKS) - 1))] for v in values)


def history_table(series: list[dict[str, Any]]) -> None:
    """Render each claimant's series: a sparkline, then the figures in date order."""
    if not series:
        message("no figures for that metric")
        return
    for s in series:
        points = s["points"]
        console.print(
            f"[bold]{_safe(s['claimant'])}[/] — {_safe(s['subject'])} {_safe(s['metric'])}  "
            f"{sparkline([p['value'] for p in points])}",
            highlight=False,
        )
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        table.add_column("as of", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("publisher", max_width=28)
        table.add_column("claim", no_wrap=True)
        for p in points[-40:]:
            _add_row(
                table,
                p["as_of"],
                _figure(p["value"], p["qualifier"]),
                p["publisher"] or "",
                p["claim_id"],
            )
        if len(points) > 40:
            console.print(f"(last 40 of {len(points)} figures; --json for all)", style="dim")
        console.print(table)


def claim_panel(document: dict[str, Any]) -> None:
    """Render one claim, its sentence, its article, and its life."""
    c = document["claim"]
    console.print(
        f"[bold]{_safe(c['claim_id'])}[/]  {_safe(c['canonical_claimant'])}: "
        f"{_safe(c['subject'])} {_safe(c['metric'])} "
        f"{_figure(c['value'], c['qualifier'])} ({c['period']}"
        f"{' since ' + c['period_start'] if c['period_start'] else ''}, as of {c['as_of']})"
        f" — {document['status']}",
        highlight=False,
    )
    total = document["total"]
    console.print(
        "stands as the total" if total["stands"] else f"not the total: {inert(total['why_not'])}",
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
                f"{article['content_sha256'][:12]}…, revision {article['revision']})"
            ),
            highlight=False,
            markup=False,
        )
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    for column in ("pos", "event", "recorded (UTC)", "actor", "detail"):
        table.add_column(column)
    for e in document["events"]:
        _add_row(
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
        parts.append(_figure(entry["value"], entry.get("qualifier", "exact")))
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


PLOT_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
"""The image types `history --plot` draws, by the file name's suffix (all in matplotlib)."""


def plot_format(path: str) -> str:
    """Return the image format `path` asks for by its suffix; refuse any other name."""
    from pathlib import PurePath

    suffix = PurePath(path).suffix.lower()
    if suffix not in PLOT_FORMATS:
        from ledger.errors import InvalidInput

        known = ".png, .svg or .pdf"
        problem = f"{suffix} is not an image type it draws ({known})" if suffix else None
        raise InvalidInput(f"--plot {path}: {problem or f'name a {known} file'}")
    return PLOT_FORMATS[suffix]


def plot_history(series: list[dict[str, Any]], out: Any, *, fmt: str = "png") -> None:
    """Draw each claimant's series over time to the binary file `out` as `fmt` (png, svg or
    pdf); qualifiers shown as markers."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from ledger.errors import InvalidInput

        raise InvalidInput("--plot needs matplotlib: pip install 'claim-ledger[plot]'") from None
    from datetime import date

    markers = {"exact": "o", "approx": "D", "at_least": "^", "at_most": "v"}
    fig, ax = plt.subplots(figsize=(9, 5))
    for s in series:
        xs = [date.fromisoformat(p["as_of"]) for p in s["points"]]
        ys = [p["value"] for p in s["points"]]
        line = ax.plot(xs, ys, label=f"{s['claimant']} ({s['subject']})")[0]
        for p, x, y in zip(s["points"], xs, ys, strict=True):
            ax.plot([x], [y], markers[p["qualifier"]], color=line.get_color())
    ax.set_ylabel(series[0]["metric"] if series else "")
    ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    try:
        fig.savefig(out, format=fmt, dpi=100, bbox_inches="tight")
    finally:
        plt.close(fig)


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


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def findings_table(findings: list[dict[str, Any]]) -> None:
    """Render consistency findings, worst first, with a count per severity."""
    if not findings:
        message("no findings")
        return
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("severity", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("finding", ratio=1)
    for f in findings:
        style = _SEVERITY_STYLE[f["severity"]]
        _add_row(table, Text(f["severity"], style=style), f["kind"], f["message"])
    console.print(table, highlight=False)
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in _SEVERITY_STYLE}
    message(", ".join(f"{n} {s}" for s, n in counts.items()))


def evidence(document: dict[str, Any]) -> None:
    """Render the evidence chain of one claim."""
    claim_panel(document)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, title="evidence")
    for column in ("pos", "event", "stream", "hash", "intact"):
        table.add_column(column, no_wrap=column != "stream")
    for e in document["events"]:
        _add_row(
            table,
            str(e["position"]),
            e["event_type"],
            e["stream"],
            e["hash"][:16] + "…",
            "yes" if e["hash_ok"] else Text("NO", style="bold red"),
        )
    console.print(table)


def total_explanations(groups: list[dict[str, Any]]) -> None:
    """Render, per total, the claim that stands and why the others lost."""
    for g in groups:
        total = g["total"]
        head = f"[bold]{_safe(g['claimant'])}[/] — {_safe(g['subject'])} {_safe(g['metric'])}"
        if total is None:
            console.print(f"{head}: no total", highlight=False)
        else:
            console.print(
                f"{head}: {_figure(total['value'], total['qualifier'])} as of {total['as_of']} "
                f"({total['claim_id']}, event at position {total['position']})",
                highlight=False,
            )
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        for column in ("claim", "value", "as of", "lost because"):
            table.add_column(column)
        for c in g["competitors"][:30]:
            claim = c["claim"]
            _add_row(
                table,
                claim["claim_id"],
                _figure(claim["value"], claim["qualifier"]),
                claim["as_of"],
                c["why"],
            )
        if g["competitors"]:
            console.print(table, highlight=False)
        if len(g["competitors"]) > 30:
            message(f"(30 of {len(g['competitors'])} competitors; --json for all)")

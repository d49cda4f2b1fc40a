"""Terminal output: rich tables for people, JSON for machines. The only module importing rich.

Owns: `console`, `err_console`, and one render function per kind of result.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import orjson
from rich import box
from rich.console import Console
from rich.table import Table

console = Console()
err_console = Console(stderr=True)


def write_json(document: Any) -> None:
    """Print one JSON document with stable, sorted keys."""
    sys.stdout.write(
        orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n"
    )


def write_json_line(document: Any) -> None:
    """Print one compact JSON object on its own line (JSON Lines)."""
    sys.stdout.write(orjson.dumps(document, option=orjson.OPT_SORT_KEYS).decode() + "\n")


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
        table.add_row(
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
            f"recorded [bold]{envelope.type}[/] at position {envelope.position} "
            f"(stream {envelope.stream}, version {envelope.version})"
        )
    else:
        console.print(
            f"unchanged: already recorded at position {envelope.position} ({envelope.stream})"
        )


def message(text: str) -> None:
    """Print a plain status line."""
    console.print(text, highlight=False)

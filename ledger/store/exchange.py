"""Moving a log between ledgers: the export file format, verified before anything is written.

An export is one header line, `{"claim_ledger_export": 1, "events": N, "head": N,
"head_hash": "..."}`, then one line per event (every envelope field, the payload as an
object), in position order. The header says what a complete file holds, so a file cut short
(at a line boundary, where no line is damaged) is told from a whole one.

Owns: `export_header`, `bounded_lines` (lines of a stream, none read past the line limit) and
`parse_export` — every line an envelope, every payload valid against its schema (after
upcasting), the chain unbroken from position 1, and as many events as the header says, ending
at its head hash — so an import is all of a good file or none of it; with `prefix`, a cut file
imports the events it holds (they verify from position 1). Imports: `events`,
`ledger.store.hashing`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import orjson
from pydantic import ValidationError

from events import InvalidEvent, UnknownEventType, decode, describe
from events.envelope import Envelope
from events.new_event import validate_envelope
from ledger.errors import InvalidInput
from ledger.store.hashing import canonical_json, first_break

MAX_IMPORT_LINE_BYTES = 8_000_000
FORMAT = "claim_ledger_export"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ParsedExport:
    """A verified export: its events, and how many its header says the whole file holds
    (None for an old export without a header)."""

    envelopes: list[Envelope]
    declared: int | None


def export_header(*, head: int, head_hash: str) -> str:
    """The first line of an export of a log whose last event is `head` with `head_hash`."""
    header = {FORMAT: FORMAT_VERSION, "events": head, "head": head, "head_hash": head_hash}
    return orjson.dumps(header).decode() + "\n"


def bounded_lines(stream: BinaryIO, *, limit: int = MAX_IMPORT_LINE_BYTES) -> Iterator[bytes]:
    """Yield the lines of a binary stream, reading at most `limit + 1` bytes of any one line:
    a longer line comes out as its first `limit + 1` bytes (and `parse_export` refuses it)
    before the rest of it is read, so memory stays bounded whatever the input."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        yield line
        if len(line) > limit:
            return


def _header(document: dict[str, Any], source: str, number: int) -> tuple[int, int, str]:
    version = document.get(FORMAT)
    if version != FORMAT_VERSION:
        raise InvalidInput(
            f"{source}:{number}: an export of format {version!r}; this release reads format "
            f"{FORMAT_VERSION} (upgrade claim-ledger)"
        )
    events, head, head_hash = (
        document.get("events"),
        document.get("head"),
        document.get("head_hash"),
    )
    if (
        set(document) != {FORMAT, "events", "head", "head_hash"}
        or not all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (events, head)
        )
        or not isinstance(head_hash, str)
    ):
        raise InvalidInput(f"{source}:{number}: not a valid export header")
    return events, head, head_hash  # type: ignore[return-value]


def parse_export(
    lines: Iterable[bytes | str], *, source: str, prefix: bool = False
) -> ParsedExport:
    """Parse and verify an exported log: every line an envelope, every payload valid, the
    chain unbroken from position 1, and complete as its header says (unless `prefix`).
    Raise `InvalidInput` naming the first bad line, or saying how much of the log it holds."""
    envelopes: list[Envelope] = []
    rows: list[dict[str, Any]] = []
    header: tuple[int, int, str] | None = None
    for number, line in enumerate(lines, 1):
        document = _document(line, source, number)
        if document is None:
            continue
        if FORMAT in document and not envelopes and header is None:
            header = _header(document, source, number)
            continue
        envelope = _envelope(document, source, number)
        envelopes.append(envelope)
        row = envelope.as_dict()
        row["data_json"] = canonical_json(row.pop("data"))
        rows.append(row)
    broken = first_break(rows)
    if broken is not None:
        position, reason = broken
        raise InvalidInput(f"{source}: the chain does not verify at position {position}: {reason}")
    _check_complete(envelopes, header, source=source, prefix=prefix)
    return ParsedExport(envelopes, None if header is None else header[0])


def _document(line: bytes | str, source: str, number: int) -> dict[str, Any] | None:
    """One line as a JSON object (None for a blank line)."""
    if len(line) > MAX_IMPORT_LINE_BYTES:
        raise InvalidInput(f"{source}:{number}: line is too long to be an event")
    if not line.strip():
        return None
    try:
        document = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"{source}:{number}: not JSON ({exc})") from None
    if not isinstance(document, dict):
        raise InvalidInput(f"{source}:{number}: not an event object")
    return document


def _envelope(document: dict[str, Any], source: str, number: int) -> Envelope:
    """A line's envelope, its payload valid for its type and schema version."""
    try:
        envelope = validate_envelope(document)
        decode(envelope.type, envelope.schema_version, envelope.data)
    except ValidationError as exc:
        raise InvalidInput(f"{source}:{number}: {describe(exc)}") from None
    except (InvalidEvent, UnknownEventType) as exc:
        raise InvalidInput(f"{source}:{number}: {exc}") from None
    return envelope


def _check_complete(
    envelopes: list[Envelope], header: tuple[int, int, str] | None, *, source: str, prefix: bool
) -> None:
    """Refuse a file that holds no events, or less (or more) than its header says, unless
    `prefix` allows a cut one."""
    held = len(envelopes)
    if not envelopes:
        said = f" (its header says the log holds {header[0]})" if header and header[0] else ""
        raise InvalidInput(f"{source}: no events to import{said}")
    if header is None:
        if not prefix:
            raise InvalidInput(
                f"{source}: cannot tell whether it is complete: it has no export header (an "
                f"export of an older claim-ledger, or its start is cut); nothing was imported "
                f"(`claims import --prefix` imports the {held} event(s) it holds)"
            )
        return
    declared, head, head_hash = header
    if held > declared:
        raise InvalidInput(
            f"{source} holds {held} events, more than the {declared} its header says"
        )
    if held < declared and not prefix:
        raise InvalidInput(
            f"{source} holds {held} of {declared} events: the export is cut short; nothing "
            f"was imported (`claims import --prefix` imports the {held} that verify)"
        )
    last = envelopes[-1]
    if held == declared and (last.position != head or last.hash != head_hash):
        raise InvalidInput(
            f"{source}: its last event is not the head its header names (position {head}, "
            f"hash {head_hash[:16]}...); nothing was imported"
        )

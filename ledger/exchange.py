"""Moving a log between ledgers: the export file format, verified before anything is written.

Owns: `parse_export` — every line an envelope, every payload valid against its schema (after
upcasting), the chain unbroken from position 1 — so an import is all of a good file or none
of it. Imports: `events`, `ledger.hashing`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from pydantic import ValidationError

from events import InvalidEvent, UnknownEventType, decode, describe
from events.envelope import Envelope
from ledger.errors import InvalidInput
from ledger.hashing import canonical_json, first_break

MAX_IMPORT_LINE_BYTES = 8_000_000


def parse_export(lines: Iterable[bytes | str], *, source: str) -> list[Envelope]:
    """Parse and verify an exported log: every line an envelope, every payload valid, the
    chain unbroken from position 1. Raise `InvalidInput` naming the first bad line."""
    envelopes: list[Envelope] = []
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_IMPORT_LINE_BYTES:
            raise InvalidInput(f"{source}:{number}: line is too long to be an event")
        if not line.strip():
            continue
        try:
            document = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise InvalidInput(f"{source}:{number}: not JSON ({exc})") from None
        if not isinstance(document, dict):
            raise InvalidInput(f"{source}:{number}: not an event object")
        try:
            envelope = Envelope.model_validate(document)
            decode(envelope.type, envelope.schema_version, envelope.data)
        except ValidationError as exc:
            raise InvalidInput(f"{source}:{number}: {describe(exc)}") from None
        except (InvalidEvent, UnknownEventType) as exc:
            raise InvalidInput(f"{source}:{number}: {exc}") from None
        envelopes.append(envelope)
        row = envelope.model_dump()
        row["data_json"] = canonical_json(row.pop("data"))
        rows.append(row)
    if not envelopes:
        raise InvalidInput(f"{source}: no events to import")
    broken = first_break(rows)
    if broken is not None:
        position, reason = broken
        raise InvalidInput(f"{source}: the chain does not verify at position {position}: {reason}")
    return envelopes

"""The stored row of an event, and the envelope built from it.

Owns: `COLUMNS` (the `events` table's columns, in order, on every backend), `CONTENT_FIELDS`
(what makes an event the same event in two ledgers), and the conversions row → envelope,
row → raw dict, envelope → row; `KEY` and `TYPE`, where a row holds those.
Imports: `events.envelope`, orjson.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from events.envelope import Envelope

COLUMNS = (
    "position",
    "id",
    "stream",
    "version",
    "type",
    "schema_version",
    "recorded_at",
    "actor",
    "idempotency_key",
    "data",
    "prev_hash",
    "hash",
)

CONTENT_FIELDS = (
    "type",
    "stream",
    "data",
    "recorded_at",
    "actor",
    "idempotency_key",
    "schema_version",
)
"""What makes an event the same event in two ledgers (position, version and the chain links
change when an import re-chains it)."""

KEY = COLUMNS.index("idempotency_key")
"""Where a row holds its idempotency key."""
TYPE = COLUMNS.index("type")
"""Where a row holds its event type."""

Row = tuple[Any, ...]
"""One stored event: the values of `COLUMNS`, in order (`data` as canonical JSON text)."""

_setattr = object.__setattr__
_new = object.__new__
# An envelope is a frozen dataclass of plain fields (no `__post_init__`, no slots), so setting
# its `__dict__` builds what `Envelope(**fields)` builds, without a frozen-attribute write per
# field: the read path builds one per event.
_CONSTRUCT_FAST = (
    tuple(Envelope.__dataclass_fields__) == ("id", "position", *COLUMNS[2:])
    and not hasattr(Envelope, "__post_init__")
    and not hasattr(Envelope, "__slots__")
)


def construct(fields: dict[str, Any]) -> Envelope:
    """Build an envelope from trusted, complete fields (in the envelope's field order)
    without checking them again."""
    if not _CONSTRUCT_FAST:
        return Envelope(**fields)
    envelope = _new(Envelope)
    _setattr(envelope, "__dict__", fields)
    return envelope


def envelope_of(row: Sequence[Any]) -> Envelope:
    """Build an envelope from a trusted row without re-validating it (the hot read path)."""
    p, i, s, v, t, sv, r, a, k, data, prev, h = row
    return construct(
        {
            "id": i,
            "position": p,
            "stream": s,
            "version": v,
            "type": t,
            "schema_version": sv,
            "recorded_at": r,
            "actor": a,
            "idempotency_key": k,
            "data": orjson.loads(data),
            "prev_hash": prev,
            "hash": h,
        }
    )


def raw_of(row: Sequence[Any]) -> dict[str, Any]:
    """A row as a dict of its columns, the payload under `data_json` (verify and export)."""
    fields = dict(zip(COLUMNS, row, strict=True))
    fields["data_json"] = fields.pop("data")
    return fields


def row_of(e: Envelope, data_json: str) -> Row:
    """The stored row of an envelope whose payload serialises to `data_json`."""
    return tuple(data_json if name == "data" else getattr(e, name) for name in COLUMNS)

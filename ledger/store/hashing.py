"""The hash chain: canonical JSON of an envelope and its sha256. Pure.

Owns: `GENESIS`, `canonical_json`, `envelope_bytes`, `envelope_hash`, `chain_hash`, `row_hash`,
`first_break`. Every backend hashes through here, so a log verifies the same wherever it is stored.
Imports: orjson and the standard library.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Iterable
from typing import Any

import orjson

GENESIS = "0" * 64
"""The `prev_hash` of the first event of every log."""

_SORTED = orjson.OPT_SORT_KEYS
_dumps = orjson.dumps
_fragment = orjson.Fragment
_sha256 = hashlib.sha256


def canonical_json(value: Any) -> str:
    """Return key-sorted, compact UTF-8 JSON: the one spelling payloads are stored and hashed in."""
    return orjson.dumps(value, option=_SORTED).decode()


def envelope_bytes(
    *,
    id: str,
    position: int,
    stream: str,
    version: int,
    type: str,
    schema_version: int,
    recorded_at: str,
    actor: str,
    idempotency_key: str | None,
    data_json: str,
    prev_hash: str,
) -> bytes:
    """Return the canonical JSON of every envelope field but `hash`: the bytes it hashes.

    `data_json` is embedded verbatim, so any change to the stored payload text changes them.
    """
    return _document(
        id,
        position,
        stream,
        version,
        type,
        schema_version,
        recorded_at,
        actor,
        idempotency_key,
        data_json,
        prev_hash,
    )


def envelope_hash(
    *,
    id: str,
    position: int,
    stream: str,
    version: int,
    type: str,
    schema_version: int,
    recorded_at: str,
    actor: str,
    idempotency_key: str | None,
    data_json: str,
    prev_hash: str,
) -> str:
    """Return sha256 over `envelope_bytes` of the same fields."""
    document = envelope_bytes(
        id=id,
        position=position,
        stream=stream,
        version=version,
        type=type,
        schema_version=schema_version,
        recorded_at=recorded_at,
        actor=actor,
        idempotency_key=idempotency_key,
        data_json=data_json,
        prev_hash=prev_hash,
    )
    return _sha256(document).hexdigest()


def chain_hash(
    event_id: str,
    position: int,
    stream: str,
    version: int,
    type_name: str,
    schema_version: int,
    recorded_at: str,
    actor: str,
    idempotency_key: str | None,
    data_json: str,
    prev_hash: str,
) -> str:
    """`envelope_hash` of the same fields, positional (the append hot path: one call, no
    keyword hops); the bytes are `_document`'s, as `envelope_bytes`' are."""
    return _sha256(
        _document(
            event_id,
            position,
            stream,
            version,
            type_name,
            schema_version,
            recorded_at,
            actor,
            idempotency_key,
            data_json,
            prev_hash,
        )
    ).hexdigest()


def _document(
    event_id: str,
    position: int,
    stream: str,
    version: int,
    type_name: str,
    schema_version: int,
    recorded_at: str,
    actor: str,
    idempotency_key: str | None,
    data_json: str,
    prev_hash: str,
) -> bytes:
    """The one spelling of the hashed envelope: every field but `hash`, key-sorted, the
    payload text embedded verbatim."""
    document = {
        "actor": actor,
        "data": _fragment(data_json),
        "id": event_id,
        "idempotency_key": idempotency_key,
        "position": position,
        "prev_hash": prev_hash,
        "recorded_at": recorded_at,
        "schema_version": schema_version,
        "stream": stream,
        "type": type_name,
        "version": version,
    }
    return _dumps(document, option=_SORTED)


def row_hash(row: dict[str, Any]) -> str:
    """Return the hash a raw row (payload as `data_json`) should carry."""
    return envelope_hash(**{k: row[k] for k in _HASHED})


def first_break(
    rows: Iterable[dict[str, Any]], *, start_hash: str = GENESIS, start_position: int = 1
) -> tuple[int, str] | None:
    """Return (position, why) of the first broken link, or None when the chain holds.

    Rows come in position order and carry `data_json`. A link breaks when a position is
    skipped, `prev_hash` is not the previous hash, or the hash does not match the fields.
    """
    expected_position = start_position
    prev = start_hash
    for row in rows:
        position = row["position"]
        if position != expected_position:
            return expected_position, f"missing (the log jumps to position {position})"
        if row["prev_hash"] != prev:
            return position, "prev_hash is not the hash of the event before it"
        if row_hash(row) != row["hash"]:
            return position, "hash does not match the event's contents"
        prev = row["hash"]
        expected_position = position + 1
    return None


_HASHED = tuple(inspect.signature(envelope_bytes).parameters)
"""What `row_hash` takes from a row: exactly what `envelope_bytes` holds (one list, there)."""

"""The pure kernel every backend appends and imports through: decisions, not I/O.

Owns: `prepare_batch` (serialise payloads outside the lock), `chain_batch` (decide a batch
against the head, keys and stream versions: positions, versions, ids, hashes), `plan_import`
(which of another ledger's events to add, re-chained, and which to skip), `content_conflict`,
`rechained_row`, and the small clock/id/gc helpers the stores share. Given what the backend
read under its write lock, each function returns rows to insert; nothing here touches a
database, so both backends behave alike by construction.
Imports: `events`, `ledger.store.codec`, `ledger.store.hashing`, `ledger.store.protocol`,
`ledger.errors`.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from events.envelope import Envelope
from ledger.errors import ConcurrencyConflict
from ledger.store.codec import CONTENT_FIELDS, Row, construct, row_of
from ledger.store.hashing import canonical_json, chain_hash, envelope_hash
from ledger.store.protocol import Recorded

if TYPE_CHECKING:  # a read loads no event model, nor pydantic
    from events.new_event import NewEvent

Prepared = tuple["NewEvent", str, int, Any, str]
"""An event on its way in: (item, type name, schema version, payload, canonical payload JSON)."""

Known = dict[str, tuple[Any, ...]]
"""For each event id the log already has: (position, *CONTENT_FIELDS) as stored."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk fold or append: it makes and drops many
    acyclic dicts (freed by reference counting), which would only trigger needless scans."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_second: tuple[int, str] = (-1, "")
"""The last whole second `utc_now` spelled, and its spelling (one tuple: swapped at once)."""


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 with microseconds and a `Z`, as
    `datetime.now(UTC).isoformat(timespec="microseconds")` spells it (with `Z` for `+00:00`);
    the date and time of day are formatted once a second, not once an event."""
    global _second
    micros = time.time_ns() // 1_000
    second, fraction = divmod(micros, 1_000_000)
    last, spelled = _second
    if second != last:
        spelled = datetime.fromtimestamp(second, UTC).isoformat(timespec="seconds")[:19]
        _second = (second, spelled)
    return f"{spelled}.{fraction:06d}Z"


def new_uuid() -> str:
    """Return a fresh event id: a time-ordered version-7 UUID (RFC 9562), spelled as
    `str(uuid.UUID(...))` spells it: 48 bits of Unix milliseconds, 12 bits of the fraction
    of that millisecond, then 62 random bits. Ids made later sort later, so the log's
    unique index on `id` grows at its right edge: an append touches a few of its pages
    instead of one page per event, as random (version-4) ids do once the log is large."""
    millis, nanos = divmod(time.time_ns(), 1_000_000)
    fraction = nanos * 4096 // 1_000_000  # 12 bits: the sub-millisecond time
    stamp = f"{millis:012x}"
    r = os.urandom(8).hex()
    return f"{stamp[:8]}-{stamp[8:]}-7{fraction:03x}-{_VARIANT[r[0]]}{r[1:4]}-{r[4:]}"


_VARIANT = {d: "89ab"[int(d, 16) & 3] for d in "0123456789abcdef"}
"""A random hex digit with its top two bits set to the RFC variant (binary 10)."""


def prepare_batch(batch: Sequence[NewEvent]) -> list[Prepared]:
    """Serialise each payload once, outside the write lock."""
    from events.registry import encode  # (appends only: a read loads no event model)

    prepared: list[Prepared] = []
    for item in batch:
        event = item.event
        data = encode(event)
        prepared.append((item, event.TYPE, event.SCHEMA_VERSION, data, canonical_json(data)))
    return prepared


def batch_keys(batch: Sequence[NewEvent]) -> set[str]:
    """The idempotency keys a batch carries (the backend looks them up under its lock)."""
    return {item.idempotency_key for item in batch if item.idempotency_key is not None}


def chain_batch(
    prepared: Sequence[Prepared],
    *,
    position: int,
    prev_hash: str,
    by_key: dict[str, Envelope],
    versions: dict[str, int],
    new_id: Callable[[], str],
    clock: Callable[[], str],
) -> tuple[list[Row], list[Recorded]]:
    """Decide a batch against the log's head, keys and stream versions (read under the write
    lock): a known idempotency key records nothing, a stale expected version is a conflict,
    every new event gets the next position, its stream's next version and its link in the
    chain. Pure apart from the injected ids and clock; every backend appends through it.
    """
    rows: list[Row] = []
    results: list[Recorded] = []
    for item, type_name, schema_version, data, data_json in prepared:
        key = item.idempotency_key
        if key is not None and key in by_key:
            results.append(Recorded(by_key[key], created=False))
            continue
        stream = item.stream
        current = versions.get(stream, 0)
        if item.expected_version is not None and item.expected_version != current:
            raise ConcurrencyConflict(
                f"stream {stream} is at version {current}, "
                f"not {item.expected_version}: it changed since it was read"
            )
        position += 1
        version = versions[stream] = current + 1
        event_id, recorded_at, actor = new_id(), clock(), item.actor
        link = prev_hash
        prev_hash = chain_hash(
            event_id,
            position,
            stream,
            version,
            type_name,
            schema_version,
            recorded_at,
            actor,
            key,
            data_json,
            link,
        )
        rows.append(
            (
                position,
                event_id,
                stream,
                version,
                type_name,
                schema_version,
                recorded_at,
                actor,
                key,
                data_json,
                link,
                prev_hash,
            )
        )
        envelope = construct(
            {
                "id": event_id,
                "position": position,
                "stream": stream,
                "version": version,
                "type": type_name,
                "schema_version": schema_version,
                "recorded_at": recorded_at,
                "actor": actor,
                "idempotency_key": key,
                "data": data,
                "prev_hash": link,
                "hash": prev_hash,
            }
        )
        if key is not None:
            by_key[key] = envelope
        results.append(Recorded(envelope, created=True))
    return rows, results


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import will write: the rows (re-chained after the head, or kept exactly as
    they were into an empty log), and how many events the log already had."""

    rows: list[Row]
    skipped: int
    exact: bool


def plan_import(
    envelopes: Sequence[Envelope],
    *,
    position: int,
    prev_hash: str,
    known: Known,
    known_keys: set[str],
    versions: dict[str, int],
) -> ImportPlan:
    """Decide an import against what the log holds (read under the write lock by the
    backend: the head, the ids and keys it already has, the streams' versions).

    Into an empty log every event keeps its position and hash. Otherwise an event whose id
    is known is skipped if its content is the same (a different content is a conflict: the
    whole import is refused), one whose idempotency key is known is skipped, and every other
    event is placed after the head, at its stream's next version, chained to the one before.
    """
    if position == 0:
        rows = [row_of(e, canonical_json(e.data)) for e in envelopes]
        return ImportPlan(rows, 0, exact=True)
    rows = []
    skipped = 0
    for e in envelopes:
        stored = known.get(e.id)
        if stored is not None:
            conflict = content_conflict(e, stored)
            if conflict is not None:
                raise ConcurrencyConflict(conflict)
            skipped += 1
            continue
        if e.idempotency_key and e.idempotency_key in known_keys:
            skipped += 1
            continue
        version = versions[e.stream] = versions.get(e.stream, 0) + 1
        position += 1
        row = rechained_row(e, position=position, version=version, prev_hash=prev_hash)
        prev_hash = row[-1]
        rows.append(row)
    return ImportPlan(rows, skipped, exact=False)


def rechained_row(e: Envelope, *, position: int, version: int, prev_hash: str) -> Row:
    """Return the stored row of another ledger's event placed at `position` of this log,
    chained after `prev_hash` (its id, time, actor and payload kept as they were)."""
    data_json = canonical_json(e.data)
    digest = envelope_hash(
        id=e.id,
        position=position,
        stream=e.stream,
        version=version,
        type=e.type,
        schema_version=e.schema_version,
        recorded_at=e.recorded_at,
        actor=e.actor,
        idempotency_key=e.idempotency_key,
        data_json=data_json,
        prev_hash=prev_hash,
    )
    return (
        position,
        e.id,
        e.stream,
        version,
        e.type,
        e.schema_version,
        e.recorded_at,
        e.actor,
        e.idempotency_key,
        data_json,
        prev_hash,
        digest,
    )


def content_conflict(e: Envelope, stored: Sequence[Any]) -> str | None:
    """Compare an imported event with the stored event of the same id: `stored` is
    (position, *CONTENT_FIELDS) as the log holds them. Return why they differ, or None."""
    position, *values = stored
    theirs = {
        "type": e.type,
        "stream": e.stream,
        "data": canonical_json(e.data),
        "recorded_at": e.recorded_at,
        "actor": e.actor,
        "idempotency_key": e.idempotency_key,
        "schema_version": e.schema_version,
    }
    differ = [
        name for name, ours in zip(CONTENT_FIELDS, values, strict=True) if theirs[name] != ours
    ]
    if not differ:
        return None
    return (
        f"event {e.id} (position {e.position} of the file) is already in this ledger at "
        f"position {position} with a different {', '.join(differ)}; nothing was imported"
    )

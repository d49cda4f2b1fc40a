"""The event store: the only writer of the `events` table, behind a small interface.

Owns: `EventStore` (the protocol every backend meets; PostgreSQL's is in `store_postgres.py`),
`SQLiteStore`, `Recorded`, `ImportResult`. Appends are atomic batches under BEGIN IMMEDIATE:
positions are gapless, each hash chains to the one before, an expected stream version guards
against stale writers, and a known idempotency key writes nothing.
Imports: `events`, `ledger.hashing`, `ledger.schema`, `ledger.errors`.
"""

from __future__ import annotations

import gc
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple, Protocol

import orjson

from events import encode
from events.envelope import Envelope, NewEvent
from ledger import schema
from ledger.errors import ConcurrencyConflict, InvalidInput, OperationFailed
from ledger.hashing import GENESIS, canonical_json, envelope_hash

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
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM events"
_INSERT = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
_PAGE = 2_000
_SELECT_BY_KEY = f"{_SELECT} WHERE idempotency_key = ?"
# Reading pages of the log: with a position range, and optionally one stream or some types.
_LAST_POSITION = 2**63 - 1
_RANGE = f"{_SELECT} WHERE position >= ? AND position <= ?"
_TYPES_IN = "type IN (SELECT value FROM json_each(?))"
_PAGE_ALL = f"{_RANGE} ORDER BY position LIMIT {_PAGE}"
_PAGE_STREAM = f"{_RANGE} AND stream = ? ORDER BY position LIMIT {_PAGE}"
_PAGE_TYPES = f"{_RANGE} AND {_TYPES_IN} ORDER BY position LIMIT {_PAGE}"
_PAGE_STREAM_TYPES = f"{_RANGE} AND stream = ? AND {_TYPES_IN} ORDER BY position LIMIT {_PAGE}"
# Sets of values go in as one JSON array parameter: one constant statement, whatever the size.
_SELECT_BY_KEYS = f"{_SELECT} WHERE idempotency_key IN (SELECT value FROM json_each(?))"
_SELECT_VERSIONS = (
    "SELECT stream, max(version) FROM events "
    "WHERE stream IN (SELECT value FROM json_each(?)) GROUP BY stream"
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
_CONTENT_BY_ID = f"SELECT position, {', '.join(CONTENT_FIELDS)} FROM events WHERE id = ?"


@dataclass(frozen=True, slots=True)
class Recorded:
    """The outcome of appending one event: the envelope in the log, and whether it is new."""

    envelope: Envelope
    created: bool


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import of another ledger's export did."""

    imported: int
    skipped: int
    exact: bool  # True when positions and hashes were kept as they were (empty ledger)
    declared: int | None = None  # how many events the export's header says it holds


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


def utc_now() -> str:
    """Return the current UTC time as ISO 8601 with microseconds and a `Z`."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def new_uuid() -> str:
    """Return a fresh random event id: a version-4 UUID, as `str(uuid.uuid4())` spells it
    (built from 16 random bytes directly, twice as fast as through `uuid.UUID`)."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class EventStore(Protocol):
    """An append-only, hash-chained log of events, read in position order."""

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append all of `batch` or none of it; return one `Recorded` per event."""
        ...

    def import_log(self, envelopes: Sequence[Envelope]) -> ImportResult:
        """Add another ledger's (already verified) events this log does not have, atomically."""
        ...

    def read(
        self,
        *,
        start: int = 1,
        stop: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Envelope]:
        """Stream events with `start <= position <= stop`, optionally of one stream or types."""
        ...

    def read_rows(self, *, start: int = 1, stop: int | None = None) -> Iterator[dict[str, Any]]:
        """Stream raw rows (payload as stored text `data_json`), for verification and export."""
        ...

    def head(self) -> int:
        """Return the last position (0 for an empty log)."""
        ...

    def stream_version(self, stream: str) -> int:
        """Return a stream's current version (0 if it has no events)."""
        ...

    def missing_triggers(self) -> list[str]:
        """Return the names of append-only guards that are not in place."""
        ...

    def guard_problems(self) -> list[str]:
        """Say what is wrong with the append-only guards (missing, altered, disabled, or
        joined by triggers or rules the ledger did not install); empty when all is well."""
        ...

    def find_by_key(self, key: str) -> Envelope | None:
        """Return the event recorded under an idempotency key, or None."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


class EventRecord(NamedTuple):
    """A recorded event as the projections read it: the envelope's fields, payload decoded,
    without building a pydantic model (the replay hot path; rows come from the log as is)."""

    position: int
    id: str
    stream: str
    version: int
    type: str
    schema_version: int
    recorded_at: str
    actor: str
    idempotency_key: str | None
    data: dict[str, Any]
    prev_hash: str
    hash: str


_ENVELOPE_FIELDS = frozenset(Envelope.model_fields)
_setattr = object.__setattr__
# `model_construct` walks every field for aliases and defaults; an envelope has neither, and
# callers here pass every field, so `_construct` sets what `model_construct` would set directly.
_CONSTRUCT_FAST = (
    ("id", "position", *COLUMNS[2:]) == tuple(Envelope.model_fields)
    and not Envelope.__pydantic_post_init__
    and all(f.alias is None and f.validation_alias is None for f in Envelope.model_fields.values())
)


def _construct(fields: dict[str, Any]) -> Envelope:
    """Build an envelope from trusted, complete fields (in the model's field order, which is
    the order `model_dump` keeps) without validating them again."""
    if not _CONSTRUCT_FAST:
        return Envelope.model_construct(**fields)
    envelope = Envelope.__new__(Envelope)
    _setattr(envelope, "__dict__", fields)
    _setattr(envelope, "__pydantic_fields_set__", set(_ENVELOPE_FIELDS))
    _setattr(envelope, "__pydantic_extra__", None)
    _setattr(envelope, "__pydantic_private__", None)
    return envelope


Prepared = tuple[NewEvent, str, int, Any, str]
"""An event on its way in: (item, type name, schema version, payload, canonical payload JSON)."""


def prepare_batch(batch: Sequence[NewEvent]) -> list[Prepared]:
    """Serialise each payload once, outside the write lock."""
    prepared = []
    for item in batch:
        event = item.event
        data = encode(event)
        prepared.append((item, event.TYPE, event.SCHEMA_VERSION, data, canonical_json(data)))
    return prepared


def chain_batch(
    prepared: Sequence[Prepared],
    *,
    position: int,
    prev_hash: str,
    by_key: dict[str, Envelope],
    versions: dict[str, int],
    new_id: Callable[[], str],
    clock: Callable[[], str],
) -> tuple[list[tuple[Any, ...]], list[Recorded]]:
    """Decide a batch against the log's head, keys and stream versions (read under the write
    lock): a known idempotency key records nothing, a stale expected version is a conflict,
    every new event gets the next position, its stream's next version and its link in the
    chain. Pure apart from the injected ids and clock; every backend appends through it.
    """
    rows: list[tuple[Any, ...]] = []
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
        prev_hash = envelope_hash(
            id=event_id,
            position=position,
            stream=stream,
            version=version,
            type=type_name,
            schema_version=schema_version,
            recorded_at=recorded_at,
            actor=actor,
            idempotency_key=key,
            data_json=data_json,
            prev_hash=link,
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
        envelope = _construct(
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


def _envelope(row: Sequence[Any]) -> Envelope:
    """Build an envelope from a trusted row without re-validating it (the hot read path)."""
    p, i, s, v, t, sv, r, a, k, data, prev, h = row
    return _construct(
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


def _raw(row: Sequence[Any]) -> dict[str, Any]:
    fields = dict(zip(COLUMNS, row, strict=True))
    fields["data_json"] = fields.pop("data")
    return fields


class PagedReads:
    """The read side every backend shares, built on its `_select` (pages of raw rows)."""

    def _select(
        self,
        *,
        start: int,
        stop: int | None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Sequence[Any]]:  # pragma: no cover - each backend pages its own way
        raise NotImplementedError

    def read(
        self,
        *,
        start: int = 1,
        stop: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Envelope]:
        """Stream events with `start <= position <= stop`, optionally of one stream or types."""
        for row in self._select(start=start, stop=stop, stream=stream, types=types):
            yield _envelope(row)

    def read_records(self, *, start: int = 1, stop: int | None = None) -> Iterator[EventRecord]:
        """Stream events as `EventRecord`s (payload decoded, no model built): for folds."""
        loads = orjson.loads
        for p, i, s, v, t, sv, r, a, k, data, prev, h in self._select(start=start, stop=stop):
            yield EventRecord(p, i, s, v, t, sv, r, a, k, loads(data), prev, h)

    def read_rows(self, *, start: int = 1, stop: int | None = None) -> Iterator[dict[str, Any]]:
        """Stream raw rows (payload as stored text `data_json`), for verification and export."""
        for row in self._select(start=start, stop=stop):
            yield _raw(row)


class SQLiteStore(PagedReads):
    """The event store in one SQLite file (WAL, busy timeout, BEGIN IMMEDIATE)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = new_uuid,
    ) -> None:
        self.path = os.fspath(path)
        self.readonly = readonly
        self._clock = clock
        self._new_id = new_id
        self._conn: sqlite3.Connection | None = None
        # Called inside each append's transaction with (connection, new events, head before):
        # read models that live in this file catch up atomically with the log.
        self.observers: list[Callable[[sqlite3.Connection, list[Envelope], int], None]] = []
        if readonly or os.path.exists(self.path):
            self._conn = schema.connect(path, readonly=readonly)

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection; a new ledger file is created only when something is written."""
        if self._conn is None:
            self._conn = schema.connect(self.path)
        return self._conn

    @property
    def _empty_and_unborn(self) -> bool:
        """True while no file exists yet: reads see an empty log and create nothing."""
        return self._conn is None

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the write lock for the whole batch; retry with backoff while others hold it."""
        if self.readonly:
            raise OperationFailed(f"{self.path} is open read-only")
        conn = self.conn
        delay = 0.005
        for attempt in range(12):
            try:
                conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if ("locked" not in str(exc) and "busy" not in str(exc)) or attempt == 11:
                    raise _storage_error(self.path, exc) from None
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise ConcurrencyConflict(f"append refused by the log: {exc}") from None
            if isinstance(exc, sqlite3.Error):
                raise _storage_error(self.path, exc) from None
            raise

    def _head(self, conn: sqlite3.Connection) -> tuple[int, str]:
        row = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1")
        found = row.fetchone()
        return (found[0], found[1]) if found else (0, GENESIS)

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append all of `batch` or none of it; return one `Recorded` per event.

        One pass builds each row, its hash and its envelope; the idempotency keys and stream
        versions the batch needs are read with one query each, and the rows are inserted
        with one executemany, all inside the write transaction.
        """
        with gc_paused():
            return self._append(batch)

    def _append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        prepared = prepare_batch(batch)
        with self.transaction() as conn:
            position, prev_hash = self._head(conn)
            keys = {item.idempotency_key for item in batch if item.idempotency_key is not None}
            by_key = self._by_keys(conn, keys) if keys else {}
            versions = self._versions(conn, {item.stream for item in batch})
            rows, results = chain_batch(
                prepared,
                position=position,
                prev_hash=prev_hash,
                by_key=by_key,
                versions=versions,
                new_id=self._new_id,
                clock=self._clock,
            )
            conn.executemany(_INSERT, rows)
            self._notify(conn, [r.envelope for r in results if r.created], position)
        return results

    def _notify(self, conn: sqlite3.Connection, created: list[Envelope], before: int) -> None:
        for observer in self.observers:
            observer(conn, created, before)

    def import_log(self, envelopes: Sequence[Envelope]) -> ImportResult:
        """Add the events this log lacks; into an empty log, keep every position and hash."""
        with self.transaction() as conn:
            position, prev_hash = self._head(conn)
            if position == 0:
                rows = [_row_of(e, canonical_json(e.data)) for e in envelopes]
                conn.executemany(_INSERT, rows)
                self._notify(conn, list(envelopes), 0)
                return ImportResult(imported=len(rows), skipped=0, exact=True)
            before = position
            versions: dict[str, int] = {}
            rows = []
            skipped = 0
            for e in envelopes:
                known = conn.execute(_CONTENT_BY_ID, (e.id,)).fetchone()
                if known is not None:
                    conflict = content_conflict(e, known)
                    if conflict is not None:
                        raise ConcurrencyConflict(conflict)
                    skipped += 1
                    continue
                if e.idempotency_key and self._by_key(conn, e.idempotency_key):
                    skipped += 1
                    continue
                current = versions.get(e.stream)
                if current is None:
                    current = self._version(conn, e.stream)
                versions[e.stream] = current + 1
                position += 1
                row = rechained_row(e, position=position, version=current + 1, prev_hash=prev_hash)
                prev_hash = row[-1]
                rows.append(row)
            conn.executemany(_INSERT, rows)
            self._notify(conn, [_envelope(r) for r in rows], before)
            return ImportResult(imported=len(rows), skipped=skipped, exact=False)

    def _by_key(self, conn: sqlite3.Connection, key: str) -> Envelope | None:
        row = conn.execute(_SELECT_BY_KEY, (key,)).fetchone()
        return _envelope(row) if row else None

    def _by_keys(self, conn: sqlite3.Connection, keys: set[str]) -> dict[str, Envelope]:
        """Return the events already recorded under any of `keys`, by key (one query)."""
        found: dict[str, Envelope] = {}
        for row in conn.execute(_SELECT_BY_KEYS, (orjson.dumps(sorted(keys)),)):
            envelope = _envelope(row)
            found[envelope.idempotency_key] = envelope  # type: ignore[index]
        return found

    def _version(self, conn: sqlite3.Connection, stream: str) -> int:
        row = conn.execute("SELECT max(version) FROM events WHERE stream = ?", (stream,))
        return row.fetchone()[0] or 0

    def _versions(self, conn: sqlite3.Connection, streams: set[str]) -> dict[str, int]:
        """Return the current version of each stream that has events (one query)."""
        return dict(conn.execute(_SELECT_VERSIONS, (orjson.dumps(sorted(streams)),)).fetchall())

    # -- reading -----------------------------------------------------------------------------

    def _select(
        self,
        *,
        start: int,
        stop: int | None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Sequence[Any]]:
        """Page through the log by position, so memory stays flat however long it is."""
        if self._empty_and_unborn:
            return
        last = stop if stop is not None else _LAST_POSITION
        cursor = start
        while True:
            if stream is None and not types:
                page = self.conn.execute(_PAGE_ALL, (cursor, last)).fetchall()
            elif not types:
                page = self.conn.execute(_PAGE_STREAM, (cursor, last, stream)).fetchall()
            else:
                names = orjson.dumps(list(types))
                if stream is None:
                    page = self.conn.execute(_PAGE_TYPES, (cursor, last, names)).fetchall()
                else:
                    params = (cursor, last, stream, names)
                    page = self.conn.execute(_PAGE_STREAM_TYPES, params).fetchall()
            yield from page
            if len(page) < _PAGE:
                return
            cursor = page[-1][0] + 1

    def head(self) -> int:
        """Return the last position (0 for an empty log)."""
        return 0 if self._empty_and_unborn else self._head(self.conn)[0]

    def stream_version(self, stream: str) -> int:
        """Return a stream's current version (0 if it has no events)."""
        return 0 if self._empty_and_unborn else self._version(self.conn, stream)

    def missing_triggers(self) -> list[str]:
        """Return the names of append-only guards that are not in place."""
        return [] if self._empty_and_unborn else schema.missing_triggers(self.conn)

    def guard_problems(self) -> list[str]:
        """Say what is wrong with the append-only guards; empty when all is well."""
        return [] if self._empty_and_unborn else schema.guard_problems(self.conn)

    def find_by_key(self, key: str) -> Envelope | None:
        """Return the event recorded under an idempotency key, or None."""
        return None if self._empty_and_unborn else self._by_key(self.conn, key)

    def close(self) -> None:
        """Release the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _hash_fields(row: Sequence[Any]) -> dict[str, Any]:
    names = COLUMNS[:-1]
    fields = dict(zip(names, row, strict=True))
    fields["data_json"] = fields.pop("data")
    return fields


def rechained_row(e: Envelope, *, position: int, version: int, prev_hash: str) -> tuple[Any, ...]:
    """Return the stored row of another ledger's event placed at `position` of this log,
    chained after `prev_hash` (its id, time, actor and payload kept as they were)."""
    row = (
        position,
        e.id,
        e.stream,
        version,
        e.type,
        e.schema_version,
        e.recorded_at,
        e.actor,
        e.idempotency_key,
        canonical_json(e.data),
        prev_hash,
    )
    return (*row, envelope_hash(**_hash_fields(row)))


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


def _row_of(e: Envelope, data_json: str) -> tuple[Any, ...]:
    return tuple(data_json if name == "data" else getattr(e, name) for name in COLUMNS)


def _storage_error(path: str, exc: sqlite3.Error) -> OperationFailed:
    """Turn an SQLite failure into one line a user can act on."""
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return OperationFailed(f"cannot write to {path}: the file or its folder is read-only")
    if "full" in text:
        return OperationFailed(f"cannot write to {path}: the disk is full; nothing was written")
    if "locked" in text or "busy" in text:
        return OperationFailed(f"{path} stayed locked by another writer; nothing was written")
    if isinstance(exc, sqlite3.DatabaseError) and "malformed" in text:
        return InvalidInput(f"{path} is damaged: {text}")
    return OperationFailed(f"{path}: {text}")

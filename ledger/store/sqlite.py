"""The event store in one SQLite file: the default ledger.

Owns: `SQLiteStore` (the `Recorder` hooks for SQLite) and `storage_error`. Appends are atomic
batches under BEGIN IMMEDIATE (retried with backoff while another writer holds the lock):
positions are gapless, each hash chains to the one before, an expected stream version guards
against stale writers, and a known idempotency key writes nothing; the file's triggers
(`sqlite_schema`) refuse anything else. The file can also hold the read models, which catch up
inside each append's transaction (`hosted_views`); so does the Merkle tree (`merkle_nodes`).
Imports: `events`, `ledger.store.*`, `ledger.proofs.merkle`, `ledger.errors`, orjson.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import orjson

from events.envelope import Envelope
from ledger.errors import ConcurrencyConflict, InvalidInput, OperationFailed
from ledger.proofs.merkle import NodeId
from ledger.store import sqlite_schema as schema
from ledger.store.codec import COLUMNS, CONTENT_FIELDS, KEY, Row, envelope_of
from ledger.store.hashing import GENESIS
from ledger.store.kernel import Known, new_uuid, utc_now
from ledger.store.protocol import HostedViews, Observer
from ledger.store.recorder import Recorder
from ledger.store.tree import TreeNode

T = TypeVar("T")

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM events"
_INSERT = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
_HEAD = "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
_PAGE = 2_000
_SELECT_BY_KEY = f"{_SELECT} WHERE idempotency_key = ?"
_VERSION = "SELECT max(version) FROM events WHERE stream = ?"
# Reading pages of the log: with a position range, and optionally one stream or some types.
_LAST_POSITION = 2**63 - 1
_RANGE = f"{_SELECT} WHERE position >= ? AND position <= ?"
_TYPES_IN = "type IN (SELECT value FROM json_each(?))"
_PAGE_ALL = f"{_RANGE} ORDER BY position LIMIT {_PAGE}"
_PAGE_STREAM = f"{_RANGE} AND stream = ? ORDER BY position LIMIT {_PAGE}"
_PAGE_TYPES = f"{_RANGE} AND {_TYPES_IN} ORDER BY position LIMIT {_PAGE}"
_PAGE_STREAM_TYPES = f"{_RANGE} AND stream = ? AND {_TYPES_IN} ORDER BY position LIMIT {_PAGE}"
# Sets of values go in as one JSON array parameter: one constant statement, whatever the size.
_IN_JSON = "IN (SELECT value FROM json_each(?))"
_SELECT_BY_KEYS = f"{_SELECT} WHERE idempotency_key {_IN_JSON}"
_KNOWN_KEYS = f"SELECT idempotency_key FROM events WHERE idempotency_key {_IN_JSON}"
_KNOWN_IDS = f"SELECT id, position, {', '.join(CONTENT_FIELDS)} FROM events WHERE id {_IN_JSON}"
_SELECT_VERSIONS = (
    f"SELECT stream, max(version) FROM events WHERE stream {_IN_JSON} GROUP BY stream"
)
_ATTEMPTS = 12
_NODE = "SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?"
_NODES = "SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx"
_ADD_NODE = "INSERT OR IGNORE INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)"
_HASHES = "SELECT hash FROM events WHERE position >= ? AND position <= ? ORDER BY position"


def _json_array(values: Sequence[str] | set[str]) -> bytes:
    return orjson.dumps(sorted(values))


class SQLiteStore(Recorder[sqlite3.Connection]):
    """The event store in one SQLite file (WAL, busy timeout, BEGIN IMMEDIATE)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = new_uuid,
    ) -> None:
        super().__init__(clock=clock, new_id=new_id)
        self.path = os.fspath(path)
        self.readonly = readonly
        self._conn: sqlite3.Connection | None = None
        # Called inside each append's transaction with (connection, new events, head before):
        # read models that live in this file catch up atomically with the log.
        self._observers: list[Observer] = []
        if readonly or os.path.exists(self.path):
            self._conn = schema.connect(path, readonly=readonly)

    @property
    def location(self) -> str:
        """The file's path."""
        return self.path

    @property
    def observers(self) -> list[Observer]:
        """Called inside each append's transaction (the hosted read models' catch-up)."""
        return self._observers

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection; a new ledger file is created only when something is written."""
        if self._conn is None:
            self._conn = schema.connect(self.path)
        return self._conn

    def hosted_views(self) -> HostedViews:
        """The ledger file holds its read models too."""
        return self

    @property
    def _unborn(self) -> bool:
        """True while no file exists yet: reads see an empty log and create nothing."""
        return self._conn is None

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the write lock for the whole batch; retry with backoff while others hold it."""
        if self.readonly:
            raise OperationFailed(f"{self.path} is open read-only")
        conn = self.conn
        self._begin(conn)
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise ConcurrencyConflict(f"append refused by the log: {exc}") from None
            if isinstance(exc, sqlite3.Error):
                raise storage_error(self.path, exc) from None
            raise

    def _begin(self, conn: sqlite3.Connection) -> None:
        delay = 0.005
        for attempt in range(_ATTEMPTS):
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if (
                    "locked" not in str(exc) and "busy" not in str(exc)
                ) or attempt == _ATTEMPTS - 1:
                    raise storage_error(self.path, exc) from None
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)

    def _write(self, body: Callable[[sqlite3.Connection], T]) -> T:
        with self.transaction() as conn:
            return body(conn)

    def _head(self, conn: sqlite3.Connection) -> tuple[int, str]:
        found = conn.execute(_HEAD).fetchone()
        return (found[0], found[1]) if found else (0, GENESIS)

    def _insert(self, conn: sqlite3.Connection, rows: list[Row]) -> None:
        conn.executemany(_INSERT, rows)

    def _written(self, conn: sqlite3.Connection, created: list[Envelope], before: int) -> None:
        for observer in self._observers:
            observer(conn, created, before)

    def _by_keys(self, conn: sqlite3.Connection, keys: set[str]) -> dict[str, Envelope]:
        found: dict[str, Envelope] = {}
        for row in conn.execute(_SELECT_BY_KEYS, (_json_array(keys),)):
            found[row[KEY]] = envelope_of(row)
        return found

    def _versions(self, conn: sqlite3.Connection, streams: set[str]) -> dict[str, int]:
        return dict(conn.execute(_SELECT_VERSIONS, (_json_array(streams),)).fetchall())

    def _known(self, conn: sqlite3.Connection, ids: list[str]) -> Known:
        rows = conn.execute(_KNOWN_IDS, (_json_array(ids),)).fetchall()
        return {row[0]: tuple(row[1:]) for row in rows}

    def _known_keys(self, conn: sqlite3.Connection, keys: list[str]) -> set[str]:
        return {row[0] for row in conn.execute(_KNOWN_KEYS, (_json_array(keys),))}

    # -- the Merkle tree ----------------------------------------------------------------------

    def _reading(self, body: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return body(self.conn)
        except sqlite3.Error as exc:
            raise storage_error(self.path, exc) from None

    def _tree_nodes(self, conn: sqlite3.Connection, ids: Sequence[NodeId]) -> dict[NodeId, bytes]:
        found: dict[NodeId, bytes] = {}
        try:
            for node in ids:
                row = conn.execute(_NODE, node).fetchone()
                if row is not None:
                    found[node] = row[0]
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):  # a read-only file older than the tree
                raise
        return found

    def _event_hashes(self, conn: sqlite3.Connection, first: int, last: int) -> list[str]:
        return [row[0] for row in conn.execute(_HASHES, (first, last))]

    def _insert_nodes(self, conn: sqlite3.Connection, nodes: list[TreeNode]) -> None:
        conn.executemany(_ADD_NODE, nodes)

    def _stored_nodes(self, conn: sqlite3.Connection) -> list[TreeNode]:
        try:
            return [(level, idx, digest) for level, idx, digest in conn.execute(_NODES)]
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            return []

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
        if self._unborn:
            return
        last = stop if stop is not None else _LAST_POSITION
        cursor = start
        names = orjson.dumps(list(types)) if types else None
        while True:
            page = self._page(cursor, last, stream, names)
            yield from page
            if len(page) < _PAGE:
                return
            cursor = page[-1][0] + 1

    def _page(self, cursor: int, last: int, stream: str | None, names: bytes | None) -> list[Any]:
        if stream is None and names is None:
            return self.conn.execute(_PAGE_ALL, (cursor, last)).fetchall()
        if names is None:
            return self.conn.execute(_PAGE_STREAM, (cursor, last, stream)).fetchall()
        if stream is None:
            return self.conn.execute(_PAGE_TYPES, (cursor, last, names)).fetchall()
        return self.conn.execute(_PAGE_STREAM_TYPES, (cursor, last, stream, names)).fetchall()

    def head(self) -> int:
        """Return the last position (0 for an empty log)."""
        return 0 if self._unborn else self._head(self.conn)[0]

    def stream_version(self, stream: str) -> int:
        """Return a stream's current version (0 if it has no events)."""
        if self._unborn:
            return 0
        found: int | None = self.conn.execute(_VERSION, (stream,)).fetchone()[0]
        return found or 0

    def missing_triggers(self) -> list[str]:
        """Return the names of append-only guards that are not in place."""
        return [] if self._unborn else schema.missing_triggers(self.conn)

    def guard_problems(self) -> list[str]:
        """Say what is wrong with the append-only guards; empty when all is well."""
        return [] if self._unborn else schema.guard_problems(self.conn)

    def find_by_key(self, key: str) -> Envelope | None:
        """Return the event recorded under an idempotency key, or None."""
        if self._unborn:
            return None
        row = self.conn.execute(_SELECT_BY_KEY, (key,)).fetchone()
        return envelope_of(row) if row else None

    def close(self) -> None:
        """Release the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def storage_error(path: str, exc: sqlite3.Error) -> OperationFailed | InvalidInput:
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

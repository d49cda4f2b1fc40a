"""The event store in PostgreSQL: one shared log that many analysts append to at once.

Owns: `PostgresStore`, the `Recorder` hooks for `--ledger postgresql://...`, with the guarantees of
`SQLiteStore`. An append is one transaction that takes the writer lock (an advisory lock),
reads the head, and computes positions as head + 1, + 2, ... under it: positions stay gapless
whatever the writers do, and a rolled-back append leaves no hole (no sequence is involved).
`UNIQUE (stream, version)`, unique ids and idempotency keys back the checks in the database;
triggers refuse UPDATE, DELETE and TRUNCATE. Payloads are stored as the same canonical JSON
text as SQLite's and hashed by `ledger.store.hashing`, so a log verifies, exports and imports
identically on either backend. Reads are keyset pages by position: memory stays flat, and no
transaction is held open between pages (nothing pins old row versions; a reader may append
while it iterates). Writers blocked by others are retried with backoff.
Imports: psycopg 3 (optional: only `postgresql://` ledgers load this module), `events`,
`ledger.store.*` (the recorder template, the row codec, `postgres_schema`), `ledger.errors`,
`ledger.proofs.merkle`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors

from events.envelope import Envelope
from ledger.errors import ConcurrencyConflict, InvalidInput, OperationFailed
from ledger.proofs.merkle import NodeId
from ledger.store import postgres_schema as pg_schema
from ledger.store.codec import COLUMNS, CONTENT_FIELDS, KEY, Row, envelope_of
from ledger.store.hashing import GENESIS
from ledger.store.kernel import Known, new_uuid, utc_now
from ledger.store.recorder import Recorder
from ledger.store.tree import TreeNode

T = TypeVar("T")

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM events"
_COPY_IN = f"COPY events ({', '.join(COLUMNS)}) FROM STDIN"
_PAGE = 2_000
_LAST_POSITION = 2**63 - 1
_HEAD = "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"
_RANGE = f"{_SELECT} WHERE position >= %s AND position <= %s"
_PAGE_ALL = f"{_RANGE} ORDER BY position LIMIT {_PAGE}"
_PAGE_STREAM = f"{_RANGE} AND stream = %s ORDER BY position LIMIT {_PAGE}"
_PAGE_TYPES = f"{_RANGE} AND type = ANY(%s) ORDER BY position LIMIT {_PAGE}"
_PAGE_STREAM_TYPES = f"{_RANGE} AND stream = %s AND type = ANY(%s) ORDER BY position LIMIT {_PAGE}"
# Sets of values go in as one array parameter: one constant statement, whatever the size.
_SELECT_BY_KEYS = f"{_SELECT} WHERE idempotency_key = ANY(%s)"
_KNOWN_IDS = f"SELECT id, position, {', '.join(CONTENT_FIELDS)} FROM events WHERE id = ANY(%s)"
_BY_KEY = f"{_SELECT} WHERE idempotency_key = %s"
_KNOWN_KEYS = "SELECT idempotency_key FROM events WHERE idempotency_key = ANY(%s)"
_VERSION = "SELECT max(version) FROM events WHERE stream = %s"
_SELECT_VERSIONS = "SELECT stream, max(version) FROM events WHERE stream = ANY(%s) GROUP BY stream"
_NODES_IN = (
    "SELECT level, idx, hash FROM merkle_nodes "
    "WHERE (level, idx) IN (SELECT * FROM unnest(%s::smallint[], %s::bigint[]))"
)
_NODES = "SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx"
_ADD_NODE = "INSERT INTO merkle_nodes (level, idx, hash) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
_HASHES = "SELECT hash FROM events WHERE position >= %s AND position <= %s ORDER BY position"
_ATTEMPTS = 12
_CHUNK = 10_000  # values per array parameter in an import's look-ups


class PostgresStore(Recorder[psycopg.Connection[Any]]):
    """The event store in a PostgreSQL database (or one schema of it), shared by many writers."""

    def __init__(
        self,
        url: str,
        *,
        readonly: bool = False,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = new_uuid,
    ) -> None:
        super().__init__(clock=clock, new_id=new_id)
        self.url = url
        self.where = pg_schema.describe(url)
        self.readonly = readonly
        self._conn: psycopg.Connection[Any] | None = None
        self._ready = False
        self._tree_ready = False  # merkle_nodes is known to exist (a ledger may predate it)
        self._ready = self._has_ledger()
        if readonly and not self._ready:
            raise InvalidInput(
                f"no ledger at {self.where} (write to it first, e.g. `claims append`)"
            )

    @property
    def location(self) -> str:
        """Where the log is, for messages (the URL without its password)."""
        return self.where

    @property
    def conn(self) -> psycopg.Connection[Any]:
        """The connection, opened again if the last one was lost."""
        if self._conn is None or self._conn.closed:
            self._conn = pg_schema.connect(self.url, readonly=self.readonly)
        return self._conn

    def _has_ledger(self) -> bool:
        """True once the ledger's tables exist (another writer may create them meanwhile)."""
        if not self._ready:
            self._ready = self._query(lambda conn: pg_schema.ledger_state(conn, self.where))
        return self._ready

    def _query(self, fn: Callable[[psycopg.Connection[Any]], T]) -> T:
        """Run a read, turning driver errors into one clear line."""
        try:
            return fn(self.conn)
        except psycopg.Error as exc:
            raise pg_schema.storage_error(self.where, exc) from None

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """One write transaction holding the writer lock: every append is serialised by it.

        Not retried (the body may have effects); `append` and `import_log` retry whole
        transactions when another writer was in the way.
        """
        if self.readonly:
            raise OperationFailed(f"{self.where} is open read-only")
        try:
            with self._locked() as conn:
                yield conn
        except psycopg.Error as exc:
            raise self._error(exc) from None

    @contextmanager
    def _locked(self) -> Iterator[psycopg.Connection[Any]]:
        conn = self.conn
        if not self._ready:
            pg_schema.create(conn, self.where)
            self._ready = True
        if not self._tree_ready:
            conn.execute(pg_schema.TREE_DDL)
            self._tree_ready = True
        with conn.transaction():
            conn.execute(pg_schema.SET_LOCK_TIMEOUT)
            conn.execute(pg_schema.WRITER_LOCK)
            yield conn

    def _error(self, exc: psycopg.Error) -> OperationFailed:
        if isinstance(exc, pg_errors.IntegrityError):
            return ConcurrencyConflict(f"append refused by the log: {pg_schema.first_line(exc)}")
        return pg_schema.storage_error(self.where, exc)

    def _write(self, body: Callable[[psycopg.Connection[Any]], T]) -> T:
        """Run `body` in a locked transaction; retry it whole while other writers are in the
        way (deadlock, serialisation failure, lock timeout), with jittered backoff."""
        if self.readonly:
            raise OperationFailed(f"{self.where} is open read-only")
        delay = 0.01
        for attempt in range(_ATTEMPTS):
            try:
                with self._locked() as conn:
                    return body(conn)
            except pg_schema.RETRYABLE as exc:
                if attempt == _ATTEMPTS - 1:
                    raise self._error(exc) from None
            except psycopg.Error as exc:
                raise self._error(exc) from None
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")  # pragma: no cover

    def _head(self, conn: psycopg.Connection[Any]) -> tuple[int, str]:
        found = conn.execute(_HEAD).fetchone()
        return (found[0], found[1]) if found else (0, GENESIS)

    def _insert(self, conn: psycopg.Connection[Any], rows: list[Row]) -> None:
        """Write rows with COPY: one round trip for the whole batch."""
        if not rows:
            return
        with conn.cursor() as cur, cur.copy(_COPY_IN) as copy:
            for row in rows:
                copy.write_row(row)

    def _known_keys(self, conn: psycopg.Connection[Any], values: list[str]) -> set[str]:
        """Return which of `values` (idempotency keys) the log already has, in chunked
        look-ups."""
        found: set[str] = set()
        for start in range(0, len(values), _CHUNK):
            chunk = (values[start : start + _CHUNK],)
            rows = conn.execute(_KNOWN_KEYS, chunk).fetchall()
            found.update(row[0] for row in rows)
        return found

    def _known(self, conn: psycopg.Connection[Any], ids: list[str]) -> Known:
        """Return, for each of `ids` the log already has, (position, *CONTENT_FIELDS)."""
        found: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(ids), _CHUNK):
            for row in conn.execute(_KNOWN_IDS, (ids[start : start + _CHUNK],)).fetchall():
                found[row[0]] = tuple(row[1:])
        return found

    def _by_keys(self, conn: psycopg.Connection[Any], keys: set[str]) -> dict[str, Envelope]:
        """Return the events already recorded under any of `keys`, by key (one query)."""
        found: dict[str, Envelope] = {}
        for row in conn.execute(_SELECT_BY_KEYS, (sorted(keys),)).fetchall():
            found[row[KEY]] = envelope_of(row)
        return found

    def _versions(self, conn: psycopg.Connection[Any], streams: set[str]) -> dict[str, int]:
        """Return the current version of each stream that has events (one query)."""
        return dict(conn.execute(_SELECT_VERSIONS, (sorted(streams),)).fetchall())

    # -- the Merkle tree ----------------------------------------------------------------------

    def _reading(self, body: Callable[[psycopg.Connection[Any]], T]) -> T:
        return self._query(body)

    def _tree_nodes(
        self, conn: psycopg.Connection[Any], ids: Sequence[NodeId]
    ) -> dict[NodeId, bytes]:
        levels, indexes = [node[0] for node in ids], [node[1] for node in ids]
        try:
            rows = conn.execute(_NODES_IN, (levels, indexes)).fetchall()
        except pg_errors.UndefinedTable:  # a read of a ledger older than the tree
            return {}
        return {(level, idx): bytes(digest) for level, idx, digest in rows}

    def _event_hashes(self, conn: psycopg.Connection[Any], first: int, last: int) -> list[str]:
        return [row[0] for row in conn.execute(_HASHES, (first, last)).fetchall()]

    def _insert_nodes(self, conn: psycopg.Connection[Any], nodes: list[TreeNode]) -> None:
        if nodes:
            with conn.cursor() as cur:
                cur.executemany(_ADD_NODE, nodes)

    def _stored_nodes(self, conn: psycopg.Connection[Any]) -> list[TreeNode]:
        try:
            rows = conn.execute(_NODES).fetchall()
        except pg_errors.UndefinedTable:
            return []
        return [(level, idx, bytes(digest)) for level, idx, digest in rows]

    # -- reading -----------------------------------------------------------------------------

    def _select(
        self,
        *,
        start: int,
        stop: int | None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Sequence[Any]]:
        """Page through the log by position (keyset pages: each one query, no open cursor)."""
        if not self._has_ledger():
            return
        last = stop if stop is not None else _LAST_POSITION
        cursor = max(start, 1)
        names = list(types) if types else None
        while True:
            page = self._query(
                lambda conn: _page(conn, cursor, last, stream, names)  # noqa: B023
            )
            yield from page
            if len(page) < _PAGE:
                return
            cursor = page[-1][0] + 1

    def head(self) -> int:
        """Return the last position (0 for an empty log)."""
        return self._query(self._head)[0] if self._has_ledger() else 0

    def stream_version(self, stream: str) -> int:
        """Return a stream's current version (0 if it has no events)."""
        if not self._has_ledger():
            return 0
        found = self._query(lambda conn: conn.execute(_VERSION, (stream,)).fetchone())
        return (found[0] if found else None) or 0

    def missing_triggers(self) -> list[str]:
        """Return the names of append-only guards that are not in place (or are disabled)."""
        if not self._has_ledger():
            return []
        return self._query(pg_schema.missing_triggers)

    def guard_problems(self) -> list[str]:
        """Say what is wrong with the append-only guards; empty when all is well."""
        if not self._has_ledger():
            return []
        return self._query(pg_schema.guard_problems)

    def find_by_key(self, key: str) -> Envelope | None:
        """Return the event recorded under an idempotency key, or None."""
        if not self._has_ledger():
            return None
        found = self._query(lambda conn: conn.execute(_BY_KEY, (key,)).fetchone())
        return envelope_of(found) if found else None

    def close(self) -> None:
        """Release the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _page(
    conn: psycopg.Connection[Any],
    cursor: int,
    last: int,
    stream: str | None,
    names: list[str] | None,
) -> list[Any]:
    """One keyset page of the log from position `cursor`, filtered."""
    if stream is None and names is None:
        return conn.execute(_PAGE_ALL, (cursor, last)).fetchall()
    if names is None:
        return conn.execute(_PAGE_STREAM, (cursor, last, stream)).fetchall()
    if stream is None:
        return conn.execute(_PAGE_TYPES, (cursor, last, names)).fetchall()
    return conn.execute(_PAGE_STREAM_TYPES, (cursor, last, stream, names)).fetchall()

"""The event store in memory: a fake with every guarantee of the real backends.

Owns: `MemoryStore` (the `Recorder` hooks over a Python list), the fake the store contract
suite runs on beside SQLite and PostgreSQL (like eventsourcing's POPO recorder), and what
the application tests use when they need a log but not a file. Its rows are a list that
refuses to change or lose an item, as the real backends' triggers do; a test that must tamper
goes around it on purpose (`list.__setitem__`), as an attacker with file access would. The
stored Merkle tree nodes are a dict beside the rows (`AppendOnlyRows.tree`).
Imports: `events.envelope`, `ledger.store.*`, `ledger.proofs.merkle`, `ledger.errors`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn, TypeVar, overload

from events.envelope import Envelope
from ledger.errors import ConcurrencyConflict, OperationFailed
from ledger.proofs.merkle import NodeId
from ledger.store.codec import COLUMNS, CONTENT_FIELDS, KEY, TYPE, Row, envelope_of
from ledger.store.hashing import GENESIS
from ledger.store.kernel import Known, new_uuid, utc_now
from ledger.store.recorder import Recorder
from ledger.store.tree import TreeNode

T = TypeVar("T")

_POSITION, _ID, _STREAM, _VERSION = 0, 1, 2, 3
_CONTENT = tuple(COLUMNS.index(name) for name in CONTENT_FIELDS)


class AppendOnlyRows(Sequence[Row]):
    """The stored rows, which only grow at the head: the fake's append-only guard. Reading is
    a sequence's; assigning or deleting an item is refused, as the real triggers refuse."""

    def __init__(self, rows: Sequence[Row] = ()) -> None:
        self._items: list[Row] = list(rows)
        self.tree: dict[NodeId, bytes] = {}  # the stored Merkle tree nodes

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...
    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        return self._items[index]

    def __setitem__(self, index: object, value: object) -> NoReturn:
        raise OperationFailed("events are append-only: an event cannot be changed")

    def __delitem__(self, index: object) -> NoReturn:
        raise OperationFailed("events are append-only: an event cannot be removed")

    def extend_at_head(self, rows: Sequence[Row]) -> None:
        """Add rows after the last one, each at the next position and chained to it (the
        INSERT guard of the real backends)."""
        head, last_hash = (self[-1][_POSITION], self[-1][-1]) if self._items else (0, GENESIS)
        ids = {row[_ID] for row in self._items}
        for row in rows:
            if row[_POSITION] != head + 1 or row[-2] != last_hash or row[_ID] in ids:
                raise ConcurrencyConflict(f"append refused by the log: row at {row[_POSITION]}")
            head, last_hash = row[_POSITION], row[-1]
            ids.add(row[_ID])
        self._items.extend(rows)

    def add_nodes(self, nodes: Sequence[TreeNode]) -> None:
        """Store tree nodes, keeping any already stored."""
        for level, index, digest in nodes:
            self.tree.setdefault((level, index), digest)


class MemoryStore(Recorder[AppendOnlyRows]):
    """An event store in one process's memory; writes are serialised by a lock."""

    def __init__(
        self,
        *,
        name: str | None = None,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = new_uuid,
    ) -> None:
        super().__init__(clock=clock, new_id=new_id)
        self.name = name or f"memory:{new_id()[:8]}"  # tells two logs' local views apart
        self.rows = AppendOnlyRows()
        self._lock = threading.Lock()

    @property
    def location(self) -> str:
        """A name for messages, unique to this store unless given."""
        return self.name

    def _write(self, body: Callable[[AppendOnlyRows], T]) -> T:
        """Run `body` against a scratch copy; publish its rows only if it returns."""
        with self._lock:
            staged = _Staged(self.rows)
            result = body(staged)
            self.rows.extend_at_head(staged.added)
            self.rows.add_nodes(staged.added_nodes)
            return result

    def _head(self, conn: AppendOnlyRows) -> tuple[int, str]:
        return (conn[-1][_POSITION], conn[-1][-1]) if len(conn) else (0, GENESIS)

    def _by_keys(self, conn: AppendOnlyRows, keys: set[str]) -> dict[str, Envelope]:
        return {row[KEY]: envelope_of(row) for row in conn if row[KEY] in keys}

    def _versions(self, conn: AppendOnlyRows, streams: set[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for row in conn:
            if row[_STREAM] in streams:
                found[row[_STREAM]] = max(found.get(row[_STREAM], 0), row[_VERSION])
        return found

    def _known(self, conn: AppendOnlyRows, ids: list[str]) -> Known:
        wanted = set(ids)
        return {
            row[_ID]: (row[_POSITION], *(row[i] for i in _CONTENT))
            for row in conn
            if row[_ID] in wanted
        }

    def _known_keys(self, conn: AppendOnlyRows, keys: list[str]) -> set[str]:
        wanted = set(keys)
        return {row[KEY] for row in conn if row[KEY] in wanted}

    def _insert(self, conn: AppendOnlyRows, rows: list[Row]) -> None:
        conn.extend_at_head(rows)

    def _select(
        self,
        *,
        start: int,
        stop: int | None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Sequence[Any]]:
        wanted = set(types) if types else None
        for row in list(self.rows._items):
            if row[_POSITION] < start or (stop is not None and row[_POSITION] > stop):
                continue
            if stream is not None and row[_STREAM] != stream:
                continue
            if wanted is not None and row[TYPE] not in wanted:
                continue
            yield row

    def head(self) -> int:
        """Return the last position (0 for an empty log)."""
        return self._head(self.rows)[0]

    def _reading(self, body: Callable[[AppendOnlyRows], T]) -> T:
        return body(self.rows)

    def _tree_nodes(self, conn: AppendOnlyRows, ids: Sequence[NodeId]) -> dict[NodeId, bytes]:
        return {node: conn.tree[node] for node in ids if node in conn.tree}

    def _event_hashes(self, conn: AppendOnlyRows, first: int, last: int) -> list[str]:
        return [conn[position - 1][-1] for position in range(first, last + 1)]

    def _insert_nodes(self, conn: AppendOnlyRows, nodes: list[TreeNode]) -> None:
        conn.add_nodes(nodes)

    def _stored_nodes(self, conn: AppendOnlyRows) -> list[TreeNode]:
        return [(level, index, conn.tree[level, index]) for level, index in sorted(conn.tree)]

    def stream_version(self, stream: str) -> int:
        """Return a stream's current version (0 if it has no events)."""
        return self._versions(self.rows, {stream}).get(stream, 0)

    def missing_triggers(self) -> list[str]:
        """The guard is the rows' type, which no caller can take away: never missing."""
        return []

    def guard_problems(self) -> list[str]:
        """Nothing can be wrong with a guard that is the type of the rows."""
        return []

    def find_by_key(self, key: str) -> Envelope | None:
        """Return the event recorded under an idempotency key, or None."""
        return next((envelope_of(row) for row in self.rows if row[KEY] == key), None)

    def close(self) -> None:
        """Nothing to release."""


class _Staged(AppendOnlyRows):
    """The rows a write sees: the published ones, then what it added (dropped on failure)."""

    def __init__(self, published: AppendOnlyRows) -> None:
        super().__init__(published)
        self.tree = dict(published.tree)
        self.added: list[Row] = []
        self.added_nodes: list[TreeNode] = []

    def extend_at_head(self, rows: Sequence[Row]) -> None:
        super().extend_at_head(rows)
        self.added.extend(rows)

    def add_nodes(self, nodes: Sequence[TreeNode]) -> None:
        super().add_nodes(nodes)
        self.added_nodes.extend(nodes)

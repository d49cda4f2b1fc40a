"""The one recorder template every backend fills in: append, import and read, over hooks.

Owns: `Recorder`, the shared body of `append`, `import_log`, `read`, `read_records` and
`read_rows`, and of the Merkle tree's `tree_head`, `inclusion_proof`, `consistency_proof` and
`tree_nodes`. A backend supplies only what differs: how to hold its write lock (`_write`), and
the few reads and the inserts it does under it. The decisions themselves are the pure kernel's
(`chain_batch`, `plan_import`) and the tree's (`ledger.store.tree`), so no backend can decide
an append differently; the tree grows inside the append's transaction, after its rows.
Imports: `events.envelope`, `ledger.errors`, `ledger.proofs.merkle`, `ledger.store.codec`,
`ledger.store.kernel`, `ledger.store.protocol`, `ledger.store.tree`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson

from events.envelope import Envelope
from ledger.errors import InvalidInput
from ledger.proofs.merkle import (
    EMPTY_ROOT,
    NodeId,
    Range,
    consistency_ranges,
    fold,
    frontier_ids,
    inclusion_ranges,
    proof_from_nodes,
    range_nodes,
)
from ledger.store.codec import Row, envelope_of, raw_of
from ledger.store.kernel import (
    Known,
    Prepared,
    batch_keys,
    chain_batch,
    gc_paused,
    new_uuid,
    plan_import,
    prepare_batch,
    utc_now,
)
from ledger.store.protocol import EventRecord, HostedViews, ImportResult, Recorded
from ledger.store.tree import TreeNode, all_nodes, frontier_at, grown, read_nodes

if TYPE_CHECKING:
    from events.new_event import NewEvent

C = TypeVar("C")  # the backend's connection (or, for the fake, the list of rows)
T = TypeVar("T")


class Recorder(ABC, Generic[C]):
    """An event store built from a backend's hooks; see the module docstring."""

    def __init__(
        self,
        *,
        clock: Callable[[], str] = utc_now,
        new_id: Callable[[], str] = new_uuid,
    ) -> None:
        self._clock = clock
        self._new_id = new_id

    # -- the hooks a backend provides ----------------------------------------------------------

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the log is, for messages (never with a password)."""

    @abstractmethod
    def _write(self, body: Callable[[C], T]) -> T:
        """Run `body` holding the write lock, in one transaction (all or nothing)."""

    @abstractmethod
    def _head(self, conn: C) -> tuple[int, str]:
        """The last position and its hash (0 and GENESIS for an empty log)."""

    @abstractmethod
    def _by_keys(self, conn: C, keys: set[str]) -> dict[str, Envelope]:
        """The events already recorded under any of `keys`, by key."""

    @abstractmethod
    def _versions(self, conn: C, streams: set[str]) -> dict[str, int]:
        """The current version of each of `streams` that has events."""

    @abstractmethod
    def _known(self, conn: C, ids: list[str]) -> Known:
        """For each of `ids` the log has: (position, *CONTENT_FIELDS)."""

    @abstractmethod
    def _known_keys(self, conn: C, keys: list[str]) -> set[str]:
        """Which of `keys` (idempotency keys) the log already has."""

    @abstractmethod
    def _insert(self, conn: C, rows: list[Row]) -> None:
        """Insert decided rows (in position order)."""

    @abstractmethod
    def _select(
        self,
        *,
        start: int,
        stop: int | None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
    ) -> Iterator[Sequence[Any]]:
        """Stream stored rows in position order, paged so memory stays flat."""

    @abstractmethod
    def head(self) -> int:
        """Return the last position (0 for an empty log)."""

    @abstractmethod
    def _reading(self, body: Callable[[C], T]) -> T:
        """Run a read outside any write (the store exists: its head is above 0)."""

    @abstractmethod
    def _tree_nodes(self, conn: C, ids: Sequence[NodeId]) -> dict[NodeId, bytes]:
        """The stored Merkle tree nodes among `ids` (those it has)."""

    @abstractmethod
    def _event_hashes(self, conn: C, first: int, last: int) -> list[str]:
        """The `hash` of each event at positions first..last, in position order."""

    @abstractmethod
    def _insert_nodes(self, conn: C, nodes: list[TreeNode]) -> None:
        """Store Merkle tree nodes, keeping any already stored."""

    @abstractmethod
    def _stored_nodes(self, conn: C) -> list[TreeNode]:
        """Every stored Merkle tree node, by level and index."""

    def _written(self, conn: C, created: list[Envelope], before: int) -> None:
        """Called inside the write transaction after the rows went in (default: nothing)."""

    def hosted_views(self) -> HostedViews | None:
        """This store's file as the home of the read models (default: it has none)."""
        return None

    # -- the template ----------------------------------------------------------------------------

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append all of `batch` or none of it; return one `Recorded` per event.

        Each payload is serialised once outside the lock; under it, the keys and stream
        versions the batch needs are read with one query each and the decided rows are
        inserted in one go.
        """
        prepared = prepare_batch(batch)
        with gc_paused():
            return self._write(lambda conn: self._append(conn, batch, prepared))

    def _append(
        self, conn: C, batch: Sequence[NewEvent], prepared: list[Prepared]
    ) -> list[Recorded]:
        position, prev_hash = self._head(conn)
        keys = batch_keys(batch)
        rows, results = chain_batch(
            prepared,
            position=position,
            prev_hash=prev_hash,
            by_key=self._by_keys(conn, keys) if keys else {},
            versions=self._versions(conn, {item.stream for item in batch}),
            new_id=self._new_id,
            clock=self._clock,
        )
        self._insert(conn, rows)
        self._grow_tree(conn, position, rows)
        self._written(conn, [r.envelope for r in results if r.created], position)
        return results

    def import_log(self, envelopes: Sequence[Envelope]) -> ImportResult:
        """Add the events this log lacks; into an empty log, keep every position and hash."""
        with gc_paused():
            return self._write(lambda conn: self._import(conn, envelopes))

    def _import(self, conn: C, envelopes: Sequence[Envelope]) -> ImportResult:
        position, prev_hash = self._head(conn)
        if position == 0:
            plan = plan_import(
                envelopes, position=0, prev_hash=prev_hash, known={}, known_keys=set(), versions={}
            )
        else:
            keys = [e.idempotency_key for e in envelopes if e.idempotency_key]
            plan = plan_import(
                envelopes,
                position=position,
                prev_hash=prev_hash,
                known=self._known(conn, [e.id for e in envelopes]),
                known_keys=self._known_keys(conn, keys) if keys else set(),
                versions=self._versions(conn, {e.stream for e in envelopes}),
            )
        self._insert(conn, plan.rows)
        self._grow_tree(conn, position, plan.rows)
        created = list(envelopes) if plan.exact else [envelope_of(r) for r in plan.rows]
        self._written(conn, created, position)
        return ImportResult(imported=len(plan.rows), skipped=plan.skipped, exact=plan.exact)

    # -- reading -----------------------------------------------------------------------------

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
            yield envelope_of(row)

    def read_records(self, *, start: int = 1, stop: int | None = None) -> Iterator[EventRecord]:
        """Stream events as `EventRecord`s (payload decoded, no model built): for folds."""
        loads = orjson.loads  # the replay hot path: one tuple a row, no call but the decode
        for p, i, s, v, t, sv, r, a, k, data, prev, h in self._select(start=start, stop=stop):
            yield EventRecord(p, i, s, v, t, sv, r, a, k, loads(data), prev, h)

    def read_rows(self, *, start: int = 1, stop: int | None = None) -> Iterator[dict[str, Any]]:
        """Stream raw rows (payload as stored text `data_json`), for verification and export."""
        for row in self._select(start=start, stop=stop):
            yield raw_of(row)

    # -- the Merkle tree (leaf i is the event at position i + 1) ----------------------------

    def _grow_tree(self, conn: C, before: int, rows: list[Row]) -> None:
        """Extend the stored tree by the rows just inserted after position `before`."""
        if not rows:
            return
        frontier, complete = frontier_at(before, *self._tree_readers(conn))
        if not complete:  # a ledger older than its tree: store the tree so far, once
            self._insert_nodes(conn, list(all_nodes(self._all_hashes(conn, before))))
        self._insert_nodes(conn, grown(frontier, (row[-1] for row in rows)))

    def _all_hashes(self, conn: C, last: int) -> Iterator[str]:
        for first in range(1, last + 1, _HASH_PAGE):
            yield from self._event_hashes(conn, first, min(first + _HASH_PAGE - 1, last))

    def _tree_readers(
        self, conn: C
    ) -> tuple[Callable[[Sequence[NodeId]], dict[NodeId, bytes]], Callable[[int, int], list[str]]]:
        return (lambda ids: self._tree_nodes(conn, ids)), (
            lambda first, last: self._event_hashes(conn, first, last)
        )

    def _read_tree(self, ids: list[NodeId]) -> dict[NodeId, bytes]:
        return self._reading(lambda conn: read_nodes(ids, *self._tree_readers(conn)))

    def _sized(self, size: int | None) -> int:
        head = self.head()
        if size is None:
            return head
        if not 0 <= size <= head:
            raise InvalidInput(f"the log has {head} events: there is no tree of size {size}")
        return size

    def tree_head(self, size: int | None = None) -> tuple[int, bytes]:
        """Return (size, root hash) of the tree of the first `size` events (None: all)."""
        size = self._sized(size)
        if size == 0:
            return 0, EMPTY_ROOT
        ids = frontier_ids(size)
        found = self._read_tree(ids)
        return size, fold([found[node] for node in ids])

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        """Return the proof that leaf `index` (the event at position index + 1) is in the
        tree of `size`."""
        size = self._sized(size)
        if not 0 <= index < size:
            raise InvalidInput(f"leaf {index} is not in the tree of size {size}")
        return self._proof(inclusion_ranges(index, size))

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        """Return the proof that the tree of `old_size` is a prefix of the tree of `new_size`."""
        new_size = self._sized(new_size)
        if not 0 <= old_size <= new_size:
            raise InvalidInput(
                f"no consistency proof from size {old_size} to size {new_size}: "
                "the old size must be between 0 and the new one"
            )
        return self._proof(consistency_ranges(old_size, new_size))

    def _proof(self, ranges: list[Range]) -> list[bytes]:
        found = self._read_tree([node for lo, hi in ranges for node in range_nodes(lo, hi)])
        return proof_from_nodes(ranges, found.__getitem__)

    def tree_nodes(self) -> list[TreeNode]:
        """Every stored Merkle tree node (level, index, hash), for `verify` to compare."""
        return self._reading(self._stored_nodes) if self.head() else []


_HASH_PAGE = 50_000

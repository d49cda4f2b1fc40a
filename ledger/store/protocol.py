"""What every event store is to the rest of the ledger: the protocol and its result types.

Owns: `EventStore` (the complete interface the application uses: nothing reaches past it),
`HostedViews` (the one optional capability: a store whose file can also hold the read models),
`Recorded`, `ImportResult`, `EventRecord`. The Merkle tree over the log is part of the
interface: its root at any size and its proofs, read from what the store keeps.
Imports: `events` only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from events.envelope import Envelope

if TYPE_CHECKING:
    from events.new_event import NewEvent

Observer = Callable[[sqlite3.Connection, list[Envelope], int], None]
"""Called inside an append's transaction with (connection, new events, head before)."""


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


class EventRecord(NamedTuple):
    """A recorded event as the projections read it: the envelope's fields, payload decoded,
    built positionally from a row (the replay hot path; rows come from the log as is), where
    an `Envelope` is built by name."""

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


class HostedViews(Protocol):
    """A store whose own file holds the read models too (SQLite): they catch up inside each
    append's transaction, through `observers`, so the log and its views never disagree."""

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection to the file holding both the log and the read models."""
        ...

    @property
    def observers(self) -> list[Observer]:
        """Called inside each append's (and import's) transaction."""
        ...

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """Hold the write lock (for a rebuild of the read models)."""
        ...


class EventStore(Protocol):
    """An append-only, hash-chained log of events, read in position order."""

    @property
    def location(self) -> str:
        """Where the log is, for messages and to tell logs apart (never with a password)."""
        ...

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

    def read_records(self, *, start: int = 1, stop: int | None = None) -> Iterator[EventRecord]:
        """Stream events as `EventRecord`s (payload decoded, no model built): for folds."""
        ...

    def read_rows(self, *, start: int = 1, stop: int | None = None) -> Iterator[dict[str, Any]]:
        """Stream raw rows (payload as stored text `data_json`), for verification and export."""
        ...

    def head(self) -> int:
        """Return the last position (0 for an empty log)."""
        ...

    def tree_head(self, size: int | None = None) -> tuple[int, bytes]:
        """Return (size, root) of the RFC 6962 Merkle tree over the first `size` events'
        hashes (None: the whole log); leaf i is the event at position i + 1."""
        ...

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        """Return the proof that leaf `index` (position index + 1) is in the tree of `size`."""
        ...

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        """Return the proof that the tree of `old_size` is a prefix of the tree of `new_size`."""
        ...

    def tree_nodes(self) -> list[tuple[int, int, bytes]]:
        """Return every stored tree node as (level, index, hash), for `verify` to compare."""
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

    def hosted_views(self) -> HostedViews | None:
        """This store's file as the home of the read models, or None (they live elsewhere)."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...

"""The storage layer: the append-only, hash-chained log, on SQLite, PostgreSQL or in memory.

    protocol.py         EventStore (the whole interface), HostedViews, Recorded, ImportResult
    kernel.py           the pure decisions: chain_batch, plan_import, content_conflict
    codec.py            a stored row <-> an envelope
    hashing.py          canonical JSON, the event hash, walking the chain
    recorder.py         the append/import/read template over per-backend hooks
    tree.py             the Merkle tree as stored: which nodes, reading roots and proofs
    sqlite.py           SQLiteStore                (sqlite_schema.py: the file, its guards)
    postgres.py         PostgresStore, a shared log (postgres_schema.py: tables, guards)
    memory.py           MemoryStore, the in-memory fake every test of the contract runs on too
    exchange.py         the export file format (a header line, then one event per line)

`open_store` picks the backend from the target's spelling; PostgreSQL (and psycopg) load only
for a `postgresql://` target. Imports: `events`, `ledger.errors`, `ledger.proofs.merkle`.
"""

from __future__ import annotations

import os

from ledger.errors import InvalidInput
from ledger.store.kernel import gc_paused
from ledger.store.protocol import EventRecord, EventStore, HostedViews, ImportResult, Recorded

__all__ = [
    "EventRecord",
    "EventStore",
    "HostedViews",
    "ImportResult",
    "Recorded",
    "gc_paused",
    "open_store",
]


def _is_postgres_url(target: str) -> bool:
    """True for a `postgresql://` (or `postgres://`) URL: a shared log, not a file."""
    return target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | os.PathLike[str], *, readonly: bool = False) -> EventStore:
    """Open the log at `target`: a SQLite file (created on first write) or a PostgreSQL URL."""
    name = os.fspath(target)
    if not _is_postgres_url(name):
        from ledger.store.sqlite import SQLiteStore

        return SQLiteStore(name, readonly=readonly)
    try:
        from ledger.store.postgres import PostgresStore
    except ImportError as exc:
        if not (exc.name or "").startswith("psycopg"):
            raise
        raise InvalidInput(
            "a postgresql:// ledger needs the PostgreSQL driver: "
            "pip install 'claim-ledger[postgres]'"
        ) from None
    return PostgresStore(name, readonly=readonly)

"""The core of claim-ledger: the append-only store, the Ledger service, projections, ingestion.

Imports `events`; never `cli`.
"""

from ledger.errors import (
    ConcurrencyConflict,
    IntegrityError,
    InvalidInput,
    LedgerError,
    NotALedger,
    NotFound,
    OperationFailed,
)
from ledger.service import Ledger, VerifyReport
from ledger.store import EventStore, SQLiteStore

__all__ = [
    "ConcurrencyConflict",
    "EventStore",
    "IntegrityError",
    "InvalidInput",
    "Ledger",
    "LedgerError",
    "NotALedger",
    "NotFound",
    "OperationFailed",
    "SQLiteStore",
    "VerifyReport",
]

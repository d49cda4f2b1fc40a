"""The core of claim-ledger: the log, the application on top of it, read models, extraction.

The one entry point the CLI uses. Names load on first use (PEP 562), so `import ledger` or
`from ledger import InvalidInput` costs nothing: the service, pydantic, SQLite and the
extractor load only when a command needs them. Imports `events`; never `cli`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.lazy import lazy_names

if TYPE_CHECKING:
    from ledger.app.audit import at_or_above
    from ledger.app.bundles import check_bundle, prove_claim
    from ledger.app.checkpoints import (
        check_consistency,
        cosign_checkpoint,
        default_origin,
        issue_checkpoint,
        verify_checkpoint,
    )
    from ledger.app.keyfiles import new_key_pair, read_signer, read_verifier
    from ledger.app.ledger import Ledger, open_ledger
    from ledger.app.results import VerifyReport
    from ledger.app.web import Web, WebOptions
    from ledger.errors import (
        ConcurrencyConflict,
        IntegrityError,
        InvalidInput,
        LedgerError,
        NotALedger,
        NotFound,
        OperationFailed,
    )
    from ledger.files import FileTooLarge, describe_mode, read_regular_file
    from ledger.importers import ArticleOptions, ArticleSource, extract_articles
    from ledger.ingest.readers import MAX_ARTICLE_BYTES
    from ledger.redact import scrub
    from ledger.store import EventStore, open_store
    from ledger.store.memory import MemoryStore
    from ledger.store.sqlite import SQLiteStore

_HOMES = {
    "ConcurrencyConflict": "ledger.errors",
    "IntegrityError": "ledger.errors",
    "InvalidInput": "ledger.errors",
    "LedgerError": "ledger.errors",
    "NotALedger": "ledger.errors",
    "NotFound": "ledger.errors",
    "OperationFailed": "ledger.errors",
    "Ledger": "ledger.app.ledger",
    "open_ledger": "ledger.app.ledger",
    "VerifyReport": "ledger.app.results",
    "Web": "ledger.app.web",
    "WebOptions": "ledger.app.web",
    "EventStore": "ledger.store",
    "open_store": "ledger.store",
    "MemoryStore": "ledger.store.memory",
    "SQLiteStore": "ledger.store.sqlite",
    # what the CLI needs beyond the Ledger: article sources, limits, audit and file helpers
    "ArticleOptions": "ledger.importers",
    "ArticleSource": "ledger.importers",
    "extract_articles": "ledger.importers",
    "MAX_ARTICLE_BYTES": "ledger.ingest.readers",
    "at_or_above": "ledger.app.audit",
    "FileTooLarge": "ledger.files",
    "describe_mode": "ledger.files",
    "read_regular_file": "ledger.files",
    "scrub": "ledger.redact",
    # checkpoints, keys and bundles (issue 16)
    "check_bundle": "ledger.app.bundles",
    "prove_claim": "ledger.app.bundles",
    "check_consistency": "ledger.app.checkpoints",
    "cosign_checkpoint": "ledger.app.checkpoints",
    "default_origin": "ledger.app.checkpoints",
    "issue_checkpoint": "ledger.app.checkpoints",
    "verify_checkpoint": "ledger.app.checkpoints",
    "new_key_pair": "ledger.app.keyfiles",
    "read_signer": "ledger.app.keyfiles",
    "read_verifier": "ledger.app.keyfiles",
}

__all__ = [
    "MAX_ARTICLE_BYTES",
    "ArticleOptions",
    "ArticleSource",
    "ConcurrencyConflict",
    "EventStore",
    "FileTooLarge",
    "IntegrityError",
    "InvalidInput",
    "Ledger",
    "LedgerError",
    "MemoryStore",
    "NotALedger",
    "NotFound",
    "OperationFailed",
    "SQLiteStore",
    "VerifyReport",
    "Web",
    "WebOptions",
    "at_or_above",
    "check_bundle",
    "check_consistency",
    "cosign_checkpoint",
    "default_origin",
    "describe_mode",
    "extract_articles",
    "issue_checkpoint",
    "new_key_pair",
    "open_ledger",
    "open_store",
    "prove_claim",
    "read_regular_file",
    "read_signer",
    "read_verifier",
    "scrub",
    "verify_checkpoint",
]
"""What `ledger` exports: each name loads from its home in `_HOMES` on first use."""


__getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)

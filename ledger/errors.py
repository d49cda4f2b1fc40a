"""The exceptions the ledger raises, and what each means to a user.

    LedgerError                  anything the ledger refuses; carries one line for stderr
    ├── InvalidInput             bad usage or bad input: the CLI exits 2
    │   └── NotALedger           the file is not a claim ledger (or is from a newer release)
    └── OperationFailed          well-formed, but refused or failed: the CLI exits 1
        ├── ConcurrencyConflict  the stream moved on since the caller read it
        ├── NotFound             no such claim, stream or event
        │   └── NoMatch          a read filter matches nothing in a ledger that has claims
        └── IntegrityError       the log does not verify (broken chain, bad event)

Imports: the standard library only.
"""

from __future__ import annotations


class LedgerError(Exception):
    """Base of every error the ledger reports to a user; `str(err)` is one line."""

    exit_code = 1


class InvalidInput(LedgerError):
    """The caller's input is malformed or out of range; nothing was written."""

    exit_code = 2


class NotALedger(InvalidInput):
    """The file exists but is not a claim ledger this release can open."""


class OperationFailed(LedgerError):
    """The request was well-formed but could not be carried out; nothing was written."""

    exit_code = 1


class ConcurrencyConflict(OperationFailed):
    """An append expected a stream version that is no longer current."""


class NotFound(OperationFailed):
    """A claim, stream or event the caller named does not exist."""


class NoMatch(NotFound):
    """A filter (a claimant, metric, subject, ...) matches nothing in a ledger that is not
    empty: said, with what the ledger has instead, never shown as an empty answer."""

    def __init__(self, message: str, *, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions: list[str] = list(suggestions or ())


class IntegrityError(OperationFailed):
    """The log fails verification: a broken hash chain or an event that does not validate."""

"""What every command and query handler is given: the ledger they act on, as a protocol.

Owns: `Session` (the store, the read models as of now or a position, and the
one way to append), the stream an event goes on by default (`default_stream`; a claim's own
stream is named by `ledger.importers.claim_stream`), and the input checks handlers share
(`iso_date`, `known_metric`). The `Ledger` façade is the one implementation.
Imports: `events`, `ledger.projections` (types), `ledger.store` (types), `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from events import METRICS
from ledger.errors import InvalidInput
from ledger.projections import ReadModel
from ledger.store import EventStore, Recorded

if TYPE_CHECKING:
    from events import Event
    from events.new_event import NewEvent


class Session(Protocol):
    """The ledger a handler acts on."""

    @property
    def store(self) -> EventStore:
        """The log."""
        ...

    def read_model(self, *, at: int | None = None) -> ReadModel:
        """The read models as of the head, or as the log stood at position `at`."""
        ...

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append a batch atomically and bring the read models up to date."""
        ...


def default_stream(event: Event) -> str | None:
    """Return the stream an event belongs to when the caller does not name one."""
    from events import ArticleRecorded, ArticleRevised, ClaimAsserted, SourceAliased  # writes

    if isinstance(event, ClaimAsserted):
        from ledger.importers import claim_stream  # here: a read loads no importer module

        return claim_stream(event.claim.claim_id)
    if isinstance(event, ArticleRecorded | ArticleRevised):
        return f"article-{event.article_id}"
    if isinstance(event, SourceAliased):
        return "sources"
    return None


def iso_date(value: str | None, option: str) -> str | None:
    """Check a date option: YYYY-MM-DD, a real calendar date."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidInput(f"{option} must be a date YYYY-MM-DD, got {value!r}") from None


def known_metric(metric: str) -> str:
    """Refuse a metric the taxonomy does not have, suggesting the closest and naming all;
    any case ("Tanks" is tanks). See `ledger.app.filters.choice`."""
    from ledger.app.filters import choice

    known = choice("metric", metric, METRICS)
    assert known is not None
    return known

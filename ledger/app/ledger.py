"""The `Ledger`: the thin façade a command (or a script) talks to, and `open_ledger`.

Owns: opening a ledger (`open_ledger`: the store from the target's spelling, the read models
where that store lets them live), the read model as of now or a position (`read_model`), the
one way to append (`append`), and one method per command, query and maintenance task, each
handing over to its handler in `commands`, `queries` or `maintenance`. Clock and ids are
injected through the store, so tests are deterministic.
Imports: `ledger.app.*`, `ledger.projections`, `ledger.store`, `ledger.errors`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from events.envelope import Envelope
from ledger.app.placement import ReadModels, place_read_models
from ledger.app.results import ShowResult, TotalExplanation, VerifyReport
from ledger.errors import InvalidInput
from ledger.lazy import lazy_module
from ledger.projections import (
    By,
    MemoryReadModel,
    MemoryRows,
    ReadModel,
    SQLiteReadModel,
    TotalRow,
    fold,
)
from ledger.store import EventStore, ImportResult, Recorded, open_store

if TYPE_CHECKING:
    from events.new_event import NewEvent
    from ledger.app import (
        articles_view,
        commands,
        consistency,
        history,
        maintenance,
        queries,
        reviews,
        search,
    )
    from ledger.app.articles_view import ArticleShow, Shown
    from ledger.app.audit import Finding
    from ledger.app.search import Found
    from ledger.app.web import RoundReport, Web
    from ledger.importers import ArticleOptions, ArticleSource, DatasetSummary
    from ledger.ingest.pipeline import IngestResult

else:  # each command's handlers load when it runs: `show` never imports the write path
    articles_view, commands, consistency, history, maintenance, queries, reviews, search = (
        lazy_module(f"ledger.app.{name}")
        for name in [
            "articles_view",
            "commands",
            "consistency",
            "history",
            "maintenance",
            "queries",
            "reviews",
            "search",
        ]
    )

DEFAULT_VIEWS = "claims-views.db"
"""Where `open_ledger` keeps the read models of a shared log unless told otherwise."""


def open_ledger(
    target: str | os.PathLike[str],
    *,
    readonly: bool = False,
    views: str | os.PathLike[str] | None = None,
) -> Ledger:
    """Open the ledger at `target`: a SQLite file (created on first write; its read models
    live inside it), or a `postgresql://` URL (its read models in the local file `views`)."""
    store = open_store(target, readonly=readonly)
    if store.hosted_views() is not None:
        return Ledger(store)
    ledger = Ledger(store, views=views or DEFAULT_VIEWS)
    try:
        ledger.views  # noqa: B018 - a bad views path is refused before anything is written
    except BaseException:
        ledger.close()
        raise
    return ledger


class Ledger:
    """One claim ledger: append events, read them back, verify, export and import."""

    def __init__(
        self,
        store: EventStore,
        *,
        views: str | os.PathLike[str] | None = None,
    ) -> None:
        self.store = store
        self.place: ReadModels = place_read_models(store, views)

    open = staticmethod(open_ledger)

    @property
    def views(self) -> sqlite3.Connection:
        """The connection holding the read models (for a shared log: the local views file)."""
        return self.place.connection()

    def close(self) -> None:
        """Release the store (and the local views)."""
        self.place.close()
        self.store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the session every handler is given ------------------------------------------------------

    def read_model(self, *, at: int | None = None) -> ReadModel:
        """Return the read models as of the head (or as the log stood at position `at`).

        Tables that lag the log (written by an older release, or by a writer that crashed
        between commits) are not trusted: the log is replayed in memory instead.
        """
        if at is not None:
            if at < 0:
                raise InvalidInput("--at must be a position >= 0")
            return MemoryReadModel(self.replay_in_memory(stop=min(at, self.store.head())))
        conn, head = self.place.current()
        if conn is None:
            return MemoryReadModel(self.replay_in_memory(stop=head))
        return SQLiteReadModel(conn)

    def replay_in_memory(self, *, stop: int | None = None) -> MemoryRows:
        """Fold the log (up to `stop`) into fresh in-memory rows."""
        rows = MemoryRows()
        if stop == 0:
            return rows
        for event in self.store.read_records(stop=stop):
            fold(rows, event)
        return rows

    def append(self, batch: Sequence[NewEvent]) -> list[Recorded]:
        """Append a batch atomically (the entry point for ingestion and data sets)."""
        results = self.store.append(batch)
        self.place.after_write(results)
        return results

    # -- commands ----------------------------------------------------------------------------

    def assert_claim(
        self,
        fields: dict[str, Any],
        *,
        url: str | None = None,
        note: str | None = None,
        actor: str = "cli",
    ) -> Recorded:
        """`claims append`: one hand-entered claim."""
        return commands.assert_claim(self, fields, url=url, note=note, actor=actor)

    def append_event_document(self, document: Any, *, actor: str = "cli") -> Recorded:
        """`claims append --event`: one raw event document, held to the commands' rules."""
        return commands.append_event_document(self, document, actor=actor)

    def correct(
        self, claim_id: str, changes: dict[str, Any], *, reason: str, actor: str = "cli"
    ) -> Recorded:
        """`claims correct`."""
        return commands.correct(self, claim_id, changes, reason=reason, actor=actor)

    def retract(self, claim_id: str, *, reason: str, actor: str = "cli") -> Recorded:
        """`claims retract`."""
        return commands.retract(self, claim_id, reason=reason, actor=actor)

    def retract_article(
        self, article_id: str, *, reason: str, actor: str = "cli"
    ) -> list[Recorded]:
        """`claims retract --article`: every active claim of an article, in one batch."""
        return commands.retract_article(self, article_id, reason=reason, actor=actor)

    def alias(
        self, alias: str, canonical: str, *, kind: str = "claimant", actor: str = "cli"
    ) -> Recorded:
        """`claims alias`."""
        return commands.alias(self, alias, canonical, kind=kind, actor=actor)

    def review(
        self, claim_id: str, verdict: str, *, reason: str | None = None, actor: str = "cli"
    ) -> Recorded:
        """`claims review CLAIM_ID --accept | --reject --reason TEXT`."""
        return reviews.review(self, claim_id, verdict, reason=reason, actor=actor)

    def review_fix(
        self, claim_id: str, changes: dict[str, Any], *, note: str | None = None, actor: str = "cli"
    ) -> Recorded:
        """A reviewer's fix: a correction with the reason "review"."""
        return reviews.fix(self, claim_id, changes, note=note, actor=actor)

    def accept_article(self, article_id: str, *, actor: str = "cli") -> list[Recorded]:
        """`claims review --article ARTICLE_ID --accept-all`."""
        return reviews.accept_article(self, article_id, actor=actor)

    def review_queue(
        self, *, article_id: str | None = None, pending_only: bool = True
    ) -> list[reviews.ReviewItem]:
        """The claims `claims review` walks, article by article."""
        return reviews.queue(self, article_id=article_id, pending_only=pending_only)

    def review_progress(self) -> reviews.Progress:
        """How many extracted claims a person has reviewed, of how many."""
        return reviews.progress(self)

    def ingest(
        self,
        source: ArticleSource,
        options: ArticleOptions | None = None,
        *,
        dry_run: bool = False,
        actor: str = "cli",
        jobs: int | None = None,
    ) -> Iterator[IngestResult]:
        """`claims ingest`: one event per article, each in its own transaction; the claims
        read by `jobs` processes (default: every usable core), the log as a serial run's."""
        return commands.ingest(self, source, options, dry_run=dry_run, actor=actor, jobs=jobs)

    def import_dataset(
        self,
        paths: Sequence[str],
        *,
        fmt: str = "gs-daily",
        actor: str = "cli",
        dry_run: bool = False,
    ) -> DatasetSummary:
        """`claims import-dataset`: a reference data set, in one atomic batch."""
        return commands.import_dataset(self, paths, fmt=fmt, actor=actor, dry_run=dry_run)

    def ingest_urls(self, urls: Sequence[str], web: Web, **options: Any) -> Iterator[IngestResult]:
        """`claims ingest URL...`: each page fetched, read and recorded (`ledger.app.web`)."""
        from ledger.app.web import ingest_urls

        return ingest_urls(self, urls, web, **options)

    def watch_round(self, feeds: Sequence[str], web: Web, **options: Any) -> RoundReport:
        """`claims watch`: one round over the feeds (`ledger.app.web`)."""
        from ledger.app.web import watch_round

        return watch_round(self, feeds, web, **options)

    def reextract(self, article_id: str, **options: Any) -> IngestResult:
        """`claims reextract`: an article's kept page read again, offline."""
        from ledger.app.reextract import reextract

        return reextract(self, article_id, **options)

    # -- queries -----------------------------------------------------------------------------

    def totals(
        self,
        *,
        subject: str | None = None,
        metric: str | None = None,
        claimant: str | None = None,
        as_of: str | None = None,
        at: int | None = None,
        reviewed: bool = False,
        basis: str | None = None,
    ) -> list[TotalRow]:
        """`claims totals`."""
        return queries.totals(
            self,
            subject=subject,
            metric=metric,
            claimant=claimant,
            as_of=as_of,
            at=at,
            reviewed=reviewed,
            basis=basis,
        )

    def windows(self, **options: Any) -> list[dict[str, Any]]:
        """`claims windows` (its options: `ledger.app.windows.windows`)."""
        from ledger.app.windows import windows

        return windows(self, **options)

    def sources(
        self,
        *,
        by: By = "claimant",
        name: str | None = None,
        at: int | None = None,
        reviewed: bool = False,
    ) -> list[dict[str, Any]]:
        """`claims sources`."""
        return queries.sources(self, by=by, name=name, at=at, reviewed=reviewed)

    def history(
        self,
        metric: str,
        *,
        claimant: str | None = None,
        subject: str | None = None,
        at: int | None = None,
        reviewed: bool = False,
        since: str | None = None,
        until: str | None = None,
        deltas: bool = False,
        basis: str | None = None,
    ) -> list[dict[str, Any]]:
        """`claims history` (`deltas`: `claims history --deltas`)."""
        return history.history(
            self,
            metric=metric,
            claimant=claimant,
            subject=subject,
            at=at,
            reviewed=reviewed,
            since=since,
            until=until,
            deltas=deltas,
            basis=basis,
        )

    def show(self, claim_id: str, *, at: int | None = None) -> ShowResult:
        """`claims show`."""
        return queries.show(self, claim_id, at=at)

    def show_any(self, ident: str, *, at: int | None = None) -> Shown:
        """`claims show ID`: a claim, or an article, whichever the id names."""
        return articles_view.show_any(self, ident, at=at)

    def show_article(self, article_id: str, *, at: int | None = None) -> ArticleShow:
        """`claims show ARTICLE_ID`: an article's metadata, revisions and claims."""
        return articles_view.show_article(self, article_id, at=at)

    def search(self, *, at: int | None = None, **criteria: Any) -> list[Found]:
        """`claims search`: the claims meeting every criterion (see `search.make_query`)."""
        return search.find(self, search.make_query(**criteria), at=at)

    def check(self, **options: Any) -> list[Finding]:
        """`claims check` (its options: `queries.check`: metric, claimant, kind, since, at,
        reviewed, basis)."""
        return queries.check(self, **options)

    def audit_claim(self, claim_id: str) -> ShowResult:
        """`claims audit CLAIM_ID`."""
        return queries.audit_claim(self, claim_id)

    def audit_total(self, *, metric: str, **options: Any) -> list[TotalExplanation]:
        """`claims audit --metric` (its options: `queries.audit_total`: claimant, subject,
        as_of, reviewed, basis)."""
        return queries.audit_total(self, metric=metric, **options)

    def log(
        self,
        *,
        start: int = 1,
        stop: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> Iterator[Envelope]:
        """`claims log`."""
        return queries.log(self, start=start, stop=stop, stream=stream, types=types, limit=limit)

    def diff(self, **options: Any) -> dict[str, Any]:
        """`claims diff`: what changed between two positions (see `ledger.app.diff`)."""
        from ledger.app.diff import diff

        return diff(self, **options)

    def head(self) -> int:
        """The last position of the log (0 when empty)."""
        return self.store.head()

    def event_at(self, position: int) -> Envelope:
        """The event at a position (NotFound if there is none)."""
        return queries.event_at(self, position)

    # -- maintenance -------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """`claims verify`."""
        return maintenance.verify(self.store, self.place)

    def prove_consistency(
        self, old_size: int, new_size: int | None = None
    ) -> consistency.ConsistencyProof:
        """`claims prove --consistency`."""
        return consistency.prove_consistency(self.store, old_size, new_size)

    def replay(self, projection: str | None = None) -> tuple[int, int]:
        """`claims replay`."""
        return maintenance.replay(self.place, projection)

    def export_lines(self) -> Iterator[str]:
        """`claims export`."""
        return maintenance.export_lines(self.store)

    def import_lines(
        self, lines: Iterable[bytes | str] | BinaryIO, *, source: str, prefix: bool = False
    ) -> ImportResult:
        """`claims import`."""
        return maintenance.import_lines(self.store, self.place, lines, source=source, prefix=prefix)

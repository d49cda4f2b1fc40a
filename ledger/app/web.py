"""The web as a source: `ingest URL...` and `watch FEED...`.

Owns `WebOptions` (timeout, private addresses, robots.txt, the per-host delay, and the
analyst's --publisher/--published), `Web` (one run's fetcher, robots.txt cache and host
delays), `ingest_urls` (each URL fetched, read and recorded as a folder's files are: one
result each), `watch_round` (each feed read once, conditionally; its new entries ingested;
what it showed recorded as a `feed-polled` event) and `RoundReport`. A URL that cannot be
fetched or read is a failed result and writes nothing.
Imports: `events`, `ledger.errors`, `ledger.ingest.pipeline`, `ledger.ingest.readers`,
`ledger.web.*`, `ledger.app.session`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from events.new_event import NewEvent
from events.web import FeedPolled
from ledger.app.session import Session
from ledger.errors import LedgerError
from ledger.ingest.pipeline import Ingestor, IngestResult, KnownArticle, article_date
from ledger.ingest.readers import apply_overrides
from ledger.web.feeds import conditional_headers, feed_state, feed_stream, new_entries, read_feed
from ledger.web.fetch import FEED_TYPES, Fetched, Fetcher, FetchRefused, NetworkFailure
from ledger.web.pages import page_draft, page_event, undated_page_error
from ledger.web.robots import Robots
from ledger.web.schedule import MIN_EVERY, HostDelay, parse_duration
from ledger.web.urls import display_url

__all__ = ["RoundReport", "Web", "WebOptions", "ingest_urls", "watch_round"]


@dataclass(frozen=True, slots=True)
class WebOptions:
    """How to fetch, and what the analyst says about the pages."""

    timeout: float = 20.0
    allow_private: bool = False
    ignore_robots: bool = False
    delay: float = 1.0  # seconds between two requests to one host
    publisher: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Web:
    """One run's fetcher, robots.txt cache and per-host delays."""

    options: WebOptions
    fetcher: Fetcher
    robots: Robots | None = None
    hosts: HostDelay = field(default_factory=lambda: HostDelay(1.0))
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], float] = time.monotonic

    @classmethod
    def open(cls, options: WebOptions, **fetcher_args: object) -> Web:
        """A run with a fresh client (`fetcher_args`: a test's transport or resolver)."""
        fetcher = Fetcher(
            timeout=options.timeout,
            allow_private=options.allow_private,
            **fetcher_args,  # type: ignore[arg-type]
        )
        robots = None if options.ignore_robots else Robots(fetcher)
        return cls(options, fetcher, robots, HostDelay(options.delay))

    @staticmethod
    def every(text: str) -> float:
        """The seconds of a `--every` duration (at least a minute: polite polling)."""
        return parse_duration(text, minimum=MIN_EVERY)

    def close(self) -> None:
        """Release the client."""
        self.fetcher.close()

    def get(self, url: str, **kwargs: object) -> Fetched:
        """Fetch `url` once its host's delay has passed and robots.txt allows it, and
        allows each redirect target too (each host's robots.txt asked once a run)."""
        self.fetcher.check(url)  # a scheme or address refused before robots.txt is asked
        hop = None
        if self.robots is not None:
            self._allowed(url, url)

            def hop(target: str) -> None:
                self._allowed(target, url)

        self._polite(url)
        try:
            return self.fetcher.get(url, hop=hop, **kwargs)  # type: ignore[arg-type]
        finally:
            self.hosts.asked(url, self.now())

    def _allowed(self, url: str, asked: str) -> None:
        """Refuse `url` if its site's robots.txt forbids it (`asked`: the URL asked for)."""
        assert self.robots is not None
        self._polite(url)
        fetched_before = len(self.robots.cache)
        problem = self.robots.refusal(url)
        if len(self.robots.cache) > fetched_before:  # robots.txt was asked for: a request
            self.hosts.asked(url, self.now())
        if problem is not None:
            where = display_url(asked)
            if url != asked:
                where += f": redirected to {display_url(url)}"
            raise FetchRefused(f"{where}: {problem} (nothing written)", retry=True)

    def _polite(self, url: str) -> None:
        wait = self.hosts.wait(url, self.now())
        if wait > 0:
            self.sleep(wait)


def _known(session: Session) -> dict[str, KnownArticle]:
    known: dict[str, KnownArticle] = {}
    for row in session.read_model().articles():  # as `commands.ingest`: the first is the one
        known.setdefault(
            row["content_sha256"],
            KnownArticle(row["article_id"], row["title"], row["position"], len(row["claim_ids"])),
        )
    return known


def ingest_urls(
    session: Session,
    urls: Iterable[str],
    web: Web,
    *,
    dry_run: bool = False,
    actor: str = "cli",
) -> Iterator[IngestResult]:
    """Fetch, read and record each URL: one result each, a failure writing nothing."""
    ingestor = Ingestor(session.store, session.append, known=_known(session), actor=actor)
    for url in urls:
        yield _ingest_one(ingestor, url, web, dry_run=dry_run)


def _ingest_one(ingestor: Ingestor, url: str, web: Web, *, dry_run: bool) -> IngestResult:
    shown = display_url(url)
    try:
        fetched = web.get(url)
        draft = page_draft(fetched.body, content_type=fetched.content_type, url=fetched.url)
        draft = apply_overrides(
            draft, publisher=web.options.publisher, published=web.options.published
        )
        if article_date(draft) is None:
            raise undated_page_error(shown)
        page = page_event(
            fetched.body,
            url=fetched.url,
            final_url=fetched.final_url,
            fetched_at=fetched.fetched_at,
            status=fetched.status,
            content_type=fetched.content_type,
            raw_sha256=fetched.sha256,
        )
        return ingestor.ingest(draft, dry_run=dry_run, page=page)
    except LedgerError as exc:
        network = isinstance(exc, NetworkFailure)
        retry = network or bool(getattr(exc, "retry", False))  # a refusal that may change
        return IngestResult(
            source=shown,
            status="failed",
            error=str(exc),
            extra={"network": network, "retry": retry},
        )


@dataclass(slots=True)
class RoundReport:
    """What one round of `watch` did: per feed, a line; every page's result."""

    feeds: list[tuple[str, str]] = field(default_factory=list)  # (feed, what happened)
    results: list[IngestResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per feed that failed


def watch_round(
    session: Session,
    feeds: Iterable[str],
    web: Web,
    *,
    actor: str = "cli",
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> RoundReport:
    """Read each feed once (a conditional GET), ingest its new entries' pages, and record
    what it showed. A feed that fails is said and skipped; the others go on."""
    report = RoundReport()
    for feed in feeds:
        shown = display_url(feed)
        try:
            line = _poll(session, feed, web, report, actor=actor, clock=clock)
        except LedgerError as exc:
            report.errors.append(str(exc))
            line = "failed"
        report.feeds.append((shown, line))
    return report


def _poll(
    session: Session,
    feed: str,
    web: Web,
    report: RoundReport,
    *,
    actor: str,
    clock: Callable[[], datetime],
) -> str:
    """One feed, once: what happened, in a few words."""
    stream = feed_stream(feed)
    state = feed_state(e.data for e in session.store.read(stream=stream))
    answer = web.get(feed, accept=FEED_TYPES, headers=conditional_headers(state))
    if answer.status == 304:
        return "not modified"
    entries = read_feed(answer.body, feed_url=answer.url)
    fresh = new_entries(entries, state.seen)
    results = list(ingest_urls(session, (e.link for e in fresh), web, actor=actor))
    report.results.extend(results)
    # an entry is seen once its page was read or refused for good (a 404, a type that is
    # not a page); a network failure, a 5xx/408/429, robots.txt or an undated page is tried
    # again next poll, so the feed is then read in full, not conditionally (a 304 would hide it)
    seen = [e.entry_id for e, r in zip(fresh, results, strict=True) if not r.extra.get("retry")]
    validators = (answer.etag, answer.last_modified)
    if len(seen) < len(fresh):
        validators = (None, None)
    if seen or validators != (state.etag, state.last_modified):
        event = FeedPolled(
            feed_url=answer.url,
            polled_at=clock(),
            new_entries=seen,
            etag=validators[0],
            last_modified=validators[1],
        )
        item = NewEvent(stream=stream, event=event, expected_version=state.version, actor=actor)
        session.append([item])
    failed = sum(1 for r in results if r.status == "failed")
    return f"{len(entries)} entr(ies), {len(fresh)} new, {failed} failed"

"""Feeds: what an RSS or Atom document lists, and what a watched feed has already shown.

Owns `FeedEntry`, `read_feed` (feed bytes into entries, by feedparser: ids, and links made
absolute against the feed's URL), `FeedState` and `feed_state` (the fold of a feed's
`feed-polled` events: the entries seen, the validators of the last answer), `new_entries`
(the entries not seen yet, oldest first), `conditional_headers` (If-None-Match /
If-Modified-Since) and `feed_stream`. Pure: bytes and payloads in, values out; no sockets.
Imports: feedparser (lazily), the standard library, `ledger.errors`, `ledger.web.urls`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ledger.errors import InvalidInput
from ledger.web.urls import display_url

__all__ = [
    "FeedEntry",
    "FeedState",
    "conditional_headers",
    "feed_state",
    "feed_stream",
    "new_entries",
    "read_feed",
]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: its id (the feed's, else its link), its page, its title."""

    entry_id: str
    link: str
    title: str = ""


def read_feed(body: bytes, *, feed_url: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom document, in the feed's order; an entry without a
    link is skipped (there is no page to read). A document that is not a feed is refused."""
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    shown = display_url(feed_url)
    if not parsed.entries and (not parsed.get("version") or parsed.get("bozo")):
        why = parsed.get("bozo_exception")
        detail = f" ({' '.join(str(why).split())})" if why else ""
        raise InvalidInput(f"{shown}: not an RSS or Atom feed{detail}")
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link:
            continue
        link = urljoin(feed_url, link)
        entry_id = (item.get("id") or "").strip() or link
        entries.append(FeedEntry(entry_id[:2000], link, " ".join(item.get("title", "").split())))
    return entries


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the log knows of one feed: the entries seen, the last validators, the polls."""

    seen: frozenset[str] = frozenset()
    etag: str | None = None
    last_modified: str | None = None
    polls: int = 0
    version: int = 0  # the feed stream's version (the expected version of the next poll)


def feed_state(payloads: Iterable[Mapping[str, Any]]) -> FeedState:
    """Fold a feed's `feed-polled` payloads, in log order, into its state."""
    state = FeedState()
    for data in payloads:
        state = FeedState(
            seen=state.seen | frozenset(data.get("new_entries", ())),
            etag=data.get("etag"),
            last_modified=data.get("last_modified"),
            polls=state.polls + 1,
            version=state.version + 1,
        )
    return state


def new_entries(entries: Iterable[FeedEntry], seen: frozenset[str]) -> list[FeedEntry]:
    """The entries not seen before, oldest first (feeds list the newest first), once each."""
    out: list[FeedEntry] = []
    ids: set[str] = set()
    for entry in entries:
        if entry.entry_id in seen or entry.entry_id in ids:
            continue
        ids.add(entry.entry_id)
        out.append(entry)
    return out[::-1]


def conditional_headers(state: FeedState) -> dict[str, str]:
    """The headers of a conditional GET: the validators the last answer gave."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def feed_stream(feed_url: str) -> str:
    """The stream a feed's polls are recorded on (named by the URL, without credentials)."""
    return "feed-" + hashlib.sha256(display_url(feed_url).encode()).hexdigest()[:16]

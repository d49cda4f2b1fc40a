"""Pages: a fetched page's raw bytes read as an article, and kept as an event.

Owns `page_draft` (the bytes, in the charset their content type declares, read by the
existing readers: HTML by the HTML reader, text by the text reader; the article's URL is the
one asked for), `page_event` (the `page-fetched` event keeping the bytes) and
`undated_page_error` (the undated refusal, an `UndatedPage`, saying that a fetch time is not
a publication date). Pure: bytes in, drafts and events out. Imports: `events.web`, `ledger.errors`,
`ledger.ingest.readers`.
"""

from __future__ import annotations

import base64
import codecs
from datetime import datetime

from events.web import PageFetched
from ledger.errors import InvalidInput
from ledger.ingest.readers import ArticleDraft, read_article_bytes

__all__ = ["UndatedPage", "page_draft", "page_event", "undated_page_error"]

_HTML = ("text/html", "application/xhtml+xml")


def page_draft(raw: bytes, *, content_type: str, url: str) -> ArticleDraft:
    """Read a page's bytes into one article draft, named (and identified) by `url`."""
    media, charset = _media(content_type)
    data = _as_utf8(raw, charset, url)
    drafts = read_article_bytes(data, source=url, kind="html" if media in _HTML else "text")
    draft = drafts[0]
    return ArticleDraft(
        source=url,
        title=draft.title,
        text=draft.text,
        publisher=draft.publisher,
        author=draft.author,
        published=draft.published,
        url=url,
    )


def _media(content_type: str) -> tuple[str, str | None]:
    media, *params = (p.strip() for p in content_type.split(";"))
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _as_utf8(raw: bytes, charset: str | None, url: str) -> bytes:
    """The bytes as UTF-8: a page in another declared charset is decoded from it first."""
    if charset is None or codecs.lookup(_known(charset, url)).name == "utf-8":
        return raw
    try:
        return raw.decode(charset).encode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidInput(f"{url}: is not valid {charset} (byte at offset {err.start})") from None


def _known(charset: str, url: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InvalidInput(f"{url}: unknown charset {charset!r} in its content type") from None
    return charset


def page_event(
    raw: bytes,
    *,
    url: str,
    final_url: str,
    fetched_at: datetime,
    status: int,
    content_type: str,
    raw_sha256: str,
) -> PageFetched:
    """The event keeping a page's raw bytes, with where and when they were fetched."""
    return PageFetched(
        url=url,
        final_url=final_url,
        fetched_at=fetched_at,
        status=status,
        content_type=content_type,
        raw_sha256=raw_sha256,
        size=len(raw),
        body=base64.b64encode(raw).decode("ascii"),
    )


class UndatedPage(InvalidInput):
    """A page with no publication date on it: refused for now (the page, or the analyst's
    --published, may give one later), so a watched feed's entry is tried again."""

    retry = True


def undated_page_error(url: str) -> UndatedPage:
    """The undated refusal for a page: no date on it, and the fetch time is not one."""
    return UndatedPage(
        f"{url}: no publication date found on the page (the fetch time is not a publication "
        "date); give it with --published DATE (nothing written)"
    )

"""The text reader: plain-text and markdown articles, with the metadata written at their top.

Owns `read_text` (title from the first line that can be a headline, past navigation lines
and markdown marks; byline "By Jane Doe, Reuters April 2, 2023"; a dateline on a line of
its own; a URL standing alone near the top) and `shorten` (a title cut to 200 characters).
The text is kept as written, but for CRLF -> LF: claim quotes are offsets into it.
Imports: `drafts`, `written_dates`.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass

from ledger.ingest.drafts import ArticleDraft
from ledger.ingest.written_dates import WEEKDAYS, search_date

_TITLE_MAX = 200
_HEAD_LINES = 12  # bylines and datelines are looked for this many non-empty lines from the top
# Lines a saved web page starts with that are never the headline.
_NAV_LINES = frozenset(
    {
        "skip to content",
        "skip to main content",
        "skip to navigation",
        "edit post",
        "menu",
        "search",
        "advertisement",
        "sign in",
        "log in",
        "subscribe",
        "home",
    }
)


def read_text(raw: str, source: str) -> ArticleDraft:
    """Read a plain-text or markdown article: title from the first line, byline and date below."""
    text = raw.replace("\r\n", "\n")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title_index, title = _find_title(lines)
    # Markdown bylines are often emphasised ("*By Jane Doe*"); look at them without the marks.
    head = [line.strip("*_ ") for line in lines[title_index + 1 : title_index + 1 + _HEAD_LINES]]
    byline = _find_byline(head)
    published = byline.published or _find_dateline(head)
    return ArticleDraft(
        source=source,
        title=title,
        text=text,
        publisher=byline.publisher,
        author=byline.author,
        published=published,
        url=_find_url(lines[: title_index + 1 + _HEAD_LINES]),
    )


def _find_title(lines: list[str]) -> tuple[int, str]:
    """Return the index and cleaned text of the first line that can be a headline."""
    for index, line in enumerate(lines):
        if line.lower().rstrip(".:") in _NAV_LINES:
            continue
        title = _clean_title(line)
        if title:
            return index, title
    # _decode refused blank input, so some line had text; it was all markup (e.g. "---").
    return 0, shorten(lines[0])


def _clean_title(line: str) -> str:
    """Strip markdown heading marks and emphasis; a line of only rule characters is no title."""
    title = re.sub(r"^#{1,6}\s*", "", line)
    title = re.sub(r"\s+#+\s*$", "", title).strip()
    if re.fullmatch(r"[-=*_#~`\s]*", title):
        return ""
    emphasis = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", title)
    if emphasis:
        title = emphasis.group(2).strip()
    return shorten(title)


def shorten(title: str) -> str:
    if len(title) <= _TITLE_MAX:
        return title
    cut = title[:_TITLE_MAX].rsplit(" ", 1)[0]
    return cut + "…"


@dataclass(frozen=True)
class _Byline:
    author: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None


_BYLINE = re.compile(r"^(?:written\s+)?by\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)
_DESK = re.compile(
    r"^(?P<org>.+?)\s+(?:news\s*desk|desk|newsroom|staff(?:\s+writers?)?|"
    r"editorial\s+(?:team|board|staff)|editors|reporters)$",
    re.IGNORECASE,
)
# Lower-case words a name or an outlet's desk may contain ("Ursula von der Leyen", "news desk").
_NAME_LOWER_WORDS = frozenset(
    {"and", "&", "of", "the", "de", "da", "di", "del", "der", "van", "von", "la", "le", "al", "bin"}
    | {"news", "desk", "staff", "newsroom", "team", "editors", "reporters", "writers"}
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:UTC|GMT|EET|EEST|CET|CEST|ET|EST|EDT|BST))?",
    re.IGNORECASE,
)
_READ_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\s+read\b", re.IGNORECASE)
_SEPARATORS = " \t|·•,;:-–—/()"


def _find_byline(head: list[str]) -> _Byline:
    """Parse the first byline near the top ("by Jane Doe, Reuters April 2, 2023 3:43 PM")."""
    for line in head:
        match = _BYLINE.match(line)
        if not match or len(line) > 160:
            continue
        rest = match.group("rest")
        published = None
        found = search_date(rest)
        if found:
            published, (start, end) = found
            rest = rest[:start] + " " + rest[end:]
        rest = _READ_TIME.sub(" ", _TIME.sub(" ", rest))
        name = re.sub(r"\s+", " ", rest).strip(_SEPARATORS)
        byline = _split_name(name)
        if byline is not None:
            return dataclasses.replace(byline, published=published)
    return _Byline()


def _split_name(name: str) -> _Byline | None:
    """Split "Jane Doe, Reuters" into author and publisher; None if it is not a name at all."""
    parts = [p.strip() for p in re.split(r"\s*(?:,|\||·|•|\s-\s|\s–\s|\s—\s)\s*", name)]
    parts = [p for p in parts if p]
    if not parts or not all(_looks_like_name(p) for p in parts[:2]):
        return None
    author, publisher = parts[0], (parts[1] if len(parts) > 1 else None)
    desk = _DESK.match(author)
    if desk and publisher is None:
        # "by The Kyiv Independent news desk": the desk wrote it, the outlet published it.
        return _Byline(author=author, publisher=desk.group("org"))
    if publisher is None and author.lower().startswith("the "):
        return _Byline(publisher=author)  # "by The Kyiv Independent": an outlet, not a person
    return _Byline(author=author, publisher=publisher)


def _looks_like_name(text: str) -> bool:
    """Tell a name ("Jane Doe", "The Kyiv Independent") from a sentence ("By Tuesday, Russia")."""
    words = text.split()
    return (
        1 <= len(words) <= 8
        and text[:1].isupper()
        and not any(ch.isdigit() for ch in text)
        and all(w[0].isupper() or w.lower() in _NAME_LOWER_WORDS for w in words)
    )


_PUBLISHED_LABEL = re.compile(
    r"^(?:(?:first\s+)?published|posted|date|dated)(?:\s+on)?\s*:?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(r"^(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)


def _find_dateline(head: list[str]) -> datetime.date | None:
    """Find a publication date on a line of its own near the top (not an "Updated" line)."""
    for line in head:
        if _UPDATED_LABEL.match(line) or len(line) > 80:
            continue
        labelled = _PUBLISHED_LABEL.match(line)
        candidate = labelled.group("rest") if labelled else line
        found = search_date(candidate)
        if not found:
            continue
        value, (start, end) = found
        leftover = candidate[:start] + " " + candidate[end:]
        leftover = _READ_TIME.sub(" ", _TIME.sub(" ", leftover))
        leftover = re.sub(rf"\b(?:{WEEKDAYS}|on|at)\b", " ", leftover, flags=re.IGNORECASE)
        if labelled or not leftover.strip(_SEPARATORS + "."):
            return value
    return None


_URL_LINE = re.compile(
    r"^(?:(?:url|source|link|original|canonical)\s*:\s*)?<?(?P<url>https?://\S+?)>?$",
    re.IGNORECASE,
)


def _find_url(lines: list[str]) -> str | None:
    """Take a URL standing alone near the top (how saved pages and notes often record it)."""
    for line in lines:
        match = _URL_LINE.match(line)
        if match:
            return match.group("url")
    return None

"""Readers: turn what analysts collect into article drafts (issue 3, item 1).

Owns: `ArticleDraft`, `ArticleReadError`, expanding paths into article files, and reading plain
text / markdown, saved HTML pages and JSON article objects into drafts with their metadata.
Everything here is a pure function of the bytes it is given (plus the file system for paths):
no network, no clock, no global state. A draft's `text` is what claim quotes are offsets into,
so readers change it as little as possible (text files: CRLF -> LF only).

Imports: the standard library, `ledger.errors`, `ledger.files`; trafilatura/htmldate/lxml
lazily, for HTML only (so the CLI starts fast). Never `cli`.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ledger.errors import InvalidInput
from ledger.files import FileTooLarge, Skipped, UnreadableFile, read_regular_file, walk_folder

__all__ = [
    "MAX_ARTICLE_BYTES",
    "ArticleDraft",
    "ArticleReadError",
    "apply_overrides",
    "iter_article_files",
    "read_article_bytes",
    "read_article_file",
]

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""Larger inputs are refused: no news article is this big, and events must stay bounded."""

STDIN = "-"

_KIND_BY_SUFFIX = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
_SUFFIXES = ", ".join(_KIND_BY_SUFFIX)

_JSON_KEYS = ("url", "title", "publisher", "author", "published", "text")

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


@dataclass(frozen=True)
class ArticleDraft:
    """An article as read from a file, before any claim is extracted from it."""

    source: str  # the path, or "<stdin>"
    title: str
    text: str  # the text claims are quoted from; for HTML: title + "\n\n" + main text
    publisher: str | None = None
    author: str | None = None
    published: datetime.date | None = None
    url: str | None = None


class ArticleReadError(InvalidInput):
    """An input could not be read as an article; the message is one line naming the file."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


# --- paths ---------------------------------------------------------------------------------


def iter_article_files(paths: Sequence[str]) -> Iterator[str | Skipped]:
    """Yield the article files named by `paths`: directories recursively, files as given.

    Directories are walked in sorted order, skipping hidden entries, files whose extension is
    not an article format, and README files (a folder of articles often explains itself in one,
    e.g. examples/), so a run over a folder is reproducible. `-` (stdin) passes through. In a
    directory, a symbolic link leading out of it and a FIFO or device is not followed or read:
    it is yielded as `Skipped`, saying why (see `ledger.files.walk_folder`).
    """
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            found = list(_walk(path))
            if not found:
                raise ArticleReadError(path, f"no article files ({_SUFFIXES}) in this directory")
            yield from found
        elif os.path.lexists(path):
            yield path
        else:
            raise ArticleReadError(path, "no such file or directory")


def _walk(root: str) -> Iterator[str | Skipped]:
    """Yield the article files under `root`, depth first, in sorted order."""
    return walk_folder(root, _is_article_name)


def _is_article_name(name: str) -> bool:
    stem, suffix = os.path.splitext(name)
    return (
        not name.startswith(".")
        and suffix.lower() in _KIND_BY_SUFFIX
        and stem.lower() not in ("readme", "license", "changelog")
    )


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


# --- bytes ---------------------------------------------------------------------------------


def read_article_file(path: str) -> list[ArticleDraft]:
    """Read one article file (or a JSON file of several) into drafts, choosing by extension."""
    kind = _KIND_BY_SUFFIX.get(_suffix(path))
    if kind is None:
        raise ArticleReadError(path, f"unsupported file type (expected {_SUFFIXES})")
    try:
        # Kind and size first (a FIFO or a 50 MB file is refused unopened), then at most
        # limit + 1 bytes, in case the file grows while we read it.
        data = read_regular_file(path, MAX_ARTICLE_BYTES)
    except FileTooLarge as err:
        raise ArticleReadError(path, _too_large(err.size)) from None
    except UnreadableFile as err:
        raise ArticleReadError(path, err.problem) from None
    return read_article_bytes(data, source=path, kind=kind)


def read_article_bytes(data: bytes, *, source: str, kind: str | None = None) -> list[ArticleDraft]:
    """Read article bytes (e.g. stdin) into drafts; `kind` is "text", "html" or "json", or sniffed.

    Callers reading a stream should pass at most MAX_ARTICLE_BYTES + 1 bytes, so that an
    oversized input is refused here rather than read whole.
    """
    if kind is not None and kind not in ("text", "html", "json"):
        raise ValueError(f"unknown article kind {kind!r}")
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleReadError(source, _too_large(len(data)))
    text = _decode(data, source)
    kind = kind or _sniff(text)
    if kind == "html":
        return [_read_html(text, source)]
    if kind == "json":
        return _read_json(text, source)
    return [_read_text(text, source)]


def _too_large(size: int) -> str:
    limit = MAX_ARTICLE_BYTES // 2**20
    # A stream is read to limit + 1 bytes only, so its true size is unknown.
    shown = f"over {limit} MB" if size == MAX_ARTICLE_BYTES + 1 else f"{size / 2**20:.1f} MB"
    return f"too large ({shown}; the limit is {limit} MB)"


def _decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (a BOM is dropped), refusing empty, binary and mis-encoded input."""
    if not data.strip():
        raise ArticleReadError(source, "is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleReadError(source, "is UTF-16, not UTF-8 (save it as UTF-8)")
    if b"\x00" in data:
        raise ArticleReadError(source, "looks like a binary file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleReadError(
            source, f"is not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    if not text.strip():
        raise ArticleReadError(source, "is empty")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > len(text) // 20:
        raise ArticleReadError(source, "looks like a binary file (mostly control characters)")
    return text


def _sniff(text: str) -> str:
    """Guess the kind of stdin input from its first non-blank character."""
    first = text.lstrip()[:1]
    if first == "<":
        return "html"
    if first in ("{", "["):
        return "json"
    return "text"


# --- plain text and markdown ---------------------------------------------------------------


def _read_text(raw: str, source: str) -> ArticleDraft:
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
    return 0, _shorten(lines[0])


def _clean_title(line: str) -> str:
    """Strip markdown heading marks and emphasis; a line of only rule characters is no title."""
    title = re.sub(r"^#{1,6}\s*", "", line)
    title = re.sub(r"\s+#+\s*$", "", title).strip()
    if re.fullmatch(r"[-=*_#~`\s]*", title):
        return ""
    emphasis = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", title)
    if emphasis:
        title = emphasis.group(2).strip()
    return _shorten(title)


def _shorten(title: str) -> str:
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
        found = _search_date(rest)
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
        found = _search_date(candidate)
        if not found:
            continue
        value, (start, end) = found
        leftover = candidate[:start] + " " + candidate[end:]
        leftover = _READ_TIME.sub(" ", _TIME.sub(" ", leftover))
        leftover = re.sub(rf"\b(?:{_WEEKDAYS}|on|at)\b", " ", leftover, flags=re.IGNORECASE)
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


# --- dates ---------------------------------------------------------------------------------

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|"
    "fri|sat|sun"
)
_DATE_PATTERNS = (
    # 2023-04-02, also the date of 2023-04-02T15:43:00+03:00
    re.compile(
        r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d])"
    ),
    # April 2, 2023 / Apr. 2, 2023 / October 4 2022 / Tuesday, October 4 2022
    re.compile(
        rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    # 2 April 2023 / 2nd of April, 2023
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    # 02.04.2023, the day-first form Ukrainian official sources use
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d])"),
)


def _search_date(text: str) -> tuple[datetime.date, tuple[int, int]] | None:
    """Return the first valid calendar date written in `text`, with where it was found."""
    best: tuple[datetime.date, tuple[int, int]] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1][0]:
                break
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower()]
            try:
                value = datetime.date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                continue  # "February 30, 2023" is not a date
            best = (value, match.span())
            break
    return best


def _parse_iso_date(value: str) -> datetime.date:
    """Parse "YYYY-MM-DD" or an ISO 8601 datetime (its calendar date as written)."""
    value = value.strip()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return datetime.datetime.fromisoformat(value).date()


# --- JSON ----------------------------------------------------------------------------------


def _refuse_constant(name: str) -> None:
    """NaN and Infinity are not JSON; Python's parser accepts them unless told not to."""
    raise ValueError(f"{name} is not valid JSON")


def _valid_unicode(text: str, what: str) -> str:
    """Refuse a string holding a lone surrogate (a `\\ud800` escape JSON lets through, and no
    text can be stored or hashed with)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        bad = f"\\u{ord(text[err.start]):04x}"
        raise ValueError(
            f"{what} holds a lone surrogate {bad} at character {err.start}: not valid Unicode"
        ) from None
    return text


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build one JSON object, refusing a key given twice (the last would silently win) and a
    string that is not valid Unicode."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        _valid_unicode(key, "a key")
        if key in out:
            raise ValueError(f"the key {key!r} appears twice in one object")
        out[key] = _valid_unicode(value, repr(key)) if isinstance(value, str) else value
    return out


def _read_json(raw: str, source: str) -> list[ArticleDraft]:
    """Read one JSON article object, or a list of them, refusing anything ambiguous."""
    try:
        value = json.loads(raw, parse_constant=_refuse_constant, object_pairs_hook=_json_object)
    except json.JSONDecodeError as err:
        raise ArticleReadError(
            source, f"malformed JSON at line {err.lineno} column {err.colno}: {err.msg}"
        ) from None
    except RecursionError:
        raise ArticleReadError(source, "JSON nested too deeply to be an article") from None
    except ValueError as err:
        raise ArticleReadError(source, str(err)) from None
    if isinstance(value, dict):
        return [_json_article(value, source, where="")]
    if isinstance(value, list):
        if not value:
            raise ArticleReadError(source, "holds an empty list of articles")
        return [
            _json_article(item, source, where=f"article {number}: ")
            for number, item in enumerate(value, start=1)
        ]
    raise ArticleReadError(source, "must hold a JSON article object or a list of them")


def _json_article(value: Any, source: str, *, where: str) -> ArticleDraft:
    """Validate one JSON article object; unknown keys are refused so typos lose no data."""
    if not isinstance(value, dict):
        raise ArticleReadError(source, f"{where}expected a JSON object, got {_json_type(value)}")
    for key in value:
        if key not in _JSON_KEYS:
            close = difflib.get_close_matches(str(key), _JSON_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            allowed = ", ".join(_JSON_KEYS)
            raise ArticleReadError(
                source, f"{where}unknown key {key!r}{hint}; allowed keys: {allowed}"
            )
    fields = {key: _json_string(value, key, source, where) for key in _JSON_KEYS}
    for key in ("title", "text"):
        if fields[key] is None:
            raise ArticleReadError(source, f"{where}missing {key!r} (a non-empty string)")
    published = None
    if fields["published"] is not None:
        try:
            published = _parse_iso_date(fields["published"])
        except ValueError:
            raise ArticleReadError(
                source,
                f"{where}'published' must be YYYY-MM-DD or an ISO datetime, "
                f"got {fields['published']!r}",
            ) from None
    return ArticleDraft(
        source=source,
        title=fields["title"].strip(),
        text=fields["text"].replace("\r\n", "\n"),
        publisher=_strip_or_none(fields["publisher"]),
        author=_strip_or_none(fields["author"]),
        published=published,
        url=_strip_or_none(fields["url"]),
    )


def _json_string(value: dict[str, Any], key: str, source: str, where: str) -> str | None:
    """Return a string field, None when absent, null or blank; refuse any other type."""
    item = value.get(key)
    if item is None:
        return None
    if not isinstance(item, str):
        raise ArticleReadError(source, f"{where}{key!r} must be a string, got {_json_type(item)}")
    return item if item.strip() else None


def _json_type(value: Any) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _strip_or_none(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


# --- HTML ----------------------------------------------------------------------------------

# htmldate only accepts dates up to `max_date`, which trafilatura sets to today by default;
# a fixed ceiling keeps reading deterministic (no clock). Dates come from the page's markup
# (meta tags, JSON-LD, <time>), not a free-text search: in war reporting the oldest date in the
# body is usually "Feb. 24, 2022", not the publication date.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2999-12-31"}
_NON_TEXT_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "aside",
    "footer",
    "header",
    "form",
)

# Page furniture trafilatura's own boilerplate rules miss (issue 3, item 2): donation and
# membership appeals, subscribe boxes, author bios, "MORE NEWS" / "News Feed" / "Editors' Picks"
# / "Recommended Reading" blocks. Found by class or id, or by a block's first heading; never a
# block holding the headline, so a page-wide wrapper with a telling class survives.
_FURNITURE_TOKENS = (
    "donat",
    "support-",
    "membership",
    "subscribe",
    "subscription",
    "newsletter",
    "promo",
    "paywall",
    "author-bio",
    "author-box",
    "about-author",
    "bio",
    "more-news",
    "news-feed",
    "newsfeed",
    "editors-pick",
    "recommended",
    "read-more",
    "related",
    "sidebar",
)
_FURNITURE_HEADINGS = (
    "more news",
    "news feed",
    "latest news",
    "editors' picks",
    "editors’ picks",
    "editor's picks",
    "recommended reading",
    "recommended",
    "read more",
    "related",
    "related articles",
    "related stories",
    "most read",
    "popular",
    "about the author",
)


def _furniture_xpath() -> list[str]:
    """Build the XPath expressions that find furniture blocks (see _FURNITURE_TOKENS)."""
    lower = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    block = (
        "//*[self::div or self::section or self::aside or self::ul or self::ol or self::form]"
        "[not(.//h1) and not(.//article)]"
    )
    class_id = lower.format("concat(' ', @class, ' ', @id, ' ')")
    by_class = " or ".join(f"contains({class_id}, '{token}')" for token in _FURNITURE_TOKENS)
    heading = (
        "self::h2 or self::h3 or self::h4 or self::h5 or self::h6 or self::strong or self::span"
        " or self::p"
    )
    text = f"normalize-space({lower.format('.')})"
    by_heading = " or ".join(f"{text} = {_xpath_literal(h)}" for h in _FURNITURE_HEADINGS)
    return [f"{block}[{by_class}]", f"{block}[*[1][{heading}][{by_heading}]]"]


def _xpath_literal(value: str) -> str:
    return f'"{value}"' if "'" in value else f"'{value}'"


_FURNITURE_XPATH = _furniture_xpath()


# What a page may hold before it is refused unparsed: the HTML parser and trafilatura slow
# down sharply (100,000 attributes on one element take minutes) long before the size limit.
# Real pages stay far below these: tens of attributes, a few hundred levels, 20,000 elements.
MAX_HTML_ATTRIBUTES = 500  # on one element
MAX_HTML_DEPTH = 512  # elements open inside one another (end tags that may be left out aside)
MAX_HTML_ELEMENTS = 150_000

_TAG_OPEN = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""[\s/]*([^\s=/>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_TAG_CLOSE = re.compile(r"[\s/]*>")
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "noscript")
# No depth of their own: void elements, and elements whose end tag may be left out.
_FLAT_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "option",
        "optgroup",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "colgroup",
        "caption",
        "rb",
        "rt",
        "rtc",
        "rp",
    }
)


def _check_html_shape(raw: str, source: str) -> None:
    """Refuse, in one linear pass before any parser sees it, a page with an element holding
    too many attributes, too deep a nesting or too many elements (the limits above)."""
    elements = depth = 0
    pos = 0
    while (lt := raw.find("<", pos)) >= 0:
        if raw.startswith("<!--", lt):
            end = raw.find("-->", lt + 4)
            pos = len(raw) if end < 0 else end + 3
            continue
        tag = _TAG_OPEN.match(raw, lt)
        if tag is None:
            pos = lt + 1
            continue
        name = tag.group(2).lower()
        pos = tag.end()
        attributes = 0
        while (closing := _TAG_CLOSE.match(raw, pos)) is None:
            attribute = _ATTRIBUTE.match(raw, pos)
            if attribute is None or attribute.end() == pos:
                break
            pos = attribute.end()
            attributes += 1
            if attributes > MAX_HTML_ATTRIBUTES:
                raise ArticleReadError(
                    source, f"an HTML element with over {MAX_HTML_ATTRIBUTES} attributes"
                )
        self_closing = closing is not None and "/" in closing.group(0)
        if closing is not None:
            pos = closing.end()
        if tag.group(1):
            if name not in _FLAT_TAGS and name not in _RAW_TEXT:
                depth = max(0, depth - 1)
            continue
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise ArticleReadError(source, f"an HTML page with over {MAX_HTML_ELEMENTS} elements")
        if name in _RAW_TEXT:  # "<script>if (a<b) ...": no markup until its end tag
            end = _find_end_tag(raw, name, pos)
            pos = len(raw) if end < 0 else end
        elif not self_closing and name not in _FLAT_TAGS:
            depth += 1
            if depth > MAX_HTML_DEPTH:
                raise ArticleReadError(source, f"HTML nested over {MAX_HTML_DEPTH} elements deep")


def _find_end_tag(raw: str, name: str, pos: int) -> int:
    """Where the end tag `</name` of a raw-text element starts (any case), or -1."""
    m = re.compile(f"</{re.escape(name)}", re.IGNORECASE).search(raw, pos)
    return m.start() if m else -1


def _read_html(raw: str, source: str) -> ArticleDraft:
    """Read a saved web page: the main story and its metadata, without the page furniture."""
    _check_html_shape(raw, source)
    import trafilatura  # lazily: it takes a while to import and only HTML needs it

    def extract(prune: list[str] | None) -> Any:
        try:
            return trafilatura.bare_extraction(
                raw,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                deduplicate=False,
                date_extraction_params=dict(_DATE_PARAMS),
                prune_xpath=prune,
            )
        except ValueError:
            return None

    document = extract(_FURNITURE_XPATH)
    if not _text_of(document):
        document = extract(None)  # our pruning took the story too: trust trafilatura alone
    body = _text_of(document)
    if not body:
        body = _fallback_body_text(raw)
        if not body:
            raise ArticleReadError(source, "no article text found in this HTML page")
        document = trafilatura.extract_metadata(raw, date_config=dict(_DATE_PARAMS))
    title = _clean_line(getattr(document, "title", None)) or _shorten(body.split("\n", 1)[0])
    first, _, rest = body.partition("\n")
    if _clean_line(first) == title:
        body = rest.strip()  # the headline is in the body too; keep it once, on top
    published = None
    date_text = getattr(document, "date", None)
    if date_text:
        try:
            published = _parse_iso_date(date_text)
        except ValueError:
            published = None
    return ArticleDraft(
        source=source,
        title=title,
        text=f"{title}\n\n{body}" if body else title,
        publisher=_clean_line(getattr(document, "sitename", None)),
        author=_clean_line(getattr(document, "author", None)),
        published=published,
        url=_clean_line(getattr(document, "url", None)),
    )


def _text_of(document: Any) -> str:
    return (getattr(document, "text", None) or "").strip()


def _fallback_body_text(raw: str) -> str:
    """Return the text of <body> without scripts, styles, navigation and furniture."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    if body is None:
        return ""
    doomed = list(body.iter(*_NON_TEXT_TAGS))
    for expression in _FURNITURE_XPATH:
        doomed.extend(root.xpath(expression))
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    for element in body.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr"):
        element.tail = "\n" + (element.tail or "")
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in body.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _clean_line(value: str | None) -> str | None:
    if not value:
        return None
    return re.sub(r"\s+", " ", value).strip() or None


# --- overrides -----------------------------------------------------------------------------


def apply_overrides(
    draft: ArticleDraft,
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: datetime.date | str | None = None,
) -> ArticleDraft:
    """Return the draft with the analyst's --url/--publisher/--published in place of what was found.

    `published` may be a date or "YYYY-MM-DD" / ISO datetime text; None leaves a field as read.
    """
    changes: dict[str, Any] = {}
    if url is not None:
        changes["url"] = url
    if publisher is not None:
        changes["publisher"] = publisher
    if isinstance(published, str):
        try:
            changes["published"] = _parse_iso_date(published)
        except ValueError:
            raise ArticleReadError(
                draft.source, f"--published must be YYYY-MM-DD, got {published!r}"
            ) from None
    elif isinstance(published, datetime.datetime):
        changes["published"] = published.date()
    elif published is not None:
        changes["published"] = published
    return dataclasses.replace(draft, **changes) if changes else draft

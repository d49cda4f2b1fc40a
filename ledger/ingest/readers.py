"""Readers: turn what analysts collect into article drafts (issue 3, item 1).

Owns the public surface of reading: `iter_article_files` (paths and folders into article
files), `read_article_file` / `read_article_bytes` (bytes into drafts: decoded as UTF-8,
refused when empty, binary or too large, then read by kind), `apply_overrides` (the
analyst's --url/--publisher/--published), `MAX_ARTICLE_BYTES`, and `ArticleDraft` /
`ArticleReadError` (from `drafts`). Each kind has its reader: `text_reader` (plain text and
markdown), `html_reader` (saved web pages, checked first by `html_shape`), `json_reader`
(article objects); `written_dates` reads the dates they find. Everything is a pure function
of the bytes it is given (plus the file system for paths): no network, no clock, no global
state. A draft's `text` is what claim quotes are offsets into, so readers change it as
little as possible (text files: CRLF -> LF only).

Imports: the standard library, `ledger.files`, the reader modules above;
trafilatura/htmldate/lxml lazily, for HTML only (so the CLI starts fast). Never `cli` or the
extractor.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Iterator, Sequence
from typing import Any

from ledger.files import FileTooLarge, Skipped, UnreadableFile, read_regular_file, walk_folder
from ledger.ingest.drafts import ArticleDraft, ArticleReadError
from ledger.ingest.html_reader import read_html
from ledger.ingest.json_reader import read_json
from ledger.ingest.text_reader import read_text
from ledger.ingest.written_dates import parse_iso_date

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
        return [read_html(text, source)]
    if kind == "json":
        return read_json(text, source)
    return [read_text(text, source)]


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
            changes["published"] = parse_iso_date(published)
        except ValueError:
            raise ArticleReadError(
                draft.source, f"--published must be YYYY-MM-DD, got {published!r}"
            ) from None
    elif isinstance(published, datetime.datetime):
        changes["published"] = published.date()
    elif published is not None:
        changes["published"] = published
    return dataclasses.replace(draft, **changes) if changes else draft

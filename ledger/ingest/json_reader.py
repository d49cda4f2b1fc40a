"""The JSON reader: an article object, or a list of them, refusing anything ambiguous.

Owns `read_json`: the keys url, title, publisher, author, published and text, and no others
(a typo is refused with the key it was likely meant to be); no NaN or Infinity, no key given
twice, no lone surrogate. Imports: `drafts`, `written_dates`.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

from ledger.ingest.drafts import ArticleDraft, ArticleReadError
from ledger.ingest.written_dates import parse_iso_date

_JSON_KEYS = ("url", "title", "publisher", "author", "published", "text")


def read_json(raw: str, source: str) -> list[ArticleDraft]:
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
    title = _required(fields, "title", source, where)
    text = _required(fields, "text", source, where)
    published = None
    if fields["published"] is not None:
        try:
            published = parse_iso_date(fields["published"])
        except ValueError:
            raise ArticleReadError(
                source,
                f"{where}'published' must be YYYY-MM-DD or an ISO datetime, "
                f"got {fields['published']!r}",
            ) from None
    return ArticleDraft(
        source=source,
        title=title.strip(),
        text=text.replace("\r\n", "\n"),
        publisher=_strip_or_none(fields["publisher"]),
        author=_strip_or_none(fields["author"]),
        published=published,
        url=_strip_or_none(fields["url"]),
    )


def _required(fields: dict[str, str | None], key: str, source: str, where: str) -> str:
    """The string field `key`, refusing an article without it."""
    found = fields[key]
    if found is None:
        raise ArticleReadError(source, f"{where}missing {key!r} (a non-empty string)")
    return found


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

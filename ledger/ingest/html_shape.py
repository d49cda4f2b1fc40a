"""HTML shape: refusing, before any parser sees it, a page too complex to parse in time.

Owns `check_html_shape` and its limits (`MAX_HTML_ATTRIBUTES` on one element,
`MAX_HTML_DEPTH` of nesting, `MAX_HTML_ELEMENTS` in all), checked in one linear pass over
the markup. Imports: `drafts`.
"""

from __future__ import annotations

import re

from ledger.ingest.drafts import ArticleReadError

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


def check_html_shape(raw: str, source: str) -> None:
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
        pos, self_closing = _after_attributes(raw, tag.end(), source)
        if tag.group(1):  # an end tag
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


def _after_attributes(raw: str, pos: int, source: str) -> tuple[int, bool]:
    """Read the attributes of a tag whose name ends at `pos`, refusing too many: where the
    tag ends, and whether it closes itself ("<br/>")."""
    attributes = 0
    while (closing := _TAG_CLOSE.match(raw, pos)) is None:
        attribute = _ATTRIBUTE.match(raw, pos)
        if attribute is None or attribute.end() == pos:
            return pos, False  # no closing ">": the next "<" starts the next tag
        pos = attribute.end()
        attributes += 1
        if attributes > MAX_HTML_ATTRIBUTES:
            raise ArticleReadError(
                source, f"an HTML element with over {MAX_HTML_ATTRIBUTES} attributes"
            )
    return closing.end(), "/" in closing.group(0)


def _find_end_tag(raw: str, name: str, pos: int) -> int:
    """Where the end tag `</name` of a raw-text element starts (any case), or -1."""
    m = re.compile(f"</{re.escape(name)}", re.IGNORECASE).search(raw, pos)
    return m.start() if m else -1

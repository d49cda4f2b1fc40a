"""The HTML reader: a saved web page's main story and metadata, without the page furniture.

Owns `read_html`: the shape check first (`html_shape`), then trafilatura's main text with
the page's furniture pruned (donation appeals, subscribe boxes, author bios, "MORE NEWS" and
"Related" blocks), its title, site name, author, URL and the date in its markup; a plain
walk of <body> when trafilatura finds no text. trafilatura and lxml are imported lazily
(only HTML needs them, and the CLI starts fast). Imports: `drafts`, `html_shape`,
`text_reader` (for `shorten`), `written_dates`.
"""

from __future__ import annotations

import re
from typing import Any

from ledger.ingest.drafts import ArticleDraft, ArticleReadError
from ledger.ingest.html_shape import check_html_shape
from ledger.ingest.text_reader import shorten
from ledger.ingest.written_dates import parse_iso_date

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


def read_html(raw: str, source: str) -> ArticleDraft:
    """Read a saved web page: the main story and its metadata, without the page furniture."""
    check_html_shape(raw, source)
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
    title = _clean_line(getattr(document, "title", None)) or shorten(body.split("\n", 1)[0])
    first, _, rest = body.partition("\n")
    if _clean_line(first) == title:
        body = rest.strip()  # the headline is in the body too; keep it once, on top
    published = None
    date_text = getattr(document, "date", None)
    if date_text:
        try:
            published = parse_iso_date(date_text)
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

"""Articles in: reading the files an analyst names, and showing what would be extracted.

Owns: `ArticleOptions` (--url/--publisher/--published), `ArticleSource` (paths and stdin),
`read_articles` (drafts, or a failed result per unreadable input) and `extract_articles`
(`claims extract`: each article and its claims as `ExtractedArticle`, writing nothing; an
undated article shown, never dated with a guess: see `ledger.ingest.undated`). The
ledger's `ingest` reads through here too. Imports: `events`, `ledger.errors`, `ledger.files`,
`ledger.ingest` (lazily: the extractor compiles many patterns, and commands that do not read
articles start faster).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from pydantic import TypeAdapter, ValidationError

from events import describe
from events.base import Name
from ledger.errors import InvalidInput
from ledger.files import Skipped

if TYPE_CHECKING:
    from ledger.ingest.pipeline import IngestResult
    from ledger.ingest.readers import ArticleDraft

__all__ = [
    "ArticleOptions",
    "ArticleSource",
    "ArticleView",
    "ExplainedNumber",
    "ExtractedArticle",
    "extract_articles",
    "read_articles",
]


@dataclass(frozen=True, slots=True)
class ArticleOptions:
    """What the analyst says about the articles, overriding what was found in them."""

    url: str | None = None
    publisher: str | None = None
    published: str | None = None


@dataclass(slots=True)
class ArticleSource:
    """Where articles come from: paths (files, folders) and, for `-`, stdin's bytes."""

    paths: Sequence[str]
    stdin: Callable[[], bytes] | None = None
    files: list[str] = field(default_factory=list)


class ArticleView(TypedDict):
    """One article as `claims extract` shows it: where it was read, its metadata and hash."""

    source: str
    article_id: str
    url: str | None
    title: str
    publisher: str
    author: str | None
    published: str | None
    content_sha256: str
    chars: int
    undated: NotRequired[bool]  # True when no publication date was found or given


class ExtractedArticle(TypedDict):
    """What ingesting one article would record: the article and its claims (as JSON), and,
    only for an article that can give none, why ("the text looks Ukrainian; ...")."""

    article: ArticleView
    claims: list[dict[str, Any]]
    no_claims_reason: NotRequired[str]
    numbers: NotRequired[list[ExplainedNumber]]  # `extract --explain`: each number's fate


class ExplainedNumber(TypedDict):
    """What became of one number of an article (see `ledger.ingest.explain`)."""

    number: str
    span: list[int]
    fate: str  # claim, dropped, merged, not-a-figure
    rule: str
    claim_id: str | None
    why: dict[str, str]


_NAME: TypeAdapter[str] = TypeAdapter(Name)
# Why a claim of an undated article has no as_of (`extract --explain`): its text gives none.
UNDATED_RULE = "undated-article"


def read_articles(
    source: ArticleSource, options: ArticleOptions
) -> Iterator[ArticleDraft | IngestResult]:
    """Yield each article draft, or a failed result for an input that cannot be read.

    A missing path fails the whole call before anything is read, so nothing is written. An
    entry of a folder that is not read (a symbolic link leading out of it, a FIFO) is a failed
    result saying so, in its place in the walk.
    """
    from ledger.ingest.pipeline import IngestResult
    from ledger.ingest.readers import iter_article_files

    _check_publisher(options.publisher)
    entries = list(iter_article_files(source.paths))
    source.files = [e.path if isinstance(e, Skipped) else e for e in entries]
    if options.url is not None and sum(isinstance(e, str) for e in entries) > 1:
        raise InvalidInput("--url names one article, but several files were given")
    for path in entries:
        if isinstance(path, Skipped):  # a link out of the folder, a FIFO: one line, not read
            yield IngestResult(source=path.path, status="failed", error=str(path))
            continue
        try:
            yield from _drafts(path, source, options)
        except InvalidInput as exc:
            yield IngestResult(source=path, status="failed", error=str(exc))


def _check_publisher(publisher: str | None) -> None:
    """Refuse a --publisher the event model would refuse, before anything is read."""
    if publisher is None:
        return
    try:
        _NAME.validate_python(publisher)
    except ValidationError as exc:
        raise InvalidInput(f"--publisher: {describe(exc)}") from None


def _drafts(path: str, source: ArticleSource, options: ArticleOptions) -> Iterator[ArticleDraft]:
    """Yield the drafts of one input (`-` is stdin), with the analyst's overrides applied."""
    from ledger.ingest.readers import apply_overrides, read_article_bytes, read_article_file

    if path == "-":
        if source.stdin is None:
            raise InvalidInput("-: no standard input")
        drafts = read_article_bytes(source.stdin(), source="<stdin>")
    else:
        drafts = read_article_file(path)
    if options.url is not None and len(drafts) > 1:
        raise InvalidInput(f"{path}: --url names one article, but it holds several")
    for draft in drafts:
        yield apply_overrides(
            draft, url=options.url, publisher=options.publisher, published=options.published
        )


def extract_articles(
    source: ArticleSource, options: ArticleOptions, *, explain: bool = False
) -> Iterator[ExtractedArticle | IngestResult]:
    """Show what ingesting would record — each article and its claims — writing nothing;
    with `explain`, also what became of each number in it, and the rules that decided.

    An undated article (see `pipeline.article_date`) is still shown, though ingesting it is
    refused, marked `undated`: its claims hold `as_of` only where the text dates them, else
    None.
    """
    from ledger.ingest.pipeline import IngestResult, article_date, identify
    from ledger.ingest.undated import ANCHORS

    for item in read_articles(source, options):
        if isinstance(item, IngestResult):
            yield item
            continue
        ident = identify(item)
        claims, reason = _claims(item, ident.article_id, ident.publisher)
        document: ExtractedArticle = {
            "article": {
                "source": item.source,
                "article_id": ident.article_id,
                "url": item.url,
                "title": item.title,
                "publisher": ident.publisher,
                "author": item.author,
                "published": item.published.isoformat() if item.published else None,
                "content_sha256": ident.content_sha256,
                "chars": len(item.text),
            },
            "claims": claims,
        }
        dated = article_date(item)
        if dated is None:
            document["article"]["undated"] = True
        if reason:
            document["no_claims_reason"] = reason
        if explain:
            # an undated text is explained as `undated_claims` read it first (the same ids)
            day = dated or ANCHORS[0]
            numbers = _explained(item, ident.article_id, ident.publisher, day)
            undated = {c["claim_id"] for c in claims if c["as_of"] is None}
            for n in numbers:
                if n["claim_id"] in undated:
                    n["why"]["as_of"] = UNDATED_RULE
            document["numbers"] = numbers
        yield document


def _claims(
    draft: ArticleDraft, article_id: str, publisher: str
) -> tuple[list[dict[str, Any]], str | None]:
    """The claims ingesting `draft` would record, as JSON (of an undated draft, those
    `undated_claims` shows), and why it can give none, if it cannot."""
    from ledger.ingest.language import no_claims_reason
    from ledger.ingest.pipeline import article_date, prepare
    from ledger.ingest.undated import undated_claims

    if article_date(draft) is None:
        claims = undated_claims(draft.text, article_id=article_id, publisher=publisher)
        return claims, no_claims_reason(draft.text)
    prepared = prepare(draft)
    return [c.model_dump(mode="json") for c in prepared.claims], prepared.no_claims_reason


def _explained(
    draft: ArticleDraft, article_id: str, publisher: str, day: date
) -> list[ExplainedNumber]:
    """The fate of each number of `draft`'s text, as `extract --explain` shows it (read
    against `day` when the text gives no date of its own)."""
    from ledger.ingest.explain import explain_claims

    _, fates = explain_claims(
        draft.text,
        article_id=article_id,
        publisher=publisher,
        published=draft.published,
        fallback_date=day,
    )
    return [
        {
            "number": f.surface,
            "span": [f.start, f.end],
            "fate": f.fate,
            "rule": f.rule,
            "claim_id": f.claim_id,
            "why": dict(f.why),
        }
        for f in fates
    ]

"""One article as a reader asks for it: `claims show ARTICLE_ID`.

Owns: `show_any` (the one id `show` is given: a claim's, else an article's, else refused),
`show_article` (an article's metadata, its revisions as the log holds them, and its claims with
their status), and their result shapes (`ArticleShow`, `Revision`, `Shown`). Reads only.
The claims are `public_claim` rows, passed through whole: a column added to a claim row (its
review state, say) reaches `--json` and the table without a change here.
Imports: `ledger.app.queries`, `ledger.app.results`, `ledger.app.session`,
`ledger.projections`, `ledger.errors`.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple, NotRequired, TypedDict

from ledger.app import queries
from ledger.app.results import PublicClaim, ShowResult, public_claim
from ledger.app.session import Session
from ledger.errors import NotFound
from ledger.projections import ArticleRow, ClaimRow, ReadModel

ARTICLE_EVENTS = ("article-recorded", "article-revised")
"""The events that record an article's text: its first sighting and each revision."""


class Revision(TypedDict):
    """One recorded text of an article: which revision, where in the log, and its hashes."""

    revision: int
    position: int
    recorded_at: str
    actor: str
    hash: str
    content_sha256: str
    extractor_version: str | None
    fetch: NotRequired[dict[str, Any]]  # a page from the web: where and when it was fetched


class ArticleShow(TypedDict):
    """`claims show ARTICLE_ID`: the article at its latest revision, every revision, and
    every claim ever read from it (those a revision dropped are `withdrawn`)."""

    article: dict[str, Any]
    revisions: list[Revision]
    claims: list[PublicClaim]


class Shown(NamedTuple):
    """What `show` found for an id: a claim (`ShowResult`) or an article (`ArticleShow`)."""

    kind: Literal["claim", "article"]
    document: ShowResult | ArticleShow


def show_any(session: Session, ident: str, *, at: int | None = None) -> Shown:
    """Show a claim or an article, whichever the id names; refuse an id that is neither."""
    model = session.read_model(at=at)
    row = model.claim(ident)
    if row is not None:
        return Shown("claim", queries.claim_view(session, model, row))
    article = model.article(ident)
    if article is not None:
        return Shown("article", article_view(session, model, article, at=at))
    raise NotFound(f"no claim or article {ident} in this ledger (see `claims search` or `log`)")


def show_article(session: Session, article_id: str, *, at: int | None = None) -> ArticleShow:
    """Return an article's metadata, its revisions and its claims."""
    model = session.read_model(at=at)
    article = model.article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id} in this ledger")
    return article_view(session, model, article, at=at)


def article_view(
    session: Session, model: ReadModel, article: ArticleRow, *, at: int | None = None
) -> ArticleShow:
    """Assemble an article's view from its row and its stream's article events (up to `at`)."""
    events = [
        envelope
        for envelope in session.store.read(stream=article["stream"], stop=at, types=ARTICLE_EVENTS)
        if envelope.data.get("article_id") == article["article_id"]
    ]
    revisions = [_revision(envelope) for envelope in events]
    read_ids = [[c["claim_id"] for c in e.data.get("claims", ())] for e in reversed(events)]
    metadata = {k: v for k, v in article.items() if k != "claim_ids"}
    metadata["extractor_version"] = revisions[-1]["extractor_version"] if revisions else None
    return {
        "article": metadata,
        "revisions": revisions,
        "claims": [public_claim(row) for row in article_claims(model, article, read_ids)],
    }


def _revision(envelope: Any) -> Revision:
    """One revision as shown: where it sits, its hashes, and (from the web) its fetch."""
    revision: Revision = {
        "revision": envelope.data.get("revision", 1),
        "position": envelope.position,
        "recorded_at": envelope.recorded_at,
        "actor": envelope.actor,
        "hash": envelope.hash,
        "content_sha256": envelope.data["content_sha256"],
        "extractor_version": envelope.data.get("extractor_version"),
    }
    if envelope.data.get("fetch"):
        revision["fetch"] = envelope.data["fetch"]
    return revision


def article_claims(
    model: ReadModel, article: ArticleRow, read_ids: list[list[str]]
) -> list[ClaimRow]:
    """The claims an article's own stream holds, latest revision's first (in its order), then
    those only earlier revisions read; `read_ids` is each revision's claim ids, latest first."""
    seen: set[str] = set()
    rows: list[ClaimRow] = []
    for ids in [article["claim_ids"], *read_ids]:
        for claim_id in ids:
            if claim_id in seen:
                continue
            seen.add(claim_id)
            row = model.claim(claim_id)
            if row is not None and row["stream"] == article["stream"]:
                rows.append(row)
    return rows

"""Review: a person's word on the claims the extractor read — the commands and the queue.

Owns: `review` (accept or reject one claim), `fix` (a correction with the reason "review"),
`accept_article` (every unreviewed claim of an article, one atomic batch), and the review
queue and progress the interactive `claims review` walks (`queue`, `progress`). Each decision
is an event with its actor; nothing here guesses: a claim entered by hand or from a data set
needs no review and is refused, as is a verdict the claim already has.
Imports: `events`, `ledger.app.*`, `ledger.projections`, `ledger.store`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from pydantic import ValidationError

from events import REVIEW_REASON, ClaimReviewed, describe
from events.new_event import NewEvent
from ledger.app import commands
from ledger.app.queries import event_at
from ledger.app.results import PublicClaim, public_claim
from ledger.app.review_scope import STANDING
from ledger.app.rules import check_review
from ledger.app.session import Session
from ledger.errors import InvalidInput, NotFound
from ledger.projections import ArticleRow, ClaimRow
from ledger.store import Recorded


class Progress(TypedDict):
    """How much of the extracted claims a person has reviewed."""

    reviewed: int
    total: int
    articles: int
    articles_done: int


class ReviewItem(TypedDict):
    """One claim to review, with what a reviewer needs to see: its article and its sentence,
    and where the quote stands in that sentence (`mark`: [start, end] in `sentence`)."""

    claim: PublicClaim
    article: ArticleRow
    sentence: str | None
    mark: list[int] | None


def _decision(claim_id: str, verdict: str, reason: str | None) -> ClaimReviewed:
    try:
        return ClaimReviewed.model_validate(
            {"claim_id": claim_id, "verdict": verdict, "reason": reason}
        )
    except ValidationError as exc:
        raise InvalidInput(f"invalid review: {describe(exc)}") from None


def _claim(session: Session, claim_id: str) -> ClaimRow:
    row = session.read_model().claim(claim_id)
    if row is None:
        raise NotFound(f"no claim {claim_id} in this ledger (see `claims review` or `log`)")
    return row


def review(
    session: Session, claim_id: str, verdict: str, *, reason: str | None = None, actor: str = "cli"
) -> Recorded:
    """Record a reviewer's verdict (accepted or rejected) on one extracted claim."""
    row = _claim(session, claim_id)
    event = _decision(claim_id, verdict, reason)
    check_review(claim_id, row, verdict)
    version = session.store.stream_version(row["stream"])
    item = NewEvent(stream=row["stream"], event=event, expected_version=version, actor=actor)
    return session.append([item])[0]


def fix(
    session: Session,
    claim_id: str,
    changes: dict[str, Any],
    *,
    note: str | None = None,
    actor: str = "cli",
) -> Recorded:
    """A reviewer's fix: a correction whose reason is "review" (with a note, "review: NOTE")."""
    row = _claim(session, claim_id)
    if row["origin"] != "article":
        check_review(claim_id, row, "fixed")  # refuses it, saying why
    reason = REVIEW_REASON if not note else f"{REVIEW_REASON}: {note}"
    return commands.correct(session, claim_id, changes, reason=reason, actor=actor)


def accept_article(session: Session, article_id: str, *, actor: str = "cli") -> list[Recorded]:
    """Accept every unreviewed claim of an article in one atomic batch; [] if none is left."""
    model = session.read_model()
    article = model.article(article_id)
    if article is None:
        raise NotFound(f"no article {article_id} in this ledger (see `claims log`)")
    pending = [
        row
        for claim_id in article["claim_ids"]
        if (row := model.claim(claim_id)) is not None
        and row["status"] == "active"
        and row["review"] == "unreviewed"
    ]
    version = session.store.stream_version(article["stream"])
    batch = [
        NewEvent(
            stream=row["stream"],
            event=_decision(row["claim_id"], "accepted", None),
            expected_version=version + offset,
            actor=actor,
        )
        for offset, row in enumerate(pending)
    ]
    return session.append(batch) if batch else []


def _reviewable(rows: Iterable[ClaimRow]) -> list[ClaimRow]:
    return [r for r in rows if r["origin"] == "article" and r["status"] in STANDING]


def progress(session: Session) -> Progress:
    """Count the extracted claims still standing and how many a person has reviewed."""
    model = session.read_model()
    claims = _reviewable(model.claims())
    by_article: dict[str, bool] = {}
    for row in claims:
        done = row["review"] != "unreviewed"
        key = row["article_id"] or row["stream"]
        by_article[key] = by_article.get(key, True) and done
    return {
        "reviewed": sum(r["review"] != "unreviewed" for r in claims),
        "total": len(claims),
        "articles": len(by_article),
        "articles_done": sum(by_article.values()),
    }


def queue(
    session: Session, *, article_id: str | None = None, pending_only: bool = True
) -> list[ReviewItem]:
    """The claims to review, article by article in the order they were recorded, each claim
    in the order of its article's text; only unreviewed ones unless `pending_only` is off."""
    model = session.read_model()
    articles = sorted(
        (a for a in model.articles() if article_id is None or a["article_id"] == article_id),
        key=lambda a: a["first_position"],
    )
    if article_id is not None and not articles:
        raise NotFound(f"no article {article_id} in this ledger (see `claims log`)")
    items: list[ReviewItem] = []
    for article in articles:
        rows = _reviewable(r for c in article["claim_ids"] if (r := model.claim(c)) is not None)
        if pending_only:
            rows = [r for r in rows if r["review"] == "unreviewed"]
        if not rows:
            continue
        text, bounds = _article_text(event_at(session, article["position"]).data)
        for row in sorted(rows, key=lambda r: (r["span"] or [0])[0]):
            sentence, mark = _in_sentence(text, bounds.get(row["claim_id"]), row["span"])
            items.append(
                {"claim": public_claim(row), "article": article, "sentence": sentence, "mark": mark}
            )
    return items


def _article_text(data: dict[str, Any]) -> tuple[str, dict[str, list[int]]]:
    """An article event's text and each claim's recorded sentence bounds."""
    bounds = {c["claim_id"]: c["sentence"] for c in data.get("claims", ()) if c.get("sentence")}
    return data["text"], bounds


def _in_sentence(
    text: str, bounds: list[int] | None, span: list[int] | None
) -> tuple[str | None, list[int] | None]:
    """The sentence (as in the text, its runs of white space made one space) and the quote's
    place in it; the quote alone when no sentence was recorded."""
    if span is None:
        return None, None
    start, end = bounds if bounds else span
    before = " ".join(text[start : span[0]].split())
    quote = " ".join(text[span[0] : span[1]].split())
    after = " ".join(text[span[1] : end].split())
    lead = before + (" " if before and text[span[0] - 1].isspace() else "")
    tail = (" " if after and text[span[1]].isspace() else "") + after
    return lead + quote + tail, [len(lead), len(lead) + len(quote)]

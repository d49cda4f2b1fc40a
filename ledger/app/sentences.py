"""The sentence a claim was read from, as the article's text stores it.

Owns: `sentence_of` (the whole sentence, for `show` and `audit`) and `context_lookup` (the words
of the sentence before and after a claim's quote, for `check`'s parts rules, each article read
once). Neither loads the extractor for claims recorded with their sentence's bounds
(`Claim.sentence`); `sentence_of` finds an older claim's sentence again by the splitter
extraction uses (loaded for that case only), `context_lookup` says None for it.
Imports: `events.envelope`, `ledger.projections`, `ledger.app.session` (the store),
`ledger.app.audit_parts` (the context type).
"""

from __future__ import annotations

from typing import Any

from events.envelope import Envelope
from ledger.app.audit_parts import Context
from ledger.app.session import Session
from ledger.projections import ClaimRow, ReadModel


def sentence_of(article: Envelope, row: ClaimRow) -> str | None:
    """The sentence a claim was read from: its recorded bounds in the article's text, else
    (extractor < 1.9) found again around its span."""
    text: str = article.data["text"]
    bounds = _bounds(article.data).get(row["claim_id"])
    if bounds is not None:
        return " ".join(text[bounds[0] : bounds[1]].split())
    span = row.get("span")
    if not span:
        return None
    from ledger.ingest.sentences import sentence_at

    return sentence_at(text, span)


def _bounds(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {
        c["claim_id"]: tuple(c["sentence"])
        for c in data.get("claims", ())
        if c.get("claim_id") and c.get("sentence")
    }


def context_lookup(session: Session, model: ReadModel) -> Context:
    """Return `context(row) -> (before, after) | None`: the words of the row's sentence before
    and after its quote (None for a claim not read from an article, or without bounds)."""
    texts: dict[str, tuple[str, dict[str, tuple[int, int]]]] = {}

    def context(row: ClaimRow) -> tuple[str, str] | None:
        article_id, span = row.get("article_id"), row.get("span")
        if not article_id or not span:
            return None
        if article_id not in texts:
            article = model.article(article_id)
            if article is None:
                return None
            data = _event(session, article["position"]).data
            texts[article_id] = (data["text"], _bounds(data))
        text, bounds = texts[article_id]
        sentence = bounds.get(row["claim_id"])
        if sentence is None:
            return None
        return text[sentence[0] : span[0]], text[span[1] : sentence[1]]

    return context


def _event(session: Session, position: int) -> Envelope:
    for envelope in session.store.read(start=position, stop=position):
        return envelope
    raise LookupError(f"no event at position {position}")

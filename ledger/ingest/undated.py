"""Undated articles: the claims of a text with no publication date, dated only by the text.

Owns `undated_claims` (what `claims extract` shows of an article with no date: each claim
as JSON, its `as_of` and `period_start` only where the text itself gives them, else None)
and `ANCHORS`. An undated article is never ingested (see `pipeline.prepare`); it is only
shown. The extractor reads every text against a reference date (the published date, else the
first full date of the story, else its `fallback_date`). With no date of its own, the text is
read twice, against two days no article gives, years and weekdays apart: a field that moves
with that day ("Thursday", "on April 2", "over the past week" counted back from either)
was resolved against a guess, not read, and is None; a field the same in both readings (an
absolute date in the text, "since February 24" of the invasion) is the text's own. Pure, like
the extractor. Imports: `events.claims`, `extract`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from events.claims import Claim
from ledger.ingest.extract import run

__all__ = ["ANCHORS", "undated_claims"]

# Two days no article gives: apart in year, month and weekday, both long after the invasion.
ANCHORS = (dt.date(2101, 7, 14), dt.date(2167, 3, 2))
_DATED_FIELDS = ("as_of", "period_start")


def undated_claims(text: str, *, article_id: str, publisher: str) -> list[dict[str, Any]]:
    """The claims of an undated `text` as JSON, in text order: `as_of` and `period_start` as
    the text gives them, else None (the first reading's claim ids)."""
    first, second = (
        run(text, article_id=article_id, publisher=publisher, published=None, fallback_date=day)
        for day in ANCHORS
    )
    other = {_where(c): c for c in second}
    out: list[dict[str, Any]] = []
    for claim in first:
        shown = claim.model_dump(mode="json")
        twin = other.get(_where(claim))
        for name in _DATED_FIELDS:
            if twin is None or getattr(twin, name) != getattr(claim, name):
                shown[name] = None  # it moved with the day it was read against: a guess
        out.append(shown)
    return out


def _where(claim: Claim) -> tuple[object, ...]:
    """What one figure is, whatever day it was read against: its words and what it counts."""
    return (claim.span, claim.metric, claim.value, claim.subject, claim.claimant, claim.period)

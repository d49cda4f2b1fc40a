"""Every claimant the extractor finds in the development passages is a name — a person, a
body or an outlet — never a clause fragment cut out of the sentence ("300 military
personnel", "Moscow also released figures on Sunday", "Since the media").

The passages live outside the repository (../shared/seeds, beside the repository root); a
clone without them skips this test. The shape checked here is defined here, apart from the
extractor's own checks, so that the two do not agree by construction.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from ledger.ingest.extract import extract_claims

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
PASSAGES = sorted(SEEDS.glob("passages*.jsonl")) if SEEDS.is_dir() else []


def _words(text: str) -> list[str]:
    return text.split()


_FUNCTION_WORDS = frozenset(
    _words(
        """
    since after before while when yet although though because if unless until read see
    also however meanwhile moreover we our i you here there these those by in on at with
    from of to as despite amid during through following including based and or but so then
    that which who it they he she this
    """
    )
)
_FINITE_VERBS = frozenset(
    _words(
        """
    is are was were has have had be been said says say reported reports released claimed
    claims announced stated also already will would can could did does do told added noted
    estimated lost killed destroyed provided published gave put showed shows compiled
    confirmed last cited echoed emphasized
    """
    )
)
_TIME_WORDS = frozenset(
    _words(
        """
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    january february march april may june july august september october november december
    week month year day night morning evening
    """
    )
)
_BRAND = re.compile(r"[a-z]+[A-Z]")  # "iStories"
_DOMAIN = re.compile(r"[a-z0-9.-]+\.[a-z]{2,}$")  # "example.org"
_NUMBER = re.compile(r"(?<![\w-])\d[\d,.]*(?![\w-])")  # a number on its own, not "MI6"


def shape_problem(claimant: str) -> str | None:
    """Why `claimant` is not shaped like a name, or None: its head (before any parenthesis)
    has at most ten words, starts with a capital (or is a brand or a domain), holds no
    number, no finite verb, no leading function word, and is not a bare time word."""
    head = claimant.split("(")[0].split()
    if not head:
        return "empty"
    if len(head) > 10:
        return "more than ten words"
    first = head[0]
    if _NUMBER.search(" ".join(head)):
        return "holds a number"
    if not (first[:1].isupper() or _BRAND.match(first) or _DOMAIN.match(first)):
        return "starts lower-case"
    if first.lower() in _FUNCTION_WORDS and first != "The":
        return "starts with a function word"
    if any(w.lower().strip(",.;:'’") in _FINITE_VERBS for w in head):
        return "holds a finite verb"
    if all(w.lower().strip(",.") in _TIME_WORDS for w in head):
        return "a time word"
    return None


@pytest.mark.parametrize(
    ("claimant", "problem"),
    [
        ("General Staff of the Armed Forces of Ukraine", None),
        ("Russian Defence Ministry (Igor Konashenkov)", None),
        ("iStories", None),
        ("example.org", None),
        ("MI6", None),
        ("400 military personnel", "holds a number"),
        ("Kyiv also released figures on Monday", "holds a finite verb"),
        ("Since the outlet", "starts with a function word"),
        ("country's army", "starts lower-case"),
        ("Tuesday", "a time word"),
    ],
)
def test_the_shape_check_itself(claimant: str, problem: str | None) -> None:
    assert shape_problem(claimant) == problem


@pytest.mark.skipif(not PASSAGES, reason="no ../shared/seeds beside the repository (CI clone)")
def test_every_dev_claimant_is_a_name() -> None:
    bad = []
    for path in PASSAGES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            published = dt.date.fromisoformat(row["published"]) if row.get("published") else None
            claims = extract_claims(
                row["text"],
                article_id=row["id"],
                publisher=row["publisher"],
                published=published,
                fallback_date=dt.date(2026, 1, 1),
            )
            for claim in claims:
                if claim.claimant == row["publisher"]:
                    continue  # the publisher's name is the analyst's, not the extractor's
                problem = shape_problem(claim.claimant)
                if problem:
                    bad.append(f"{row['id']}: {claim.claimant!r} ({problem})")
    assert not bad, "\n".join(bad)

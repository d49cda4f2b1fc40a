"""The claim extractor: a pure, versioned function from an article's text to its loss claims.

Owns `extract_claims` and `EXTRACTOR_VERSION`, and orchestrates the stages. Rules, not
models: a number becomes a claim when a metric noun from the lexicon names what it counts and
its sentence speaks of losses; the sentence (and its paragraph) give the claimant, the
subject, the qualifier and the period. Numbers in page furniture (see `furniture.py`) are
skipped. Deterministic, no I/O, no clock.

The stages, each in its own module, are called in this order:

- `sentences`   split the text into sentences (furniture-aware);
- `periods`     the reference date (`first_full_date`), then as_of and period;
- `candidates`  which numbers are loss figures, and `keep` to drop non-loss ones;
- `subjects`    whose losses;
- `attribution` who claims them.

Imports point one way: this module imports the stages; a stage never imports this module.
This module owns what comes after the stages: merging restatements and making `Claim`s with
deterministic ids. `sentence_at` is re-exported from `sentences` for the audit view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from events.base import mixed_script_word
from events.claims import Claim
from ledger.ingest.attribution import assign_claimants, clean_name
from ledger.ingest.candidates import Cand, find_candidates, keep
from ledger.ingest.furniture import furniture_spans
from ledger.ingest.periods import assign_periods, first_full_date
from ledger.ingest.sentences import sentence_at, split_sentences
from ledger.ingest.subjects import assign_subjects

__all__ = ["EXTRACTOR_VERSION", "extract_claims", "sentence_at"]

EXTRACTOR_VERSION = "1.8.1"
_SUBJECT = re.compile(r"[a-z][a-z0-9_ .-]{0,59}")


def extract_claims(
    text: str,
    *,
    article_id: str,
    publisher: str,
    published: dt.date | None,
    fallback_date: dt.date,
) -> list[Claim]:
    """The loss claims in `text`, in text order, with deterministic ids; never raises."""
    if not isinstance(text, str) or not text.strip():
        return []
    text_clean = text
    publisher_name = clean_name(publisher) or "unknown"
    furniture = furniture_spans(text_clean)
    sentences = split_sentences(text_clean, furniture)
    ref_date = published or first_full_date(text_clean, sentences) or fallback_date
    cands = find_candidates(text_clean, sentences)
    cands = [c for c in cands if keep(text_clean, sentences, c)]
    assign_subjects(text_clean, sentences, cands)
    assign_claimants(text_clean, sentences, cands, publisher_name)
    assign_periods(text_clean, sentences, cands, ref_date, published is not None)
    cands = _merge_restatements(cands)
    return _to_claims(text_clean, cands, article_id, publisher_name)


# --- merging and ids ---------------------------------------------------------------------


def _merge_restatements(cands: list[Cand]) -> list[Cand]:
    """One claim per (subject, metric, value, period): a body mention beats a headline one.
    A headline figure restated in the body is the body's claim, whatever period the headline's
    own words suggest (the body says more: its qualifier, period and claimant win)."""
    chosen: dict[tuple[str, str, int, str], Cand] = {}
    body: dict[tuple[str, str, int], Cand] = {}
    # A body figure restated by another named source ("CSIS says 40,000 ... the UK says
    # 40,000") is that source's own claim: kept beside the first.
    named: dict[tuple[str, str, int, str], set[str]] = {}
    also: set[int] = set()
    for c in cands:
        if not c.heading:
            body.setdefault((c.subject or "russia", c.metric, c.value), c)
    for c in cands:
        if c.heading and (c.subject or "russia", c.metric, c.value) in body:
            other = body[(c.subject or "russia", c.metric, c.value)]
            if c.explicit_claimant and not other.explicit_claimant:
                other.claimant, other.claimant_text = c.claimant, c.claimant_text
            continue
        key = (c.subject or "russia", c.metric, c.value, c.period or "cumulative")
        old = chosen.get(key)
        if old is not None and not old.heading and not c.heading:
            who = (c.claimant or "").casefold()
            if c.explicit_claimant and old.explicit_claimant and who not in named[key]:
                named[key].add(who)
                also.add(id(c))
                continue
            if c.explicit_claimant and not old.explicit_claimant and old.claimant_text is None:
                # a bullet or lead nobody is named for, restated with its source later on
                old.claimant, old.claimant_text = c.claimant, c.claimant_text
                old.explicit_claimant = True
            continue
        if old is None or (old.heading and not c.heading):
            chosen[key] = c
            named[key] = {(c.claimant or "").casefold()}
            if old is not None and old.explicit_claimant and not c.explicit_claimant:
                # the headline named who speaks ("General Staff: ..."), the body did not
                c.claimant, c.claimant_text = old.claimant, old.claimant_text
    keep = {id(c) for c in chosen.values()} | also
    return [c for c in cands if id(c) in keep]


def _to_claims(text: str, cands: list[Cand], article_id: str, publisher: str) -> list[Claim]:
    out: list[Claim] = []
    seen: dict[str, int] = {}
    for c in cands:
        quote = text[c.q_start : c.q_end]
        if not quote.strip() or len(quote) > 2000 or c.q_end <= c.q_start:
            continue
        claimant = clean_name(c.claimant) or publisher
        claimant_text = clean_name(c.claimant_text) or None
        if mixed_script_word(claimant) or (claimant_text and mixed_script_word(claimant_text)):
            # a homoglyph ("Generаl Staff" with a Cyrillic "а") names nobody we can trust
            claimant, claimant_text = publisher, None
        subject = c.subject if c.subject and _SUBJECT.fullmatch(c.subject) else "russia"
        as_of = c.as_of or dt.date(1970, 1, 1)
        parts = [
            article_id,
            claimant,
            subject,
            c.metric,
            c.period or "cumulative",
            str(c.period_start),
            str(as_of),
        ]
        base = "|".join(parts)
        k = seen.get(base, 0)
        seen[base] = k + 1
        digest = hashlib.sha256(f"{base}|{k}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        out.append(
            Claim(
                claim_id=f"c_{digest}",
                claimant=claimant,
                claimant_text=claimant_text,
                publisher=publisher,
                subject=subject,
                metric=c.metric,
                value=c.value,
                qualifier=c.qualifier,
                period=c.period or "cumulative",
                period_start=c.period_start,
                as_of=as_of,
                quote=quote,
                span=(c.q_start, c.q_end),
            )
        )
    return out

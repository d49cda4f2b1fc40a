"""Synthetic data for the benchmarks: claims shaped like real ones, and varied example articles.

Owns: `claim_dicts` (hand-asserted / data-set claims as plain dicts), `log_events` (a realistic
mix of every event type, as `NewEvent` batches) and `articles` (~5 KB texts for extraction).
Deterministic: the same seed gives the same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

CLAIMANTS = (
    "General Staff of the Armed Forces of Ukraine",
    "Ministry of Defence of Ukraine",
    "Armed Forces of Ukraine",
    "Ministry of Defence of the Russian Federation",
    "UK Ministry of Defence",
    "Institute for the Study of War",
    "Oryx",
    "US Department of Defense",
    "Mediazona",
    "Office of the President of Ukraine",
    "Luhansk Oblast Military Administration",
    "Southern Defence Forces",
)
ALIASES = (
    ("Ukrainian General Staff", "General Staff of the Armed Forces of Ukraine"),
    ("MoD of Ukraine", "Ministry of Defence of Ukraine"),
    ("British MoD", "UK Ministry of Defence"),
    ("Pentagon", "US Department of Defense"),
)
PUBLISHERS = (
    "The Kyiv Independent",
    "Ukrainska Pravda",
    "Reuters",
    "Frontline Digest",
    "Eastern Front Report",
    "Kyiv Daily Monitor",
    "BBC News",
    "Meduza",
)
METRICS = (
    ("personnel", 160_000),
    ("tanks", 3_000),
    ("afv", 6_000),
    ("artillery", 2_500),
    ("mlrs", 450),
    ("air_defense", 250),
    ("aircraft", 300),
    ("helicopters", 280),
    ("drones", 2_200),
    ("cruise_missiles", 900),
    ("ships", 18),
    ("vehicles", 5_000),
    ("special_equipment", 280),
    ("pow", 1_000),
    ("equipment_total", 20_000),
)
QUALIFIERS = ("exact",) * 6 + ("approx",) * 2 + ("at_least", "at_most")
INVASION = date(2022, 2, 24)
WORDS = {"exact": "", "approx": "about ", "at_least": "more than ", "at_most": "up to "}


def _claim(rng: random.Random, seed: int, i: int) -> dict[str, Any]:
    """One claim as a plain dict, every field present (as the models dump them)."""
    metric, base = METRICS[rng.randrange(len(METRICS))]
    day = rng.randrange(900)
    as_of = INVASION + timedelta(days=30 + day)
    window = rng.random() < 0.15
    value = int(base * (0.2 + day / 600) * (0.02 if window else 1)) + rng.randrange(50)
    claimant = CLAIMANTS[rng.randrange(len(CLAIMANTS))]
    if rng.random() < 0.03:
        claimant = ALIASES[rng.randrange(len(ALIASES))][0]
    return {
        "claim_id": f"c_b{seed}_{i:07x}",
        "claimant": claimant,
        "claimant_text": claimant if rng.random() < 0.5 else f"the {claimant}",
        "publisher": PUBLISHERS[rng.randrange(len(PUBLISHERS))],
        "subject": "russia" if rng.random() < 0.8 else "ukraine",
        "metric": metric,
        "value": value,
        "qualifier": QUALIFIERS[rng.randrange(len(QUALIFIERS))],
        "period": "window" if window else "cumulative",
        "period_start": (as_of - timedelta(days=7) if window else INVASION).isoformat(),
        "as_of": as_of.isoformat(),
        "quote": None,
        "span": None,
    }


def claim_dicts(n: int, *, seed: int = 1) -> list[dict[str, Any]]:
    """Return `n` ClaimAsserted payloads (as dicts) with distinct claim ids."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        claim = _claim(rng, seed, i)
        payload: dict[str, Any] = {"claim": claim, "url": None, "note": None, "provenance": None}
        if i % 2:
            payload["provenance"] = {"dataset": "bench", "record_date": claim["as_of"]}
        else:
            payload["url"] = f"https://news.example/{i}"
        out.append(payload)
    return out


def _article_text(rng: random.Random, claims: list[dict[str, Any]]) -> str:
    """A short article quoting each claim; sets each claim's quote and span."""
    parts = [f"Losses report no. {rng.randrange(10**6)}\n\n"]
    length = len(parts[0])
    for claim in claims:
        lead = f"{claim['claimant']} said on {claim['as_of']} that "
        quote = (
            f"{claim['subject'].title()} had lost {WORDS[claim['qualifier']]}"
            f"{claim['value']:,} {claim['metric'].replace('_', ' ')}"
        )
        tail = " since the start of the full-scale invasion.\n\n"
        start = length + len(lead)
        claim["quote"], claim["span"] = quote, [start, start + len(quote)]
        parts.append(lead + quote + tail)
        length += len(lead) + len(quote) + len(tail)
    return "".join(parts)


def log_events(n: int, *, seed: int = 7, batch: int = 5_000) -> Iterator[list[Any]]:
    """Yield `NewEvent` batches totalling `n` events, a mix like a working ledger's:
    ~88% claims asserted, 3% articles (3 claims each), 0.5% article revisions,
    6% corrections, 2.5% retractions, and a few aliases."""
    from events import (
        ArticleRecorded,
        ArticleRevised,
        ClaimAsserted,
        ClaimCorrected,
        ClaimRetracted,
        SourceAliased,
    )
    from events.new_event import NewEvent

    rng = random.Random(seed)
    claim_ids: list[str] = []
    articles: list[tuple[str, int, list[dict[str, Any]]]] = []
    retracted: set[str] = set()
    out: list[Any] = []
    alias_at = {max(1, n * (k + 1) // (len(ALIASES) + 1)): k for k in range(len(ALIASES))}
    for i in range(n):
        roll = rng.random()
        if i in alias_at:
            alias, canonical = ALIASES[alias_at[i]]
            item = NewEvent(stream="sources", event=SourceAliased(alias=alias, canonical=canonical))
        elif roll < 0.03 or (roll < 0.035 and not articles):
            article_id = f"a_b{seed}_{i:07x}"
            claims = [_claim(rng, seed, i * 8 + k) for k in range(3)]
            text = _article_text(rng, claims)
            event = ArticleRecorded(
                article_id=article_id,
                url=f"https://news.example/a/{i}",
                title=f"Losses report {i}",
                publisher=PUBLISHERS[rng.randrange(len(PUBLISHERS))],
                published=claims[0]["as_of"],
                text=text,
                content_sha256=f"{i:064x}",
                extractor_version="bench",
                claims=claims,
            )
            articles.append((article_id, 1, claims))
            claim_ids.extend(c["claim_id"] for c in claims)
            item = NewEvent(stream=f"article-{article_id}", event=event)
        elif roll < 0.035:
            k = rng.randrange(len(articles))
            article_id, revision, claims = articles[k]
            claims = [dict(c) for c in claims[:2]]
            claims[0]["value"] += 10
            text = _article_text(rng, claims)
            event = ArticleRevised(
                article_id=article_id,
                revision=revision + 1,
                title=f"Losses report (revised {revision + 1})",
                text=text,
                content_sha256=f"{i:064x}",
                extractor_version="bench",
                claims=claims,
            )
            articles[k] = (article_id, revision + 1, claims)
            item = NewEvent(stream=f"article-{article_id}", event=event)
        elif roll < 0.095 and claim_ids:
            claim_id = claim_ids[rng.randrange(len(claim_ids))]
            changes = {"value": rng.randrange(100_000)}
            event = ClaimCorrected(claim_id=claim_id, changes=changes, reason="re-count")
            item = NewEvent(stream=f"claim-{claim_id}", event=event)
        elif roll < 0.12 and claim_ids:
            claim_id = claim_ids[rng.randrange(len(claim_ids))]
            if claim_id in retracted:
                claim_id = claim_ids[-1]
            retracted.add(claim_id)
            event = ClaimRetracted(claim_id=claim_id, reason="withdrawn by the source")
            item = NewEvent(stream=f"claim-{claim_id}", event=event)
        else:
            claim = _claim(rng, seed, i * 8)
            claim_ids.append(claim["claim_id"])
            event = ClaimAsserted(claim=claim, provenance={"dataset": "bench"})
            item = NewEvent(
                stream=f"claim-{claim['claim_id']}",
                event=event,
                expected_version=0,
                idempotency_key=f"bench:{claim['claim_id']}",
            )
        out.append(item)
        if len(out) >= batch:
            yield out
            out = []
    if out:
        yield out


def articles(count: int, *, size: int = 5_000, seed: int = 3) -> list[tuple[str, Any]]:
    """Return `count` (text, published) pairs of ~`size` characters, built from examples/:
    paragraphs shuffled and figures varied, so no two articles are the same."""
    from ledger.ingest.readers import iter_article_files, read_article_file

    drafts = [d for path in iter_article_files([str(EXAMPLES)]) for d in read_article_file(path)]
    paragraphs = [p.strip() for d in drafts for p in d.text.split("\n\n") if len(p.strip()) > 40]
    dates = [d.published for d in drafts if d.published]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        chosen: list[str] = []
        length = 0
        while length < size:
            paragraph = paragraphs[rng.randrange(len(paragraphs))]
            paragraph = _vary_digits(rng, paragraph)
            chosen.append(paragraph)
            length += len(paragraph) + 2
        text = "\n\n".join(chosen)[:size]
        out.append((text, dates[rng.randrange(len(dates))] if dates else None))
    return out


def _vary_digits(rng: random.Random, text: str) -> str:
    """Change the last digit of each figure, keeping its shape (so it still reads as one)."""
    chars = list(text)
    for k, char in enumerate(chars):
        last = char.isdigit() and (k + 1 == len(chars) or not chars[k + 1].isdigit())
        if last and rng.random() < 0.5:
            chars[k] = str(rng.randrange(10))
    return "".join(chars)

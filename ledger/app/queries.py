"""The queries: answers read from the read models (or, with `at`, from a replay in memory).

Owns: `totals`, `sources`, `history`, `show`, `check`, `audit_claim`, `audit_total`, `log`,
`event_at`. None of them writes, and none loads the extractor: the sentence a claim was read
from is recorded with the claim (`Claim.sentence`), so `show` and `audit` quote it from the
article's text as stored.
Imports: `events`, `ledger.app.*`, `ledger.projections`, `ledger.store`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from events import EVENT_TYPES
from events.envelope import Envelope
from ledger.app import audit
from ledger.app.results import (
    Competitor,
    ShowResult,
    TotalExplanation,
    public_claim,
)
from ledger.app.session import Session, iso_date, known_metric
from ledger.errors import InvalidInput, NotFound
from ledger.projections import (
    By,
    ClaimRow,
    ReadModel,
    TotalRow,
    group_of,
    life_of,
    resolve,
    series,
    why_lost,
    winner,
)
from ledger.projections import (
    sources as source_rows,
)
from ledger.projections import (
    totals as total_rows,
)
from ledger.store.hashing import canonical_json, row_hash


def claimant_filter(model: ReadModel, claimant: str | None) -> str | None:
    """Let a user name a claimant by any of its aliases."""
    if claimant is None:
        return None
    return resolve(claimant, model.aliases("claimant"))


def totals(
    session: Session,
    *,
    subject: str | None = None,
    metric: str | None = None,
    claimant: str | None = None,
    as_of: str | None = None,
    at: int | None = None,
) -> list[TotalRow]:
    """Return the standing cumulative figure per (claimant, subject, metric)."""
    as_of = iso_date(as_of, "--as-of")
    model = session.read_model(at=at)
    stored = model.stored_totals() if as_of is None else None
    rows = stored if stored is not None else total_rows(model.claims(), as_of=as_of)
    wanted = claimant_filter(model, claimant)
    return [
        r
        for r in rows
        if (subject is None or r["subject"] == subject)
        and (metric is None or r["metric"] == metric)
        and (wanted is None or r["claimant"] == wanted)
    ]


def sources(
    session: Session, *, by: By = "claimant", name: str | None = None, at: int | None = None
) -> list[dict[str, Any]]:
    """Summarise claims per claimant or per publisher."""
    model = session.read_model(at=at)
    rows = source_rows(model.claims(), by=by, publisher_aliases=model.aliases("publisher"))
    if name is not None:
        wanted = resolve(name, model.aliases(by))
        rows = [r for r in rows if r["name"].casefold() == wanted.casefold()]
        if not rows:
            raise NotFound(f"no {by} named {name!r}")
    return rows


def history(
    session: Session,
    *,
    metric: str,
    claimant: str | None = None,
    subject: str | None = None,
    at: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Return the series of figures of a metric over time, per claimant and subject; with
    `since`/`until`, only figures about dates in that range (inclusive)."""
    known_metric(metric)
    since, until = iso_date(since, "--since"), iso_date(until, "--until")
    if since and until and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}")
    model = session.read_model(at=at)
    wanted = claimant_filter(model, claimant)
    return series(
        model.claims(), metric=metric, claimant=wanted, subject=subject, since=since, as_of=until
    )


def show(session: Session, claim_id: str, *, at: int | None = None) -> ShowResult:
    """Return a claim, the sentence its quote stands in, its article and its life."""
    model = session.read_model(at=at)
    row = model.claim(claim_id)
    if row is None:
        raise NotFound(f"no claim {claim_id} in this ledger")
    article = model.article(row["article_id"]) if row["article_id"] else None
    sentence = None
    if article is not None and row.get("span"):
        sentence = _sentence(event_at(session, article["position"]), row)
    won = winner(model.group(group_of(row)))
    stands = won is not None and won["claim_id"] == claim_id
    return {
        "claim": public_claim(row),
        "status": row["status"],
        "total": {"stands": stands, "why_not": None if stands else why_lost(row, won)},
        "sentence": sentence,
        "article": article,
        "events": life_of(model.life(claim_id)),
    }


def _sentence(article: Envelope, row: ClaimRow) -> str | None:
    """The sentence a claim was read from: its recorded bounds in the article's text. A claim
    recorded before bounds were (extractor < 1.9) has its sentence found again, by the
    splitter extraction uses (loaded for that case only)."""
    text: str = article.data["text"]
    for claim in article.data.get("claims", ()):
        if claim.get("claim_id") == row["claim_id"] and claim.get("sentence"):
            start, end = claim["sentence"]
            return " ".join(text[start:end].split())
    span = row.get("span")
    if not span:
        return None
    from ledger.ingest.sentences import sentence_at

    return sentence_at(text, span)


def check(session: Session, *, at: int | None = None) -> list[audit.Finding]:
    """Return the consistency findings over every active claim."""
    return audit.check(session.read_model(at=at).claims())


def audit_claim(session: Session, claim_id: str) -> ShowResult:
    """Return the evidence chain of one claim: events, article, sentence, later changes,
    each event with its hash and whether that hash checks out."""
    shown = show(session, claim_id)
    events = []
    for entry in shown["events"]:
        envelope = event_at(session, entry["position"])
        row = envelope.model_dump()
        row["data_json"] = canonical_json(row.pop("data"))
        events.append(
            entry
            | {
                "event_id": envelope.id,
                "event_type": envelope.type,
                "stream": envelope.stream,
                "hash": envelope.hash,
                "prev_hash": envelope.prev_hash,
                "hash_ok": row_hash(row) == envelope.hash,
            }
        )
    return {**shown, "events": events}


def audit_total(
    session: Session,
    *,
    metric: str,
    claimant: str | None = None,
    subject: str | None = None,
    as_of: str | None = None,
) -> list[TotalExplanation]:
    """Explain each matching total: the claim that stands and why each competitor lost."""
    known_metric(metric)
    as_of = iso_date(as_of, "--as-of")
    model = session.read_model()
    wanted = claimant_filter(model, claimant)
    groups: dict[tuple[str, str, str], list[ClaimRow]] = {}
    for row in model.claims():
        if row["metric"] != metric:
            continue
        if wanted is not None and row["canonical_claimant"] != wanted:
            continue
        if subject is not None and row["subject"] != subject:
            continue
        groups.setdefault(group_of(row), []).append(row)
    if not groups:
        raise NotFound(f"no claims of metric {metric} match")
    out: list[TotalExplanation] = []
    for (name, subj, _), rows in sorted(groups.items()):
        explained = audit.explain_total(rows, as_of=as_of)
        won = explained["winner"]
        competitors: list[Competitor] = [
            {"claim": public_claim(c["claim"]), "why": c["why"]} for c in explained["competitors"]
        ]
        out.append(
            {
                "claimant": name,
                "subject": subj,
                "metric": metric,
                "as_of": as_of,
                "total": public_claim(won) if won else None,
                "competitors": competitors,
            }
        )
    return out


def log(
    session: Session,
    *,
    start: int = 1,
    stop: int | None = None,
    stream: str | None = None,
    types: Sequence[str] | None = None,
    limit: int | None = None,
) -> Iterator[Envelope]:
    """Stream the log in position order, filtered."""
    unknown = [t for t in types or () if t not in EVENT_TYPES]
    if unknown:
        raise InvalidInput(f"unknown event type {unknown[0]!r}")
    events = session.store.read(start=start, stop=stop, stream=stream, types=types)
    for count, envelope in enumerate(events):
        if limit is not None and count >= limit:
            return
        yield envelope


def event_at(session: Session, position: int) -> Envelope:
    """Return the event at a position, or raise NotFound."""
    for envelope in session.store.read(start=position, stop=position):
        return envelope
    raise NotFound(f"no event at position {position}")

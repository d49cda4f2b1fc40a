"""The queries: answers read from the read models (or, with `at`, from a replay in memory).

Owns: `totals`, `sources`, `show`, `check`, `audit_claim`, `audit_total`, `log`,
`event_at`. None of them writes, and none loads the extractor: the sentence a claim was read
from is recorded with the claim (`Claim.sentence`), so `show` and `audit` quote it from the
article's text as stored. Their filters go through `ledger.app.filters`: checked, matched to
the ledger's names in any case and by alias, and never an empty answer when they match
nothing in a ledger that has claims (#14).
Imports: `events`, `ledger.app.*`, `ledger.projections`, `ledger.store`, `ledger.errors`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from events.envelope import Envelope
from events.vocabulary import METRICS
from ledger.app import filters, staleness
from ledger.app.filters import Facets, Match
from ledger.app.matching import claim_facets, matches, total_facets
from ledger.app.results import (
    Competitor,
    ShowResult,
    TotalExplanation,
    public_claim,
)
from ledger.app.review_scope import in_scope, require_reviewed
from ledger.app.sentences import context_lookup, sentence_of
from ledger.app.session import Session, iso_date
from ledger.app.source_sql import sql_sources
from ledger.app.standing import standing
from ledger.errors import InvalidInput, NotFound
from ledger.lazy import lazy_module
from ledger.projections import (
    By,
    ClaimRow,
    GroupKey,
    ReadModel,
    SQLiteReadModel,
    TotalRow,
    group_of,
    group_order,
    life_of,
    total_group,
    why_lost,
)
from ledger.projections import (
    sources as source_rows,
)
from ledger.projections import (
    totals as total_rows,
)
from ledger.projections.ranges import ranged_total, ranges
from ledger.store import gc_paused
from ledger.store.hashing import canonical_json, row_hash

if TYPE_CHECKING:
    from ledger.app import audit
else:
    audit = lazy_module("ledger.app.audit")  # `check` and `audit --metric` only


def totals(
    session: Session,
    *,
    subject: str | None = None,
    metric: str | None = None,
    claimant: str | None = None,
    as_of: str | None = None,
    at: int | None = None,
    reviewed: bool = False,
    basis: str | None = None,
) -> list[TotalRow]:
    """Return the standing cumulative figure per (claimant, subject, metric, basis); `reviewed`:
    computed over the reviewed claims only (so not read from the stored totals)."""
    as_of = iso_date(as_of, "--as-of")
    metric = filters.choice("metric", metric, METRICS)
    subject = filters.subject(subject)
    model = session.read_model(at=at)
    stored = model.stored_totals() if as_of is None and not reviewed else None
    filtered = any(f is not None for f in (claimant, subject, metric, basis))
    claims = model.claims() if stored is None or filtered else []
    scope: list[ClaimRow] | None = None
    if stored is not None:
        rows = stored
    else:
        scope = require_reviewed(reviewed, model, in_scope(claims, reviewed))
        rows = total_rows(scope, as_of=as_of)
    rows = _with_ranges(model, rows, scope)
    # Each row's age against the newest of all totals, before a filter (a TotalRow and more).
    rows = cast(list[TotalRow], staleness.with_ages(rows))
    if not filtered:
        return require_reviewed(reviewed, model, rows)
    if not claims:  # an empty ledger: there is nothing a filter could have matched
        return []
    wanted = matches(model, claims, claimant=claimant, subject=subject, metric=metric, basis=basis)
    noun = "totals" if as_of is None else f"totals as of {as_of}"
    return filters.select(rows, total_facets, wanted, noun=_reviewed(noun, reviewed))


def _with_ranges(
    model: ReadModel, rows: list[TotalRow], scope: list[ClaimRow] | None
) -> list[TotalRow]:
    """Each total whose claim is an end of a range, with its range (`ledger.projections.
    ranges`): found among `scope`, or (stored totals) among the groups of such totals only."""
    ends = [r for r in rows if r["qualifier"] in ("at_least", "at_most")]
    if scope is None:  # only the rows `ranges` could pair, in one read (#17)
        scope = model.range_ends({total_group(r) for r in ends})
    pairs = ranges(scope)
    return [cast(TotalRow, ranged_total(r, pairs)) for r in rows]


def _reviewed(noun: str, reviewed: bool) -> str:
    """What a `--reviewed` refusal calls the rows it looked at."""
    return f"reviewed {noun}" if reviewed else noun


def sources(
    session: Session,
    *,
    by: By = "claimant",
    name: str | None = None,
    at: int | None = None,
    reviewed: bool = False,
) -> list[dict[str, Any]]:
    """Summarise claims per claimant or per publisher (`reviewed`: reviewed claims only)."""
    model = session.read_model(at=at)
    if name is None and not reviewed and isinstance(model, SQLiteReadModel):
        aliases = model.aliases("publisher")  # counted in SQL, not claim by claim (#17)
        return sql_sources(model.conn, by=by, publisher_aliases=aliases)
    claims = model.claims()
    scope = require_reviewed(reviewed, model, in_scope(claims, reviewed))
    rows = source_rows(scope, by=by, publisher_aliases=model.aliases("publisher"))
    staleness.with_latest_ages(rows, scope)
    if name is None or not claims:
        return rows
    wanted = matches(model, claims, **{by: name})
    noun = _reviewed("sources", reviewed)
    return filters.select(rows, lambda r: {by: (r["name"],)}, wanted, noun=noun)


def show(session: Session, claim_id: str, *, at: int | None = None) -> ShowResult:
    """Return a claim, the sentence its quote stands in, its article and its life."""
    model = session.read_model(at=at)
    row = model.claim(claim_id)
    if row is None:
        raise NotFound(f"no claim {claim_id} in this ledger")
    return claim_view(session, model, row)


def claim_view(session: Session, model: ReadModel, row: ClaimRow) -> ShowResult:
    """Assemble `show`'s answer for a claim row read from `model`."""
    claim_id = row["claim_id"]
    article = model.article(row["article_id"]) if row["article_id"] else None
    sentence = None
    if article is not None and row.get("span"):
        sentence = sentence_of(event_at(session, article["position"]), row)
    won, pair = standing(model, row)  # from the totals table, not the whole group
    ends = pair.claim_ids if pair else [claim_id]
    stands = won is not None and won["claim_id"] in ends  # either end: the range stands
    why_not = None if stands else why_lost(row, won)
    return {
        "claim": public_claim(row),
        "status": row["status"],
        "total": {"stands": stands, "why_not": why_not, "range": pair.values if pair else None},
        "sentence": sentence,
        "article": article,
        "events": life_of(model.life(claim_id)),
    }


def check(
    session: Session,
    *,
    metric: str | None = None,
    claimant: str | None = None,
    kind: str | None = None,
    since: str | None = None,
    at: int | None = None,
    reviewed: bool = False,
    basis: str | None = None,
) -> list[audit.Finding]:
    """Return the consistency findings over every active claim (`reviewed`: every reviewed
    one); with filters, those about a claimant or metric, of a kind, or whose figures are
    dated on or after `since`."""
    metric = filters.choice("metric", metric, METRICS)
    kind = filters.choice("kind", kind, audit.KINDS)
    since = iso_date(since, "--since")
    model = session.read_model(at=at)
    with gc_paused():  # every claim as a dict, and the rules' indexes of them: no cycles
        claims = model.claims() if reviewed else model.checked()
        kept = require_reviewed(reviewed, model, in_scope(claims, reviewed))
        findings = audit.check(kept, context=context_lookup(session, model))
        if all(f is None for f in (metric, claimant, kind, since, basis)) or not claims:
            del claims, kept  # freed while paused: no collection walks them on the way out
            return findings
    by_id = {c["claim_id"]: c for c in claims}

    def facets(finding: audit.Finding) -> Facets:
        rows = [by_id[c] for c in finding["claims"] if c in by_id]
        return {
            "claimant": {r["canonical_claimant"] for r in rows},
            "metric": {r["metric"] for r in rows},
            "basis": {b for r in rows if (b := r.get("basis"))},
            "kind": (finding["kind"],),
            "date": {r["as_of"] for r in rows},
        }

    named = matches(model, claims, claimant=claimant, metric=metric, basis=basis)
    kinds = Match("kind", kind, frozenset({kind})) if kind is not None else None
    wanted = [*named, kinds, filters.since(since)]
    return filters.select(findings, facets, wanted, noun=_reviewed("findings", reviewed))


def audit_claim(session: Session, claim_id: str) -> ShowResult:
    """Return the evidence chain of one claim: events, article, sentence, later changes,
    each event with its hash and whether that hash checks out."""
    shown = show(session, claim_id)
    events = []
    for entry in shown["events"]:
        envelope = event_at(session, entry["position"])
        row = envelope.as_dict()
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
    reviewed: bool = False,
    basis: str | None = None,
) -> list[TotalExplanation]:
    """Explain each matching total: the claim that stands and why each competitor lost
    (`reviewed`: among the reviewed claims only)."""
    metric = filters.choice("metric", metric, METRICS) or metric  # a metric is always given
    subject = filters.subject(subject)
    as_of = iso_date(as_of, "--as-of")
    model = session.read_model()
    claims = model.claims()
    if not claims:
        raise NotFound(f"no total of {metric} to explain: this ledger has no claims yet")
    wanted = matches(model, claims, claimant=claimant, subject=subject, metric=metric, basis=basis)
    groups: dict[GroupKey, list[ClaimRow]] = {}
    scope = require_reviewed(reviewed, model, in_scope(claims, reviewed))
    for row in filters.select(scope, claim_facets, wanted, noun=_reviewed("claims", reviewed)):
        groups.setdefault(group_of(row), []).append(row)
    out: list[TotalExplanation] = []
    for (name, subj, _, basis), rows in sorted(groups.items(), key=lambda g: group_order(g[0])):
        explained = audit.explain_total(rows, as_of=as_of)
        won, pair = explained["winner"], explained["range"]
        competitors: list[Competitor] = [
            {"claim": public_claim(c["claim"]), "why": c["why"]} for c in explained["competitors"]
        ]
        out.append(
            {
                "claimant": name,
                "subject": subj,
                "metric": metric,
                "basis": basis,
                "as_of": as_of,
                "total": public_claim(won) if won else None,
                "range": pair.values if pair else None,
                "range_claims": pair.claim_ids if pair else None,
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
    if types:
        from events.registry import EVENT_TYPES  # (`--type` only)

        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise InvalidInput(f"unknown event type {unknown[0]!r}")
    events = session.store.read(start=start, stop=stop, stream=stream, types=types)
    if limit is not None and stream is None and not types:
        events = _first(session, start, stop, limit)
    if limit == 0:
        return
    for count, envelope in enumerate(events, 1):
        yield envelope
        if count == limit:  # the next is never asked for (nor read)
            return


def _first(session: Session, start: int, stop: int | None, limit: int) -> Iterator[Envelope]:
    """The events from `start` (up to `stop`) a `limit` shows: read as the positions they
    hold when the log has no gap (one page of `limit` events, not the store's page of
    thousands), then on from there, in case it has one."""
    last = start + limit - 1 if stop is None else min(stop, start + limit - 1)
    position = start - 1
    for envelope in session.store.read(start=start, stop=last):
        position = envelope.position
        yield envelope
    if stop is None or stop > last:
        yield from session.store.read(start=max(position, last) + 1, stop=stop)


def event_at(session: Session, position: int) -> Envelope:
    """Return the event at a position, or raise NotFound."""
    for envelope in session.store.read(start=position, stop=position):
        return envelope
    raise NotFound(f"no event at position {position}")

"""The claims fold: every event's effect on claims, articles, aliases and claim lives.

Owns: `apply(rows, event)`, the one fold every read model is built from — replayed into
memory or caught up into SQLite, it is the same code, so both give the same rows.
Pure: it reads and writes only through `Rows`. Imports: `events`, `ledger.projections.base`.

A claim belongs to the stream of the event that first asserted it (its article's stream, or
its own). An event about a claim that comes from another stream, and a `claim-asserted` that
reuses an existing claim id, change nothing: whoever can append cannot take over or revive a
claim through a raw event, and replay and catch-up ignore them alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from events.upcasters import upcast
from events.vocabulary import basis_of, is_review_fix
from ledger.projections.base import ArticleRow, ClaimRow, Rows, group_of

CLAIM_FIELDS = (
    "claim_id",
    "claimant",
    "claimant_text",
    "publisher",
    "subject",
    "metric",
    "value",
    "qualifier",
    "period",
    "period_start",
    "as_of",
    "quote",
    "span",
    "basis",
)
_TAIL = (
    "canonical_claimant",
    "status",
    "review",
    "stream",
    "origin",
    "first_position",
    "position",
    "recorded_at",
    "article_id",
    "url",
    "title",
    "extracted",
    "provenance",
)
"""What the fold adds after a claim's own fields, in the row's (the table's) order."""
ROW_FIELDS = (*CLAIM_FIELDS, *_TAIL)
"""The keys of a claim row as the fold builds it, in order."""
ArticleSource = tuple[str, str | None, str]
"""What an article's claim row names of its article: (article id, url, title)."""


class _Versions(dict[str, int]):
    """Each event type's current schema version, read from its model when first needed (a
    read that folds no event imports no model); then a plain dict lookup."""

    def __missing__(self, type_name: str) -> int:
        from events.registry import EVENT_TYPES  # (the first event folded)

        self[type_name] = version = EVENT_TYPES[type_name].SCHEMA_VERSION
        return version


_CURRENT = _Versions()


def resolve(name: str, aliases: dict[str, str]) -> str:
    """Follow an alias chain to its canonical name (cycles stop where they started)."""
    if name not in aliases:
        return name
    seen = {name}
    while name in aliases and aliases[name] not in seen:
        name = aliases[name]
        seen.add(name)
    return name


def payload(event: Any) -> dict[str, Any]:
    """Return an event's data in the current schema version."""
    current = _CURRENT[event.type]
    if event.schema_version < current:
        return upcast(event.type, event.schema_version, current, dict(event.data))
    data: dict[str, Any] = event.data
    return data


def apply(rows: Rows, event: Any) -> Rows:
    """Fold one event (an envelope) into the rows; unknown or irrelevant events change nothing."""
    handler = _HANDLERS.get(event.type)
    if handler is not None:
        handler(rows, event, payload(event))
    return rows


def _new_claim_row(
    rows: Rows,
    claim: dict[str, Any],
    event: Any,
    origin: str,
    source: ArticleSource | None = None,
    extracted: str | None = None,
    *,
    url: str | None = None,
    provenance: dict[str, str] | None = None,
) -> ClaimRow:
    """A claim's first row: its `CLAIM_FIELDS` (one the payload lacks reads as None), then
    `_TAIL`, what the fold adds; one dict display, the hot path of every replay and catch-up
    (`ROW_FIELDS` is its key order, which a test holds it to). An article's claim names its
    article (`source`) and what the extractor read (`extracted`)."""
    get = claim.get
    article_id = title = None
    if source is not None:
        article_id, url, title = source
    metric: Any = get("metric")
    position = event.position
    row = {
        "claim_id": get("claim_id"),
        "claimant": get("claimant"),
        "claimant_text": get("claimant_text"),
        "publisher": get("publisher"),
        "subject": get("subject"),
        "metric": metric,
        "value": get("value"),
        "qualifier": get("qualifier"),
        "period": get("period"),
        "period_start": get("period_start"),
        "as_of": get("as_of"),
        "quote": get("quote"),
        "span": get("span"),
        "basis": basis_of(metric, get("basis")),
        "canonical_claimant": resolve(claim["claimant"], rows.aliases("claimant")),
        "status": "active",
        "review": "unreviewed" if origin == "article" else "entered",
        "stream": event.stream,
        "origin": origin,
        "first_position": position,
        "position": position,
        "recorded_at": event.recorded_at,
        "article_id": article_id,
        "url": url,
        "title": title,
        "extracted": extracted,
        "provenance": provenance,
    }
    return cast(ClaimRow, row)


def _life(rows: Rows, claim_id: str, event: Any, kind: str, detail: dict[str, Any]) -> None:
    rows.add_life(
        {
            "claim_id": claim_id,
            "position": event.position,
            "kind": kind,
            "recorded_at": event.recorded_at,
            "actor": event.actor,
            "detail": detail,
        }
    )


def _put(rows: Rows, row: ClaimRow, before: ClaimRow | None = None) -> None:
    """Store a claim row and mark the totals groups it leaves and joins."""
    if before is not None:
        rows.touch(group_of(before))
    rows.put_claim(row)
    rows.touch(group_of(row))


def _claim_asserted(rows: Rows, event: Any, data: dict[str, Any]) -> None:
    claim = data["claim"]
    if rows.claim(claim["claim_id"]) is not None:
        return  # the id is taken: an assertion never replaces (or revives) an existing claim
    provenance = data.get("provenance") or {}
    origin = "dataset" if provenance.get("dataset") else "asserted"
    url = data.get("url")
    row = _new_claim_row(rows, claim, event, origin, url=url, provenance=provenance or None)
    _put(rows, row)
    detail = {"value": claim["value"], "qualifier": claim["qualifier"], "origin": origin}
    if provenance:
        detail["provenance"] = provenance
    _life(rows, claim["claim_id"], event, "asserted", detail)


def _article(rows: Rows, event: Any, data: dict[str, Any]) -> None:
    """Record an article or a revision; a revision's claim set replaces the previous one."""
    previous = rows.article(data["article_id"])
    if previous is not None and previous["stream"] != event.stream:
        return  # another stream's article: only its own stream may revise it
    article = _article_row(event, data, previous)
    rows.put_article(article)
    source = (article["article_id"], data.get("url"), data["title"])
    for claim in data["claims"]:
        _article_claim(rows, event, claim, article["revision"], source)
    new_ids = set(article["claim_ids"])
    for claim_id in previous["claim_ids"] if previous else ():
        if claim_id not in new_ids:
            _withdraw(rows, event, claim_id, article["revision"])


def _article_row(event: Any, data: dict[str, Any], previous: ArticleRow | None) -> ArticleRow:
    before: dict[str, Any] = dict(previous) if previous else {}
    return {
        "article_id": data["article_id"],
        "stream": event.stream,
        "url": data.get("url"),
        "title": data["title"],
        "publisher": data.get("publisher") or before.get("publisher"),
        "author": data.get("author", before.get("author")),
        "published": data.get("published"),
        "content_sha256": data["content_sha256"],
        "revision": data.get("revision", 1),
        "claim_ids": [c["claim_id"] for c in data["claims"]],
        "first_position": previous["first_position"] if previous else event.position,
        "position": event.position,
    }


def _article_claim(
    rows: Rows, event: Any, claim: dict[str, Any], revision: int, source: ArticleSource
) -> None:
    """Fold one claim of an article (revision): new, revised, or read as before."""
    before = rows.claim(claim["claim_id"])
    if before is not None and before["stream"] != event.stream:
        return  # a claim another stream owns
    extracted = fingerprint(claim)
    if before is not None and before.get("extracted") == extracted:
        _reread(rows, event, claim, before, revision)
        return
    row = _new_claim_row(rows, claim, event, "article", source, extracted)
    detail: dict[str, Any]
    if before is None:
        kind = "asserted"
        detail = {"value": claim["value"], "qualifier": claim["qualifier"]}
        if revision > 1:
            detail["revision"] = revision
    else:
        row["first_position"] = before["first_position"]
        kind = "revised"
        detail = {"revision": revision, "changes": _diff(before, row)}
    _put(rows, row, before)
    _life(rows, claim["claim_id"], event, kind, detail)


def _reread(rows: Rows, event: Any, claim: dict[str, Any], before: ClaimRow, revision: int) -> None:
    """A claim read the same way as before: keep any corrections, follow the text if it moved."""
    if before["status"] == "withdrawn":
        _put(rows, {**before, "status": "active", "position": event.position}, before)
        _life(rows, claim["claim_id"], event, "revised", {"revision": revision})
    elif before["span"] != claim.get("span"):
        rows.put_claim({**before, "span": claim.get("span"), "quote": claim.get("quote")})


def _withdraw(rows: Rows, event: Any, claim_id: str, revision: int) -> None:
    """Withdraw a claim a revision no longer reads."""
    before = rows.claim(claim_id)
    if before is None or before["status"] != "active" or before["stream"] != event.stream:
        return  # a withdrawn claim stays withdrawn, and a retraction is never undone
    _put(rows, {**before, "status": "withdrawn", "position": event.position}, before)
    _life(rows, claim_id, event, "withdrawn", {"revision": revision})


def fingerprint(claim: dict[str, Any]) -> str:
    """Identify what was read for a claim, ignoring where in the text it stands."""
    return "|".join(str(claim.get(n)) for n in CLAIM_FIELDS if n != "span")


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Return {field: [old, new]} for the claim fields a revision changed."""
    names = [n for n in CLAIM_FIELDS if n not in ("claim_id", "span")]
    return {n: [before[n], after[n]] for n in names if before.get(n) != after.get(n)}


def _claim_corrected(rows: Rows, event: Any, data: dict[str, Any]) -> None:
    before = rows.claim(data["claim_id"])
    if before is None or before["stream"] != event.stream:
        return  # a claim this log never had, or one another stream owns: nothing changes
    changes = data["changes"]
    row = cast(ClaimRow, {**before, **changes, "position": event.position})
    row["basis"] = basis_of(row["metric"], row.get("basis"))  # a metric moved to or from it
    old: Mapping[str, Any] = before
    if "claimant" in changes:
        row["canonical_claimant"] = resolve(row["claimant"], rows.aliases("claimant"))
    if before["origin"] == "article" and is_review_fix(data["reason"]):
        row["review"] = "fixed"  # a reviewer's fix: the claim stands, as corrected
        if before["status"] == "rejected":
            row["status"] = "active"
    _put(rows, row, before)
    detail = {
        "changes": {name: [old.get(name), value] for name, value in changes.items()},
        "reason": data["reason"],
    }
    _life(rows, data["claim_id"], event, "corrected", detail)


def _claim_retracted(rows: Rows, event: Any, data: dict[str, Any]) -> None:
    before = rows.claim(data["claim_id"])
    if before is None or before["stream"] != event.stream:
        return  # as for corrections: only the claim's own stream may retract it
    _put(rows, {**before, "status": "retracted", "position": event.position}, before)
    _life(rows, data["claim_id"], event, "retracted", {"reason": data["reason"]})


def _claim_reviewed(rows: Rows, event: Any, data: dict[str, Any]) -> None:
    """A reviewer's verdict on an extracted claim: the latest verdict stands. A rejected
    claim leaves the totals (status `rejected`) until a later acceptance or fix; a claim
    retracted, withdrawn by a revision, or not read from an article is not reviewed."""
    before = rows.claim(data["claim_id"])
    if before is None or before["stream"] != event.stream or before["origin"] != "article":
        return
    if before["status"] not in ("active", "rejected"):
        return
    verdict = data["verdict"]
    status = "rejected" if verdict == "rejected" else "active"
    _put(rows, {**before, "status": status, "review": verdict, "position": event.position}, before)
    detail = {"reason": data["reason"]} if data.get("reason") else {}
    _life(rows, data["claim_id"], event, verdict, detail)


def _source_aliased(rows: Rows, event: Any, data: dict[str, Any]) -> None:
    kind = data.get("kind", "claimant")
    rows.put_alias(kind, data["alias"], data["canonical"], event.position)
    if kind != "claimant":
        return  # publisher aliases are applied when sources are read
    aliases = rows.aliases("claimant")
    affected = [name for name in _names_through(data["alias"], aliases)]
    for name in affected:
        for claim_id in rows.claim_ids_by_claimant(name):
            before = rows.claim(claim_id)
            if before is None:
                continue
            canonical = resolve(before["claimant"], aliases)
            if canonical != before["canonical_claimant"]:
                _put(rows, {**before, "canonical_claimant": canonical}, before)


def _names_through(alias: str, aliases: dict[str, str]) -> list[str]:
    """Return the claimant names whose alias chain passes through `alias` (itself included)."""
    return [alias] + [name for name in aliases if name != alias and _passes(name, alias, aliases)]


def _passes(name: str, target: str, aliases: dict[str, str]) -> bool:
    seen = {name}
    while name in aliases and aliases[name] not in seen:
        name = aliases[name]
        if name == target:
            return True
        seen.add(name)
    return False


_HANDLERS = {
    "claim-asserted": _claim_asserted,
    "article-recorded": _article,
    "article-revised": _article,
    "claim-corrected": _claim_corrected,
    "claim-retracted": _claim_retracted,
    "claim-reviewed": _claim_reviewed,
    "source-aliased": _source_aliased,
}

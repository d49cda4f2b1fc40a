"""What changed between two knowledge positions of the log: the pure core of `claims diff`.

Owns: `Side` (the claims and articles as the log stood at one position), `diff` (the claims
added, corrected, retracted, reviewed and withdrawn by the events between two positions, the
articles added or revised, and the totals that moved, each with why) and the words for why a
total moved. Pure: functions of rows. Each claim change is read from the claim life rows
recorded between the two positions (`LifeRow`); the totals are computed at both positions by
the one winner rule (`group_totals.totals`), so a diff between P and P is empty (#15).
Imports: `events` (`is_review_fix`), `ledger.projections.base`, `.group_totals`, `.ranges`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from events import is_review_fix
from ledger.projections.base import (
    ArticleRow,
    ClaimRow,
    GroupKey,
    LifeRow,
    TotalRow,
    total_group,
)
from ledger.projections.group_totals import totals
from ledger.projections.ranges import Range, ranges

FIGURE = ("value", "qualifier", "as_of", "claim_id")
"""What a total shows: it moved when one of these differs between the two positions."""

SECTIONS = ("added", "corrected", "retracted", "reviewed", "withdrawn")
"""The kinds of claim change, in the order a diff lists them."""


@dataclass(frozen=True)
class Side:
    """The ledger as it stood at one position: its claims and articles."""

    position: int
    claims: Sequence[ClaimRow]
    articles: Sequence[ArticleRow] = ()


def diff(
    before: Side, after: Side, life: Iterable[LifeRow], *, as_of: str | None = None
) -> dict[str, Any]:
    """Return what the events after `before.position` up to `after.position` changed:
    `from`, `to`, `claims` ({added, corrected, retracted, reviewed, withdrawn}), `articles`
    and `totals` (with `as_of`: the totals about dates up to it, at each position)."""
    now = {r["claim_id"]: r for r in after.claims}
    then = {r["claim_id"]: r for r in before.claims}
    between = [r for r in life if before.position < r["position"] <= after.position]
    between.sort(key=lambda r: (r["position"], r["claim_id"], r["kind"]))
    claims: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    for row in between:
        claim = now.get(row["claim_id"]) or then.get(row["claim_id"])
        if claim is not None:
            section, entry = _entry(row, claim)
            claims[section].append(entry)
    return {
        "from": before.position,
        "to": after.position,
        "claims": claims,
        "articles": _articles(before.articles, after.articles),
        "totals": _totals(before, after, then, now, between, as_of),
    }


def _facets(claim: ClaimRow) -> dict[str, Any]:
    return {
        "claim_id": claim["claim_id"],
        "claimant": claim["canonical_claimant"],
        "subject": claim["subject"],
        "metric": claim["metric"],
    }


def _entry(row: LifeRow, claim: ClaimRow) -> tuple[str, dict[str, Any]]:
    """The section a life row belongs to, and what the diff says of it."""
    kind, detail = row["kind"], row["detail"]
    entry = {
        **_facets(claim),
        "position": row["position"],
        "recorded_at": row["recorded_at"],
        "actor": row["actor"],
    }
    if kind == "asserted":
        figure = {"value": claim["value"], "qualifier": claim["qualifier"], "as_of": claim["as_of"]}
        return "added", {
            **entry,
            **figure,
            "origin": claim["origin"],
            "article_id": claim["article_id"],
            "revision": detail.get("revision", 1 if claim["origin"] == "article" else None),
        }
    if kind == "corrected":
        changes, reason = detail.get("changes", {}), detail.get("reason", "")
        if claim["origin"] == "article" and is_review_fix(reason):
            return "reviewed", {**entry, "verdict": "fixed", "reason": reason, "changes": changes}
        return "corrected", {**entry, "reason": reason, "changes": changes}
    if kind == "revised":  # read again by a revision of its article: changed, or reinstated
        changes = detail.get("changes") or {"status": ["withdrawn", "active"]}
        reason = f"revision {detail.get('revision')} of its article"
        return "corrected", {**entry, "reason": reason, "changes": changes}
    if kind == "retracted":
        return "retracted", {**entry, "reason": detail.get("reason")}
    if kind == "withdrawn":
        return "withdrawn", {
            **entry,
            "article_id": claim["article_id"],
            "revision": detail.get("revision"),
        }
    return "reviewed", {**entry, "verdict": kind, "reason": detail.get("reason"), "changes": {}}


def _articles(before: Sequence[ArticleRow], after: Sequence[ArticleRow]) -> list[dict[str, Any]]:
    """The articles recorded, or revised, between the two positions."""
    then = {a["article_id"]: a for a in before}
    out = []
    for article in after:
        old = then.get(article["article_id"])
        if old is not None and old["revision"] == article["revision"]:
            continue
        out.append(
            {
                "article_id": article["article_id"],
                "title": article["title"],
                "change": "added" if old is None else "revised",
                "revision_before": None if old is None else old["revision"],
                "revision": article["revision"],
                "position": article["position"],
                "claim_ids": list(article["claim_ids"]),
            }
        )
    return sorted(out, key=lambda a: (a["position"], a["article_id"]))


def _figure(total: TotalRow | None, pairs: Mapping[str, Range]) -> dict[str, Any] | None:
    """A standing total as the diff compares it: its figure, and its range when its claim is
    an end of one (the pair stands as one figure, so the range is what moved or stayed)."""
    if total is None:
        return None
    shown: dict[str, Any] = {k: total[k] for k in FIGURE}  # type: ignore[literal-required]
    pair = pairs.get(total["claim_id"])
    return shown | {"range": pair.values if pair else None}


def _totals(
    before: Side,
    after: Side,
    then: dict[str, ClaimRow],
    now: dict[str, ClaimRow],
    between: list[LifeRow],
    as_of: str | None,
) -> list[dict[str, Any]]:
    """Each (claimant, subject, metric) whose standing total differs, old -> new, and why."""
    old = {_key(t): t for t in totals(before.claims, as_of=as_of)}
    new = {_key(t): t for t in totals(after.claims, as_of=as_of)}
    old_pairs, new_pairs = ranges(before.claims), ranges(after.claims)
    events: dict[str, list[LifeRow]] = {}
    for row in between:
        events.setdefault(row["claim_id"], []).append(row)
    out = []
    for key in sorted(old.keys() | new.keys()):
        b, a = _figure(old.get(key), old_pairs), _figure(new.get(key), new_pairs)
        if b == a:
            continue
        why = _why(b, a, then, now, events, before.position)
        out.append(
            {"claimant": key[0], "subject": key[1], "metric": key[2], "before": b, "after": a}
            | {"why": why}
        )
    return out


def _key(total: TotalRow) -> GroupKey:
    return total_group(total)


def _why(
    b: dict[str, Any] | None,
    a: dict[str, Any] | None,
    then: dict[str, ClaimRow],
    now: dict[str, ClaimRow],
    events: dict[str, list[LifeRow]],
    start: int,
) -> str:
    """Why a total moved: what happened to the claim that stood, and to the one that stands."""
    if a is not None and b is not None and a["claim_id"] == b["claim_id"]:
        return _happened(a["claim_id"], events) or f"{a['claim_id']} changed"
    said: list[str] = []
    if b is not None:
        fate = _happened(b["claim_id"], events)
        if fate:
            said.append(fate)
        elif a is None:
            said.append(f"{b['claim_id']} no longer counts here")
    if a is not None:
        new_id = a["claim_id"]
        claim = now[new_id]
        if claim["first_position"] > start:
            if b is not None and a["as_of"] > b["as_of"]:
                said.append(f"a later as_of arrived: {new_id} (as of {a['as_of']})")
            else:
                said.append(f"{new_id} was added at {claim['first_position']}")
        else:
            rise = _happened(new_id, events)
            if rise:
                said.append(rise)
            elif not said:
                was = then.get(new_id)
                moved = was is not None and was["canonical_claimant"] != claim["canonical_claimant"]
                said.append(f"{new_id} now counts here" if moved or b is None else "")
    return "; ".join(s for s in said if s) or "the totals rule now ranks another claim first"


def _happened(claim_id: str, events: dict[str, list[LifeRow]]) -> str:
    """What the events between the positions did to a claim, the latest last ('' if none)."""
    rows = [r for r in events.get(claim_id, ()) if r["kind"] != "asserted"]
    return "; ".join(f"{claim_id} {_phrase(r)}" for r in rows)


def _phrase(row: LifeRow) -> str:
    """One life row in a few words: "was retracted at 698 (superseded ...)"."""
    kind, detail, at = row["kind"], row["detail"], row["position"]
    reason = f" ({detail['reason']})" if detail.get("reason") else ""
    if kind == "corrected":
        what = "fixed on review" if is_review_fix(detail.get("reason", "")) else "corrected"
        return f"was {what} at {at}: {changes_text(detail.get('changes', {}))}{reason}"
    if kind == "revised":
        changes = detail.get("changes")
        read = f": {changes_text(changes)}" if changes else " (reinstated)"
        return f"was read again by revision {detail.get('revision')} at {at}{read}"
    if kind == "withdrawn":
        return f"was withdrawn by revision {detail.get('revision')} at {at}"
    if kind in ("accepted", "rejected"):
        return f"was {kind} on review at {at}{reason}"
    return f"was {kind} at {at}{reason}"


def changes_text(changes: dict[str, Any]) -> str:
    """Field changes as "value: 174550 -> 174560, as_of: ... -> ..."."""
    return ", ".join(f"{name}: {old} -> {new}" for name, (old, new) in changes.items())

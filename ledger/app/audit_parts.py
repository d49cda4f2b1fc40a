"""Parts of a figure: what `check` must not judge alone against a claimant's whole series.

Owns: `partial_scope` (where a text confines a figure to part of the front: "over the northern
regions of two oblasts", "in the Bakhmut direction", "the Vostok battlegroup"), `part_window`
and `part_figure` (such a figure judged as a part: at most the series' count, on its own dates
or a day or two off), and `sum_of_parts` (several figures one article gives for one claimant,
metric and date that add up to the series' figure: "969 vehicles and 60 fuel tanks" against a
series that counts "vehicles and fuel tanks" as one class).

A part is consistent when it is not more than the whole: an info finding that says which part
and of what, never a warning for being smaller. A part larger than the whole is a warning.
Pure: functions of claim rows and of the words around a figure. Imports: `ledger.projections`
(the claim row type), `ledger.app.audit_lag` (the dates a figure may be a day or two off).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ledger.app.audit_lag import lagged_figure, lagged_window
from ledger.projections import ClaimRow

Context = Callable[[ClaimRow], tuple[str, str] | None]
"""The words of a claim's sentence before and after its quote (None: not read from a text)."""
Agrees = Callable[[int, str, int], bool]
"""`consistent(claimed, qualifier, actual)`: how a figure is judged against the series."""

_SIDE = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central"
_NAME = r"[A-Z][\w'’-]+"
_NAMES = rf"{_NAME}(?:\s+(?:and\s+)?{_NAME})*"
_AREA = r"(?i:regions?|oblasts?|provinces?|directions?|sectors?|axis|districts?)"
_PART = re.compile(
    rf"\b(?i:over|in|near|around|across|on|along)\s+(?i:the\s+)?"
    rf"(?:(?:(?:{_SIDE})\s+(?:{_AREA})(?:\s+of\s+{_NAMES}(?:\s+(?:{_AREA}))?)?)"
    rf"|(?:{_NAMES}\s+(?:{_AREA})))\b"
    rf"|\b{_NAMES}\s+(?:battle\s?group|grouping|group\s+of\s+forces)\b"
)
_FIGURE = re.compile(r"\d")


def partial_scope(before: str, after: str) -> str | None:
    """Return the words confining a figure to part of the front, from its own clause of the
    sentence, or None: the words after it up to the next figure, or, when no figure comes
    before it in the sentence, the words before it (words between two figures may belong to
    the earlier one: "200 in the Bakhmut direction and 40 elsewhere")."""
    after = _FIGURE.split(after)[0]
    found = _PART.search(after)
    if found is None and not _FIGURE.search(before):
        found = _last(_PART.finditer(before))
    return " ".join(found.group(0).split()) if found else None


def _last(found: Iterable[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for match in found:
        last = match
    return last


def _within(claimed: int, qualifier: str, whole: int) -> bool:
    """A part is borne out by the whole when it is not more than it."""
    return qualifier == "at_most" or claimed <= whole


def part_window(
    row: ClaimRow, scope: str, name: str, start: str, points: Mapping[str, ClaimRow], worded: str
) -> dict[str, Any]:
    """The finding of a window figure confined to `scope`, judged as a part of the difference
    of the series `name` over its dates (or a day or two off, as outlets publish)."""
    first, last = points[start], points[row["as_of"]]
    if not _within(row["value"], row["qualifier"], last["value"] - first["value"]):
        off = lagged_window(row, start, points, _within)
        if off is not None:
            first, last = points[off[0]], points[off[1]]
    whole = last["value"] - first["value"]
    ok = _within(row["value"], row["qualifier"], whole)
    dates = f"from {row['period_start']} to {row['as_of']}"
    of = f"{name}'s count ({last['value']:,} - {first['value']:,} = {whole:,}"
    of += ")" if last["as_of"] == row["as_of"] else f", its figures of {last['as_of']})"
    message = (
        f"{row['canonical_claimant']}: {row['subject']} {row['metric']} {worded} {scope} "
        f"{dates} is {'a part of' if ok else 'more than the whole of'} {of}"
    )
    figures = {
        "claimed": row["value"],
        "qualifier": row["qualifier"],
        "scope": scope,
        "window": [row["period_start"], row["as_of"]],
        "series": name,
        "cumulative": {first["as_of"]: first["value"], last["as_of"]: last["value"]},
        "difference": whole,
        "consistent": ok,
    }
    return _finding(ok, "window-vs-series", [row, first, last], message, figures)


def part_figure(
    row: ClaimRow, scope: str, name: str, points: Mapping[str, ClaimRow], worded: str
) -> dict[str, Any] | None:
    """The finding of a cumulative figure confined to `scope`, judged as a part of the series
    `name`'s figure on its date (or a day or two off); None when the series has neither."""
    day = row["as_of"] if row["as_of"] in points else lagged_figure(row, points, _within)
    if day is None:
        return None
    if not _within(row["value"], row["qualifier"], points[day]["value"]):
        day = lagged_figure(row, points, _within) or day
    whole = points[day]["value"]
    ok = _within(row["value"], row["qualifier"], whole)
    message = (
        f"{row['publisher'] or row['canonical_claimant']}: {row['subject']} {row['metric']} "
        f"{worded} {scope} as of {row['as_of']} is "
        f"{'a part of' if ok else 'more than the whole of'} {name}'s figure {whole:,}"
        + ("" if day == row["as_of"] else f" of {day}")
    )
    figures = {
        "claimed": row["value"],
        "qualifier": row["qualifier"],
        "scope": scope,
        "series": name,
        "series_value": whole,
        "as_of": row["as_of"],
        "consistent": ok,
    }
    return _finding(ok, "figure-vs-series", [row, points[day]], message, figures)


def sum_of_parts(
    rows: Iterable[ClaimRow],
    reference: Callable[[ClaimRow], tuple[str, Mapping[str, ClaimRow]] | None],
    agrees: Agrees,
) -> tuple[list[dict[str, Any]], set[str]]:
    """Return the findings of figures one article gives for one claimant, metric and date
    that agree with the series only together (their sum is its figure, and none is alone),
    and the ids of the claims those findings judged."""
    siblings: dict[tuple[Any, ...], list[ClaimRow]] = defaultdict(list)
    for row in rows:
        if row.get("article_id") and row["qualifier"] == "exact":
            key = (row["article_id"], row["canonical_claimant"], row["subject"], row["metric"])
            siblings[(*key, row["as_of"])].append(row)
    findings, judged = [], set()
    for group in siblings.values():
        values = {r["value"] for r in group}
        found = reference(group[0])
        if len(values) < 2 or found is None or group[0]["as_of"] not in found[1]:
            continue
        name, points = found
        whole = points[group[0]["as_of"]]
        parts = sorted(group, key=lambda r: (-r["value"], r["claim_id"]))
        total = sum(r["value"] for r in parts)
        alone = any(agrees(r["value"], "exact", whole["value"]) for r in parts)
        if alone or total != whole["value"]:
            continue
        row = parts[0]
        summed = " + ".join(f"{r['value']:,}" for r in parts)
        message = (
            f"{row['publisher'] or row['canonical_claimant']}: {row['subject']} {row['metric']} "
            f"{summed} = {total:,} as of {row['as_of']} agrees with {name}'s own figure "
            f"{whole['value']:,}: parts of one figure the series counts as one class"
        )
        figures = {
            "claimed": [r["value"] for r in parts],
            "sum": total,
            "series": name,
            "series_value": whole["value"],
            "as_of": row["as_of"],
            "consistent": True,
        }
        findings.append(_finding(True, "figure-vs-series", [*parts, whole], message, figures))
        judged |= {r["claim_id"] for r in parts}
    return findings, judged


def _finding(
    ok: bool, kind: str, rows: list[ClaimRow], message: str, figures: dict[str, Any]
) -> dict[str, Any]:
    return {
        "severity": "info" if ok else "warning",
        "kind": kind,
        "claims": [r["claim_id"] for r in rows],
        "message": message,
        "figures": figures,
    }

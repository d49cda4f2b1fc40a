"""Audit of daily deltas: a claimant's stated increment against the change in its own series.

Owns: `delta_vs_stated`, the `check` rule of kind `delta-vs-stated` (issue 15, item 2): where
a claimant states the change over exactly a delta's days ("512,430 (+1,210)": a one-day window
claim beside the cumulative one) and that change is not what its own consecutive cumulative
figures give (judged by the stated figure's qualifier), a warning. An equal (or, qualified,
consistent) increment gives nothing: `window-vs-series` already says which windows agree. The
deltas are `ledger.projections.deltas.stated_deltas`: those of `delta_series` (the same ones
`history --deltas` shows) that a window states. Pure: functions of claim rows. An increment
that differs by exactly what the source declared as a correction on that date is consistent: an
info finding that says so. Imports: `ledger.projections` (and its `deltas`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ledger.projections import ClaimRow
from ledger.projections.deltas import stated_deltas

Judge = Callable[[int, str, int], bool]
"""Whether a claimed figure with a qualifier is borne out by the true one
(`ledger.app.audit.consistent`, given by `check` so that this module needs nothing of it)."""


def delta_vs_stated(active: Iterable[ClaimRow], consistent: Judge) -> Iterable[dict[str, Any]]:
    """Yield a finding per stated increment its claimant's own series does not bear out: a
    warning, or info where the source's declared correction explains the difference. Only
    the deltas a window claim states are worked out (`stated_deltas`): the others state
    nothing to judge (a data set of cumulative figures has none)."""
    for key, d in stated_deltas(active):
        claimant, subject, metric, _ = key
        where = f"{claimant}: {subject} {metric}"
        stated, qualifier = d["stated"], d["stated_qualifier"]
        if stated is None or consistent(stated, qualifier, d["delta"]):
            continue
        before = d["value"] - d["delta"]
        went = (
            f"its figures went from {before:,} ({d['from']}) to {d['value']:,} ({d['to']}): "
            f"{d['delta']:+,}"
        )
        declared = d.get("declared_correction")
        net = declared is not None and consistent(stated, qualifier, d["delta"] - declared)
        if net:
            message = (
                f"{where} stated {_worded(stated, qualifier)} for {d['to']} and {went}, "
                f"{d['delta'] - declared:+,} once the correction of {declared:+,} the "
                "source declared is taken out"
            )
        else:
            message = f"{where} stated {_worded(stated, qualifier)} for {d['to']}, but {went}"
        figures = {
            "stated": stated,
            "qualifier": qualifier,
            "from": {"as_of": d["from"], "value": before},
            "to": {"as_of": d["to"], "value": d["value"]},
            "delta": d["delta"],
            "days": d["days"],
            "declared_correction": declared,
            "consistent": net,
        }
        yield {
            "severity": "info" if net else "warning",
            "kind": "delta-vs-stated",
            "claims": [d["stated_claim"], *d["claims"]],
            "message": message,
            "figures": figures,
        }


_WORDS = {"approx": "about ", "at_least": "at least ", "at_most": "at most "}


def _worded(value: int, qualifier: str) -> str:
    return f"{_WORDS.get(qualifier, '')}{value:+,}"

"""Scaling: does `check` (and `sources`' summary) grow with the claims, or faster?

Owns: `claim_rows` (claim rows as the claims projection holds them, built from the synthetic
claims of `benchmarks.data`: half of them a data set's, half outlets', a sixth of them
windows, some with a declared correction) and `scaling` (a run: the time per claim of the pure
function on `FACTOR` times as many claims over its time per claim on `small` claims).
Figures `check_scaling` and `sources_scaling`: about 1 when the work grows linearly (n log n
reads a little above), `FACTOR` when it grows with the square of the claims. Pure functions
of rows, no database: the read commands' process figures are `benchmarks.reads`.
Imports: `benchmarks.data`; `ledger.app.audit` and `ledger.projections` when run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from benchmarks import data

FACTOR = 4
"""How many times more claims the large run has than the small one."""


def claim_rows(count: int, *, seed: int = 11) -> list[dict[str, Any]]:
    """`count` active claim rows of the synthetic claims (every `ClaimRow` field)."""
    rows = []
    for i, payload in enumerate(data.claim_dicts(count, seed=seed)):
        claim = payload["claim"]
        dataset = payload["provenance"] is not None
        provenance = payload["provenance"]
        if dataset and i % 37 == 0:
            provenance = provenance | {"declared_correction": str(-(i % 90))}
        rows.append(
            claim
            | {
                "canonical_claimant": claim["claimant"],
                "publisher": None if dataset else claim["publisher"],
                "basis": "killed_or_wounded" if claim["metric"] == "personnel" else None,
                "status": "active",
                "review": "entered",
                "origin": "dataset" if dataset else "asserted",
                "stream": f"claim-{claim['claim_id']}",
                "article_id": None,
                "url": payload["url"],
                "title": None,
                "extracted": None,
                "provenance": provenance,
                "first_position": i + 1,
                "position": i + 1,
                "recorded_at": "2026-01-01T00:00:00+00:00",
            }
        )
    return rows


def _check(rows: list[dict[str, Any]]) -> object:
    from ledger.app import audit

    return audit.check(rows)  # type: ignore[arg-type]


def _sources(rows: list[dict[str, Any]]) -> object:
    from ledger.projections import source_summaries

    return source_summaries.sources(rows)  # type: ignore[arg-type]


READS: dict[str, Callable[[list[dict[str, Any]]], object]] = {
    "check": _check,
    "sources": _sources,
}


def scaling(name: str, small: int) -> Callable[[], float]:
    """A run of `<name>_scaling`: seconds per claim on `FACTOR * small` claims over seconds
    per claim on `small` claims (each the best of a few runs on a set under 20,000 claims,
    where one run is short enough to be noise)."""
    read = READS[name]
    few, many = claim_rows(small), claim_rows(FACTOR * small)

    def per_claim(rows: list[dict[str, Any]]) -> float:
        best = float("inf")
        for _ in range(min(5, max(1, 20_000 // len(rows)))):  # small sets: the best of a few
            t0 = time.perf_counter()
            read(rows)
            best = min(best, time.perf_counter() - t0)
        return best / len(rows)

    def run() -> float:
        return per_claim(many) / per_claim(few)

    return run

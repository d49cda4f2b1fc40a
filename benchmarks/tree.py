"""The Merkle tree's cost on a large ledger: what a checkpoint of it takes.

    python -m benchmarks.tree [--n 1000000] [--json]

Builds an N-event log through `SQLiteStore.append` (the harness's event mix, in its batches,
so the tree is grown as every append grows it) in a temp dir, then, each opened afresh as a
`claims` process would and timed as median/min/max of 3 runs after a warm-up:

    build_eps             events/s of the whole build (append with the tree; no projections)
    tree_head_ms          `store.tree_head()`: the root at the head (what a checkpoint signs)
    inclusion_proof_ms    `store.inclusion_proof(i, N)` of a middle leaf
    consistency_proof_ms  `store.consistency_proof(N // 3, N)`
    tree_rows             rows of `merkle_nodes` (nodes of 16+ leaves), and their share of N
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import data


def _timed(open_store: Callable[[], Any], call: Callable[[Any], object]) -> dict[str, float]:
    samples = []
    for _ in range(4):
        store = open_store()
        t0 = time.perf_counter()
        call(store)
        samples.append((time.perf_counter() - t0) * 1000)
        store.close()
    kept = samples[1:]  # the first is the warm-up
    return {"median": statistics.median(kept), "min": min(kept), "max": max(kept), "unit": "ms"}


def run(n: int) -> dict[str, dict[str, Any]]:
    """Build the log and measure every figure; return them by name."""
    from ledger.store.sqlite import SQLiteStore

    figures: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="claims-tree-bench-") as tmp:
        path = Path(tmp) / "log.db"
        store = SQLiteStore(path)
        t0 = time.perf_counter()
        for batch in data.log_events(n):
            store.append(batch)
        elapsed = time.perf_counter() - t0
        store.close()
        figures["build_eps"] = {"median": n / elapsed, "unit": "events/s", "seconds": elapsed}

        def fresh() -> SQLiteStore:
            return SQLiteStore(path, readonly=True)

        figures["tree_head_ms"] = _timed(fresh, lambda s: s.tree_head())
        figures["inclusion_proof_ms"] = _timed(fresh, lambda s: s.inclusion_proof(n // 2, n))
        figures["consistency_proof_ms"] = _timed(fresh, lambda s: s.consistency_proof(n // 3, n))
        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT count(*) FROM merkle_nodes").fetchone()[0]
        figures["tree_rows"] = {"median": rows, "unit": "rows", "per_event": rows / n}
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run and print the figures (a table, or one JSON object per line with --json)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tree", description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000, help="events in the log")
    parser.add_argument("--json", action="store_true", help="one JSON object per figure")
    args = parser.parse_args(argv)
    for name, figure in run(args.n).items():
        if args.json:
            print(json.dumps({"name": name, "n": args.n, **figure}), flush=True)
        else:
            extra = {k: v for k, v in figure.items() if k not in ("median", "unit")}
            print(f"{name:22} {figure['median']:>12,.2f} {figure['unit']:9} {extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

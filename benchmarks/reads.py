"""Interactive reads as a user times them: each read command as a whole process, beside `--help`.

Owns: `READS` (the commands timed, with their targets as a ratio to `claims --help`),
`dataset_ledger` (a ledger of the General Staff's full data set plus two example articles,
as a user builds it: `claims import-dataset` then `claims ingest`), `pick_claim` (a claim id
to `show` and `audit`) and `process_ms` (one run's wall time).
Figures, named `read_<command>_ms` on the data-set ledger and `read_<command>_ms_log` on the
harness's N-event log (1,000,000 in the second `make bench` run): each the median of
`REPS` runs after a warm-up, its ratio to `read_help_ms` measured in the same group.
Imports: the standard library only (the commands run in child processes).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL_DATA = ROOT.parent / "shared" / "data" / "mod-daily-losses"
SLICE = ROOT / "tests" / "fixtures" / "gs-daily"
ARTICLES = (
    ROOT / "examples" / "general-staff-2023-04-02.txt",
    ROOT / "examples" / "aid-and-numbers-2023-01-20.txt",
)
REPS = 5

# name: (argv after `--ledger PATH`, target ratio to `claims --help`, or None)
READS: dict[str, tuple[list[str], float | None]] = {
    "show": (["show", "{claim}"], 2.0),
    "audit": (["audit", "{claim}"], 2.0),
    "totals": (["totals"], 2.0),
    "log20": (["log", "--limit", "20"], 2.0),
    "history": (["history", "personnel"], 4.0),
    "sources": (["sources"], 4.0),
    "check": (["check"], 4.0),
    "verify": (["verify"], None),
}


def data_dir(*, quick: bool = False) -> tuple[Path, str]:
    """The data set to import: the full one beside the project if present (and not `quick`),
    else the slice that ships in tests/fixtures (said in the figure's `data` field)."""
    if quick:
        return SLICE, "slice (--quick)"
    if (FULL_DATA / "russia_losses_personnel.json").exists():
        return FULL_DATA, "full"
    return SLICE, "slice (../shared/data/mod-daily-losses not found)"


def dataset_ledger(
    claims: list[str], path: Path, run: Callable[[list[str]], str], *, quick: bool = False
) -> str:
    """Build the data-set ledger at `path` through the CLI; return which data it holds."""
    folder, kind = data_dir(quick=quick)
    run([*claims, "--ledger", str(path), "import-dataset", str(folder)])
    for article in ARTICLES:
        run([*claims, "--ledger", str(path), "ingest", str(article), "--publisher", "Bench"])
    return kind


def pick_claim(path: Path) -> str:
    """A claim to show and audit: the first one from an article, else the first one."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT claim_id FROM claims ORDER BY article_id IS NULL, claim_id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        raise SystemExit(f"no claim in {path} to show")
    return str(row[0])


def argv_of(claims: list[str], path: Path, name: str, claim: str) -> list[str]:
    """The full command line of one read."""
    args, _ = READS[name]
    return [*claims, "--ledger", str(path), *(a.format(claim=claim) for a in args)]


def process_ms(argv: list[str]) -> Callable[[], float]:
    """A run: the wall time of `argv` as a process, in ms (exit 0, or 1 for findings). The
    process may write bytecode and the extractor's pattern cache, as an installed checkout
    has them (`make` writes both): the warm-up run writes what is missing."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COLUMNS"] = "100"

    def run() -> float:
        t0 = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, check=False)
        seconds = time.perf_counter() - t0
        if done.returncode not in (0, 1):
            tail = done.stderr.decode(errors="replace").strip()[-300:]
            raise SystemExit(f"{' '.join(argv[-3:])} failed: {tail}")
        return seconds * 1000

    return run

"""Crash safety: SIGKILL in the middle of a large import or a rebuild loses nothing half-way.

Real processes, killed at several points. After each kill the log holds the whole batch or
none of it, `verify` passes, and replaying gives the projections of a ledger that never crashed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from events import ClaimAsserted
from events.envelope import NewEvent
from ledger.service import Ledger
from tests.conftest import make_claim

BATCH = 50_000

IMPORT = """
import sys
from pathlib import Path
from ledger.service import Ledger
with Ledger.open(sys.argv[1]) as ledger, Path(sys.argv[2]).open("rb") as lines:
    print("started", flush=True)
    ledger.import_lines(lines, source=sys.argv[2])
"""

REPLAY = """
import sys
from ledger.service import Ledger
with Ledger.open(sys.argv[1]) as ledger:
    print("started", flush=True)
    ledger.replay()
"""


def claims(n: int, offset: int = 0) -> list[NewEvent]:
    metrics = ["personnel", "tanks", "afv", "artillery", "drones"]
    out = []
    for i in range(offset, offset + n):
        claim = make_claim(
            i,
            claimant=f"Claimant {i % 7}",
            metric=metrics[i % len(metrics)],
            value=1_000 + i,
            as_of=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
        )
        out.append(NewEvent(stream=f"claim-{claim.claim_id}", event=ClaimAsserted(claim=claim)))
    return out


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An export of 50,000 events, a small base ledger, and that base with the import done."""
    root = tmp_path_factory.mktemp("crash")
    source = Ledger.open(root / "source.db")
    for start in range(0, BATCH, 10_000):
        source.append(claims(10_000, offset=start + 100))
    export = root / "big.jsonl"
    with export.open("w") as fh:
        fh.writelines(source.export_lines())
    source.close()
    base = root / "base.db"
    with Ledger.open(base) as ledger:
        ledger.append(claims(20))
    done = root / "done.db"
    shutil.copy(base, done)
    started = time.perf_counter()
    with Ledger.open(done) as ledger, export.open("rb") as lines:
        ledger.import_lines(lines, source="big.jsonl")
    # Kill points are fractions of how long an import takes on this machine.
    seconds = time.perf_counter() - started
    return {
        "export": export,
        "base": base,
        "done": done,
        "seconds": seconds,
        "base_state": state(base),
        "done_state": state(done),
    }


def state(path: Path) -> tuple[int, bool, list[dict], str]:
    """Head, verify, rebuilt totals, and the hash of the last event."""
    with Ledger.open(path) as ledger:
        head = ledger.head()
        ok = ledger.verify().ok
        ledger.replay()
        last = ledger.event_at(head).hash if head else ""
        return head, ok, ledger.totals(), last


def run_and_kill(script: str, args: list[str], delay: float) -> int | None:
    """Start a process, wait until it has begun, kill it after `delay` s; return its exit code."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, cwd=Path.cwd()
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # "started"
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    return proc.wait(timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.75, 0.9, 2.0])
def test_sigkill_during_a_large_import(big_export, tmp_path: Path, fraction: float) -> None:
    """Killed mid-import: all 50,000 events or none, a valid chain, correct projections."""
    ledger = tmp_path / "claims.db"
    shutil.copy(big_export["base"], ledger)
    base_head = big_export["base_state"][0]
    delay = fraction * big_export["seconds"]
    run_and_kill(IMPORT, [str(ledger), str(big_export["export"])], delay)
    head, ok, totals, last = state(ledger)
    assert ok
    assert head in (base_head, base_head + BATCH)
    if fraction <= 0.1:
        assert head == base_head  # killed long before the commit
    if fraction >= 2.0:
        assert head == base_head + BATCH  # the import had finished
    expected = big_export["done_state"] if head != base_head else big_export["base_state"]
    _, _, expected_totals, expected_last = expected
    assert totals == expected_totals
    assert last == expected_last


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.1, 0.4, 0.8])
def test_sigkill_during_a_rebuild(big_export, tmp_path: Path, fraction: float) -> None:
    """Killed mid-rebuild: the log is untouched and the projections are the old or the new."""
    ledger = tmp_path / "claims.db"
    shutil.copy(big_export["done"], ledger)
    with Ledger.open(ledger) as before:
        totals_before = before.totals()
        head_before = before.head()
    run_and_kill(REPLAY, [str(ledger)], fraction * big_export["seconds"])
    with Ledger.open(ledger, readonly=True) as after:
        assert after.head() == head_before
        assert after.verify().ok
        assert after.totals() == totals_before

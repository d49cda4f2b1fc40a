"""Crash safety: a write that fails, or is killed, leaves nothing half-done.

In-process: a failure raised inside the append's transaction (after the rows are inserted and
the projections caught up) or inside a rebuild rolls everything back. Real processes: SIGKILL
in the middle of a large import or a rebuild, at several points. After each, the log holds the
whole batch or none of it, `verify` passes, and the projection tables *as stored* (read before
anything is rebuilt) equal an in-memory replay of the log, with every checkpoint at the head.
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
from events.new_event import NewEvent
from ledger import Ledger
from ledger.errors import ConcurrencyConflict
from ledger.projections import runner
from ledger.store.sqlite import SQLiteStore
from tests.conftest import (
    Clock,
    Ids,
    asserted,
    make_claim,
    replayed_projections,
    stored_projections,
)

BATCH = 50_000


# -- the failed-write path, in process -------------------------------------------------------


class Injected(RuntimeError):
    """A failure injected inside a write transaction."""


def everything(path: Path) -> tuple[list[tuple], dict, bytes]:
    """The events table, every projection table as stored, and the file's bytes (WAL
    checkpointed first: the store's connection is closed)."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        events = conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    return events, stored_projections(path), path.read_bytes()


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A ledger of three claims, projections caught up, the connection closed."""
    path = tmp_path / "claims.db"
    with Ledger(SQLiteStore(path, clock=Clock(), new_id=Ids())) as ledger:
        ledger.append([asserted(0), asserted(1)])
        ledger.append([asserted(2)])
    return path


def fail_after_catch_up(ledger: Ledger) -> None:
    """Make every append fail after its rows are inserted and the projections caught up."""

    def explode(conn, created, before) -> None:
        assert conn.in_transaction and created  # the rows are in, uncommitted
        raise Injected("disk on fire")

    ledger.store.observers.append(explode)  # type: ignore[attr-defined]


def test_a_failure_inside_the_append_transaction_rolls_it_all_back(seeded: Path) -> None:
    """An append that fails after inserting its events and folding them into the tables
    leaves the events, every projection table, the checkpoints and the head as they were."""
    before = everything(seeded)
    with Ledger(SQLiteStore(seeded, clock=Clock(), new_id=Ids(7))) as ledger:
        fail_after_catch_up(ledger)
        with pytest.raises(Injected):
            ledger.append([asserted(3), asserted(4, expected_version=None)])
        assert ledger.head() == 3
    assert everything(seeded) == before
    with Ledger.open(seeded) as ledger:  # and the ledger still works
        ledger.append([asserted(3)])
        assert ledger.verify().ok and ledger.head() == 4


@pytest.mark.parametrize("where", ["write_totals", "set_checkpoints"])
def test_a_failure_midway_through_catch_up_rolls_it_all_back(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A catch-up that fails half-way (claims rows written, totals or checkpoints not) rolls
    back the events and the rows it already wrote."""
    before = everything(seeded)

    def explode(*args, **kwargs) -> None:
        raise Injected(where)

    monkeypatch.setattr(runner, where, explode)
    with (
        Ledger(SQLiteStore(seeded, clock=Clock(), new_id=Ids(7))) as ledger,
        pytest.raises(Injected),
    ):
        ledger.append([asserted(3)])
    assert everything(seeded) == before


def test_a_batch_whose_last_event_conflicts_writes_nothing(seeded: Path) -> None:
    """A batch whose last event carries a stale expected version is refused whole: nothing of
    its first events reaches the log or the tables."""
    before = everything(seeded)
    with Ledger(SQLiteStore(seeded, clock=Clock(), new_id=Ids(7))) as ledger:
        stale = NewEvent(
            stream="claim-c_test0", event=ClaimAsserted(claim=make_claim(9)), expected_version=0
        )
        with pytest.raises(ConcurrencyConflict):
            ledger.append([asserted(3), asserted(4), stale])
        assert ledger.head() == 3
    assert everything(seeded) == before


@pytest.mark.parametrize("projection", [None, "totals"])
def test_a_failed_replay_leaves_the_tables_as_they_were(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, projection: str | None
) -> None:
    """`claims replay` drops and refills the tables inside one transaction: failing at its
    end restores every table and checkpoint (a replay outside a transaction would not)."""
    before = everything(seeded)

    def explode(*args, **kwargs) -> None:
        raise Injected("replay")

    monkeypatch.setattr(runner, "write_totals", explode)
    with Ledger.open(seeded) as ledger, pytest.raises(Injected):
        ledger.replay(projection)
    assert everything(seeded) == before


def test_the_checkpoint_is_committed_with_its_rows(seeded: Path) -> None:
    """After each append the stored tables equal a replay and every checkpoint is at the
    head: a checkpoint never runs ahead of (or behind) the rows it stands for."""
    stored = stored_projections(seeded)
    assert stored == replayed_projections(seeded)
    assert {p for p, _ in stored["checkpoints"].values()} == {3}


IMPORT = """
import sys
from pathlib import Path
from ledger import Ledger
with Ledger.open(sys.argv[1]) as ledger, Path(sys.argv[2]).open("rb") as lines:
    print("started", flush=True)
    ledger.import_lines(lines, source=sys.argv[2])
    print("imported", flush=True)
"""

REPLAY = """
import sys
from ledger import Ledger
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


def state(path: Path) -> tuple[int, bool, dict, str]:
    """Head, verify, the projection tables as stored (nothing rebuilt first), and the hash of
    the last event. The stored tables must equal a replay, checkpoints included."""
    with Ledger.open(path, readonly=True) as ledger:
        head = ledger.head()
        ok = ledger.verify().ok
        last = ledger.event_at(head).hash if head else ""
    stored = stored_projections(path)
    assert stored == replayed_projections(path), "the stored projections are not the log's"
    return head, ok, stored, last


def run_and_kill(
    script: str, args: list[str], delay: float, after: str | None = None
) -> int | None:
    """Start a process, wait until it has begun, kill it after `delay` s (or, given `after`,
    once it has printed that line: a loaded machine never makes "finished" a guess); return
    its exit code."""
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, cwd=Path.cwd()
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # "started"
    if after is not None:
        while (line := proc.stdout.readline()) and line.strip() != after.encode():
            pass
    else:
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
    # past the end: killed once the import has returned, the ledger still open
    after = "imported" if fraction >= 2.0 else None
    run_and_kill(IMPORT, [str(ledger), str(big_export["export"])], delay, after)
    head, ok, tables, last = state(ledger)
    assert ok
    assert head in (base_head, base_head + BATCH)
    if fraction <= 0.1:
        assert head == base_head  # killed long before the commit
    if fraction >= 2.0:
        assert head == base_head + BATCH  # the import had finished
    expected = big_export["done_state"] if head != base_head else big_export["base_state"]
    _, _, expected_tables, expected_last = expected
    assert tables == expected_tables
    assert last == expected_last


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.1, 0.4, 0.8])
def test_sigkill_during_a_rebuild(big_export, tmp_path: Path, fraction: float) -> None:
    """Killed mid-rebuild: the log is untouched and the projections are the old or the new."""
    ledger = tmp_path / "claims.db"
    shutil.copy(big_export["done"], ledger)
    _, _, tables_before, last_before = big_export["done_state"]
    run_and_kill(REPLAY, [str(ledger)], fraction * big_export["seconds"])
    head, ok, tables, last = state(ledger)  # the tables as the killed rebuild left them
    assert (head, ok, last) == (big_export["done_state"][0], True, last_before)
    assert tables == tables_before


@pytest.mark.parametrize("failure", [KeyboardInterrupt, RuntimeError])
@pytest.mark.parametrize("existed", [False, True])
def test_a_first_open_that_fails_before_the_schema_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: type[BaseException], existed: bool
) -> None:
    """Ctrl-C (or an error) while a new ledger's schema is being made: the file this open
    created is removed, not left empty for every later command to refuse; a file that was
    there before is left alone."""
    from ledger.store import sqlite_schema

    def interrupted(conn: object) -> None:
        raise failure("stopped")

    path = tmp_path / "new.db"
    if existed:
        path.write_bytes(b"")
    monkeypatch.setattr(sqlite_schema, "_migrate", interrupted)
    with pytest.raises(failure):
        sqlite_schema.connect(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["new.db"] if existed else [])

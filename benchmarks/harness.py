"""The benchmark harness: builds its own data in a temp dir, measures every figure of issue 6.

    python -m benchmarks [--n N] [--json] [--quick] [--results PATH]

Each figure runs once to warm up, then 3 times; a figure is {name, median, min, max, unit}
plus `ratio` to its raw counterpart (`ratio_to`) where one exists, so results compare
across machines. `--json` prints one JSON object per line and figure; otherwise a table.
A full run (not `--quick`) rewrites its section of `benchmarks/RESULTS.md`.

Figures (N events in the replay log, default 100,000):
    raw_sqlite_append_eps   plain sqlite3 executemany of the same event rows, one transaction
    raw_sqlite_replay_eps   SELECT + json.loads + a dict fold over the N-event log
    append_batched_eps      ClaimAsserted built from dicts (validated) and appended through
                            `Ledger.append`, 1,000 per transaction, projections caught up
    append_single_eps       the same, one event per (durable) transaction
    python_import_typer_ms  `python -c "import typer"`: the floor of any typer CLI
    cli_startup_ms          `claims --help`
    cli_totals_ms           `claims totals --json` on a small ledger
    cli_append_ms           one `claims append` as a process
    extract_import_ms       CPU time of importing the extractor in a fresh process, beyond
                            events and pydantic (the warm-up run fills the pattern cache)
    replay_eps              `Ledger.replay()` (what `claims replay` runs) of the N-event log
    verify_eps              `Ledger.verify()` (what `claims verify` runs) of the N-event log
    catchup_ms_empty        one append + projection catch-up on a ledger of 1 event
    catchup_ms_100k         the same on the N-event ledger (100,000 by default)
    extract_articles_per_s  `extract_claims` of ~5 KB articles (examples/, varied), one core
    peak_rss_mb             peak RSS of a process replaying the N-event log (VmHWM)
    read_<cmd>_ms           each read command of `benchmarks.reads.READS` as a process, on a
                            ledger of the full data set + two articles, beside read_help_ms
    read_<cmd>_ms_log       the same on the N-event log, beside read_help_ms_log
    ingest_one_ms           `claims ingest` of one ~5 KB article as a process (fresh ledger)
    ingest_folder_*_aps     `Ledger.ingest` of a folder of 200 articles, one core / every core
    check_scaling           `check`'s time per claim on 4x the claims over that on N/8 (pure,
                            `benchmarks.scaling`): about 1 linear, 4 quadratic
    sources_scaling         the same of `sources`' summary
    append_floor_eps        the rows `append_batched_eps` writes, written again with executemany
                            only, 1,000 events per durable transaction (`benchmarks.floor`): the
                            closest any ledger code can come to raw with every guarantee on
    replay_floor_eps        the log read and decoded and the rows a rebuild writes written, in
                            one transaction, without the fold: the same for `replay_eps`
    peer_*_eps              the peer, `eventsourcing` on SQLite, on the same claim dicts as the
                            append figures (`benchmarks.peer`; skipped, saying so, when the
                            `bench` extra is not installed)

The report side (targets, the table, RESULTS.md) is `benchmarks.results`; the README's speed
table is generated from RESULTS.md by `benchmarks.readme_table`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import data, floor, ingest, peer, reads, scaling
from benchmarks.results import Figure, fmt, table, write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
REPS = 3
GROUPS = {
    "raw",
    "append",
    "cli",
    "replay",
    "verify",
    "rss",
    "catchup",
    "extract",
    "reads",
    "peer",
    "ingest",
    "scaling",
    "floor",
}
BATCH = 1_000


class Bench:
    """Runs the figures in order, printing each as it is measured."""

    def __init__(self, n: int, *, quick: bool, as_json: bool, tmp: Path) -> None:
        self.n = n
        self.quick = quick
        self.as_json = as_json
        self.tmp = tmp
        self.figures: dict[str, Figure] = {}
        self.files = 0
        self.appended = min(n, 50_000)
        self.singles = 30 if quick else min(2_000, max(200, n // 50))
        self.cli_runs = REPS

    # -- plumbing ----------------------------------------------------------------------------

    def path(self, stem: str) -> Path:
        self.files += 1
        return self.tmp / f"{stem}-{self.files}.db"

    def measure(
        self,
        name: str,
        unit: str,
        run: Callable[[], float],
        *,
        ratio_to: str | None = None,
        higher_is_better: bool = True,
        extra: dict[str, Any] | None = None,
        reps: int = REPS,
    ) -> Figure:
        """Warm up once, then take `reps` samples of `run()`; print the figure."""
        log(f"{name} ...")
        run()
        samples = [run() for _ in range(reps)]
        figure = Figure(name, unit, samples, extra=extra or {})
        raw = self.figures.get(ratio_to) if ratio_to else None
        if raw is not None and raw.median:
            figure.ratio_to = ratio_to
            figure.ratio = figure.median / raw.median
        self.figures[name] = figure
        if self.as_json:
            print(json.dumps(figure.as_json()), flush=True)
        else:
            log(f"  {fmt(figure)}")
        return figure

    # -- setup -------------------------------------------------------------------------------

    def build_log(self) -> Path:
        """Write the N-event log through the store (projections are built by `replay`)."""
        from ledger.store.sqlite import SQLiteStore

        path = self.tmp / "log.db"
        t0 = time.perf_counter()
        store = SQLiteStore(path)
        for batch in data.log_events(self.n):
            store.append(batch)
        store.close()
        log(f"setup: {self.n:,}-event log in {time.perf_counter() - t0:.1f} s")
        return path

    def claim_items(self, count: int, *, seed: int) -> Callable[[], list[Any]]:
        """Return a function building `count` validated NewEvents from plain dicts (timed)."""
        from events import ClaimAsserted
        from events.new_event import NewEvent

        payloads = data.claim_dicts(count, seed=seed)

        def build() -> list[Any]:
            return [
                NewEvent(
                    stream=f"claim-{p['claim']['claim_id']}",
                    event=ClaimAsserted.model_validate(p),
                    expected_version=0,
                    actor="bench",
                    idempotency_key=f"bench:{p['claim']['claim_id']}",
                )
                for p in payloads
            ]

        return build

    # -- figures -----------------------------------------------------------------------------

    def raw_append(self) -> None:
        """Plain sqlite3 executemany of the rows `append_batched_eps` writes, one transaction."""
        from ledger.store import sqlite_schema as schema
        from ledger.store.codec import COLUMNS
        from ledger.store.sqlite import SQLiteStore

        build = self.claim_items(self.appended, seed=11)
        source = SQLiteStore(self.path("rows"))
        items = build()
        for k in range(0, len(items), BATCH):
            source.append(items[k : k + BATCH])
        rows = source.conn.execute(f"SELECT {', '.join(COLUMNS)} FROM events").fetchall()
        source.close()
        insert = f"INSERT INTO events VALUES ({', '.join('?' * len(COLUMNS))})"

        def run() -> float:
            conn = sqlite3.connect(self.path("raw"), isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.executescript(schema.EVENTS_DDL)
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(insert, rows)
            conn.execute("COMMIT")
            seconds = time.perf_counter() - t0
            conn.close()
            return len(rows) / seconds

        self.measure("raw_sqlite_append_eps", "events/s", run, extra={"events": len(rows)})

    def raw_replay(self, log_path: Path) -> None:
        """SELECT + json.loads + a dict fold: the floor of any replay of this log."""

        def run() -> float:
            conn = sqlite3.connect(log_path)
            t0 = time.perf_counter()
            claims: dict[str, dict[str, Any]] = {}
            groups: dict[tuple[str, str, str], int] = {}
            count = 0
            for type_name, payload in conn.execute(
                "SELECT type, data FROM events ORDER BY position"
            ):
                event = json.loads(payload)
                count += 1
                if type_name == "claim-asserted":
                    found = [event["claim"]]
                elif type_name.startswith("article-"):
                    found = event["claims"]
                else:
                    found = []
                    claim = claims.get(event.get("claim_id", ""))
                    if claim is not None:
                        claim.update(event.get("changes", {"status": "retracted"}))
                for claim in found:
                    claims[claim["claim_id"]] = claim
                    key = (claim["claimant"], claim["subject"], claim["metric"])
                    groups[key] = groups.get(key, 0) + 1
            seconds = time.perf_counter() - t0
            conn.close()
            return count / seconds

        self.measure("raw_sqlite_replay_eps", "events/s", run, extra={"events": self.n})

    def append_batched(self) -> None:
        from ledger import Ledger

        build = self.claim_items(self.appended, seed=11)

        def run() -> float:
            with Ledger.open(self.path("batched")) as ledger:
                t0 = time.perf_counter()
                items = build()
                for k in range(0, len(items), BATCH):
                    ledger.append(items[k : k + BATCH])
                seconds = time.perf_counter() - t0
            return len(items) / seconds

        self.measure(
            "append_batched_eps",
            "events/s",
            run,
            ratio_to="raw_sqlite_append_eps",
            extra={"events": self.appended, "batch": BATCH},
        )

    def append_single(self) -> None:
        from ledger import Ledger

        build = self.claim_items(self.singles, seed=12)

        def run() -> float:
            with Ledger.open(self.path("single")) as ledger:
                t0 = time.perf_counter()
                for item in build():
                    ledger.append([item])
                seconds = time.perf_counter() - t0
            return self.singles / seconds

        self.measure(
            "append_single_eps",
            "events/s",
            run,
            ratio_to="raw_sqlite_append_eps",
            extra={"events": self.singles},
        )

    def cli(self) -> None:
        """Process start-up and one-shot commands, beside `python -c "import typer"`."""
        claims = _claims_command()
        small = self.path("cli")
        _run([*claims, "--ledger", str(small), "append", *_cli_claim(0)])
        counter = iter(range(1, 10**6))

        def timed(argv: list[str] | Callable[[], list[str]]) -> Callable[[], float]:
            def run() -> float:
                t0 = time.perf_counter()
                _run(argv() if callable(argv) else argv)
                return (time.perf_counter() - t0) * 1000

            return run

        self.measure("python_import_typer_ms", "ms", timed([sys.executable, "-c", "import typer"]))
        self.measure(
            "cli_startup_ms",
            "ms",
            timed([*claims, "--help"]),
            ratio_to="python_import_typer_ms",
        )
        self.measure(
            "cli_totals_ms",
            "ms",
            timed([*claims, "--ledger", str(small), "totals", "--json"]),
            ratio_to="python_import_typer_ms",
        )

        def append() -> list[str]:
            return [*claims, "--ledger", str(small), "append", *_cli_claim(next(counter))]

        self.measure("cli_append_ms", "ms", timed(append), ratio_to="python_import_typer_ms")
        self.measure("extract_import_ms", "ms", _extract_import_ms)

    def replay(self, log_path: Path) -> None:
        from ledger import Ledger

        def run() -> float:
            with Ledger.open(log_path) as ledger:
                t0 = time.perf_counter()
                count, _ = ledger.replay()
                return count / (time.perf_counter() - t0)

        self.measure(
            "replay_eps",
            "events/s",
            run,
            ratio_to="raw_sqlite_replay_eps",
            extra={"events": self.n},
        )

    def verify(self, log_path: Path) -> None:
        from ledger import Ledger

        def run() -> float:
            with Ledger.open(log_path, readonly=True) as ledger:
                t0 = time.perf_counter()
                report = ledger.verify()
                seconds = time.perf_counter() - t0
            if not report.ok:
                raise SystemExit(f"benchmark log does not verify: {report.problem}")
            return report.events / seconds

        self.measure(
            "verify_eps",
            "events/s",
            run,
            ratio_to="raw_sqlite_replay_eps",
            extra={"events": self.n},
        )

    def peak_rss(self, log_path: Path) -> None:
        def run() -> float:
            out = _run([sys.executable, "-m", "benchmarks.rss_child", str(log_path)])
            return float(json.loads(out)["peak_rss_mb"])

        self.measure("peak_rss_mb", "MB", run, extra={"events": self.n})

    def catchup(self, log_path: Path) -> None:
        """One durable append with catch-up, on a 1-event ledger and on the N-event one."""
        from ledger import Ledger

        per_sample = 3 if self.quick else 20
        payloads = iter(self.claim_items(per_sample * (REPS + 1) * 2, seed=13)())

        def timed(path: Path) -> Callable[[], float]:
            def run() -> float:
                with Ledger.open(path) as ledger:
                    ledger.head()
                    t0 = time.perf_counter()
                    for _ in range(per_sample):
                        ledger.append([next(payloads)])
                    return (time.perf_counter() - t0) * 1000 / per_sample

            return run

        empty = self.path("catchup")
        with Ledger.open(empty) as ledger:
            ledger.append(self.claim_items(1, seed=14)())
        self.measure("catchup_ms_empty", "ms", timed(empty), extra={"events": 1})
        self.measure(
            "catchup_ms_100k",
            "ms",
            timed(log_path),
            ratio_to="catchup_ms_empty",
            extra={"events": self.n},
        )

    def extract(self) -> None:
        from ledger.ingest.extract import extract_claims

        count = 5 if self.quick else 200
        texts = data.articles(count)
        fallback = dt.date(2024, 1, 1)

        def run() -> float:
            t0 = time.perf_counter()
            for k, (text, published) in enumerate(texts):
                extract_claims(
                    text,
                    article_id=f"a_bench{k}",
                    publisher="Frontline Digest",
                    published=published,
                    fallback_date=fallback,
                )
            return len(texts) / (time.perf_counter() - t0)

        chars = sum(len(t) for t, _ in texts) // len(texts)
        self.measure(
            "extract_articles_per_s", "articles/s", run, extra={"articles": count, "chars": chars}
        )

    def reads_dataset(self) -> None:
        """The read commands as processes on a ledger of the full data set + two articles."""
        claims = _claims_command()
        path = self.path("dataset")
        kind = reads.dataset_ledger(claims, path, _run, quick=self.quick)
        self._reads(claims, path, "", {"data": kind})

    def reads_log(self, log_path: Path) -> None:
        """The same reads on the N-event log (its projections built first, as `replay` does)."""
        from ledger import Ledger

        with Ledger.open(log_path) as ledger:
            if ledger.place.current()[0] is None:
                ledger.replay()
        self._reads(_claims_command(), log_path, "_log", {"events": self.n})

    def _reads(self, claims: list[str], path: Path, suffix: str, extra: dict[str, Any]) -> None:
        reps = 2 if self.quick else reads.REPS
        claim = reads.pick_claim(path)
        help_name = f"read_help_ms{suffix}"
        self.measure(help_name, "ms", reads.process_ms([*claims, "--help"]), reps=reps)
        for name in reads.READS:
            argv = reads.argv_of(claims, path, name, claim)
            self.measure(
                f"read_{name}_ms{suffix}",
                "ms",
                reads.process_ms(argv),
                ratio_to=help_name,
                extra=extra,
                reps=reps,
            )

    def ingest(self) -> None:
        """One article as a process (beside `--help`), and a folder on one core and on all."""
        count = 6 if self.quick else 200
        folder = self.tmp / "articles"
        paths = ingest.write_folder(folder, count)
        claims = _claims_command()
        reps = 2 if self.quick else reads.REPS
        self.measure("ingest_help_ms", "ms", reads.process_ms([*claims, "--help"]), reps=reps)

        def one() -> float:
            argv = [*claims, "--ledger", str(self.path("one")), "ingest", str(paths[0])]
            return reads.process_ms(argv)()

        self.measure("ingest_one_ms", "ms", one, ratio_to="ingest_help_ms", reps=reps)
        extra = {"articles": count, "cores": ingest_jobs_cores()}
        self.measure(
            "ingest_folder_serial_aps",
            "articles/s",
            ingest.folder_aps(lambda: self.path("serial"), folder, count, 1),
            extra=extra,
        )
        self.measure(
            "ingest_folder_aps",
            "articles/s",
            ingest.folder_aps(lambda: self.path("parallel"), folder, count, None),
            ratio_to="ingest_folder_serial_aps",
            extra=extra,
        )

    def scaling(self) -> None:
        """`check` and `sources` on claim rows: linear, or worse (`benchmarks.scaling`)."""
        small = 500 if self.quick else max(1_000, self.n // 8)
        for name in scaling.READS:
            self.measure(
                f"{name}_scaling",
                "x",
                scaling.scaling(name, small),
                higher_is_better=False,
                extra={"claims": [small, scaling.FACTOR * small]},
            )

    def peer(self) -> None:
        """The peer (`eventsourcing` on SQLite) on the same claim events as the ledger."""
        if not peer.available():
            log("peer: eventsourcing is not installed (pip install -e '.[bench]'): skipped")
            return
        self.measure(
            "peer_append_batched_eps",
            "events/s",
            peer.append_batched(lambda: self.path("peer"), self.appended, BATCH),
            ratio_to="raw_sqlite_append_eps",
            extra={"events": self.appended, "batch": BATCH},
        )
        self.measure(
            "peer_append_single_eps",
            "events/s",
            peer.append_single(lambda: self.path("peer"), self.singles),
            ratio_to="raw_sqlite_append_eps",
            extra={"events": self.singles},
        )
        self.measure(
            "peer_replay_eps",
            "events/s",
            peer.replay(self.path("peer-log"), self.n, BATCH),
            ratio_to="raw_sqlite_replay_eps",
            extra={"events": self.n},
        )

    def floors(self, log_path: Path) -> None:
        """The SQLite floors of the append and replay figures, and the WAL pages an append
        writes per event by table and index (`benchmarks.floor`)."""
        from ledger import Ledger

        source = self.path("floor-source")
        items = self.claim_items(self.appended + BATCH, seed=11)()
        with Ledger.open(source) as ledger:
            for k in range(0, self.appended, BATCH):
                ledger.append(items[k : k + BATCH])
        append_floor = floor.append_floor(source, lambda: self.path("floor"), BATCH)
        with Ledger.open(source) as ledger:
            last = items[self.appended :]
            pages = floor.wal_pages(
                ledger.store.conn, source, lambda: ledger.append(last), len(last)
            )
        shown = ", ".join(f"{name} {n:.3f}" for name, n in pages.items() if n >= 0.01)
        log(f"  WAL pages per event, the next 1,000-event append: {shown}")
        self.measure(
            "append_floor_eps",
            "events/s",
            append_floor,
            ratio_to="raw_sqlite_append_eps",
            extra={"events": self.appended, "batch": BATCH},
        )
        self.measure(
            "replay_floor_eps",
            "events/s",
            floor.replay_floor(log_path, lambda: self.path("floor-log")),
            ratio_to="raw_sqlite_replay_eps",
            extra={"events": self.n},
        )

    def run_all(self, only: set[str] | None = None) -> list[Figure]:
        """Measure every figure (or the groups named in `only`), raw counterparts first."""
        steps: list[tuple[str, Callable[[], None]]] = [
            ("raw", self.raw_append),
            ("append", self.append_batched),
            ("append", self.append_single),
            ("cli", self.cli),
            ("reads", self.reads_dataset),
            ("extract", self.extract),
            ("ingest", self.ingest),
            ("peer", self.peer),
            ("scaling", self.scaling),
        ]
        log_steps: list[tuple[str, Callable[[Path], None]]] = [
            ("raw", self.raw_replay),
            ("replay", self.replay),
            ("verify", self.verify),
            ("rss", self.peak_rss),
            ("catchup", self.catchup),
            ("reads", self.reads_log),
            ("floor", self.floors),
        ]
        wanted = only or GROUPS
        log_groups = {"raw", "replay", "verify", "rss", "catchup", "reads", "floor"}
        log_path = self.build_log() if wanted & log_groups else None
        for group, step in steps[:1]:
            if group in wanted:
                step()
        for group, log_step in log_steps:
            if group in wanted and log_path is not None:
                log_step(log_path)
        for group, step in steps[1:]:
            if group in wanted:
                step()
        return list(self.figures.values())


# -- helpers -----------------------------------------------------------------------------------


def ingest_jobs_cores() -> int:
    """The cores a folder ingest uses by default."""
    from ledger.app.ingest_jobs import usable_cores

    return usable_cores()


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _claims_command() -> list[str]:
    script = Path(sys.executable).with_name("claims")
    if script.exists():
        return [str(script)]
    return [
        sys.executable,
        "-c",
        "import sys; from cli.app import main; sys.argv[0] = 'claims'; main()",
    ]


def _cli_claim(k: int) -> list[str]:
    rng = random.Random(k)
    return [
        "--claimant",
        data.CLAIMANTS[k % len(data.CLAIMANTS)],
        "--subject",
        "russia",
        "--metric",
        "tanks",
        "--value",
        str(3_000 + k * 7 + rng.randrange(5)),
        "--as-of",
        (dt.date(2023, 1, 1) + dt.timedelta(days=k % 700)).isoformat(),
    ]


def _run(argv: list[str]) -> str:
    env = dict(os.environ, COLUMNS="100")
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} ... failed: {done.stderr.strip()[-500:]}")
    return done.stdout


_IMPORT_PROBE = (
    "import time, events, pydantic, ledger.ingest.cand\n"
    "t = time.process_time()\n"
    "import ledger.ingest.extract\n"
    "print((time.process_time() - t) * 1000)\n"
)


def _extract_import_ms() -> float:
    """CPU ms of `import ledger.ingest.extract` in a fresh interpreter, as an installed
    checkout has it (bytecode and the pattern cache written)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE], env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--n", type=int, default=None, help="events in the replay log (100,000)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line and figure")
    parser.add_argument("--quick", action="store_true", help="tiny sizes; RESULTS.md untouched")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where a full run writes")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(GROUPS),
        help="measure only these groups (repeatable; raw counterparts are then left out);"
        " their rows replace those of the same figures in RESULTS.md",
    )
    args = parser.parse_args(argv)
    n = args.n or (500 if args.quick else 100_000)
    sys.path.insert(0, str(ROOT))
    tmp = Path(tempfile.mkdtemp(prefix="claims-bench-"))
    try:
        bench = Bench(n, quick=args.quick, as_json=args.json, tmp=tmp)
        figures = bench.run_all(set(args.only) if args.only else None)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not args.json:
        print(table(figures))
    if not args.quick:
        write_results(args.results, n, figures, only=args.only)
        log(f"wrote {args.results}")
    return 0

"""The benchmark harness runs and prints every figure (a smoke test: nothing here is timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import peer
from benchmarks.reads import READS

ROOT = Path(__file__).resolve().parent.parent

FIGURES = {
    "raw_sqlite_append_eps",
    "raw_sqlite_replay_eps",
    "append_batched_eps",
    "append_single_eps",
    "python_import_typer_ms",
    "cli_startup_ms",
    "cli_totals_ms",
    "cli_append_ms",
    "extract_import_ms",
    "replay_eps",
    "verify_eps",
    "catchup_ms_empty",
    "catchup_ms_100k",
    "extract_articles_per_s",
    "peak_rss_mb",
    "ingest_help_ms",
    "ingest_one_ms",
    "ingest_folder_serial_aps",
    "ingest_folder_aps",
    "check_scaling",
    "sources_scaling",
    "append_floor_eps",
    "replay_floor_eps",
    *(f"read_{name}_ms{suffix}" for name in (*READS, "help") for suffix in ("", "_log")),
}
PEER = {"peer_append_batched_eps", "peer_append_single_eps", "peer_replay_eps"}
RATIOS = {
    "append_batched_eps": "raw_sqlite_append_eps",
    "replay_eps": "raw_sqlite_replay_eps",
    "catchup_ms_100k": "catchup_ms_empty",
    "cli_startup_ms": "python_import_typer_ms",
    "read_show_ms": "read_help_ms",
    "read_check_ms_log": "read_help_ms_log",
    "ingest_one_ms": "ingest_help_ms",
    "ingest_folder_aps": "ingest_folder_serial_aps",
    "peer_append_batched_eps": "raw_sqlite_append_eps",
    "peer_replay_eps": "raw_sqlite_replay_eps",
    "append_floor_eps": "raw_sqlite_append_eps",
    "replay_floor_eps": "raw_sqlite_replay_eps",
}


def test_quick_run_prints_every_figure(tmp_path: Path) -> None:
    """`python -m benchmarks --quick --json` prints one JSON object per figure, all numeric."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", "--n", "200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = {}
    for line in done.stdout.splitlines():
        figure = json.loads(line)
        figures[figure["name"]] = figure
    assert set(figures) == FIGURES | (PEER if peer.available() else set())
    for figure in figures.values():
        assert isinstance(figure["unit"], str)
        for field in ("median", "min", "max"):
            assert isinstance(figure[field], int | float) and figure[field] > 0, figure
        assert figure["min"] <= figure["median"] <= figure["max"]
    for name, raw in RATIOS.items():
        if name in PEER and not peer.available():
            continue
        assert figures[name]["ratio_to"] == raw
        assert isinstance(figures[name]["ratio"], int | float)


def test_without_the_peer_its_figures_are_skipped_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With `eventsourcing` not installed the peer figures are left out, and the run says so."""
    from benchmarks.harness import Bench

    monkeypatch.setattr(peer, "available", lambda: False)
    bench = Bench(10, quick=True, as_json=True, tmp=tmp_path)
    bench.peer()
    assert bench.figures == {}
    assert "eventsourcing is not installed" in capsys.readouterr().err


def test_the_readme_speed_table_is_generated_from_results() -> None:
    """README.md's speed table is exactly what `benchmarks.readme_table` makes of RESULTS.md."""
    from benchmarks import readme_table

    readme = readme_table.README.read_text(encoding="utf-8")
    table = readme_table.render(readme_table.parse(readme_table.RESULTS.read_text("utf-8")))
    begin = readme.index(readme_table.BEGIN) + len(readme_table.BEGIN)
    assert readme[begin : readme.index(readme_table.END)] == "\n" + table + "\n"
    assert readme_table.main(["--check"]) == 0


def test_the_generator_reads_each_run_and_says_what_is_missing() -> None:
    """Figures come from their own run's section; a figure no run has is said so."""
    from benchmarks import readme_table

    results = "\n".join(
        [
            "<!-- run n=100000 -->",
            "| figure | median | min | max | unit | ratio | target |",
            "| --- | ---: | ---: | ---: | --- | --- | --- |",
            "| replay_eps | 30,000 | 29,000 | 31,000 | events/s | 0.20 x raw | MISSED |",
            "<!-- end n=100000 -->",
            "<!-- run n=1000000 -->",
            "| peak_rss_mb | 149 | 148 | 150 | MB |  | met (value < 200) |",
            "<!-- end n=1000000 -->",
        ]
    )
    runs = readme_table.parse(results)
    assert runs[100_000]["replay_eps"]["median"] == "30,000"
    table = readme_table.render(runs)
    assert "| 1,000,000 | 149 MB | 148 – 150 |  | met (value < 200) |" in table
    assert "| 100,000 | 30,000 events/s | 29,000 – 31,000 | 0.20 x raw | MISSED |" in table
    assert "(`append_batched_eps`) | | not measured yet |" in table


def test_a_partial_run_replaces_only_its_own_rows(tmp_path: Path) -> None:
    """`--only` rewrites its figures' rows of the N's section and keeps the other rows."""
    from benchmarks.results import Figure, write_results

    path = tmp_path / "RESULTS.md"
    write_results(path, 10, [Figure("a_ms", "ms", [1.0]), Figure("b_ms", "ms", [2.0])])
    write_results(path, 10, [Figure("b_ms", "ms", [3.0]), Figure("c_ms", "ms", [4.0])], only=["x"])
    rows = [line.split("|")[1:3] for line in path.read_text().splitlines() if "_ms |" in line]
    assert [(n.strip(), v.strip()) for n, v in rows] == [
        ("a_ms", "1.00"),
        ("b_ms", "3.00"),
        ("c_ms", "4.00"),
    ]
    assert "- partial run (x) at" in path.read_text()

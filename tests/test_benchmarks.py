"""The benchmark harness runs and prints every figure (a smoke test: nothing here is timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
}
RATIOS = {
    "append_batched_eps": "raw_sqlite_append_eps",
    "replay_eps": "raw_sqlite_replay_eps",
    "catchup_ms_100k": "catchup_ms_empty",
    "cli_startup_ms": "python_import_typer_ms",
}


def test_quick_run_prints_every_figure(tmp_path: Path) -> None:
    """`python -m benchmarks --quick --json` prints one JSON object per figure, all numeric."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", "--n", "200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = {}
    for line in done.stdout.splitlines():
        figure = json.loads(line)
        figures[figure["name"]] = figure
    assert set(figures) == FIGURES
    for figure in figures.values():
        assert isinstance(figure["unit"], str)
        for field in ("median", "min", "max"):
            assert isinstance(figure[field], int | float) and figure[field] > 0, figure
        assert figure["min"] <= figure["median"] <= figure["max"]
    for name, raw in RATIOS.items():
        assert figures[name]["ratio_to"] == raw
        assert isinstance(figures[name]["ratio"], int | float)
